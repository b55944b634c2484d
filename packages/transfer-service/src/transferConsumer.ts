import type { Logger } from 'pino';
import { integrationEventNamed, integrationTopic, receiverFactTypes, senderFactTypes, TransferApproved } from '@xianjie/contracts';
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
  service: Pick<TransferService, 'note' | 'incoming'>;
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
 *   the append's commandId, so a redelivery appends nothing.
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
