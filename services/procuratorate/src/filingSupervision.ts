import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  commandTime,
  ConcurrencyError,
  DecideNonFilingReasonsInput,
  filingSupervisionStreamId,
  filingSupervisionStreamPrefix,
  NotFoundError,
  parseInput,
  RequestNonFilingExplanationInput,
  ValidationError,
} from '@xianjie/contracts';
import type { Actor, FilingSupervisionEvent, FilingSupervisionStatus, WorkingCalendar } from '@xianjie/contracts';
import { createFilingSupervisionDecider, evolveFilingSupervision, filingSupervisionDuty, foldFilingSupervision } from '@xianjie/domain';
import type { FilingSupervision, FilingSupervisionCommand, FilingSupervisionState } from '@xianjie/domain';
import { assertAllowed, filingSupervisionCommandRoles } from '@xianjie/auth';
import type { AccessRules, FilingSupervisionCommandName, Principal } from '@xianjie/auth';
import { appendDecided, createSqlProjector } from '@xianjie/event-store';
import type { EventStore, RecordedEvent, SqlClient, SqlProjection } from '@xianjie/event-store';
import type { TransferCopies } from './transferCopies.ts';

/** The 立案监督 commands by their API names (the keys of auth's `filingSupervisionCommandRoles`). */
export const filingSupervisionCommandNames = Object.keys(filingSupervisionCommandRoles) as FilingSupervisionCommandName[];

const inputs: Readonly<Record<FilingSupervisionCommandName, z.ZodType>> = {
  requestNonFilingExplanation: RequestNonFilingExplanationInput,
  decideNonFilingReasons: DecideNonFilingReasonsInput,
};

/** A transfer's 立案监督 as the API shows it; the police's open duty judged at a time. */
export interface FilingSupervisionItem {
  transferId: string;
  /** The procuratorate's stream (`filing-supervision-<transferId>`): its audit trail. */
  streamId: string;
  caseId: string;
  status: FilingSupervisionStatus;
  procuratorateId: string;
  policeAgencyId: string;
  senderAgencyId: string;
  /** true: on the agency's suggestion (建议立案监督); false: on the procuratorate's own motion. */
  onSuggestion: boolean;
  documentNumber: string;
  reason: string;
  requestedAt: string;
  explanationDueAt: string;
  explanation: string | null;
  explainedAt: string | null;
  reasonsHold: boolean | null;
  decisionReason: string | null;
  decidedAt: string | null;
  filingNoticeNumber: string | null;
  filingDueAt: string | null;
  filedAt: string | null;
  filingDocumentNumber: string | null;
  /** The police's open duty (EXPLAIN, 7 days; FILE, 15 days) and whether it is overdue at the read's time. */
  policeDuty: { step: 'EXPLAIN' | 'FILE'; dueAt: string; overdue: boolean } | null;
  version: number;
}

export interface FilingSupervisionCommandResult {
  item: FilingSupervisionItem;
  version: number;
  events: RecordedEvent[];
  duplicate: boolean;
}

export interface FilingSupervisionCommandContext {
  principal: Principal;
  correlationId?: string;
  /** When the step happened, for trusted in-process callers (the demo seed); never over HTTP. */
  occurredAt?: string;
}

const RETRIES = 3;
const toEvent = (e: RecordedEvent): FilingSupervisionEvent => ({ type: e.type, data: e.data }) as FilingSupervisionEvent;

export const itemOf = (state: FilingSupervision, version: number, asOf: string): FilingSupervisionItem => ({
  transferId: state.transferId,
  streamId: filingSupervisionStreamId(state.transferId),
  caseId: state.caseId,
  status: state.status,
  procuratorateId: state.procuratorateId,
  policeAgencyId: state.policeAgencyId,
  senderAgencyId: state.senderAgencyId,
  onSuggestion: state.onSuggestion,
  documentNumber: state.documentNumber,
  reason: state.reason,
  requestedAt: state.requestedAt,
  explanationDueAt: state.explanationDueAt,
  explanation: state.explanation,
  explainedAt: state.explainedAt,
  reasonsHold: state.decision?.reasonsHold ?? null,
  decisionReason: state.decision?.reason ?? null,
  decidedAt: state.decision?.decidedAt ?? null,
  filingNoticeNumber: state.decision?.documentNumber ?? null,
  filingDueAt: state.decision?.filingDueAt ?? null,
  filedAt: state.filedAt,
  filingDocumentNumber: state.filingDocumentNumber,
  policeDuty: filingSupervisionDuty(state, asOf),
  version,
});

/** The read model: one row per transfer's supervision, the state folded by the decider's own `evolve`; rebuildable. */
export const createFilingSupervisionProjection = (schema: string): SqlProjection => {
  const table = `"${schema}".filing_supervisions`;
  return {
    name: `${schema}.filing_supervisions`,
    // Bump on any change to this read model's tables or apply logic: the projector then rebuilds it.
    version: 1,
    streamPrefixes: [filingSupervisionStreamPrefix],
    async migrate(sql) {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${table} (
          transfer_id text PRIMARY KEY,
          status text NOT NULL,
          police_agency_id text NOT NULL,
          sender_agency_id text NOT NULL,
          requested_at timestamptz NOT NULL,
          state jsonb NOT NULL,
          version integer NOT NULL);`);
    },
    async reset(tx) {
      await tx.exec(`TRUNCATE ${table};`);
    },
    async apply(tx, recorded) {
      if (!recorded.streamId.startsWith(filingSupervisionStreamPrefix)) return;
      const transferId = recorded.streamId.slice(filingSupervisionStreamPrefix.length);
      const { rows } = await tx.query<{ state: FilingSupervisionState; version: number }>(
        `SELECT state, version FROM ${table} WHERE transfer_id = $1`,
        [transferId],
      );
      const row = rows[0];
      if (row && recorded.version <= Number(row.version)) return; // already applied
      if (!row && recorded.version !== 1) return; // a stream seen from its middle: only a rebuild fixes it
      const state = evolveFilingSupervision(row?.state ?? { status: 'NONE' }, toEvent(recorded));
      if (state.status === 'NONE') return;
      await tx.query(
        `INSERT INTO ${table} (transfer_id, status, police_agency_id, sender_agency_id, requested_at, state, version)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)
         ON CONFLICT (transfer_id) DO UPDATE SET status = excluded.status, state = excluded.state, version = excluded.version`,
        [transferId, state.status, state.policeAgencyId, state.senderAgencyId, state.requestedAt, JSON.stringify(state), recorded.version],
      );
    },
  };
};

export interface FilingSupervisionOptions {
  store: EventStore;
  sql: SqlClient;
  schema: string;
  rules: AccessRules;
  logger: Logger;
  now: () => string;
  calendar?: WorkingCalendar;
  copies: TransferCopies;
  /** Called after every append (wakes the outbox relay). */
  onAppended?: () => void;
}

/**
 * 立案监督 (DESIGN §3.6) on the procuratorate's own stream per transfer. A command: validate →
 * `rules.canRunFilingSupervisionCommand` (a procuratorate's staff, else FORBIDDEN) → the copy of the
 * transfer (one it has no copy of, or of police outside its region, is NOT_FOUND) → load → a
 * retried `commandId` answers as the first time → `expectedVersion` → decide → append. The police's
 * answers (their `NonFilingExplained` and `TransferAccepted`) are noted by `note`, from the bus.
 */
export const createFilingSupervision = (options: FilingSupervisionOptions) => {
  const { store, sql, rules, logger, now, copies } = options;
  const decider = createFilingSupervisionDecider(options.calendar ? { calendar: options.calendar } : {});
  const table = `"${options.schema}".filing_supervisions`;
  const projector = createSqlProjector({
    store,
    sql,
    schema: options.schema,
    projection: createFilingSupervisionProjection(options.schema),
    onError: (err) => logger.error({ err }, 'filing supervision projection failed; will retry'),
  });

  const load = async (transferId: string, asOf?: string) => {
    const events = await store.readStream(filingSupervisionStreamId(transferId), asOf ? { until: asOf } : {});
    return { events, state: foldFilingSupervision(events.map(toEvent)), version: events.length ? events.at(-1)!.version : 0 };
  };

  const execute = async (
    name: FilingSupervisionCommandName,
    rawInput: unknown,
    context: FilingSupervisionCommandContext,
  ): Promise<FilingSupervisionCommandResult> => {
    const started = performance.now();
    if (!Object.hasOwn(inputs, name)) {
      throw new ValidationError([{ path: 'command', message: `unknown filing supervision command "${String(name)}"` }]);
    }
    const { principal } = context;
    const correlationId = context.correlationId ?? randomUUID();
    const input = parseInput(inputs[name], rawInput) as Record<string, unknown> & {
      transferId: string;
      commandId?: string;
      expectedVersion?: number;
      reason: string;
    };
    const stated = context.occurredAt === undefined ? undefined : commandTime(context.occurredAt, now());
    assertAllowed(rules.canRunFilingSupervisionCommand(principal, name));
    // To a procuratorate that may not know the transfer (no copy, or police outside its region) it does not exist.
    const facts = await copies.factsFor(input.transferId);
    if (!facts || !rules.canRunFilingSupervisionCommand(principal, name, { policeAgencyId: facts.toAgencyId }).allowed) {
      throw new NotFoundError('Transfer', input.transferId);
    }
    const streamId = filingSupervisionStreamId(input.transferId);
    const actor: Actor = { userId: principal.userId, name: principal.name, agencyId: principal.agencyId, roles: principal.roles };

    for (let attempt = 1; ; attempt++) {
      const loaded = await load(input.transferId);
      if (input.commandId) {
        const own = loaded.events.filter((e) => e.metadata.commandId === input.commandId);
        if (own.length > 0 && loaded.state.status !== 'NONE') {
          return { item: itemOf(loaded.state, loaded.version, now()), version: loaded.version, events: own, duplicate: true };
        }
      }
      if (input.expectedVersion !== undefined && input.expectedVersion !== loaded.version) {
        throw new ConcurrencyError(streamId, input.expectedVersion, loaded.version);
      }
      const at = stated ?? now();
      const base = { transferId: input.transferId, at, actor, procuratorateId: principal.agencyId, reason: input.reason };
      const command: FilingSupervisionCommand =
        name === 'requestNonFilingExplanation'
          ? { ...base, type: 'RequestNonFilingExplanation', transfer: facts, documentNumber: String(input.documentNumber) }
          : {
              ...base,
              type: 'DecideNonFilingReasons',
              reasonsHold: Boolean(input.reasonsHold),
              ...(input.documentNumber === undefined ? {} : { documentNumber: String(input.documentNumber) }),
            };
      const decided = decider.decide(command, loaded.state);
      try {
        const result = await appendDecided(store, streamId, loaded.version, decided, { actor, at, correlationId, commandId: input.commandId ?? null });
        if (!result.duplicate) options.onAppended?.();
        const after = result.duplicate ? await load(input.transferId) : null;
        const state = (after?.state ?? foldFilingSupervision([...loaded.events, ...result.events].map(toEvent))) as FilingSupervision;
        logger.info(
          {
            command: name,
            transferId: input.transferId,
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
        return { item: itemOf(state, result.nextExpectedVersion, at), version: result.nextExpectedVersion, events: result.events, duplicate: result.duplicate };
      } catch (error) {
        if (error instanceof ConcurrencyError && input.expectedVersion === undefined && attempt < RETRIES) continue;
        throw error;
      }
    }
  };

  /**
   * Notes the police's answer on the supervision's stream (a system actor of the supervising
   * procuratorate; the message id as commandId, so a redelivery appends nothing). Returns the events
   * appended, or null when no supervision of the transfer exists.
   */
  const note = async (request: {
    transferId: string;
    answer: { type: 'EXPLAINED'; explanation: string; explainedAt: string } | { type: 'FILED'; documentNumber: string | null; filedAt: string };
    messageId: string;
    correlationId?: string | null;
  }): Promise<RecordedEvent[] | null> => {
    const loaded = await load(request.transferId);
    if (loaded.state.status === 'NONE') return null;
    if (loaded.events.some((e) => e.metadata.commandId === request.messageId)) return [];
    const at = now();
    const actor: Actor = { userId: 'system:procuratorate', name: 'procuratorate', agencyId: loaded.state.procuratorateId, roles: [] };
    const command: FilingSupervisionCommand =
      request.answer.type === 'EXPLAINED'
        ? { type: 'NoteNonFilingExplanation', transferId: request.transferId, at, actor, explanation: request.answer.explanation, explainedAt: request.answer.explainedAt }
        : { type: 'NotePoliceFiling', transferId: request.transferId, at, actor, documentNumber: request.answer.documentNumber, filedAt: request.answer.filedAt };
    const decided = decider.decide(command, loaded.state);
    if (decided.length === 0) return [];
    const result = await appendDecided(store, filingSupervisionStreamId(request.transferId), loaded.version, decided, {
      actor,
      at,
      correlationId: request.correlationId ?? randomUUID(),
      commandId: request.messageId,
    });
    if (!result.duplicate) options.onAppended?.();
    return result.events;
  };

  return {
    projector,
    execute,
    note,
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
     * The supervisions the principal's procuratorate may run (police of its region and below), the
     * police's open duty first by due time, then the ended ones: the procuratorate's 待办 and record.
     */
    async list(principal: Principal, asOf: string = now()): Promise<FilingSupervisionItem[]> {
      assertAllowed(rules.canReadTransferCopy(principal));
      const { rows } = await sql.query<{ state: FilingSupervision; version: number }>(
        `SELECT state, version FROM ${table} ORDER BY requested_at DESC, transfer_id`,
      );
      return rows
        .filter((row) => rules.canReadTransferCopy(principal, { fromAgencyId: row.state.senderAgencyId, toAgencyId: row.state.policeAgencyId }).allowed)
        .map((row) => itemOf(row.state, Number(row.version), asOf))
        .sort((a, b) => (a.policeDuty && b.policeDuty ? Date.parse(a.policeDuty.dueAt) - Date.parse(b.policeDuty.dueAt) : a.policeDuty ? -1 : b.policeDuty ? 1 : 0));
    },
    /**
     * One transfer's supervision from its stream (as of a time), if the principal may see it (the
     * parties, the procuratorates and overseers of their region, admins); null otherwise or when none.
     */
    async ofTransfer(principal: Principal, transferId: string, asOf?: string): Promise<FilingSupervisionItem | null> {
      const loaded = await load(transferId, asOf);
      if (loaded.state.status === 'NONE') return null;
      const s = loaded.state;
      if (!rules.canReadFilingSupervision(principal, { fromAgencyId: s.senderAgencyId, toAgencyId: s.policeAgencyId }).allowed) return null;
      return itemOf(s, loaded.version, asOf ?? now());
    },
  };
};

export type FilingSupervisionModule = ReturnType<typeof createFilingSupervision>;
