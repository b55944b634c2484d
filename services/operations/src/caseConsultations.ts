import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  AnswerCaseConsultationInput,
  AskCaseConsultationInput,
  caseConsultationAnswerWindow,
  caseConsultationStreamId,
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
  CaseConsultationEvent,
  CaseConsultationStatus,
  ConsultationAnswerWindow,
  ConsultationOpinion,
  WorkingCalendar,
} from '@xianjie/contracts';
import { decideCaseConsultation, evolveCaseConsultation, foldCaseConsultation, isConsultationOverdue } from '@xianjie/domain';
import type { CaseConsultation, CaseConsultationCommand, CaseConsultationState } from '@xianjie/domain';
import { assertAllowed, consultationCommandRoles } from '@xianjie/auth';
import type { AccessRules, ConsultationCommandName, Principal } from '@xianjie/auth';
import { appendDecided, createSqlProjector } from '@xianjie/event-store';
import type { EventStore, RecordedEvent, SqlClient, SqlProjection } from '@xianjie/event-store';

/** The 案件咨询 commands by their API names (the keys of auth's `consultationCommandRoles`). */
export const consultationCommandNames = Object.keys(consultationCommandRoles) as ConsultationCommandName[];

export const consultationCommandInputs: Readonly<Record<ConsultationCommandName, z.ZodType>> = {
  askCaseConsultation: AskCaseConsultationInput,
  answerCaseConsultation: AnswerCaseConsultationInput,
};

/** A consultation as an API shows it to either agency (and overseers): the question and the answer. */
export interface CaseConsultationView {
  consultationId: string;
  streamId: string;
  status: CaseConsultationStatus;
  fromAgencyId: string;
  toAgencyId: string;
  caseId: string | null;
  caseReference: string;
  question: string;
  facts: string | null;
  askedAt: string;
  /** The answer's due time under `window` (a local rule). */
  dueAt: string;
  window: ConsultationAnswerWindow;
  /** Unanswered after `dueAt`, judged at `asOf`. */
  overdue: boolean;
  opinion: ConsultationOpinion | null;
  answer: string | null;
  answeredAt: string | null;
  late: boolean;
  asOf: string;
  version: number;
}

export interface ConsultationCommandContext {
  principal: Principal;
  correlationId?: string;
  /** When the step happened, for trusted in-process callers (the demo seed); never over HTTP. */
  occurredAt?: string;
}

const PREFIX = 'consultation-';
const RETRIES = 3;
const toEvent = (e: RecordedEvent): CaseConsultationEvent => ({ type: e.type, data: e.data }) as CaseConsultationEvent;
const ref = (a: AgencyRef): AgencyRef => ({ id: a.id, kind: a.kind, regionCode: a.regionCode });
const factsOf = (c: CaseConsultation) => ({ fromAgencyId: c.from.id, toAgencyId: c.to.id });

export const caseConsultationView = (c: CaseConsultation, version: number, asOf: string): CaseConsultationView => ({
  consultationId: c.consultationId,
  streamId: caseConsultationStreamId(c.consultationId),
  status: c.status,
  fromAgencyId: c.from.id,
  toAgencyId: c.to.id,
  caseId: c.caseId,
  caseReference: c.caseReference,
  question: c.question,
  facts: c.facts,
  askedAt: c.askedAt,
  dueAt: c.dueAt,
  window: c.window,
  overdue: isConsultationOverdue(c, asOf),
  opinion: c.opinion,
  answer: c.answer,
  answeredAt: c.answeredAt,
  late: c.late,
  asOf,
  version,
});

/** One row per consultation stream, the state folded by the decider's `evolve`; rebuildable. */
export const createCaseConsultationProjection = (schema: string): SqlProjection => {
  const table = `"${schema}".case_consultations`;
  return {
    name: `${schema}.case_consultations`,
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
        CREATE INDEX IF NOT EXISTS case_consultations_to_idx ON ${table} (to_agency_id, status);
        CREATE INDEX IF NOT EXISTS case_consultations_from_idx ON ${table} (from_agency_id);`);
    },
    async reset(tx) {
      await tx.exec(`TRUNCATE ${table};`);
    },
    async apply(tx, recorded) {
      if (!recorded.streamId.startsWith(PREFIX)) return;
      const id = recorded.streamId.slice(PREFIX.length);
      const { rows } = await tx.query<{ state: CaseConsultationState; version: number }>(`SELECT state, version FROM ${table} WHERE id = $1`, [id]);
      const row = rows[0];
      if (row && recorded.version <= Number(row.version)) return; // already applied
      if (!row && recorded.version !== 1) return; // a stream seen from its middle: only a rebuild fixes it
      const state = evolveCaseConsultation(row?.state ?? { status: 'NONE' }, toEvent(recorded));
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

export interface CaseConsultationsOptions {
  store: EventStore;
  sql: SqlClient;
  schema: string;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  now: () => string;
  /** The working-day calendar the answer window counts with (default: the built-in notices). */
  calendar?: WorkingCalendar;
  /** The answer window (a local rule; default `caseConsultationAnswerWindow`, 3 working days). */
  window?: ConsultationAnswerWindow;
}

/**
 * 案件咨询 (DESIGN §3.5, decision 0017): an agency's staff ask the police whether a case meets the
 * criminal threshold; the police's staff answer within the local-rule window. One stream per
 * consultation (`consultation-<id>`, the asker's). The pipeline of the other modules: validate →
 * load → NOT_FOUND to whoever may not read → the party's right → retried commandId → expectedVersion
 * → decide → append. Nothing goes on the bus.
 */
export const createCaseConsultations = (options: CaseConsultationsOptions) => {
  const { store, sql, directory, rules, logger, now } = options;
  const calendar = options.calendar ?? defaultWorkingCalendar;
  const window = options.window ?? caseConsultationAnswerWindow;
  const table = `"${options.schema}".case_consultations`;
  const projector = createSqlProjector({
    store,
    sql,
    schema: options.schema,
    projection: createCaseConsultationProjection(options.schema),
    onError: (err) => logger.error({ err }, 'consultation projection failed; will retry'),
  });

  const load = async (id: string, asOf?: string) => {
    const events = await store.readStream(caseConsultationStreamId(id), asOf ? { until: asOf } : {});
    return { events, state: foldCaseConsultation(events.map(toEvent)), version: events.length ? events.at(-1)!.version : 0 };
  };

  const execute = async (name: ConsultationCommandName, rawInput: unknown, context: ConsultationCommandContext) => {
    const started = performance.now();
    if (!Object.hasOwn(consultationCommandInputs, name)) {
      throw new ValidationError([{ path: 'command', message: `unknown consultation command "${String(name)}"` }]);
    }
    const { principal } = context;
    const correlationId = context.correlationId ?? randomUUID();
    const input = parseInput(consultationCommandInputs[name], rawInput) as Record<string, unknown> & {
      commandId?: string;
      consultationId?: string;
      expectedVersion?: number;
    };
    const stated = context.occurredAt === undefined ? undefined : commandTime(context.occurredAt, now());
    const agency = directory.get(principal.agencyId);
    if (!agency) throw new ForbiddenError(`agency "${principal.agencyId}" is not in the directory`);
    const id = name === 'askCaseConsultation' ? idForCommand('consultation', agency.id, input.commandId) : String(input.consultationId);
    const streamId = caseConsultationStreamId(id);
    const actor: Actor = { userId: principal.userId, name: principal.name, agencyId: principal.agencyId, roles: principal.roles };

    for (let attempt = 1; ; attempt++) {
      const loaded = await load(id);
      const state = loaded.state;
      if (state.status === 'NONE') {
        if (name !== 'askCaseConsultation') throw new NotFoundError('CaseConsultation', id);
        assertAllowed(rules.canRunConsultationCommand(principal, name, { fromAgencyId: agency.id }));
      } else {
        if (!rules.canReadCaseConsultation(principal, factsOf(state)).allowed) throw new NotFoundError('CaseConsultation', id);
        assertAllowed(rules.canRunConsultationCommand(principal, name, factsOf(state)));
      }
      if (input.commandId) {
        const own = loaded.events.filter((e) => e.metadata.commandId === input.commandId);
        if (own.length > 0 && state.status !== 'NONE') {
          return { consultation: caseConsultationView(state, loaded.version, now()), version: loaded.version, events: own, duplicate: true };
        }
      }
      if (input.expectedVersion !== undefined && input.expectedVersion !== loaded.version) {
        throw new ConcurrencyError(streamId, input.expectedVersion, loaded.version);
      }
      const at = stated ?? now();
      const base = { consultationId: id, at, actor };
      let command: CaseConsultationCommand;
      if (name === 'askCaseConsultation') {
        const to = directory.get(String(input.toAgencyId));
        if (!to) throw new ValidationError([{ path: 'toAgencyId', message: `${String(input.toAgencyId)} is not an agency of the directory` }]);
        command = {
          ...base,
          type: 'AskCaseConsultation',
          from: ref(agency),
          to: ref(to),
          caseId: (input.caseId as string | undefined) ?? null,
          caseReference: String(input.caseReference),
          question: String(input.question),
          facts: (input.facts as string | undefined) ?? null,
          window,
          calendar,
        };
      } else {
        command = { ...base, type: 'AnswerCaseConsultation', agencyId: agency.id, opinion: input.opinion as ConsultationOpinion, answer: String(input.answer) };
      }
      const decided = decideCaseConsultation(command, state);
      try {
        const result = await appendDecided(store, streamId, loaded.version, decided, { actor, at, correlationId, commandId: input.commandId ?? null });
        const after = result.duplicate ? (await load(id)).state : foldCaseConsultation([...loaded.events, ...result.events].map(toEvent));
        logger.info(
          {
            command: name,
            consultationId: id,
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
          consultation: caseConsultationView(after as CaseConsultation, result.nextExpectedVersion, at),
          version: result.nextExpectedVersion,
          events: result.events,
          duplicate: result.duplicate,
        };
      } catch (error) {
        if (error instanceof ConcurrencyError && input.expectedVersion === undefined && attempt < RETRIES) continue;
        throw error;
      }
    }
  };

  const listed = async (where: string, params: unknown[]) =>
    (await sql.query<{ state: CaseConsultation; version: number }>(`SELECT state, version FROM ${table} ${where} ORDER BY due_at, id`, params)).rows;

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
    /** One consultation folded from its events (up to `asOf`); NOT_FOUND when unknown or not the principal's to read. */
    async consultation(principal: Principal, id: string, asOf?: string): Promise<CaseConsultationView> {
      const loaded = await load(id, asOf);
      if (loaded.state.status === 'NONE' || !rules.canReadCaseConsultation(principal, factsOf(loaded.state)).allowed) {
        throw new NotFoundError('CaseConsultation', id);
      }
      return caseConsultationView(loaded.state, loaded.version, asOf ?? now());
    },
    /** The consultations the principal may read (asked by or of its agency; overseers: their region's), earliest due first. */
    async consultations(principal: Principal, filter: { status?: readonly CaseConsultationStatus[]; asOf?: string } = {}): Promise<CaseConsultationView[]> {
      const rows = await listed(filter.status?.length ? 'WHERE status = ANY($1::text[])' : '', filter.status?.length ? [filter.status] : []);
      const asOf = filter.asOf ?? now();
      return rows
        .filter((r) => rules.canReadCaseConsultation(principal, factsOf(r.state)).allowed)
        .map((r) => caseConsultationView(r.state, Number(r.version), asOf));
    },
    /** The consultations asked of the principal's agency and not answered (its 待办), earliest due first. */
    async openConsultations(principal: Principal, asOf?: string): Promise<CaseConsultationView[]> {
      const rows = await listed(`WHERE status = 'ASKED' AND to_agency_id = $1`, [principal.agencyId]);
      const at = asOf ?? now();
      return rows.map((r) => caseConsultationView(r.state, Number(r.version), at));
    },
  };
};

export type CaseConsultationsModule = ReturnType<typeof createCaseConsultations>;
