import express, { type Router } from 'express';
import type { Logger } from 'pino';
import { integrationTopic, randomSubjectRefOf, type AgencyDirectory, type AgencyKind, type SubjectRefOf } from '@xianjie/contracts';
import { refusingPersonalDataReadRecorder, type AccessRules, type PersonalDataReadRecorder, type TokenVerifier } from '@xianjie/auth';
import { createSqlProjector, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createOutboxRelay, type Bus, type OutboxRelay } from '@xianjie/messaging';
import { createCaseProjection, createCaseQueries } from './caseReadModel.ts';
import { createCaseNumbers } from './caseNumbers.ts';
import { createCaseService } from './caseService.ts';
import { createCaseIntegrationMessages } from './caseIntegrationMessages.ts';
import { createCaseTransferredReaction } from './caseTransferredReaction.ts';
import { createOperationFindingConsumer } from './operationFindingConsumer.ts';
import { createCommandApi } from './commandApi.ts';
import { createCaseQueryApi } from './queryApi.ts';
import { createCaseReads } from './caseReads.ts';

export interface CaseModuleOptions {
  /** The owning service, e.g. `health`: relay id, subscription, system actor, message source. */
  serviceName: string;
  /** The agency kinds whose cases this service runs. */
  agencyKinds: readonly AgencyKind[];
  store: EventStore;
  /** The service's own SQL database; `schema` is its own (read model, case numbers, relay checkpoint). */
  sql: SqlClient;
  schema: string;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  /** The clock: ISO-8601 now. */
  now?: () => string;
  /** Where the public case events go (the outbox relay publishes them); none = no relay. */
  bus?: Bus;
  /** The platform's keyed `subjectRef` (ADR 0008); default a random key of this process (tests, tools). */
  subjectRefOf?: SubjectRefOf;
  /** 查询留痕: the commission's recorder; default none (reads that must be recorded are refused). */
  recordReads?: PersonalDataReadRecorder;
}

/**
 * The administrative case workflow of one service, wired: commands, read model (projector), the
 * outbox relay of its public case events, and the reaction that marks a case transferred when its
 * transfer is approved. A service (market-regulation, health, medical-insurance) creates one for
 * its agency kind; several may share one store and one bus.
 */
export const createCaseModule = async (options: CaseModuleOptions) => {
  const { serviceName, agencyKinds, schema, store, sql, bus, directory, rules } = options;
  const logger = options.logger.child({ service: serviceName, workflow: 'case' });
  const owner = { agencyKinds, directory };
  const subjectRefOf = options.subjectRefOf ?? randomSubjectRefOf();
  const projector = createSqlProjector({
    store,
    sql,
    projection: createCaseProjection(schema, owner),
    schema,
    onError: (err) => logger.error({ err }, 'case projection failed; will retry'),
  });
  const numbers = createCaseNumbers(sql, schema);
  await projector.migrate();
  await numbers.migrate();
  const queries = createCaseQueries(sql, schema);
  const relay: OutboxRelay | null = bus
    ? createOutboxRelay({
        relayId: `${serviceName}.case`,
        store,
        sql,
        schema,
        streamPrefixes: ['case-'],
        toIntegrationMessages: createCaseIntegrationMessages({ source: `/xianjie/${serviceName}`, owner, subjectRefOf }),
        bus,
        logger,
      })
    : null;
  const cases = createCaseService({
    serviceName,
    agencyKinds,
    store,
    queries,
    numbers,
    projector,
    directory,
    rules,
    logger,
    now: options.now ?? (() => new Date().toISOString()),
    onAppended: () => relay?.notify(),
  });
  const reaction = createCaseTransferredReaction({ serviceName, store, cases, logger });
  // Findings of joint operations referred to this service's agencies (立案查处, 移送公安) open cases.
  const findings = bus
    ? createOperationFindingConsumer({
        serviceName,
        agencyKinds,
        bus,
        store,
        sql,
        schema,
        numbers,
        directory,
        logger,
        now: options.now ?? (() => new Date().toISOString()),
        onAppended: () => relay?.notify(),
      })
    : null;
  await findings?.migrate();
  /** The agencies of this service's kinds: the ones its read model can hold. */
  const ownAgencyIds = () =>
    directory
      .list()
      .filter((a) => (agencyKinds as readonly string[]).includes(a.kind))
      .map((a) => a.id);

  const reads = createCaseReads({
    cases,
    queries,
    rules,
    agencyIds: ownAgencyIds,
    subjectRefOf,
    recordReads: options.recordReads ?? refusingPersonalDataReadRecorder,
  });

  return {
    serviceName,
    agencyKinds,
    cases,
    queries,
    /** The case reads with the access rules applied (both adapters of the case client read through them). */
    reads,
    subjectRefOf,
    projector,
    relay,
    reaction,
    findings,
    /** The HTTP router (distributed mode): `POST /commands/:name` and `GET /cases`, `GET /cases/:id`. */
    httpApi(verifier: TokenVerifier): Router {
      const router = express.Router();
      router.use(createCommandApi({ cases, verifier, logger }));
      router.use(createCaseQueryApi({ reads, verifier, logger }));
      return router;
    },
    async start() {
      await projector.catchUp();
      projector.start();
      if (relay && bus) {
        await bus.ensureTopics([integrationTopic('case')]);
        await relay.start();
      }
      await reaction.start();
      await findings?.start();
    },
    async stop() {
      await findings?.stop();
      await reaction.stop();
      await relay?.stop();
      await projector.stop();
    },
  };
};

export type CaseModule = Awaited<ReturnType<typeof createCaseModule>>;
