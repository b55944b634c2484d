import type { IntegrationEvent } from './integrationEvents.ts';
import { transferFactSchemas } from './transfer.ts';
import type { TransferFactType } from './transfer.ts';

/**
 * The public transfer messages: each party's facts the other party (and oversight) consumes.
 * Both streams (`transfer-out-<id>`, `transfer-in-<id>`) are of stream category `transfer`, so
 * every message goes to one topic keyed by the transfer id and keeps its order per transfer: the
 * deciders expect the other side's facts in the order they happened.
 * Private: TransferProposed and TransferRefused (they never leave the sender) and the noted copies.
 */
const publicFacts: [name: string, eventType: TransferFactType][] = [
  // sender → receiver
  ['xianjie.transfer.sent.v1', 'TransferApproved'],
  ['xianjie.transfer.materials-supplemented.v1', 'MaterialsSupplemented'],
  ['xianjie.transfer.reconsideration-requested.v1', 'ReconsiderationRequested'],
  ['xianjie.transfer.supervision-suggested.v1', 'ProcuratorateSupervisionSuggested'],
  ['xianjie.transfer.materials-handed-over.v1', 'MaterialsHandedOver'],
  ['xianjie.transfer.closed.v1', 'TransferClosed'],
  // receiver → sender
  ['xianjie.transfer.receipt-signed.v1', 'TransferReceiptSigned'],
  ['xianjie.transfer.forwarded.v1', 'TransferForwarded'],
  ['xianjie.transfer.returned.v1', 'TransferReturned'],
  ['xianjie.transfer.supplement-requested.v1', 'SupplementRequested'],
  ['xianjie.transfer.accepted.v1', 'TransferAccepted'],
  ['xianjie.transfer.declined.v1', 'TransferDeclined'],
  ['xianjie.transfer.deadline-extended.v1', 'DeadlineExtended'],
  ['xianjie.transfer.reconsideration-decided.v1', 'ReconsiderationDecided'],
  ['xianjie.transfer.clue-disposed.v1', 'ClueDisposed'],
  ['xianjie.transfer.result-recorded.v1', 'TransferResultRecorded'],
  // 立案监督: the procuratorate's notices as the police recorded them, and the police's explanation
  ['xianjie.transfer.procuratorate-inquiry-recorded.v1', 'ProcuratorateInquiryRecorded'],
  ['xianjie.transfer.non-filing-explained.v1', 'NonFilingExplained'],
  ['xianjie.transfer.procuratorate-filing-order-recorded.v1', 'ProcuratorateFilingOrderRecorded'],
];

export const transferIntegrationEvents: readonly IntegrationEvent[] = publicFacts.map(([name, eventType]) => ({
  name,
  eventType,
  streamCategory: 'transfer',
  schema: transferFactSchemas[eventType],
}));
