import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  caseSupervisionStreamId,
  ConcurrencyError,
  LiftCaseSupervisionInput,
  NotFoundError,
  parseInput,
  SuperviseCaseInput,
  ValidationError,
  commandTime,
} from '@xianjie/contracts';
import type { Actor, CaseStatus, CaseSupervisionEvent } from '@xianjie/contracts';
import { decideCaseSupervision, evolveCaseSupervision, foldCaseSupervision, isSupervisionOverdue } from '@xianjie/domain';
import type { CaseSupervision, CaseSupervisionCommand, CaseSupervisionState, SupervisedCaseFacts } from '@xianjie/domain';
import { assertAllowed, supervisionCommandRoles } from '@xianjie/auth';
import type { AccessRules, Principal, SupervisionCommandName } from '@xianjie/auth';
import { appendDecided, createSqlProjector } from '@xianjie/event-store';
import type { EventStore, RecordedEvent, SqlClient, SqlProjection } from '@xianjie/event-store';

/** The 挂牌督办 commands by their API names (the keys of auth's `supervisionCommandRoles`). */
export const supervisionCommandNames = Object.keys(supervisionCommandRoles) as SupervisionCommandName[];

const inputs: Readonly<Record<SupervisionCommandName, z.ZodType>> = {
  superviseCase: SuperviseCaseInput,
  liftCaseSupervision: LiftCaseSupervisionInput,
};

/** A case under supervision as an API shows it: the supervision and the case's facts, overdue judged at a time. */
export interface SupervisedCaseItem {
  caseId: string;
  /** The commission's stream of this supervision (`supervision-<caseId>`): its audit trail. */
  streamId: string;
  caseNumber: string;
  caseAgencyId: string;
  /** The case's status as the commission's case facts say now. */
  caseStatus: CaseStatus;
  /** The supervising commission (纪委监委). */
  commissionId: string;
  reason: string;
  requirements: string | null;
  /** 督办期限 (Beijing date). */
  dueDate: string;
  /** 24:00 of `dueDate`, Beijing time. */
  dueAt: string;
  supervisedAt: string;
  /** Not closed by `dueAt`, judged at the query's time (`isSupervisionOverdue`). */
  overdue: boolean;
  closedAt: string | null;
  /** Set once lifted (解除督办); lists show only supervisions not lifted. */
  liftedAt: string | null;
  liftReason: string | null;
  version: number;
}

export interface SupervisionCommandResult {
  item: SupervisedCaseItem;
  version: number;
  /** Events appended by this command (the first attempt's, for a retried commandId). */
  events: RecordedEvent[];
  duplicate: boolean;
}

export interface SupervisionCommandContext {
  principal: Principal;
  correlationId?: string;
  /**
   * When the step happened (ISO-8601 with offset, not after now), for trusted in-process callers
   * that record the past (the demo seed, importers): the command's time instead of `now()`, so the
   * supervision's 督办期限 is judged from it. The HTTP command API never sets it.
   */
  occurredAt?: string;
}

const PREFIX = 'supervision-';
/** How often a command without `expectedVersion` is decided again after another append won the race. */
const RETRIES = 3;

const iso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();
const isoOrNull = (value: unknown): string | null => (value === null || value === undefined ? null : iso(value));
const toEvent = (e: RecordedEvent): CaseSupervisionEvent => ({ type: e.type, data: e.data }) as CaseSupervisionEvent;

/**
 * The read model of supervisions: one row per case stream, the state folded by the decider's own
 * `evolve`. Built only from the commission's `supervision-` streams; rebuildable.
 */
export const createCaseSupervisionProjection = (schema: string): SqlProjection => {
  const table = `"${schema}".case_supervisions`;
  return {
    name: `${schema}.case_supervisions`,
    // Bump on any change to this read model's tables or apply logic: the projector then rebuilds it.
    version: 1,
    streamPrefixes: [PREFIX],
    async migrate(sql) {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${table} (
          case_id text PRIMARY KEY,
          stream_id text NOT NULL,
          status text NOT NULL,
          case_agency_id text NOT NULL,
          commission_id text NOT NULL,
          due_at timestamptz NOT NULL,
          state jsonb NOT NULL,
          version integer NOT NULL);
        CREATE INDEX IF NOT EXISTS case_supervisions_due_idx ON ${table} (status, due_at);`);
    },
    async reset(tx) {
      await tx.exec(`TRUNCATE ${table};`);
    },
    async apply(tx, recorded) {
      if (!recorded.streamId.startsWith(PREFIX)) return;
      const caseId = recorded.streamId.slice(PREFIX.length);
      const { rows } = await tx.query<{ state: CaseSupervisionState; version: number }>(
        `SELECT state, version FROM ${table} WHERE case_id = $1`,
        [caseId],
      );
      const row = rows[0];
      if (row && recorded.version <= Number(row.version)) return; // already applied
      if (!row && recorded.version !== 1) return; // a stream seen from its middle: only a rebuild fixes it
      const state = evolveCaseSupervision(row?.state ?? { status: 'NONE' }, toEvent(recorded));
      if (state.status === 'NONE') return;
      await tx.query(
        `INSERT INTO ${table} (case_id, stream_id, status, case_agency_id, commission_id, due_at, state, version)
         VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8)
         ON CONFLICT (case_id) DO UPDATE SET status = excluded.status, case_agency_id = excluded.case_agency_id,
           commission_id = excluded.commission_id, due_at = excluded.due_at, state = excluded.state, version = excluded.version`,
        [caseId, recorded.streamId, state.status, state.caseAgencyId, state.commissionId, state.dueAt, JSON.stringify(state), recorded.version],
      );
    },
  };
};

export interface CaseSupervisionOptions {
  store: EventStore;
  sql: SqlClient;
  schema: string;
  rules: AccessRules;
  logger: Logger;
  /** The clock: ISO-8601 now. */
  now: () => string;
  /** The commission's case facts of one case (from the agencies' public case events), or null. */
  caseFacts(caseId: string): Promise<SupervisedCaseFacts | null>;
}

/**
 * 挂牌督办 (DESIGN §3.4): the commission lists a case for supervision with a due date and lifts it,
 * on its own stream per case (`supervision-<caseId>`, hash-chained like every stream, actor in the
 * metadata). A command: validate → `rules.canRunSupervisionCommand` (a commission's head, else
 * FORBIDDEN) → the commission's case facts (a case it does not know, or outside its region, is
 * NOT_FOUND: existence does not leak) → load the stream → a retried `commandId` answers as the first
 * time → `expectedVersion` → the decider → append with the loaded version. Queries read the
 * projection joined with the case facts, with the access rules applied.
 */
export const createCaseSupervision = (options: CaseSupervisionOptions) => {
  const { store, sql, rules, logger, now } = options;
  const table = `"${options.schema}".case_supervisions`;
  const facts = `"${options.schema}".case_facts`;
  const projector = createSqlProjector({
    store,
    sql,
    schema: options.schema,
    projection: createCaseSupervisionProjection(options.schema),
    onError: (err) => logger.error({ err }, 'supervision projection failed; will retry'),
  });

  const load = async (caseId: string) => {
    const events = await store.readStream(caseSupervisionStreamId(caseId));
    return { events, state: foldCaseSupervision(events.map(toEvent)), version: events.length ? events.at(-1)!.version : 0 };
  };

  const itemOf = (
    state: CaseSupervision,
    caseFacts: Pick<SupervisedCaseFacts, 'status' | 'closedAt'>,
    version: number,
    asOf: string,
  ): SupervisedCaseItem => ({
    caseId: state.caseId,
    streamId: caseSupervisionStreamId(state.caseId),
    caseNumber: state.caseNumber,
    caseAgencyId: state.caseAgencyId,
    caseStatus: caseFacts.status,
    commissionId: state.commissionId,
    reason: state.reason,
    requirements: state.requirements,
    dueDate: state.dueDate,
    dueAt: iso(state.dueAt),
    supervisedAt: iso(state.supervisedAt),
    overdue: isSupervisionOverdue(state, caseFacts.closedAt, asOf),
    closedAt: isoOrNull(caseFacts.closedAt),
    liftedAt: isoOrNull(state.liftedAt),
    liftReason: state.liftReason,
    version,
  });

  /** The case as this principal's commission may know it: null when unknown or outside its region. */
  const knownCase = async (principal: Principal, name: SupervisionCommandName, caseId: string) => {
    const found = await options.caseFacts(caseId);
    return found && rules.canRunSupervisionCommand(principal, name, { agencyId: found.agencyId }).allowed ? found : null;
  };

  const execute = async (
    name: SupervisionCommandName,
    rawInput: unknown,
    context: SupervisionCommandContext,
  ): Promise<SupervisionCommandResult> => {
    const started = performance.now();
    if (!Object.hasOwn(inputs, name)) {
      throw new ValidationError([{ path: 'command', message: `unknown supervision command "${String(name)}"` }]);
    }
    const { principal } = context;
    const correlationId = context.correlationId ?? randomUUID();
    const input = parseInput(inputs[name], rawInput) as Record<string, unknown> & {
      caseId: string;
      commandId?: string;
      expectedVersion?: number;
      reason: string;
    };
    // Checked once, before any attempt: a stated time is the same on every retry of the race below.
    const stated = context.occurredAt === undefined ? undefined : commandTime(context.occurredAt, now());
    assertAllowed(rules.canRunSupervisionCommand(principal, name));
    const caseFacts = await knownCase(principal, name, input.caseId);
    if (!caseFacts) throw new NotFoundError('Case', input.caseId);
    const streamId = caseSupervisionStreamId(input.caseId);
    const actor: Actor = { userId: principal.userId, name: principal.name, agencyId: principal.agencyId, roles: principal.roles };

    for (let attempt = 1; ; attempt++) {
      const loaded = await load(input.caseId);
      if (name === 'liftCaseSupervision' && loaded.state.status !== 'NONE') {
        assertAllowed(
          rules.canRunSupervisionCommand(principal, name, { agencyId: caseFacts.agencyId, supervisingAgencyId: loaded.state.commissionId }),
        );
      }
      // A retried command finds its own events on the stream: answer as the first time, append nothing.
      if (input.commandId) {
        const own = loaded.events.filter((e) => e.metadata.commandId === input.commandId);
        if (own.length > 0 && loaded.state.status !== 'NONE') {
          return { item: itemOf(loaded.state, caseFacts, loaded.version, now()), version: loaded.version, events: own, duplicate: true };
        }
      }
      if (input.expectedVersion !== undefined && input.expectedVersion !== loaded.version) {
        throw new ConcurrencyError(streamId, input.expectedVersion, loaded.version);
      }
      const at = stated ?? now();
      const base = { caseId: input.caseId, at, actor, commissionId: principal.agencyId, reason: input.reason };
      const command: CaseSupervisionCommand =
        name === 'superviseCase'
          ? {
              ...base,
              type: 'SuperviseCase',
              case: caseFacts,
              dueDate: String(input.dueDate),
              requirements: (input.requirements as string | undefined) ?? null,
            }
          : { ...base, type: 'LiftCaseSupervision' };
      const decided = decideCaseSupervision(command, loaded.state);
      try {
        const result = await appendDecided(store, streamId, loaded.version, decided, { actor, at, correlationId, commandId: input.commandId ?? null });
        const after = result.duplicate ? await load(input.caseId) : null;
        const state = (after?.state ?? foldCaseSupervision([...loaded.events, ...result.events].map(toEvent))) as CaseSupervision;
        logger.info(
          {
            command: name,
            caseId: input.caseId,
            correlationId,
            commandId: input.commandId ?? null,
            actor: principal.userId,
            version: result.nextExpectedVersion,
            events: result.events.map((e) => e.type),
            duplicate: result.duplicate,
            attempt,
            ms: Math.round(performance.now() - started),
          },
          'command handled',
        );
        return {
          item: itemOf(state, caseFacts, result.nextExpectedVersion, at),
          version: result.nextExpectedVersion,
          events: result.events,
          duplicate: result.duplicate,
        };
      } catch (error) {
        // Another commission's append came first: decide again on the new state unless the caller pinned a version.
        if (error instanceof ConcurrencyError && input.expectedVersion === undefined && attempt < RETRIES) continue;
        throw error;
      }
    }
  };

  // Joined with the case facts (status, closedAt): they were there when the case was listed; after a
  // rebuild of the facts a supervision shows again once its case's facts are back.
  type Row = { state: CaseSupervision; version: number; status: CaseStatus; closed_at: unknown };
  const rowsOf = async (where: string, params: unknown[]): Promise<Row[]> =>
    (
      await sql.query<Row>(
        `SELECT s.state, s.version, f.status, f.closed_at
         FROM ${table} s JOIN ${facts} f ON f.case_id = s.case_id
         WHERE ${where} ORDER BY s.due_at, s.case_id`,
        params,
      )
    ).rows;
  const toItem = (row: Row, asOf: string): SupervisedCaseItem =>
    itemOf(row.state, { status: row.status, closedAt: isoOrNull(row.closed_at) }, Number(row.version), asOf);

  return {
    projector,
    execute,
    async migrate() {
      await projector.migrate();
    },
    async start() {
      await projector.catchUp();
      projector.start();
    },
    async stop() {
      await projector.stop();
    },
    /**
     * The cases under supervision (not lifted) that the principal may see, earliest due first, with
     * `overdue` judged at `asOf` (default: the service's clock now): a commission's overseers and supervisors see those of the agencies
     * in their region and below (whoever supervises them); admins see all.
     */
    async list(principal: Principal, asOf: string = now()): Promise<SupervisedCaseItem[]> {
      assertAllowed(rules.canReadSupervisedCases(principal));
      const rows = await rowsOf(`s.status = 'SUPERVISED'`, []);
      return rows
        .filter((row) => rules.canReadCaseSupervision(principal, { agencyId: row.state.caseAgencyId }).allowed)
        .map((row) => toItem(row, asOf));
    },
    /**
     * The supervision a case is under, if the principal may see it (the case's own agency, the
     * commissions of its region, admins); null when it is under none or not the principal's to see.
     */
    async ofCase(principal: Principal, caseId: string, asOf: string = now()): Promise<SupervisedCaseItem | null> {
      const [row] = await rowsOf(`s.case_id = $1 AND s.status = 'SUPERVISED'`, [caseId]);
      if (!row || !rules.canReadCaseSupervision(principal, { agencyId: row.state.caseAgencyId }).allowed) return null;
      return toItem(row, asOf);
    },
    /** The commission's case facts of a case (no access applied: for the service and its tests). */
    caseFacts: options.caseFacts,
  };
};

export type CaseSupervisionModule = ReturnType<typeof createCaseSupervision>;
export type { CaseSupervisionState };
