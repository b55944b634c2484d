import type { KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import {
  integrationTopic,
  notificationStreamPrefix,
  personalDataReadStreamPrefix,
  type AgencyDirectory,
  type TransferKind,
  type TransferPolicy,
  type WorkingCalendar,
} from '@xianjie/contracts';
import type { AccessRules, PersonalDataReadRecorder, Principal, ReaderAuth } from '@xianjie/auth';
import { assertAllowed, recordPersonalDataReadsFirst } from '@xianjie/auth';
import express, { type Router } from 'express';
import { createAuditTrailReader, createAuditTrailRoute, ownedByAgencyKinds, ownedByPrefix } from '@xianjie/audit-trail';
import type { TokenVerifier } from '@xianjie/auth';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import { createTransferModule } from '@xianjie/transfer-service';
import { createOversightQueryApi } from './queryApi.ts';
import { createInbox, type Bus, type BusSubscription } from '@xianjie/messaging';
import { createCaseOversightModel } from './caseOversightModel.ts';
import { createOversightQueries } from './oversightQueries.ts';
import { createOperationReports } from './operationReports.ts';
import { createOperationReportApi } from './operationReportApi.ts';
import { createCaseSupervision } from './caseSupervision.ts';
import { createCaseSupervisionApi } from './caseSupervisionApi.ts';
import { createPersonalDataReads } from './personalDataReads.ts';
import { createPersonalDataReadApi } from './personalDataReadApi.ts';
import { createChainAnchor } from './chainAnchor.ts';
import { createChainAnchorApi } from './chainAnchorApi.ts';
import { createCaseSupervisionProjection } from './caseSupervision.ts';
import { createPersonalDataReadProjection } from './personalDataReads.ts';
import { createReminders, type RemindersOptions } from './reminders.ts';
import { createNotificationApi } from './notificationApi.ts';

export interface DisciplineInspectionServiceOptions {
  /** The event store: the commission's own streams (行纪 clues received and disposed of; 挂牌督办 `supervision-<caseId>`; 查询留痕 `data-reads-<agencyId>-<YYYYMM>`). */
  store: EventStore;
  sql: SqlClient;
  bus: Bus;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  schema?: string;
  now?: () => string;
  /** The working-day calendar deadlines count with (default: the built-in State Council notices). */
  calendar?: WorkingCalendar;
  /** The transfer policies (default: the built-in table; a province's local rules, decision 0014). */
  policies?: Readonly<Record<TransferKind, TransferPolicy>>;
  /** The platform's service key: other services sign their 查询留痕 records with it (distributed mode); none: no one may call in. */
  serviceKey?: string | null;
  /** The checkpoint signing key (Ed25519), loaded at creation; absent: a key for this process only. */
  checkpointKey?: () => KeyObject;
  /** Milliseconds between signed checkpoints of every stream's head (default 10 minutes). */
  checkpointIntervalMs?: number;
  /** Reminders: how often the scheduler looks for due timers, and what else hears a sent reminder (e-mail). */
  reminders?: Pick<RemindersOptions, 'pollIntervalMs' | 'onSent' | 'claimant'>;
  /** Reminder e-mail (SMTP_URL, SMTP_FROM); null or absent: none. */
  smtp?: { url: string; from: string } | null;
}

/**
 * 纪委监委: follows the agencies' public case events over the bus (its own consumer group, its own
 * schema, an inbox so a redelivered message has no second effect) and answers oversight queries;
 * receives 行纪 transfers (problem clues about officials) and disposes of them (its transfer module).
 */
export const createDisciplineInspectionService = async (options: DisciplineInspectionServiceOptions) => {
  const schema = options.schema ?? 'discipline_inspection';
  const logger = options.logger.child({ service: 'discipline-inspection' });
  const model = createCaseOversightModel(schema);
  const inbox = createInbox({ sql: options.sql, schema, consumer: 'discipline-inspection.case-facts' });
  await model.migrate(options.sql);
  await inbox.migrate();
  const queries = createOversightQueries(options.sql, schema);
  const transfers = await createTransferModule({
    serviceName: 'discipline-inspection',
    agencyKinds: ['DISCIPLINE_INSPECTION'],
    store: options.store,
    sql: options.sql,
    schema,
    directory: options.directory,
    rules: options.rules,
    logger: options.logger,
    bus: options.bus,
    ...(options.now ? { now: options.now } : {}),
    decider: {
      ...(options.calendar ? { calendar: options.calendar } : {}),
      ...(options.policies ? { policies: options.policies } : {}),
    },
  });
  // Result reports of joint operations addressed to the commission (专项整治结果报告).
  const operationReports = createOperationReports({
    sql: options.sql,
    schema,
    bus: options.bus,
    rules: options.rules,
    logger,
    now: options.now ?? (() => new Date().toISOString()),
  });
  await operationReports.migrate();
  // 挂牌督办: the commission's own supervision streams, over its case facts.
  const supervision = createCaseSupervision({
    store: options.store,
    sql: options.sql,
    schema,
    rules: options.rules,
    logger,
    now: options.now ?? (() => new Date().toISOString()),
    caseFacts: (caseId) => model.caseFacts(options.sql, caseId),
  });
  await supervision.migrate();
  // 查询留痕: the commission's record of its overseers' reads of personal data.
  const personalDataReads = createPersonalDataReads({
    store: options.store,
    sql: options.sql,
    schema,
    rules: options.rules,
    logger,
    now: options.now ?? (() => new Date().toISOString()),
  });
  await personalDataReads.migrate();
  // The commission records the reads it serves itself, in-process.
  const recordOwnReads: PersonalDataReadRecorder = (input, reader) =>
    personalDataReads.record(input, { principal: reader.principal, ...(reader.correlationId ? { correlationId: reader.correlationId } : {}) });
  const recording = { rules: options.rules, recorder: recordOwnReads };
  // Reminders and escalation (decision 0018): timers derived from every transfer's deadlines, the
  // scheduler that fires them, and the notification centre. The commission's service runs them in
  // distributed mode (any number of its processes: a timer fires once).
  const reminders = createReminders({
    store: options.store,
    sql: options.sql,
    schema,
    directory: options.directory,
    logger: logger.child({ module: 'reminders' }),
    now: options.now ?? (() => new Date().toISOString()),
    ...(options.calendar ? { calendar: options.calendar } : {}),
    ...(options.policies ? { policies: options.policies } : {}),
    smtp: options.smtp ?? null,
    ...options.reminders,
  });
  await reminders.migrate();
  // Tamper evidence beyond the chain (decision 0011): signed checkpoints of every stream's head.
  const anchor = createChainAnchor({
    store: options.store,
    sql: options.sql,
    rules: options.rules,
    logger,
    now: options.now ?? (() => new Date().toISOString()),
    ...(options.checkpointKey ? { signingKey: options.checkpointKey() } : {}),
    ...(options.checkpointIntervalMs ? { intervalMs: options.checkpointIntervalMs } : {}),
    readModels: [
      { schema, projectionFor: createPersonalDataReadProjection },
      { schema, projectionFor: createCaseSupervisionProjection },
    ],
  });
  const topic = integrationTopic('case');
  let subscription: BusSubscription | null = null;

  /** The agencies whose cases this principal may oversee (access rules decide; nothing else). */
  const overseenAgencies = (principal: Principal): string[] => {
    assertAllowed(options.rules.canReadOversight(principal));
    return options.directory
      .list()
      .filter((a) => options.rules.canReadCase(principal, { agencyId: a.id }).allowed)
      .map((a) => a.id);
  };

  /** The audit trails of its side of 行纪 transfers, its 挂牌督办 and its 查询留痕 streams. */
  const ownsTransfer = ownedByAgencyKinds(options.directory, ['DISCIPLINE_INSPECTION']);
  const ownsOwn = ownedByPrefix('supervision-', personalDataReadStreamPrefix, notificationStreamPrefix);
  const auditTrails = createAuditTrailReader({
    store: options.store,
    rules: options.rules,
    owns: (streamId, events) => ownsOwn(streamId) || ownsTransfer(streamId, events),
  });

  /**
   * The oversight views that name persons (以罚代刑, 屡查屡犯), as every adapter serves them: for
   * overseers (FORBIDDEN otherwise), and 查询留痕-recorded before they are returned (fail closed).
   */
  const oversightReads = {
    async penaltyInsteadOfTransfer(reader: ReaderAuth) {
      const rows = await queries.penaltyInsteadOfTransfer(overseenAgencies(reader.principal));
      await recordPersonalDataReadsFirst(
        recording,
        reader,
        'oversight.penaltyInsteadOfTransfer',
        rows.map((r) => ({ caseId: r.caseId, agencyId: r.agencyId, subjectKind: r.subjectKind, subjectRef: r.subjectRef })),
      );
      return rows;
    },
    async repeatOffenders(reader: ReaderAuth, options: { windowDays: number; minViolations: number; asOf: string }) {
      const rows = await queries.repeatOffenders({ ...options, agencyIds: overseenAgencies(reader.principal) });
      await recordPersonalDataReadsFirst(
        recording,
        reader,
        'oversight.repeatOffenders',
        rows.flatMap((r) => r.cases.map((c) => ({ ...c, subjectKind: r.subjectKind, subjectRef: r.subjectRef }))),
      );
      return rows;
    },
  };

  const service = {
    queries,
    oversightReads,
    auditTrails,
    overseenAgencies,
    transfers,
    operationReports,
    /** 挂牌督办: `execute('superviseCase' | 'liftCaseSupervision', input, { principal })`, `list(principal, asOf)`, `ofCase(principal, caseId, asOf)`. */
    supervision,
    /** 查询留痕: `record(input, { principal, correlationId })` (before the data is served), `list(principal, { from, to, readerId? })`. */
    personalDataReads,
    /** Reminders and the notification centre: `list(principal, {first, unreadOnly})`, `unreadCount`, `markRead`, `runDue()`. */
    reminders,
    /** Signed checkpoints of every stream's head and the integrity check against them: `take`, `verify(principal)`, `publicKey()`, `nextDueAt()`. */
    anchor,
    /** The HTTP API (distributed mode): oversight queries, 挂牌督办, transfer commands and queries. */
    router(verifier: TokenVerifier): Router {
      const router = express.Router();
      router.use(createOversightQueryApi({ service, verifier, logger }));
      router.use(createOperationReportApi({ reports: operationReports, verifier, logger }));
      router.use(createCaseSupervisionApi({ supervision, verifier, logger }));
      router.use(createPersonalDataReadApi({ reads: personalDataReads, verifier, logger, serviceKey: options.serviceKey ?? null }));
      router.use(createChainAnchorApi({ anchor, verifier, logger }));
      router.use(createNotificationApi({ reminders, verifier, logger }));
      router.use(transfers.httpApi(verifier));
      router.use(createAuditTrailRoute({ reader: auditTrails, verifier, logger }));
      return router;
    },
    async start() {
      await transfers.start();
      await options.bus.ensureTopics([topic]);
      subscription = await options.bus.subscribe({
        groupId: 'discipline-inspection.case-facts',
        topics: [topic],
        fromBeginning: true,
        handler: async (message, delivery) => {
          const { applied } = await inbox.handleOnce(message.id, (tx) => model.apply(tx, message));
          logger.info(
            { messageId: message.id, type: message.type, correlationId: message.correlationid ?? null, applied, attempt: delivery.attempt },
            applied ? 'message applied' : 'duplicate message skipped',
          );
        },
      });
      await subscription.ready;
      await operationReports.start();
      await supervision.start();
      await personalDataReads.start();
      await anchor.start();
      await reminders.start();
    },
    async stop() {
      await reminders.stop();
      await anchor.stop();
      await personalDataReads.stop();
      await supervision.stop();
      await operationReports.stop();
      await subscription?.stop();
      subscription = null;
      await transfers.stop();
    },
  };
  return service;
};

export type DisciplineInspectionService = Awaited<ReturnType<typeof createDisciplineInspectionService>>;
