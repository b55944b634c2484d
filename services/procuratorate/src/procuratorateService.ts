import type { Logger } from 'pino';
import {
  filingSupervisionStreamPrefix,
  integrationEventFor,
  integrationEventNamed,
  integrationTopic,
  NonFilingExplained,
  TransferAccepted,
} from '@xianjie/contracts';
import type { AgencyDirectory, WorkingCalendar } from '@xianjie/contracts';
import type { AccessRules, TokenVerifier } from '@xianjie/auth';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import { createConsumerLoop, createInbox, createOutboxRelay, integrationMessageFrom } from '@xianjie/messaging';
import type { Bus, IntegrationMessage, ToIntegrationMessages } from '@xianjie/messaging';
import { createAuditTrailReader, createAuditTrailRoute, ownedByPrefix } from '@xianjie/audit-trail';
import express, { type Router } from 'express';
import { createTransferCopies } from './transferCopies.ts';
import { createFilingSupervision } from './filingSupervision.ts';
import { createProcuratorateApi } from './procuratorateApi.ts';

export interface ProcuratorateServiceOptions {
  /** The event store: the procuratorate's own streams (立案监督 `filing-supervision-<transferId>`). */
  store: EventStore;
  sql: SqlClient;
  bus: Bus;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  schema?: string;
  now?: () => string;
  /** The working-day calendar the police's windows are counted with (default: the built-in notices). */
  calendar?: WorkingCalendar;
}

/** The procuratorate's notices as public messages on `xianjie.transfer`, keyed by the transfer id. */
const toMessages: ToIntegrationMessages = (event) => {
  if (!event.streamId.startsWith(filingSupervisionStreamPrefix)) return [];
  const publicEvent = integrationEventFor('transfer', event.type);
  if (!publicEvent) return [];
  return [
    {
      topic: integrationTopic('transfer'),
      message: integrationMessageFrom(event, {
        type: publicEvent.name,
        source: '/xianjie/procuratorate',
        data: event.data,
        partitionKey: String(event.data.transferId),
      }),
    },
  ];
};

/**
 * 人民检察院 (DESIGN §3.6): follows `xianjie.transfer` (its own consumer group, an inbox so a
 * redelivered message has no second effect) to keep its copy (抄送) of every criminal transfer and to
 * note the police's answers under its supervision; runs 立案监督 on its own streams and publishes its
 * notices to the police through its outbox relay. Its HTTP API serves the gateway in distributed mode.
 */
export const createProcuratorateService = async (options: ProcuratorateServiceOptions) => {
  const schema = options.schema ?? 'procuratorate';
  const logger = options.logger.child({ service: 'procuratorate' });
  const now = options.now ?? (() => new Date().toISOString());
  const consumer = 'procuratorate.transfer';
  const inbox = createInbox({ sql: options.sql, schema, consumer });
  const copies = createTransferCopies({ sql: options.sql, schema, rules: options.rules, logger });
  await copies.migrate();
  await inbox.migrate();
  const relay = createOutboxRelay({
    relayId: 'procuratorate.filing-supervision',
    store: options.store,
    sql: options.sql,
    schema,
    streamPrefixes: [filingSupervisionStreamPrefix],
    toIntegrationMessages: toMessages,
    bus: options.bus,
    logger,
  });
  const supervision = createFilingSupervision({
    store: options.store,
    sql: options.sql,
    schema,
    rules: options.rules,
    logger,
    now,
    copies,
    ...(options.calendar ? { calendar: options.calendar } : {}),
    onAppended: () => relay.notify(),
  });
  await supervision.migrate();

  /** The audit trails of its 立案监督 streams: the procuratorate owns them; the transfer's parties are parties. */
  const auditTrails = createAuditTrailReader({
    store: options.store,
    rules: options.rules,
    owns: ownedByPrefix(filingSupervisionStreamPrefix),
    describe: (_principal, _streamId, events) => {
      const data = events[0]?.data as { procuratorateId?: string; policeAgencyId?: string; senderAgencyId?: string } | undefined;
      return data?.procuratorateId
        ? { ownerAgencyId: data.procuratorateId, partyAgencyIds: [data.policeAgencyId ?? '', data.senderAgencyId ?? ''].filter(Boolean) }
        : null;
    },
  });

  /** One message of `xianjie.transfer`: the police's answer noted first (idempotent by its id), then the copy. */
  const handle = async (message: IntegrationMessage): Promise<'applied' | 'skipped' | 'duplicate'> => {
    if (await inbox.has(message.id)) return 'duplicate';
    const eventType = integrationEventNamed(message.type)?.eventType;
    if (!eventType) return 'skipped';
    let noted = false;
    if (eventType === 'NonFilingExplained') {
      const d = NonFilingExplained.parse(message.data);
      const events = await supervision.note({
        transferId: d.transferId,
        answer: { type: 'EXPLAINED', explanation: d.explanation, explainedAt: d.explainedAt },
        messageId: message.id,
        correlationId: message.correlationid ?? null,
      });
      noted = (events?.length ?? 0) > 0;
    } else if (eventType === 'TransferAccepted') {
      const d = TransferAccepted.parse(message.data);
      const events = await supervision.note({
        transferId: d.transferId,
        answer: { type: 'FILED', documentNumber: d.documentNumber, filedAt: d.acceptedAt },
        messageId: message.id,
        correlationId: message.correlationid ?? null,
      });
      noted = (events?.length ?? 0) > 0;
    }
    let copied = false;
    const { applied } = await inbox.handleOnce(message.id, async (tx) => {
      copied = await copies.apply(tx, message);
    });
    return noted || (applied && copied) ? 'applied' : applied ? 'skipped' : 'duplicate';
  };
  const loop = createConsumerLoop({
    bus: options.bus,
    groupId: consumer,
    topic: integrationTopic('transfer'),
    logger,
    label: 'procuratorate',
    handle,
    migrate: () => inbox.migrate(),
  });

  const service = {
    copies,
    supervision,
    auditTrails,
    relay,
    /** One message as the consumer handles it (tests). */
    handle,
    /** The HTTP API (distributed mode): copies, 立案监督 commands and queries, audit trails. */
    router(verifier: TokenVerifier): Router {
      const router = express.Router();
      router.use(createProcuratorateApi({ copies, supervision, verifier, logger }));
      router.use(createAuditTrailRoute({ reader: auditTrails, verifier, logger }));
      return router;
    },
    async start() {
      await supervision.start();
      await options.bus.ensureTopics([integrationTopic('transfer')]);
      await relay.start();
      await loop.start();
    },
    async stop() {
      await loop.stop();
      await relay.stop();
      await supervision.stop();
    },
  };
  return service;
};

export type ProcuratorateService = Awaited<ReturnType<typeof createProcuratorateService>>;
