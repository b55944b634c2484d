import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  CaseStepInput,
  ConcurrencyError,
  ForbiddenError,
  InvalidTransitionError,
  ValidationError,
  violationsFor,
  type Agency,
  type AgencyKind,
  DecideNotToFileInput,
  DecidePenaltyInput,
  NotFoundError,
  RecordEvidenceInput,
  RegisterCaseInput,
  caseStreamId,
  parseInput,
  repeatOffenderPolicy,
  subjectKey,
  type AgencyDirectory,
  type CaseEvent,
  type TransferApproved,
  commandTime,
  idForCommand
} from '@xianjie/contracts';
import { decideCase, foldCase, type CaseCommand, type CaseState } from '@xianjie/domain';
import { assertAllowed, type AccessRules, type Principal } from '@xianjie/auth';
import { appendDecided } from '@xianjie/event-store';
import type { Actor, EventStore, RecordedEvent, SqlProjector } from '@xianjie/event-store';
import type { CaseQueries } from './caseReadModel.ts';
import type { CaseNumbers } from './caseNumbers.ts';

/** The case commands this service takes, by their API names. */
export const caseCommandNames = [
  'registerCase',
  'fileCase',
  'decideNotToFile',
  'recordEvidence',
  'decidePenalty',
  'closeCase',
] as const;
export type CaseCommandName = (typeof caseCommandNames)[number];

export const caseCommandInputs = {
  registerCase: RegisterCaseInput,
  fileCase: CaseStepInput,
  decideNotToFile: DecideNotToFileInput,
  recordEvidence: RecordEvidenceInput,
  decidePenalty: DecidePenaltyInput,
  closeCase: CaseStepInput,
} as const;

export interface CaseCommandResult {
  caseId: string;
  streamId: string;
  state: CaseState;
  version: number;
  /** Events appended by this command (the first attempt's, for a retried commandId). */
  events: RecordedEvent[];
  duplicate: boolean;
}

export interface CommandContext {
  principal: Principal;
  correlationId?: string;
  /**
   * When the step happened (ISO-8601 with offset, not after now), for trusted in-process callers
   * that record the past (the demo seed, importers): the command's time instead of `now()`. The
   * HTTP command API never sets it.
   */
  occurredAt?: string;
}

export interface CaseServiceOptions {
  /** The owning service, e.g. `health`: names the system actor (`system:<serviceName>`) and the errors. */
  serviceName: string;
  /** The agency kinds whose cases this service runs (its principals, its cases). */
  agencyKinds: readonly AgencyKind[];
  store: EventStore;
  queries: CaseQueries;
  numbers: CaseNumbers;
  projector: SqlProjector;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  /** The clock: ISO-8601 now. Injected so tests and seeds control time. */
  now: () => string;
  /** Called after every append (wakes the outbox relay instead of waiting for its poll). */
  onAppended?: () => void;
}

/**
 * Runs case commands: validate → load the stream → authorise (an outsider gets NOT_FOUND) → a
 * retried commandId answers as the first time → decide → append with the expected version. Same
 * handler for the HTTP command API and the in-process client. Acts only for the agencies of
 * `agencyKinds`: several case services may share one store, each sees its own cases.
 */
export const createCaseService = (options: CaseServiceOptions) => {
  const { serviceName, store, queries, numbers, projector, directory, rules, logger, now } = options;
  const kinds = new Set<string>(options.agencyKinds);
  const isOwn = (agencyId: string) => kinds.has(directory.get(agencyId)?.kind ?? '');

  type Loaded = { events: RecordedEvent[]; state: CaseState; version: number };
  const load = async (caseId: string): Promise<Loaded> => {
    const events = await store.readStream(caseStreamId(caseId));
    return { events, state: foldCase(events.map(toCaseEvent)), version: events.length ? events.at(-1)!.version : 0 };
  };

  /** The principal acts for an agency of this service's kinds, or is told which service it is not. */
  const assertOwnPrincipal = (principal: Principal) => {
    const agency = directory.get(principal.agencyId);
    if (!agency || !kinds.has(agency.kind)) {
      const who = agency ? `${agency.name} (${agency.kind})` : `agency ${principal.agencyId}`;
      throw new ForbiddenError(`${serviceName} runs the cases of ${[...kinds].join(', ')} agencies; ${who} is not one`);
    }
  };

  /** Decides on the loaded state and appends with its version; one log line per command. */
  const commit = async (
    name: string,
    caseId: string,
    loaded: Loaded,
    command: CaseCommand,
    meta: { actor: Actor; at: string; correlationId: string; causationId: string | null; commandId: string | null; started: number },
  ): Promise<CaseCommandResult> => {
    const streamId = caseStreamId(caseId);
    const decided = decideCase(command, loaded.state);
    const result = await appendDecided(store, streamId, loaded.version, decided, meta);
    if (!result.duplicate) options.onAppended?.();
    const after = result.duplicate ? await load(caseId) : null;
    const state = after?.state ?? foldCase([...loaded.events, ...result.events].map(toCaseEvent));
    logger.info(
      {
        command: name,
        caseId,
        correlationId: meta.correlationId,
        commandId: meta.commandId,
        actor: meta.actor.userId,
        version: result.nextExpectedVersion,
        events: result.events.map((e) => e.type),
        duplicate: result.duplicate,
        ms: Math.round(performance.now() - meta.started),
      },
      'command handled',
    );
    return { caseId, streamId, state, version: result.nextExpectedVersion, events: result.events, duplicate: result.duplicate };
  };

  /** A retried command finds its own events on the stream: answer as the first time, append nothing. */
  const retried = (caseId: string, loaded: Loaded, commandId: string | undefined): CaseCommandResult | null => {
    if (!commandId) return null;
    const own = loaded.events.filter((e) => e.metadata.commandId === commandId);
    if (own.length === 0) return null;
    return { caseId, streamId: caseStreamId(caseId), state: loaded.state, version: loaded.version, events: own, duplicate: true };
  };

  const execute = async (name: CaseCommandName, rawInput: unknown, context: CommandContext): Promise<CaseCommandResult> => {
    const started = performance.now();
    const correlationId = context.correlationId ?? randomUUID();
    const { principal } = context;
    const input = parseInput(caseCommandInputs[name] as never, rawInput) as Record<string, unknown> & {
      commandId?: string;
      caseId?: string;
      expectedVersion?: number;
    };
    const at = commandTime(context.occurredAt, now());
    assertOwnPrincipal(principal);
    const caseId = name === 'registerCase' ? idForCommand('case', principal.agencyId, input.commandId) : String(input.caseId);
    const streamId = caseStreamId(caseId);
    const loaded = await load(caseId);

    // Another service's case (a shared store) is not found here; nor, to whoever may not read it,
    // another agency's case: NOT_FOUND either way, with nothing but the id the caller sent.
    if (name !== 'registerCase' && (loaded.state.status === 'NONE' || !isOwn(loaded.state.agencyId))) {
      throw new NotFoundError('Case', caseId);
    }
    if (loaded.state.status !== 'NONE' && !rules.canReadCase(principal, { agencyId: loaded.state.agencyId }).allowed) {
      throw new NotFoundError('Case', caseId);
    }
    const agencyId = loaded.state.status === 'NONE' ? principal.agencyId : loaded.state.agencyId;
    assertAllowed(rules.canRunCaseCommand(principal, name, { agencyId }));

    // Authorised first, then a retried command finds its own events (issue #12, hole 6).
    const duplicate = retried(caseId, loaded, input.commandId);
    if (duplicate) return duplicate;
    if (input.expectedVersion !== undefined && input.expectedVersion !== loaded.version) {
      throw new ConcurrencyError(streamId, input.expectedVersion, loaded.version);
    }

    const actor = { userId: principal.userId, name: principal.name, agencyId: principal.agencyId, roles: principal.roles };
    const command = await toCommand(name, input, { caseId, at, actor, agencyId, state: loaded.state });
    const commandId = input.commandId ?? null;
    return commit(name, caseId, loaded, command, { actor, at, correlationId, causationId: commandId, commandId, started });
  };

  /**
   * The case's own record of an approved and sent transfer (TransferApproved of its sender stream):
   * MarkTransferred as the system actor `system:<serviceName>` of the owning agency, with the
   * commandId `case-transferred:<transferId>` so a replayed approval appends nothing. Returns null
   * when the transfer is not about one of this service's cases, or when the case cannot take it
   * (the refusal is logged: a fact of another workflow must not stop the reaction).
   */
  const markTransferred = async (
    approved: TransferApproved,
    context: { correlationId?: string; causationId?: string } = {},
  ): Promise<CaseCommandResult | null> => {
    const started = performance.now();
    const { transferId, caseId, fromAgency } = approved;
    if (!kinds.has(fromAgency.kind) || approved.kind === 'REVERSE') return null;
    const loaded = await load(caseId);
    if (loaded.state.status === 'NONE' || loaded.state.agencyId !== fromAgency.id) return null;
    const commandId = `case-transferred:${transferId}`;
    const duplicate = retried(caseId, loaded, commandId);
    if (duplicate) return duplicate;
    const at = now();
    const actor: Actor = { userId: `system:${serviceName}`, name: serviceName, agencyId: fromAgency.id, roles: [] };
    const command: CaseCommand = {
      type: 'MarkTransferred',
      caseId,
      at,
      actor,
      transferId,
      kind: approved.kind,
      toAgencyId: approved.toAgency.id,
      transferredAt: approved.sentAt,
    };
    try {
      return await commit('markTransferred', caseId, loaded, command, {
        actor,
        at,
        correlationId: context.correlationId ?? randomUUID(),
        causationId: context.causationId ?? null,
        commandId,
        started,
      });
    } catch (error) {
      if (error instanceof InvalidTransitionError || error instanceof ValidationError) {
        logger.warn({ err: error, caseId, transferId }, 'the case cannot record its transfer; left as it is');
        return null;
      }
      throw error;
    }
  };

  /** The decider's command: the validated input fields plus what the service decides (id, time, actor, ...). */
  const toCommand = async (
    name: CaseCommandName,
    input: Record<string, unknown>,
    ctx: { caseId: string; at: string; actor: CaseCommand['actor']; agencyId: string; state: CaseState },
  ): Promise<CaseCommand> => {
    const { commandId: _commandId, expectedVersion: _expected, caseId: _caseId, ...fields } = input;
    const base = { ...fields, caseId: ctx.caseId, at: ctx.at, actor: ctx.actor };
    switch (name) {
      case 'registerCase': {
        const agency = directory.require(ctx.agencyId);
        assertViolationsOf(agency, (input as unknown as RegisterCaseInput).violations);
        const number = await numbers.next(ctx.agencyId, ctx.at);
        return { ...base, type: 'RegisterCase', agencyId: ctx.agencyId, number } as CaseCommand;
      }
      case 'fileCase':
        return { ...base, type: 'FileCase' } as CaseCommand;
      case 'decideNotToFile':
        return { ...base, type: 'DecideNotToFile' } as CaseCommand;
      case 'recordEvidence':
        return { ...base, type: 'RecordEvidence' } as CaseCommand;
      case 'decidePenalty': {
        if (ctx.state.status === 'NONE') throw new NotFoundError('Case', ctx.caseId);
        // The repeat-offender count needs every earlier decision in the read model first.
        await projector.catchUp();
        const windowStart = new Date(Date.parse(ctx.at) - repeatOffenderPolicy.windowDays * 86_400_000).toISOString();
        const prior = await queries.countPriorDecisions(subjectKey(ctx.state.subject), windowStart, ctx.at, ctx.caseId);
        return { ...base, type: 'DecidePenalty', priorViolationsInWindow: prior } as CaseCommand;
      }
      case 'closeCase':
        return { ...base, type: 'CloseCase' } as CaseCommand;
    }
  };

  return {
    serviceName,
    agencyKinds: options.agencyKinds,
    execute,
    markTransferred,
    /** The case as its events say, optionally as of a time (time travel); null for another service's case. */
    async caseAsOf(caseId: string, asOf?: string): Promise<{ state: CaseState; version: number } | null> {
      const events = await store.readStream(caseStreamId(caseId), asOf ? { until: asOf } : {});
      if (events.length === 0) return null;
      const state = foldCase(events.map(toCaseEvent));
      if (state.status === 'NONE' || !isOwn(state.agencyId)) return null;
      return { state, version: events.at(-1)!.version };
    },
  };
};

export type CaseService = ReturnType<typeof createCaseService>;

/** The violation codes an agency of its kind may charge (violations catalogue of contracts). */
const assertViolationsOf = (agency: Agency, codes: readonly string[]) => {
  const allowed = new Set(violationsFor(agency.kind).map((v) => v.code));
  const issues = codes.flatMap((code, index) =>
    allowed.has(code as never) ? [] : [{ path: `violations.${index}`, message: `${code} is not a violation ${agency.kind} agencies handle` }],
  );
  if (issues.length) throw new ValidationError(issues);
};

const toCaseEvent = (e: RecordedEvent): CaseEvent => ({ type: e.type, data: e.data }) as CaseEvent;
