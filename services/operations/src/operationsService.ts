import express, { type Router } from 'express';
import { createAuditTrailReader, createAuditTrailRoute, ownedByPrefix } from '@xianjie/audit-trail';
import { foldCaseConsultation, foldClueNotice, foldJointMeeting, foldOperation } from '@xianjie/domain';
import type {
  CaseConsultationEvent,
  ClueNoticeEvent,
  JointMeetingEvent,
  OperationEvent,
} from '@xianjie/contracts';
import type { Logger } from 'pino';
import { integrationTopic } from '@xianjie/contracts';
import type {
  AgencyDirectory,
  ClueNoticeReplyWindow,
  ConsultationAnswerWindow,
  WorkingCalendar,
} from '@xianjie/contracts';
import type { AccessRules, TokenVerifier } from '@xianjie/auth';
import { createSqlProjector } from '@xianjie/event-store';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import { createOutboxRelay } from '@xianjie/messaging';
import type { Bus, OutboxRelay } from '@xianjie/messaging';
import { createCaseFactsConsumer } from './caseFactsConsumer.ts';
import type { CaseFactsConsumer } from './caseFactsConsumer.ts';
import { createOperationCommands } from './operationCommands.ts';
import { createOperationHttpApi } from './operationHttpApi.ts';
import { operationEventView } from './operationView.ts';
import { createInProcessOperationsClient } from './client/operationsClient.ts';
import { createOperationExportsRouter } from './exports/operationExports.ts';
import { createOperationIntegrationMessages } from './operationIntegrationMessages.ts';
import { createOperationQueries } from './operationQueries.ts';
import { createOperationProjection, createOperationRows } from './operationReadModel.ts';
import { createJointMeetings } from './jointMeetings.ts';
import { createJointMeetingApi } from './jointMeetingApi.ts';
import { createCaseConsultations } from './caseConsultations.ts';
import { createCaseConsultationApi } from './caseConsultationApi.ts';
import { createClueNotices } from './clueNotices.ts';
import { createClueNoticeApi } from './clueNoticeApi.ts';

export interface OperationsServiceOptions {
  store: EventStore;
  /** The service's own SQL database (its own schema; nothing else reads it). */
  sql: SqlClient;
  /** Its SQL schema, `operations` by default. */
  schema?: string;
  /** 行政区划代码 → name (the directory file's regions), for the exports. */
  regionNames?: ReadonlyMap<string, string>;
  /** The bus: the relay publishes `xianjie.operation`, the consumer follows `xianjie.case`; none = commands and queries only. */
  bus?: Bus;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  /** The clock: ISO-8601 now. */
  now?: () => string;
  /** The working-day calendar (XIANJIE_CALENDAR_FILE over the built-in notices): 案件咨询's answer window counts with it. */
  calendar?: WorkingCalendar;
  /** 案件咨询's answer window, a local rule (default 3 working days). */
  consultationWindow?: ConsultationAnswerWindow;
  /** 线索通报's reply window, a local rule (default 3 working days). */
  clueNoticeWindow?: ClueNoticeReplyWindow;
}

const serviceName = 'operations';

/**
 * 专项整治 (DESIGN §3.3): joint operations planned by a lead agency of any kind — plan, mixed
 * inspection groups, targets, inspections, the problem ledger with 销号 and 回头看, the link to the
 * cases findings open, and the result report to the discipline commission. Owns the
 * `operation-<id>` streams; talks to other services only through `xianjie.operation` (out) and
 * `xianjie.case` (in).
 */
export const createOperationsService = async (options: OperationsServiceOptions) => {
  const { store, sql, bus, directory, rules } = options;
  const schema = options.schema ?? 'operations';
  const logger = options.logger.child({ service: serviceName });
  const now = options.now ?? (() => new Date().toISOString());

  const projector = createSqlProjector({
    store,
    sql,
    schema,
    projection: createOperationProjection(schema),
    onError: (err) => logger.error({ err }, 'operations projection failed; will retry'),
  });
  await projector.migrate();
  const relay: OutboxRelay | null = bus
    ? createOutboxRelay({
        relayId: `${serviceName}.operation`,
        store,
        sql,
        schema,
        streamPrefixes: ['operation-'],
        toIntegrationMessages: createOperationIntegrationMessages({ source: `/xianjie/${serviceName}` }),
        bus,
        logger,
      })
    : null;
  const operations = createOperationCommands({
    serviceName,
    store,
    directory,
    rules,
    logger,
    now,
    onAppended: () => relay?.notify(),
  });
  const queries = createOperationQueries({
    rows: createOperationRows(sql, schema),
    commands: operations,
    rules,
    now,
  });
  const consumer: CaseFactsConsumer | null = bus
    ? createCaseFactsConsumer({ serviceName, bus, sql, schema, commands: operations, logger })
    : null;
  await consumer?.migrate();
  /** 联席会议 (DESIGN §3.5): its own streams `joint-meeting-<id>` and read model; nothing on the bus. */
  const jointMeetings = createJointMeetings({ store, sql, schema, directory, rules, logger, now });
  await jointMeetings.migrate();
  /** 案件咨询 (DESIGN §3.5): its own streams `consultation-<id>` and read model; nothing on the bus. */
  const consultations = createCaseConsultations({
    store,
    sql,
    schema,
    directory,
    rules,
    logger,
    now,
    ...(options.calendar ? { calendar: options.calendar } : {}),
    ...(options.consultationWindow ? { window: options.consultationWindow } : {}),
  });
  await consultations.migrate();
  /** 线索通报 (DESIGN §3.5): its own streams `clue-notice-<id>` and read model; nothing on the bus. */
  const clueNotices = createClueNotices({
    store,
    sql,
    schema,
    directory,
    rules,
    logger,
    now,
    ...(options.calendar ? { calendar: options.calendar } : {}),
    ...(options.clueNoticeWindow ? { window: options.clueNoticeWindow } : {}),
  });
  await clueNotices.migrate();

  /**
   * The audit trails of its operation streams: its lead agency owns the trail and its participants
   * are parties (as `canReadOperation`); the events are shown through `operationEventView`, because
   * the stream holds the secret target lists (四不两直). The chain is verified on the stored events.
   */
  const auditTrails = createAuditTrailReader({
    store,
    rules,
    owns: (streamId) =>
      ownedByPrefix('operation-')(streamId) ||
      streamId.startsWith('joint-meeting-') ||
      streamId.startsWith('consultation-') ||
      streamId.startsWith('clue-notice-'),
    describe: (principal, streamId, events) => {
      // 联席会议 and 案件咨询: the convenor (the asker) owns the trail; the meeting's agencies (the consulted one) are parties.
      if (streamId.startsWith('joint-meeting-')) {
        const meeting = foldJointMeeting(
          events.map((e) => ({ type: e.type, data: e.data }) as JointMeetingEvent),
        );
        return meeting.status === 'NONE'
          ? null
          : { ownerAgencyId: meeting.convenor.id, partyAgencyIds: meeting.participants.map((a) => a.id) };
      }
      if (streamId.startsWith('consultation-')) {
        const consultation = foldCaseConsultation(
          events.map((e) => ({ type: e.type, data: e.data }) as CaseConsultationEvent),
        );
        return consultation.status === 'NONE'
          ? null
          : { ownerAgencyId: consultation.from.id, partyAgencyIds: [consultation.to.id] };
      }
      if (streamId.startsWith('clue-notice-')) {
        const notice = foldClueNotice(events.map((e) => ({ type: e.type, data: e.data }) as ClueNoticeEvent));
        return notice.status === 'NONE'
          ? null
          : { ownerAgencyId: notice.from.id, partyAgencyIds: [notice.to.id] };
      }
      const state = foldOperation(events.map((e) => ({ type: e.type, data: e.data }) as OperationEvent));
      if (state.status === 'NONE') return null;
      return {
        ownerAgencyId: state.leadAgency.id,
        partyAgencyIds: state.participants.map((a) => a.id),
        show: (stored) =>
          stored.map((e) => ({
            ...e,
            data: operationEventView(principal, rules, state, { type: e.type, data: e.data }).data,
          })),
      };
    },
  });

  /** The downloads (问题台账 and 覆盖情况 as .xlsx) with a bearer token, the queries' access rules applied. */
  const downloads = (verifier: TokenVerifier): Router =>
    createOperationExportsRouter({
      operations: createInProcessOperationsClient({
        operations,
        queries,
        jointMeetings,
        consultations,
        clueNotices,
      }),
      verifier,
      directory,
      regionNames: options.regionNames ?? new Map(),
      logger,
    });

  return {
    serviceName,
    auditTrails,
    /** The commands (`execute`, `operationAsOf`, and `noteCaseFact` for the consumer). */
    operations,
    /** The read model with the access rules applied. */
    queries,
    /** 联席会议: commands and queries with the access rules applied. */
    jointMeetings,
    /** 案件咨询: commands and queries with the access rules applied. */
    consultations,
    /** 线索通报: commands and queries with the access rules applied. */
    clueNotices,
    projector,
    relay,
    consumer,
    async start() {
      await projector.catchUp();
      projector.start();
      await jointMeetings.start();
      await consultations.start();
      await clueNotices.start();
      if (bus) {
        await bus.ensureTopics([integrationTopic('operation'), integrationTopic('case')]);
        await relay?.start();
        await consumer?.start();
      }
    },
    async stop() {
      await consumer?.stop();
      await relay?.stop();
      await jointMeetings.stop();
      await consultations.stop();
      await clueNotices.stop();
      await projector.stop();
    },
    downloads,
    /** The HTTP API (distributed mode): operation commands and queries, and the downloads. */
    router(verifier: TokenVerifier): Router {
      const router = express.Router();
      router.use(createJointMeetingApi({ meetings: jointMeetings, verifier, logger }));
      router.use(createCaseConsultationApi({ consultations, verifier, logger }));
      router.use(createClueNoticeApi({ notices: clueNotices, verifier, logger }));
      router.use(createOperationHttpApi({ commands: operations, queries, verifier, logger }));
      router.use(downloads(verifier));
      router.use(createAuditTrailRoute({ reader: auditTrails, verifier, logger }));
      return router;
    },
  };
};

export type OperationsService = Awaited<ReturnType<typeof createOperationsService>>;
