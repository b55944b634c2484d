import { createHash, randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import {
  CaseStepInput,
  ConcurrencyError,
  ForbiddenError,
  ValidationError,
  violationsFor,
  type Agency,
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
} from '@xianjie/contracts';
import { decideCase, foldCase, type CaseCommand, type CaseState } from '@xianjie/domain';
import { assertAllowed, type AccessRules, type Principal } from '@xianjie/auth';
import type { EventStore, NewEvent, RecordedEvent, SqlProjector } from '@xianjie/event-store';
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
}

export interface CaseServiceOptions {
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

/** Stable case id for a retried registerCase, so a retry finds the case it created. */
const caseIdFor = (commandId: string | undefined): string =>
  commandId ? uuidFromHash(createHash('sha256').update(`case:${commandId}`).digest()) : randomUUID();

const uuidFromHash = (digest: Buffer): string => {
  const b = Buffer.from(digest.subarray(0, 16));
  b[6] = (b[6]! & 0x0f) | 0x50; // version 5 layout (name-based)
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
};

/**
 * Runs case commands: validate → authorise → load the stream → decide → append with the expected
 * version. Same handler for the HTTP command API and the in-process client.
 */
export const createCaseService = (options: CaseServiceOptions) => {
  const { store, queries, numbers, projector, directory, rules, logger, now } = options;

  const load = async (caseId: string) => {
    const events = await store.readStream(caseStreamId(caseId));
    return { events, state: foldCase(events.map(toCaseEvent)), version: events.length ? events.at(-1)!.version : 0 };
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
    const caseId = name === 'registerCase' ? caseIdFor(input.commandId) : String(input.caseId);
    const streamId = caseStreamId(caseId);
    const loaded = await load(caseId);

    // A retried command finds its own events on the stream: answer as the first time, append nothing.
    if (input.commandId) {
      const own = loaded.events.filter((e) => e.metadata.commandId === input.commandId);
      if (own.length > 0) {
        return { caseId, streamId, state: loaded.state, version: loaded.version, events: own, duplicate: true };
      }
    }
    if (name !== 'registerCase' && loaded.state.status === 'NONE') throw new NotFoundError('Case', caseId);

    const agencyId = loaded.state.status === 'NONE' ? principal.agencyId : loaded.state.agencyId;
    assertAllowed(rules.canRunCaseCommand(principal, name, { agencyId }));
    if (input.expectedVersion !== undefined && input.expectedVersion !== loaded.version) {
      throw new ConcurrencyError(streamId, input.expectedVersion, loaded.version);
    }

    const at = now();
    const actor = { userId: principal.userId, name: principal.name, agencyId: principal.agencyId, roles: principal.roles };
    const command = await toCommand(name, input, { caseId, at, actor, agencyId, state: loaded.state });
    const decided = decideCase(command, loaded.state);

    const newEvents: NewEvent[] = decided.map((event) => ({
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: { actor, occurredAt: at, correlationId, causationId: input.commandId ?? null, commandId: input.commandId ?? null },
    }));
    const result = await store.appendToStream(streamId, newEvents, {
      expectedVersion: loaded.version === 0 ? 'no_stream' : loaded.version,
      ...(input.commandId ? { commandId: input.commandId } : {}),
    });
    if (!result.duplicate) options.onAppended?.();
    const after = result.duplicate ? await load(caseId) : null;
    const state = after?.state ?? foldCase([...loaded.events, ...result.events].map(toCaseEvent));
    logger.info(
      {
        command: name,
        caseId,
        correlationId,
        commandId: input.commandId ?? null,
        actor: principal.userId,
        version: result.nextExpectedVersion,
        events: result.events.map((e) => e.type),
        duplicate: result.duplicate,
        ms: Math.round(performance.now() - started),
      },
      'command handled',
    );
    return { caseId, streamId, state, version: result.nextExpectedVersion, events: result.events, duplicate: result.duplicate };
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
        assertCaseAgency(agency, (input as unknown as RegisterCaseInput).violations);
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
    execute,
    /** The case as its events say, optionally as of a time (time travel). */
    async caseAsOf(caseId: string, asOf?: string): Promise<{ state: CaseState; version: number } | null> {
      const events = await store.readStream(caseStreamId(caseId), asOf ? { until: asOf } : {});
      if (events.length === 0) return null;
      return { state: foldCase(events.map(toCaseEvent)), version: events.at(-1)!.version };
    },
  };
};

export type CaseService = ReturnType<typeof createCaseService>;

/** Agencies that handle administrative cases, and the violation codes each kind may charge. */
const caseAgencyKinds = ['MARKET_REGULATION', 'HEALTH', 'MEDICAL_INSURANCE'] as const;

const assertCaseAgency = (agency: Agency, codes: readonly string[]) => {
  if (!(caseAgencyKinds as readonly string[]).includes(agency.kind)) {
    throw new ForbiddenError(`${agency.name} (${agency.kind}) does not handle administrative cases`);
  }
  const allowed = new Set(violationsFor(agency.kind).map((v) => v.code));
  const issues = codes.flatMap((code, index) =>
    allowed.has(code as never) ? [] : [{ path: `violations.${index}`, message: `${code} is not a violation ${agency.kind} agencies handle` }],
  );
  if (issues.length) throw new ValidationError(issues);
};

const toCaseEvent = (e: RecordedEvent): CaseEvent => ({ type: e.type, data: e.data }) as CaseEvent;
