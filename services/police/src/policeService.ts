import express, { type Router } from 'express';
import type { Logger } from 'pino';
import type { AgencyDirectory, TransferKind, TransferPolicy, WorkingCalendar } from '@xianjie/contracts';
import type { AccessRules, TokenVerifier } from '@xianjie/auth';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import type { Bus } from '@xianjie/messaging';
import { createTransferModule } from '@xianjie/transfer-service';
import { createAuditTrailReader, createAuditTrailRoute, ownedByAgencyKinds } from '@xianjie/audit-trail';

export interface PoliceServiceOptions {
  store: EventStore;
  /** The service's own SQL database (its own schema; nothing else reads it). */
  sql: SqlClient;
  schema?: string;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  now?: () => string;
  /** The bus: none = commands and queries only (no relay, no consumer). */
  bus?: Bus;
  /** The working-day calendar deadlines count with (default: the built-in State Council notices). */
  calendar?: WorkingCalendar;
  /** The transfer policies (default: the built-in table; a province's local rules, decision 0014). */
  policies?: Readonly<Record<TransferKind, TransferPolicy>>;
}

/**
 * 公安: the receiving side of 行刑衔接 (签收, 补充材料, 立案/不予立案, 复议, 移交, 结果反馈) and the
 * sending side of 反向衔接 (REVERSE: a case sent back for administrative penalty when no crime is
 * pursued). Police hold no administrative case streams; a REVERSE transfer names the case of a
 * transfer they received.
 */
export const createPoliceService = async (options: PoliceServiceOptions) => {
  const serviceName = 'police';
  const agencyKinds = ['POLICE'] as const;
  const transfers = await createTransferModule({
    serviceName,
    agencyKinds,
    store: options.store,
    sql: options.sql,
    schema: options.schema ?? 'police',
    directory: options.directory,
    rules: options.rules,
    logger: options.logger,
    ...(options.now ? { now: options.now } : {}),
    decider: {
      ...(options.calendar ? { calendar: options.calendar } : {}),
      ...(options.policies ? { policies: options.policies } : {}),
    },
    ...(options.bus ? { bus: options.bus } : {}),
  });
  /** The audit trails of its side of its transfers. */
  const auditTrails = createAuditTrailReader({ store: options.store, rules: options.rules, owns: ownedByAgencyKinds(options.directory, agencyKinds) });
  return {
    serviceName,
    agencyKinds,
    transfers,
    auditTrails,
    start: () => transfers.start(),
    stop: () => transfers.stop(),
    /** The HTTP API (distributed mode): transfer commands and queries. */
    router(verifier: TokenVerifier): Router {
      const router = express.Router();
      router.use(transfers.httpApi(verifier));
      router.use(createAuditTrailRoute({ reader: auditTrails, verifier, logger: options.logger }));
      return router;
    },
  };
};

export type PoliceService = Awaited<ReturnType<typeof createPoliceService>>;
