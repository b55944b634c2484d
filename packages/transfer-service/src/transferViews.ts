import type { AccessRules, Principal } from '@xianjie/auth';
import { transferReceiverStreamId, transferStreamId } from '@xianjie/contracts';
import type { AgencyDirectory, AgencyKind, TransferApproved, TransferKind, TransferPolicy, WorkingCalendar } from '@xianjie/contracts';
import { foldTransferSide, mergeTransferSides, type MergedTransfer, type TransferMergeOptions } from '@xianjie/domain';
import type { EventStore } from '@xianjie/event-store';
import type { IncomingTransfers } from './incomingTransfers.ts';

export interface TransferViewsOptions {
  store: Pick<EventStore, 'readStream'>;
  incoming: Pick<IncomingTransfers, 'get'>;
  directory: AgencyDirectory;
  rules: AccessRules;
  agencyKinds: readonly AgencyKind[];
  calendar?: WorkingCalendar;
  /** The policies the deciders count with (a province's local rules): the merge folds with the same. */
  policies?: Readonly<Record<TransferKind, TransferPolicy>>;
}

/**
 * A transfer as this service knows it (DESIGN §3.2), for a party of it: once this service's side
 * has a stream, both streams merged (the other side's as far as the store holds it; its facts are
 * also noted here as they arrive); before the receiver signs for it, the transfer as sent (its
 * incoming table), never the sender's stream. So what a user
 * sees is what their own service can act on: a police officer sees a transfer as SENT exactly when
 * `receiveTransfer` can find it. To anyone but its parties a transfer does not exist (null).
 */
export const createTransferViews = (options: TransferViewsOptions) => {
  const kinds = new Set<string>(options.agencyKinds);
  const merge: TransferMergeOptions = {
    ...(options.calendar ? { calendar: options.calendar } : {}),
    ...(options.policies ? { policies: options.policies } : {}),
  };
  /** A stream this service owns: the sender's of its agencies' transfers, the receiver's of those sent to them. */
  const owned = (agencyId: string | undefined) => kinds.has(options.directory.get(agencyId ?? '')?.kind ?? '');

  return {
    async view(principal: Principal, transferId: string, asOf?: string): Promise<MergedTransfer | null> {
      const until = asOf ? { until: asOf } : {};
      const [out, into] = await Promise.all([
        options.store.readStream(transferStreamId(transferId), until),
        options.store.readStream(transferReceiverStreamId(transferId), until),
      ]);
      const sender = foldTransferSide('SENDER', out, merge);
      const receiver = foldTransferSide('RECEIVER', into, merge);
      const ownSide = (sender && owned(sender.state.fromAgency.id)) || (receiver && owned(receiver.state.toAgency.id));
      if (!ownSide) {
        // Sent to one of this service's agencies and not signed for yet: the transfer as sent.
        const arrived = await options.incoming.get(transferId);
        if (!arrived || (asOf && Date.parse(arrived.sentAt) > Date.parse(asOf))) return null;
        const asSent = asSentEvents(arrived.sent);
        const fold = foldTransferSide('SENDER', asSent, merge);
        const merged = fold && mergeTransferSides(fold, null, merge);
        // The caller's own stream (the receiver's) does not exist yet: version 0.
        return merged && isParty(principal, merged) ? { ...merged, senderVersion: null, receiverVersion: 0 } : null;
      }
      // This service's side exists: the other side's stream, where the store holds it too (one
      // database, as today in both modes), adds its facts before they are noted here.
      const merged = mergeTransferSides(sender, receiver, merge);
      return merged && isParty(principal, merged) ? merged : null;
    },
  };

  function isParty(principal: Principal, transfer: MergedTransfer): boolean {
    return options.rules.canReadTransfer(principal, {
      fromAgencyId: transfer.fromAgency.id,
      toAgencyId: transfer.toAgency.id,
    }).allowed;
  }
};

/** The sender's facts as the `sent` message carries them (proposal and approval in one). */
const asSentEvents = (sent: TransferApproved) => [
  { type: 'TransferProposed', data: sent as unknown as Record<string, unknown>, version: 1, metadata: { occurredAt: sent.approvedAt } },
  { type: 'TransferApproved', data: sent as unknown as Record<string, unknown>, version: 2, metadata: { occurredAt: sent.sentAt } },
];

export type TransferViews = ReturnType<typeof createTransferViews>;
