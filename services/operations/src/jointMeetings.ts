import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  CloseJointMeetingInput,
  commandTime,
  ConcurrencyError,
  ConveneJointMeetingInput,
  ForbiddenError,
  idForCommand,
  jointMeetingStreamId,
  NotFoundError,
  parseInput,
  RecordJointMeetingMinutesInput,
  ReportJointMeetingDecisionInput,
  ValidationError,
  VerifyJointMeetingDecisionInput,
} from '@xianjie/contracts';
import type { Actor, AgencyDirectory, AgencyRef, JointMeetingDecisionStatus, JointMeetingEvent, JointMeetingStatus } from '@xianjie/contracts';
import { decideJointMeeting, evolveJointMeeting, foldJointMeeting, isJointMeetingDecisionOverdue } from '@xianjie/domain';
import type { JointMeeting, JointMeetingCommand, JointMeetingState } from '@xianjie/domain';
import { assertAllowed, jointMeetingCommandRoles } from '@xianjie/auth';
import type { AccessRules, JointMeetingCommandName, JointMeetingFacts, Principal } from '@xianjie/auth';
import { appendDecided, createSqlProjector } from '@xianjie/event-store';
import type { EventStore, RecordedEvent, SqlClient, SqlProjection } from '@xianjie/event-store';

/** The 联席会议 commands by their API names (the keys of auth's `jointMeetingCommandRoles`). */
export const jointMeetingCommandNames = Object.keys(jointMeetingCommandRoles) as JointMeetingCommandName[];

export const jointMeetingCommandInputs: Readonly<Record<JointMeetingCommandName, z.ZodType>> = {
  conveneJointMeeting: ConveneJointMeetingInput,
  recordJointMeetingMinutes: RecordJointMeetingMinutesInput,
  reportJointMeetingDecision: ReportJointMeetingDecisionInput,
  verifyJointMeetingDecision: VerifyJointMeetingDecisionInput,
  closeJointMeeting: CloseJointMeetingInput,
};

/** A decision (议定事项) as an API shows it, overdue judged at a time. */
export interface JointMeetingDecisionView {
  decisionId: string;
  content: string;
  ownerAgencyId: string;
  dueDate: string;
  dueAt: string;
  status: JointMeetingDecisionStatus;
  /** OPEN after 24:00 Beijing of its due date (`isJointMeetingDecisionOverdue`), judged at the view's `asOf`. */
  overdue: boolean;
  report: string | null;
  reportedAt: string | null;
  verifiedAt: string | null;
  opinion: string | null;
  sentBack: number;
}

/** A joint meeting as an API shows it to whoever may read it (every reader sees all of it: the minutes are shared). */
export interface JointMeetingView {
  meetingId: string;
  /** The convenor's stream of this meeting (`joint-meeting-<id>`): its audit trail. */
  streamId: string;
  title: string;
  agenda: string;
  convenorAgencyId: string;
  /** Every agency of the meeting, the convenor first. */
  participantAgencyIds: string[];
  heldOn: string;
  place: string | null;
  status: JointMeetingStatus;
  convenedAt: string;
  minutes: string | null;
  minutesRecordedAt: string | null;
  decisions: JointMeetingDecisionView[];
  closedAt: string | null;
  closeReason: string | null;
  /** The time `overdue` was judged at. */
  asOf: string;
  version: number;
}

export interface JointMeetingCommandResult {
  meeting: JointMeetingView;
  version: number;
  /** Events appended by this command (the first attempt's, for a retried commandId). */
  events: RecordedEvent[];
  duplicate: boolean;
}

export interface JointMeetingCommandContext {
  principal: Principal;
  correlationId?: string;
  /** When the step happened, for trusted in-process callers that record the past (the demo seed); never over HTTP. */
  occurredAt?: string;
}

const PREFIX = 'joint-meeting-';
/** How often a command without `expectedVersion` is decided again after another append won the race. */
const RETRIES = 3;

const toEvent = (e: RecordedEvent): JointMeetingEvent => ({ type: e.type, data: e.data }) as JointMeetingEvent;
const ref = (a: AgencyRef): AgencyRef => ({ id: a.id, kind: a.kind, regionCode: a.regionCode });
const factsOf = (m: JointMeeting): JointMeetingFacts => ({ convenorAgencyId: m.convenor.id, participantAgencyIds: m.participants.map((a) => a.id) });

export const jointMeetingView = (m: JointMeeting, version: number, asOf: string): JointMeetingView => ({
  meetingId: m.meetingId,
  streamId: jointMeetingStreamId(m.meetingId),
  title: m.title,
  agenda: m.agenda,
  convenorAgencyId: m.convenor.id,
  participantAgencyIds: m.participants.map((a) => a.id),
  heldOn: m.heldOn,
  place: m.place,
  status: m.status,
  convenedAt: m.convenedAt,
  minutes: m.minutes,
  minutesRecordedAt: m.minutesRecordedAt,
  decisions: m.decisions.map((d) => ({
    decisionId: d.decisionId,
    content: d.content,
    ownerAgencyId: d.ownerAgencyId,
    dueDate: d.dueDate,
    dueAt: d.dueAt,
    status: d.status,
    overdue: isJointMeetingDecisionOverdue(d, asOf),
    report: d.report,
    reportedAt: d.reportedAt,
    verifiedAt: d.verifiedAt,
    opinion: d.opinion,
    sentBack: d.sentBack,
  })),
  closedAt: m.closedAt,
  closeReason: m.closeReason,
  asOf,
  version,
});

/**
 * The read model of joint meetings: one row per meeting stream, the state folded by the decider's
 * own `evolve`, with the agencies lists filter on. Built only from the `joint-meeting-` streams; rebuildable.
 */
export const createJointMeetingProjection = (schema: string): SqlProjection => {
  const table = `"${schema}".joint_meetings`;
  return {
    name: `${schema}.joint_meetings`,
    // Bump on any change to this read model's tables or apply logic: the projector then rebuilds it.
    version: 1,
    streamPrefixes: [PREFIX],
    async migrate(sql) {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${table} (
          id text PRIMARY KEY,
          status text NOT NULL,
          convenor_agency_id text NOT NULL,
          participant_agency_ids text[] NOT NULL,
          held_on text NOT NULL,
          state jsonb NOT NULL,
          version integer NOT NULL);
        CREATE INDEX IF NOT EXISTS joint_meetings_participants_idx ON ${table} USING gin (participant_agency_ids);`);
    },
    async reset(tx) {
      await tx.exec(`TRUNCATE ${table};`);
    },
    async apply(tx, recorded) {
      if (!recorded.streamId.startsWith(PREFIX)) return;
      const id = recorded.streamId.slice(PREFIX.length);
      const { rows } = await tx.query<{ state: JointMeetingState; version: number }>(`SELECT state, version FROM ${table} WHERE id = $1`, [id]);
      const row = rows[0];
      if (row && recorded.version <= Number(row.version)) return; // already applied
      if (!row && recorded.version !== 1) return; // a stream seen from its middle: only a rebuild fixes it
      const state = evolveJointMeeting(row?.state ?? { status: 'NONE' }, toEvent(recorded));
      if (state.status === 'NONE') return;
      await tx.query(
        `INSERT INTO ${table} (id, status, convenor_agency_id, participant_agency_ids, held_on, state, version)
         VALUES ($1, $2, $3, $4::text[], $5, $6::jsonb, $7)
         ON CONFLICT (id) DO UPDATE SET status = excluded.status, state = excluded.state, version = excluded.version`,
        [id, state.status, state.convenor.id, state.participants.map((a) => a.id), state.heldOn, JSON.stringify(state), recorded.version],
      );
    },
  };
};

export interface JointMeetingsOptions {
  store: EventStore;
  sql: SqlClient;
  schema: string;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  /** The clock: ISO-8601 now. */
  now: () => string;
  /** Called after every append. */
  onAppended?: () => void;
}

/**
 * 联席会议 (DESIGN §3.5), kept by the operations service beside the 专项整治 it coordinates: an
 * agency's head convenes the agencies of a linkage; its staff record the minutes with the decisions
 * (each owned by an agency of the meeting, due at 24:00 Beijing of its date); the owner reports each
 * done; the convenor's head verifies it (销号) or sends it back, and closes the meeting. One stream per
 * meeting (`joint-meeting-<id>`, hash-chained, actor in the metadata). A command: validate → load →
 * NOT_FOUND to whoever may not read the meeting (as for an unknown id) → `rules.canRunJointMeetingCommand`
 * → a retried `commandId` answers as the first time → `expectedVersion` → the decider → append.
 * Nothing goes on the bus: the meeting's agencies read it here.
 */
export const createJointMeetings = (options: JointMeetingsOptions) => {
  const { store, sql, directory, rules, logger, now } = options;
  const table = `"${options.schema}".joint_meetings`;
  const projector = createSqlProjector({
    store,
    sql,
    schema: options.schema,
    projection: createJointMeetingProjection(options.schema),
    onError: (err) => logger.error({ err }, 'joint meeting projection failed; will retry'),
  });

  const load = async (meetingId: string, asOf?: string) => {
    const events = await store.readStream(jointMeetingStreamId(meetingId), asOf ? { until: asOf } : {});
    return { events, state: foldJointMeeting(events.map(toEvent)), version: events.length ? events.at(-1)!.version : 0 };
  };

  const agencyOf = (principal: Principal): AgencyRef => {
    const agency = directory.get(principal.agencyId);
    if (!agency) throw new ForbiddenError(`agency "${principal.agencyId}" is not in the directory`);
    return ref(agency);
  };

  const execute = async (name: JointMeetingCommandName, rawInput: unknown, context: JointMeetingCommandContext): Promise<JointMeetingCommandResult> => {
    const started = performance.now();
    if (!Object.hasOwn(jointMeetingCommandInputs, name)) {
      throw new ValidationError([{ path: 'command', message: `unknown joint meeting command "${String(name)}"` }]);
    }
    const { principal } = context;
    const correlationId = context.correlationId ?? randomUUID();
    const input = parseInput(jointMeetingCommandInputs[name], rawInput) as Record<string, unknown> & {
      commandId?: string;
      meetingId?: string;
      expectedVersion?: number;
      decisionId?: string;
    };
    const stated = context.occurredAt === undefined ? undefined : commandTime(context.occurredAt, now());
    const agency = agencyOf(principal);
    const meetingId = name === 'conveneJointMeeting' ? idForCommand('joint-meeting', agency.id, input.commandId) : String(input.meetingId);
    const streamId = jointMeetingStreamId(meetingId);
    const actor: Actor = { userId: principal.userId, name: principal.name, agencyId: principal.agencyId, roles: principal.roles };

    for (let attempt = 1; ; attempt++) {
      const loaded = await load(meetingId);
      const state = loaded.state;
      if (state.status === 'NONE') {
        if (name !== 'conveneJointMeeting') throw new NotFoundError('JointMeeting', meetingId);
        assertAllowed(rules.canRunJointMeetingCommand(principal, name, { convenorAgencyId: agency.id }));
      } else {
        // To whoever may not read it the meeting does not exist: NOT_FOUND, as for an unknown id.
        if (!rules.canReadJointMeeting(principal, factsOf(state)).allowed) throw new NotFoundError('JointMeeting', meetingId);
        const owner = input.decisionId === undefined ? undefined : state.decisions.find((d) => d.decisionId === input.decisionId)?.ownerAgencyId;
        if (name === 'reportJointMeetingDecision' && owner === undefined) {
          // An unknown decision: told only to an agency of the meeting's staff who could report one.
          const mayReport = state.decisions.some(
            (d) => rules.canRunJointMeetingCommand(principal, name, { convenorAgencyId: state.convenor.id, ownerAgencyId: d.ownerAgencyId }).allowed,
          );
          if (!mayReport) assertAllowed(rules.canRunJointMeetingCommand(principal, name, { convenorAgencyId: state.convenor.id }));
        } else {
          assertAllowed(
            rules.canRunJointMeetingCommand(principal, name, { convenorAgencyId: state.convenor.id, ...(owner ? { ownerAgencyId: owner } : {}) }),
          );
        }
      }

      // A retried command finds its own events on the stream: answer as the first time, append nothing.
      if (input.commandId) {
        const own = loaded.events.filter((e) => e.metadata.commandId === input.commandId);
        if (own.length > 0 && state.status !== 'NONE') {
          return { meeting: jointMeetingView(state, loaded.version, now()), version: loaded.version, events: own, duplicate: true };
        }
      }
      if (input.expectedVersion !== undefined && input.expectedVersion !== loaded.version) {
        throw new ConcurrencyError(streamId, input.expectedVersion, loaded.version);
      }

      const at = stated ?? now();
      const base = { meetingId, at, actor };
      const command: JointMeetingCommand = ((): JointMeetingCommand => {
        switch (name) {
          case 'conveneJointMeeting': {
            const ids = input.participantAgencyIds as string[];
            const participants = ids.map((id, index) => {
              const found = directory.get(id);
              if (!found) throw new ValidationError([{ path: `participantAgencyIds.${index}`, message: `${id} is not an agency of the directory` }]);
              return ref(found);
            });
            return {
              ...base,
              type: 'ConveneJointMeeting',
              convenor: agency,
              participants,
              title: String(input.title),
              agenda: String(input.agenda),
              heldOn: String(input.heldOn),
              place: (input.place as string | undefined) ?? null,
            };
          }
          case 'recordJointMeetingMinutes':
            return {
              ...base,
              type: 'RecordJointMeetingMinutes',
              minutes: String(input.minutes),
              decisions: input.decisions as { content: string; ownerAgencyId: string; dueDate: string }[],
            };
          case 'reportJointMeetingDecision':
            return { ...base, type: 'ReportJointMeetingDecision', decisionId: String(input.decisionId), agencyId: agency.id, report: String(input.report) };
          case 'verifyJointMeetingDecision':
            return {
              ...base,
              type: 'VerifyJointMeetingDecision',
              decisionId: String(input.decisionId),
              accepted: Boolean(input.accepted),
              opinion: (input.opinion as string | undefined) ?? null,
            };
          case 'closeJointMeeting':
            return { ...base, type: 'CloseJointMeeting', reason: (input.reason as string | undefined) ?? null };
        }
      })();
      const decided = decideJointMeeting(command, state);
      try {
        const result = await appendDecided(store, streamId, loaded.version, decided, { actor, at, correlationId, commandId: input.commandId ?? null });
        if (!result.duplicate && result.events.length > 0) options.onAppended?.();
        const after = result.duplicate ? (await load(meetingId)).state : foldJointMeeting([...loaded.events, ...result.events].map(toEvent));
        logger.info(
          {
            command: name,
            meetingId,
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
          meeting: jointMeetingView(after as JointMeeting, result.nextExpectedVersion, at),
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
     * One meeting folded from its events (now, or up to `asOf`), overdue judged then; NOT_FOUND when
     * unknown or not the principal's to read (the two look the same). From the store, not the read
     * model: whoever just recorded the minutes reads them back.
     */
    async meeting(principal: Principal, meetingId: string, asOf?: string): Promise<JointMeetingView> {
      const loaded = await load(meetingId, asOf);
      if (loaded.state.status === 'NONE' || !rules.canReadJointMeeting(principal, factsOf(loaded.state)).allowed) {
        throw new NotFoundError('JointMeeting', meetingId);
      }
      return jointMeetingView(loaded.state, loaded.version, asOf ?? now());
    },
    /**
     * The meetings the principal may read (its agency's, and for a commission's overseers those of
     * the agencies of its region; admins all), latest held first; `status` filters; `overdue` judged at `asOf` (default now).
     */
    async meetings(principal: Principal, filter: { status?: readonly JointMeetingStatus[]; asOf?: string } = {}): Promise<JointMeetingView[]> {
      const { rows } = await sql.query<{ state: JointMeeting; version: number }>(
        `SELECT state, version FROM ${table} ${filter.status?.length ? 'WHERE status = ANY($1::text[])' : ''} ORDER BY held_on DESC, id DESC`,
        filter.status?.length ? [filter.status] : [],
      );
      const asOf = filter.asOf ?? now();
      return rows
        .filter((row) => rules.canReadJointMeeting(principal, factsOf(row.state)).allowed)
        .map((row) => jointMeetingView(row.state, Number(row.version), asOf));
    },
    /** The decisions of meetings not closed that the principal's agency owns and has not reported done (its 待办), earliest due first. */
    async openDecisions(principal: Principal, asOf?: string): Promise<{ meeting: JointMeetingView; decision: JointMeetingDecisionView }[]> {
      const { rows } = await sql.query<{ state: JointMeeting; version: number }>(
        `SELECT state, version FROM ${table} WHERE status = 'MINUTED' AND $1 = ANY(participant_agency_ids)`,
        [principal.agencyId],
      );
      const at = asOf ?? now();
      return rows
        .map((row) => jointMeetingView(row.state, Number(row.version), at))
        .flatMap((meeting) =>
          meeting.decisions.filter((d) => d.ownerAgencyId === principal.agencyId && d.status === 'OPEN').map((decision) => ({ meeting, decision })),
        )
        .sort((a, b) => a.decision.dueAt.localeCompare(b.decision.dueAt) || a.meeting.meetingId.localeCompare(b.meeting.meetingId));
    },
  };
};

export type JointMeetingsModule = ReturnType<typeof createJointMeetings>;
