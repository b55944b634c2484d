import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { AgencyDirectory, AgencyKind, SubjectRefOf, TransferKind, TransferPolicy, WorkingCalendar } from '@xianjie/contracts';
import type { AccessRules, PersonalDataReadRecorder, TokenVerifier } from '@xianjie/auth';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import type { Bus } from '@xianjie/messaging';
import { createTransferModule } from '@xianjie/transfer-service';
import { createCaseModule } from './caseModule.ts';
import { createAuditTrailReader, createAuditTrailRoute, ownedByAgencyKinds } from '@xianjie/audit-trail';

/** What an administrative agency service (market regulation, health, medical insurance) is given. */
export interface AdministrativeAgencyServiceOptions {
  store: EventStore;
  /** The service's own SQL database for read models (its own schema; nothing else reads it). */
  sql: SqlClient;
  /** Its SQL schema (default: the service name with `_`). */
  schema?: string;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  now?: () => string;
  /** The working-day calendar transfer deadlines count with (default: the built-in State Council notices). */
  calendar?: WorkingCalendar;
  /** The transfer policies (default: the built-in table; a province's local rules, decision 0014). */
  policies?: Readonly<Record<TransferKind, TransferPolicy>>;
  /** The bus: the outbox relays publish the public case and transfer events, the consumers read; none = no bus. */
  bus?: Bus;
  /** The platform's keyed `subjectRef` (ADR 0008); default a random key of this process. */
  subjectRefOf?: SubjectRefOf;
  /** 查询留痕: the commission's recorder (reads of personal data by overseers); default none (such reads are refused). */
  recordReads?: PersonalDataReadRecorder;
}

/**
 * One administrative agency service: the case workflow (立案 → 处罚 → 结案) and the transfer workflow
 * of the agencies of one kind, on the service's own schema. It owns the `case-*` streams of its
 * agencies and its side of their transfers; several services may share one store and one bus.
 * Market regulation, health and medical insurance are this, each for its kind.
 */
export const createAdministrativeAgencyService = async (
  identity: { serviceName: string; agencyKind: AgencyKind },
  options: AdministrativeAgencyServiceOptions,
) => {
  const { serviceName } = identity;
  const agencyKinds: readonly AgencyKind[] = [identity.agencyKind];
  const common = {
    serviceName,
    agencyKinds,
    store: options.store,
    sql: options.sql,
    schema: options.schema ?? serviceName.replaceAll('-', '_'),
    directory: options.directory,
    rules: options.rules,
    logger: options.logger,
    ...(options.now ? { now: options.now } : {}),
    ...(options.bus ? { bus: options.bus } : {}),
  };
  const caseModule = await createCaseModule({
    ...common,
    ...(options.subjectRefOf ? { subjectRefOf: options.subjectRefOf } : {}),
    ...(options.recordReads ? { recordReads: options.recordReads } : {}),
  });
  const transfers = await createTransferModule({
    ...common,
    decider: {
      ...(options.calendar ? { calendar: options.calendar } : {}),
      ...(options.policies ? { policies: options.policies } : {}),
    },
  });
  /** The audit trails of its case streams and its side of its transfers. */
  const auditTrails = createAuditTrailReader({
    store: options.store,
    rules: options.rules,
    owns: ownedByAgencyKinds(options.directory, agencyKinds),
    subjectRefOf: caseModule.subjectRefOf,
    ...(options.recordReads ? { recordReads: options.recordReads } : {}),
  });
  return {
    serviceName,
    agencyKinds,
    auditTrails,
    /** The case commands (`execute`, `caseAsOf`). */
    cases: caseModule.cases,
    /** The case read model. */
    queries: caseModule.queries,
    /** The case reads with the access rules applied. */
    reads: caseModule.reads,
    projector: caseModule.projector,
    relay: caseModule.relay,
    caseModule,
    transfers,
    async start() {
      await caseModule.start();
      await transfers.start();
    },
    async stop() {
      await transfers.stop();
      await caseModule.stop();
    },
    /** The HTTP API (distributed mode): case commands and queries, transfer commands and queries. */
    router(verifier: TokenVerifier): Router {
      const router = express.Router();
      router.use(caseModule.httpApi(verifier));
      router.use(transfers.httpApi(verifier));
      router.use(createAuditTrailRoute({ reader: auditTrails, verifier, logger: options.logger }));
      return router;
    },
  };
};

export type AdministrativeAgencyService = Awaited<ReturnType<typeof createAdministrativeAgencyService>>;
