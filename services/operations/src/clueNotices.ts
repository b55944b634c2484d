import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  AcknowledgeClueNoticeInput,
  clueNoticeReplyWindow,
  clueNoticeStreamId,
  ReplyClueNoticeInput,
  SendClueNoticeInput,
  commandTime,
  ConcurrencyError,
  defaultWorkingCalendar,
  ForbiddenError,
  idForCommand,
  NotFoundError,
  parseInput,
  ValidationError,
} from '@xianjie/contracts';
import type {
  Actor,
  AgencyDirectory,
  AgencyRef,
  ClueNoticeDisposition,
  ClueNoticeEvent,
  ClueNoticeReplyWindow,
  ClueNoticeStatus,
  WorkingCalendar,
} from '@xianjie/contracts';
import { decideClueNotice, evolveClueNotice, foldClueNotice, isClueNoticeOverdue } from '@xianjie/domain';
import type { ClueNotice, ClueNoticeCommand, ClueNoticeState } from '@xianjie/domain';
import { assertAllowed, clueNoticeCommandRoles } from '@xianjie/auth';
import type { AccessRules, ClueNoticeCommandName, Principal } from '@xianjie/auth';
import { appendDecided, createSqlProjector } from '@xianjie/event-store';
import type { EventStore, RecordedEvent, SqlClient, SqlProjection } from '@xianjie/event-store';

/** The 线索通报 commands by their API names (the keys of auth's `clueNoticeCommandRoles`). */
export const clueNoticeCommandNames = Object.keys(clueNoticeCommandRoles) as ClueNoticeCommandName[];

export const clueNoticeCommandInputs: Readonly<Record<ClueNoticeCommandName, z.ZodType>> = {
  sendClueNotice: SendClueNoticeInput,
  acknowledgeClueNotice: AcknowledgeClueNoticeInput,
  replyClueNotice: ReplyClueNoticeInput,
};

/** A clue notice as an API shows it to either agency (and overseers): the clue and the reply. */
export interface ClueNoticeView {
  noticeId: string;
  streamId: string;
  status: ClueNoticeStatus;
  fromAgencyId: string;
  toAgencyId: string;
  caseId: string | null;
  caseReference: string | null;
  facts: string;
  suspectedOffence: string;
  sentAt: string;
  /** The reply's due time under `window` (a local rule). */
  dueAt: string;
  window: ClueNoticeReplyWindow;
  /** Unreplied after `dueAt`, judged at `asOf`. */
  overdue: boolean;
  acknowledgedAt: string | null;
  disposition: ClueNoticeDisposition | null;
  reply: string | null;
  repliedAt: string | null;
  late: boolean;
  asOf: string;
  version: number;
}

export interface ClueNoticeCommandContext {
  principal: Principal;
  correlationId?: string;
  /** When the step happened, for trusted in-process callers (the demo seed); never over HTTP. */
  occurredAt?: string;
}

const PREFIX = 'clue-notice-';
const RETRIES = 3;
const toEvent = (e: RecordedEvent): ClueNoticeEvent => ({ type: e.type, data: e.data }) as ClueNoticeEvent;
const ref = (a: AgencyRef): AgencyRef => ({ id: a.id, kind: a.kind, regionCode: a.regionCode });
const factsOf = (n: ClueNotice) => ({ fromAgencyId: n.from.id, toAgencyId: n.to.id });

export const clueNoticeView = (n: ClueNotice, version: number, asOf: string): ClueNoticeView => ({
  noticeId: n.noticeId,
  streamId: clueNoticeStreamId(n.noticeId),
  status: n.status,
  fromAgencyId: n.from.id,
  toAgencyId: n.to.id,
  caseId: n.caseId,
  caseReference: n.caseReference,
  facts: n.facts,
  suspectedOffence: n.suspectedOffence,
  sentAt: n.sentAt,
  dueAt: n.dueAt,
  window: n.window,
  overdue: isClueNoticeOverdue(n, asOf),
  acknowledgedAt: n.acknowledgedAt,
  disposition: n.disposition,
  reply: n.reply,
  repliedAt: n.repliedAt,
  late: n.late,
  asOf,
  version,
});

/** One row per clue-notice stream, the state folded by the decider's `evolve`; rebuildable. */
export const createClueNoticeProjection = (schema: string): SqlProjection => {
  const table = `"${schema}".clue_notices`;
  return {
    name: `${schema}.clue_notices`,
    // Bump on any change to this read model's tables or apply logic: the projector then rebuilds it.
    version: 1,
    streamPrefixes: [PREFIX],
    async migrate(sql) {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${table} (
          id text PRIMARY KEY,
          status text NOT NULL,
          from_agency_id text NOT NULL,
          to_agency_id text NOT NULL,
          due_at timestamptz NOT NULL,
          state jsonb NOT NULL,
          version integer NOT NULL);
        CREATE INDEX IF NOT EXISTS clue_notices_to_idx ON ${table} (to_agency_id, status);
        CREATE INDEX IF NOT EXISTS clue_notices_from_idx ON ${table} (from_agency_id);`);
    },
    async reset(tx) {
      await tx.exec(`TRUNCATE ${table};`);
    },
    async apply(tx, recorded) {
      if (!recorded.streamId.startsWith(PREFIX)) return;
      const id = recorded.streamId.slice(PREFIX.length);
      const { rows } = await tx.query<{ state: ClueNoticeState; version: number }>(
        `SELECT state, version FROM ${table} WHERE id = $1`,
        [id],
      );
      const row = rows[0];
      if (row && recorded.version <= Number(row.version)) return; // already applied
      if (!row && recorded.version !== 1) return; // a stream seen from its middle: only a rebuild fixes it
      const state = evolveClueNotice(row?.state ?? { status: 'NONE' }, toEvent(recorded));
      if (state.status === 'NONE') return;
      await tx.query(
        `INSERT INTO ${table} (id, status, from_agency_id, to_agency_id, due_at, state, version)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, state = excluded.state, version = excluded.version`,
        [id, state.status, state.from.id, state.to.id, state.dueAt, JSON.stringify(state), recorded.version],
      );
    },
  };
};

export interface ClueNoticesOptions {
  store: EventStore;
  sql: SqlClient;
  schema: string;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  now: () => string;
  /** The working-day calendar the reply window counts with (default: the built-in notices). */
  calendar?: WorkingCalendar;
  /** The reply window (a local rule; default `clueNoticeReplyWindow`, 3 working days). */
  window?: ClueNoticeReplyWindow;
}

/**
 * 线索通报 (DESIGN §3.5, decision 0017): an agency's staff tell the police of a clue that may be
 * criminal; the police's staff acknowledge (签收) and reply (反馈) within the local-rule window. One
 * stream per notice (`clue-notice-<id>`, the sender's). The pipeline of the other modules: validate →
 * load → NOT_FOUND to whoever may not read → the party's right → retried commandId → expectedVersion
 * → decide → append. Nothing goes on the bus.
 */
export const createClueNotices = (options: ClueNoticesOptions) => {
  const { store, sql, directory, rules, logger, now } = options;
  const calendar = options.calendar ?? defaultWorkingCalendar;
  const window = options.window ?? clueNoticeReplyWindow;
  const table = `"${options.schema}".clue_notices`;
  const projector = createSqlProjector({
    store,
    sql,
    schema: options.schema,
    projection: createClueNoticeProjection(options.schema),
    onError: (err) => logger.error({ err }, 'clue-notice projection failed; will retry'),
  });

  const load = async (id: string, asOf?: string) => {
    const events = await store.readStream(clueNoticeStreamId(id), asOf ? { until: asOf } : {});
    return {
      events,
      state: foldClueNotice(events.map(toEvent)),
      version: events.length ? events.at(-1)!.version : 0,
    };
  };

  const execute = async (
    name: ClueNoticeCommandName,
    rawInput: unknown,
    context: ClueNoticeCommandContext,
  ) => {
    const started = performance.now();
    if (!Object.hasOwn(clueNoticeCommandInputs, name)) {
      throw new ValidationError([{ path: 'command', message: `未知的线索通报命令 "${String(name)}"` }]);
    }
    const { principal } = context;
    const correlationId = context.correlationId ?? randomUUID();
    const input = parseInput(clueNoticeCommandInputs[name], rawInput) as Record<string, unknown> & {
      commandId?: string;
      noticeId?: string;
      expectedVersion?: number;
    };
    const stated = context.occurredAt === undefined ? undefined : commandTime(context.occurredAt, now());
    const agency = directory.get(principal.agencyId);
    if (!agency) throw new ForbiddenError(`agency "${principal.agencyId}" is not in the directory`);
    const id =
      name === 'sendClueNotice' ? idForCommand('clue', agency.id, input.commandId) : String(input.noticeId);
    const streamId = clueNoticeStreamId(id);
    const actor: Actor = {
      userId: principal.userId,
      name: principal.name,
      agencyId: principal.agencyId,
      roles: principal.roles,
    };

    for (let attempt = 1; ; attempt++) {
      const loaded = await load(id);
      const state = loaded.state;
      if (state.status === 'NONE') {
        if (name !== 'sendClueNotice') throw new NotFoundError('ClueNotice', id);
        assertAllowed(rules.canRunClueNoticeCommand(principal, name, { fromAgencyId: agency.id }));
      } else {
        if (!rules.canReadClueNotice(principal, factsOf(state)).allowed)
          throw new NotFoundError('ClueNotice', id);
        assertAllowed(rules.canRunClueNoticeCommand(principal, name, factsOf(state)));
      }
      if (input.commandId) {
        const own = loaded.events.filter((e) => e.metadata.commandId === input.commandId);
        if (own.length > 0 && state.status !== 'NONE') {
          return {
            notice: clueNoticeView(state, loaded.version, now()),
            version: loaded.version,
            events: own,
            duplicate: true,
          };
        }
      }
      if (input.expectedVersion !== undefined && input.expectedVersion !== loaded.version) {
        throw new ConcurrencyError(streamId, input.expectedVersion, loaded.version);
      }
      const at = stated ?? now();
      const base = { noticeId: id, at, actor };
      let command: ClueNoticeCommand;
      if (name === 'sendClueNotice') {
        const to = directory.get(String(input.toAgencyId));
        if (!to)
          throw new ValidationError([
            { path: 'toAgencyId', message: `${String(input.toAgencyId)} 不是机构名录中的单位` },
          ]);
        command = {
          ...base,
          type: 'SendClueNotice',
          from: ref(agency),
          to: ref(to),
          caseId: (input.caseId as string | undefined) ?? null,
          caseReference: (input.caseReference as string | undefined) ?? null,
          facts: String(input.facts),
          suspectedOffence: String(input.suspectedOffence),
          window,
          calendar,
        };
      } else if (name === 'acknowledgeClueNotice') {
        command = { ...base, type: 'AcknowledgeClueNotice', agencyId: agency.id };
      } else {
        command = {
          ...base,
          type: 'ReplyClueNotice',
          agencyId: agency.id,
          disposition: input.disposition as ClueNoticeDisposition,
          reply: String(input.reply),
        };
      }
      const decided = decideClueNotice(command, state);
      try {
        const result = await appendDecided(store, streamId, loaded.version, decided, {
          actor,
          at,
          correlationId,
          commandId: input.commandId ?? null,
        });
        const after = result.duplicate
          ? (await load(id)).state
          : foldClueNotice([...loaded.events, ...result.events].map(toEvent));
        logger.info(
          {
            command: name,
            noticeId: id,
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
          notice: clueNoticeView(after as ClueNotice, result.nextExpectedVersion, at),
          version: result.nextExpectedVersion,
          events: result.events,
          duplicate: result.duplicate,
        };
      } catch (error) {
        if (error instanceof ConcurrencyError && input.expectedVersion === undefined && attempt < RETRIES)
          continue;
        throw error;
      }
    }
  };

  const listed = async (where: string, params: unknown[]) =>
    (
      await sql.query<{ state: ClueNotice; version: number }>(
        `SELECT state, version FROM ${table} ${where} ORDER BY due_at, id`,
        params,
      )
    ).rows;

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
    /** One notice folded from its events (up to `asOf`); NOT_FOUND when unknown or not the principal's to read. */
    async notice(principal: Principal, id: string, asOf?: string): Promise<ClueNoticeView> {
      const loaded = await load(id, asOf);
      if (
        loaded.state.status === 'NONE' ||
        !rules.canReadClueNotice(principal, factsOf(loaded.state)).allowed
      ) {
        throw new NotFoundError('ClueNotice', id);
      }
      return clueNoticeView(loaded.state, loaded.version, asOf ?? now());
    },
    /** The notices the principal may read (sent by or to its agency; overseers: their region's), earliest due first. */
    async notices(
      principal: Principal,
      filter: { status?: readonly ClueNoticeStatus[]; asOf?: string } = {},
    ): Promise<ClueNoticeView[]> {
      const rows = await listed(
        filter.status?.length ? 'WHERE status = ANY($1::text[])' : '',
        filter.status?.length ? [filter.status] : [],
      );
      const asOf = filter.asOf ?? now();
      return rows
        .filter((r) => rules.canReadClueNotice(principal, factsOf(r.state)).allowed)
        .map((r) => clueNoticeView(r.state, Number(r.version), asOf));
    },
    /** The notices sent to the principal's agency and not replied (its 待办), earliest due first. */
    async openNotices(principal: Principal, asOf?: string): Promise<ClueNoticeView[]> {
      const rows = await listed(`WHERE status <> 'REPLIED' AND to_agency_id = $1`, [principal.agencyId]);
      const at = asOf ?? now();
      return rows.map((r) => clueNoticeView(r.state, Number(r.version), at));
    },
  };
};

export type ClueNoticesModule = ReturnType<typeof createClueNotices>;
