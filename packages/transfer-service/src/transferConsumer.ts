import type { Logger } from 'pino';
import {
  FilingNoticeIssued,
  integrationEventNamed,
  integrationTopic,
  NonFilingExplanationRequested,
  receiverFactTypes,
  senderFactTypes,
  TransferApproved,
} from '@xianjie/contracts';
import type { AgencyKind, ReceiverFactType, SenderFactType } from '@xianjie/contracts';
import type { SqlClient } from '@xianjie/event-store';
import { createConsumerLoop, createInbox } from '@xianjie/messaging';
import type { Bus, IntegrationMessage } from '@xianjie/messaging';
import type { TransferService } from './transferService.ts';

export interface TransferConsumerOptions {
  /** The service's name: consumer group `<name>.transfer`, system actor `system:<name>`. */
  serviceName: string;
  bus: Bus;
  sql: SqlClient;
  schema: string;
  service: Pick<TransferService, 'note' | 'incoming' | 'recordProcuratorateNotice'>;
  agencyKinds: readonly AgencyKind[];
  logger: Logger;
}

const isSenderFact = (type: string): type is SenderFactType => (senderFactTypes as readonly string[]).includes(type);
const isReceiverFact = (type: string): type is ReceiverFactType => (receiverFactTypes as readonly string[]).includes(type);

/**
 * Follows `xianjie.transfer` for one service (its own consumer group; an inbox for once-only):
 * - a transfer sent to one of its agencies is kept in the incoming table (the receipt needs it);
 * - any other fact of the other side of a transfer it is party to is noted on its own stream
 *   (NoteReceiverStep on the sender's, NoteSenderStep on the receiver's) with the message id as
 *   the append's commandId, so a redelivery appends nothing;
 * - the procuratorate's notices (立案监督: 要求说明不立案理由, 通知立案) to one of its police agencies are
 *   recorded on its stream as their receipt (the same commandId rule).
 * The note's append is not inside the inbox transaction: in embedded mode the store and the
 * service share one PGlite, whose transaction would block the append; the commandId keeps it once.
 */
export const createTransferConsumer = (options: TransferConsumerOptions) => {
  const { serviceName, bus, service, logger } = options;
  const kinds = new Set<string>(options.agencyKinds);
  const consumer = `${serviceName}.transfer`;
  const inbox = createInbox({ sql: options.sql, schema: options.schema, consumer });
  const topic = integrationTopic('transfer');

  /** Applies one message; returns what it did (for the log and tests). */
  const handle = async (message: IntegrationMessage): Promise<'incoming' | 'noted' | 'skipped' | 'duplicate'> => {
    const eventType = integrationEventNamed(message.type)?.eventType;
    if (!eventType) return 'skipped';
    if (eventType === 'TransferApproved') {
      const sent = TransferApproved.parse(message.data);
      if (!kinds.has(sent.toAgency.kind)) return 'skipped';
      const { applied } = await inbox.handleOnce(message.id, (tx) => service.incoming.record(tx, sent, message.id));
      return applied ? 'incoming' : 'duplicate';
    }
    if (await inbox.has(message.id)) return 'duplicate';
    if (eventType === 'NonFilingExplanationRequested' || eventType === 'FilingNoticeIssued') {
      const notice =
        eventType === 'NonFilingExplanationRequested'
          ? { notice: 'INQUIRY' as const, ...NonFilingExplanationRequested.parse(message.data) }
          : { notice: 'FILING_ORDER' as const, ...FilingNoticeIssued.parse(message.data) };
      const recorded = await service.recordProcuratorateNotice({
        notice: notice.notice,
        transferId: notice.transferId,
        policeAgencyId: notice.policeAgencyId,
        documentNumber: notice.documentNumber,
        issuedAt: notice.notice === 'INQUIRY' ? notice.requestedAt : notice.issuedAt,
        messageId: message.id,
        correlationId: message.correlationid ?? null,
        serviceName,
      });
      if (!recorded) return 'skipped';
      await inbox.handleOnce(message.id, async () => {});
      return recorded.duplicate || recorded.events.length === 0 ? 'duplicate' : 'noted';
    }
    const side = isReceiverFact(eventType) ? 'SENDER' : isSenderFact(eventType) ? 'RECEIVER' : null;
    if (!side) return 'skipped';
    const factType = eventType as SenderFactType | ReceiverFactType;
    const data = message.data as { transferId?: unknown };
    const noted = await service.note({
      side,
      transferId: String(data.transferId),
      fact: { type: factType, data: message.data },
      messageId: message.id,
      correlationId: message.correlationid ?? null,
      serviceName,
    });
    if (!noted) return 'skipped';
    await inbox.handleOnce(message.id, async () => {});
    return noted.duplicate || noted.events.length === 0 ? 'duplicate' : 'noted';
  };

  const loop = createConsumerLoop({ bus, groupId: consumer, topic, logger, label: 'transfer', handle, migrate: () => inbox.migrate() });

  return {
    inbox,
    handle,
    async migrate() {
      await inbox.migrate();
    },
    start: loop.start,
    stop: loop.stop,
  };
};

export type TransferConsumer = ReturnType<typeof createTransferConsumer>;
