import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { z } from 'zod';
import {
  AcknowledgeOperationReportInput,
  agencyId,
  AssignTargetsInput,
  EvaluateOperationReportInput,
  RecordSelfInspectionInput,
  ConcurrencyError,
  ForbiddenError,
  FormInspectionGroupInput,
  NotFoundError,
  operationStreamId,
  OperationStepInput,
  parentRegionCode,
  parseInput,
  PlanOperationInput,
  RecordInspectionInput,
  RegisterProblemInput,
  ReportRectificationInput,
  ReportResultInput,
  ScheduleFollowUpInput,
  ValidationError,
  VerifyRectificationInput,
  commandTime,
  idForCommand
} from '@xianjie/contracts';
import type { Actor, AgencyDirectory, AgencyRef, OperationEvent, TransferKind } from '@xianjie/contracts';
import { decideOperation, findingsOf, foldOperation } from '@xianjie/domain';
import type { InspectionGroup, Operation, OperationCommand, OperationState } from '@xianjie/domain';
import { assertAllowed, operationCommandRoles } from '@xianjie/auth';
import type { AccessRules, OperationCommandName, Principal } from '@xianjie/auth';
import { appendDecided } from '@xianjie/event-store';
import type { EventStore, RecordedEvent } from '@xianjie/event-store';
import { canSeeTarget, groupFacts, groupView, operationFacts, operationResultView, operationView } from './operationView.ts';
import type { OperationResultView, OperationView } from './operationView.ts';

/** The operation commands by their API names (DESIGN §4; the keys of auth's `operationCommandRoles`). */
export const operationCommandNames = Object.keys(operationCommandRoles) as OperationCommandName[];

/** The input schema of each command (contracts); the service adds ids, agencies, actor and time. */
export const operationCommandInputs: Readonly<Record<OperationCommandName, z.ZodType>> = {
  planOperation: PlanOperationInput,
  formInspectionGroup: FormInspectionGroupInput,
  assignTargets: AssignTargetsInput,
  launchOperation: OperationStepInput,
  recordInspection: RecordInspectionInput,
  registerProblem: RegisterProblemInput,
  reportRectification: ReportRectificationInput,
  verifyRectification: VerifyRectificationInput,
  scheduleFollowUp: ScheduleFollowUpInput,
  recordSelfInspection: RecordSelfInspectionInput,
  acknowledgeOperationReport: AcknowledgeOperationReportInput,
  evaluateOperationReport: EvaluateOperationReportInput,
  reportResult: ReportResultInput,
  closeOperation: OperationStepInput,
};

/** The commission's commands on the result report: their callers read the report, not necessarily the operation. */
const reportReviewCommands: readonly OperationCommandName[] = ['acknowledgeOperationReport', 'evaluateOperationReport'];

export interface OperationCommandContext {
  principal: Principal;
  correlationId?: string;
  /**
   * When the step happened (ISO-8601 with offset, not after now), for trusted in-process callers
   * that record the past (the demo seed, importers): the command's time instead of `now()`. The
   * HTTP command API never sets it.
   */
  occurredAt?: string;
}

export interface OperationCommandResult {
  operationId: string;
  streamId: string;
  /** The whole folded state: for in-process use only (it holds every group's targets). */
  state: Operation;
  /** The operation as the principal may see it: what an API returns; null for whoever reads only its result report. */
  view: OperationView | null;
  /** The result report and its header (for the commission's commands). */
  result: OperationResultView;
  version: number;
  /** Events appended by this command (the first attempt's, for a retried commandId). */
  events: RecordedEvent[];
  duplicate: boolean;
}

/** What the case facts consumer asks: record on the operation what a case service did with a referred finding. */
export type CaseFactNote =
  | {
      kind: 'registered';
      operationId: string;
      findingId: string;
      caseId: string;
      caseNumber: string;
      agencyId: string;
      registeredAt: string;
    }
  | {
      kind: 'transferred';
      operationId: string;
      findingId: string;
      caseId: string;
      transferId: string;
      transferKind: TransferKind;
      toAgencyId: string;
      transferredAt: string;
    };

export interface OperationCommandsOptions {
  serviceName: string;
  store: EventStore;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  /** The clock: ISO-8601 now. */
  now: () => string;
  /** Called after every append (wakes the outbox relay). */
  onAppended?: () => void;
}


const toOperationEvent = (e: RecordedEvent): OperationEvent => ({ type: e.type, data: e.data }) as OperationEvent;
const ref = (a: AgencyRef): AgencyRef => ({ id: a.id, kind: a.kind, regionCode: a.regionCode });

/** How often a command without `expectedVersion` is decided again after another append won the race. */
const RETRIES = 3;

/**
 * Runs the operation commands: validate → load `operation-<id>` → the operation's facts (lead
 * agency, office, the group the command concerns) → NOT_FOUND to whoever may not read it →
 * `rules.canRunOperationCommand` → no refusal naming a hidden target → a retried
 * `commandId` returns the first result → `expectedVersion` → the decider → append with the loaded
 * version. One stream per operation: every planning check spans groups (a person in two groups, a
 * target in two) and needs one consistent state. Groups record at the same time, so a command
 * without `expectedVersion` that loses a race is decided again on the new state (up to 3 times).
 */
export const createOperationCommands = (options: OperationCommandsOptions) => {
  const { store, directory, rules, logger, now, serviceName } = options;

  const load = async (operationId: string, asOf?: string) => {
    const events = await store.readStream(operationStreamId(operationId), asOf ? { until: asOf } : {});
    return {
      events,
      state: foldOperation(events.map(toOperationEvent)),
      version: events.length ? events.at(-1)!.version : 0,
    };
  };
  type Loaded = Awaited<ReturnType<typeof load>>;

  const append = async (
    operationId: string,
    loaded: Loaded,
    decided: OperationEvent[],
    meta: { actor: Actor; at: string; correlationId: string; commandId?: string },
  ) => {
    const result = await appendDecided(store, operationStreamId(operationId), loaded.version, decided, meta);
    if (!result.duplicate && result.events.length > 0) options.onAppended?.();
    const state = result.duplicate
      ? (await load(operationId)).state
      : foldOperation([...loaded.events, ...result.events].map(toOperationEvent));
    return { result, state: state as Operation };
  };

  /** The agency of the principal, from the directory. */
  const agencyOf = (principal: Principal): AgencyRef => {
    const agency = directory.get(principal.agencyId);
    if (!agency) throw new ForbiddenError(`agency "${principal.agencyId}" is not in the directory`);
    return ref(agency);
  };

  /** The discipline commission of the lead agency's region, or of the nearest enclosing region that has one. */
  const commissionFor = (lead: AgencyRef): string => {
    for (let region: string | null = lead.regionCode; region; region = parentRegionCode(region)) {
      const id = agencyId('DISCIPLINE_INSPECTION', region);
      if (directory.get(id)) return id;
    }
    throw new ValidationError([{ path: 'leadAgency', message: `no discipline commission (纪委监委) covers region ${lead.regionCode}` }]);
  };

  /**
   * The group a command concerns: the one named (assignTargets, recordInspection) or the group of
   * the finding (ledger commands). An unknown reference is a ValidationError, told only to those
   * who may read the operation.
   */
  const groupOf = (name: OperationCommandName, input: Record<string, unknown>, state: Operation) => {
    if (name === 'assignTargets' || name === 'recordInspection') {
      const group = state.groups.find((g) => g.groupId === input.groupId);
      if (!group) throw new ValidationError([{ path: 'groupId', message: `no inspection group ${String(input.groupId)}` }]);
      return group;
    }
    if (['registerProblem', 'reportRectification', 'verifyRectification', 'scheduleFollowUp'].includes(name)) {
      const found = findingsOf(state).find(({ finding }) => finding.findingId === input.findingId);
      if (!found) throw new ValidationError([{ path: 'findingId', message: `no finding ${String(input.findingId)}` }]);
      return state.groups.find((g) => g.groupId === found.inspection.groupId);
    }
    return undefined;
  };

  /**
   * `groupOf`, with the right to act checked first: an unknown group or finding is told only to
   * whoever may run this command on the operation (with no group, or on one of its groups); anyone
   * else is FORBIDDEN, as they would be for a group that exists (the authorization matrix's cells).
   */
  const groupOfAllowed = (
    name: OperationCommandName,
    input: Record<string, unknown>,
    state: Operation,
    principal: Principal,
    facts: ReturnType<typeof operationFacts>,
  ) => {
    try {
      return groupOf(name, input, state);
    } catch (error) {
      const mayAct = [undefined, ...state.groups].some(
        (g) => rules.canRunOperationCommand(principal, name, { ...facts, ...(g ? { group: groupFacts(g) } : {}) }).allowed,
      );
      if (!mayAct) assertAllowed(rules.canRunOperationCommand(principal, name, facts));
      throw error;
    }
  };

  /**
   * 四不两直 in refusals: a target of a group the principal may not see (unannounced, not yet
   * inspected) is refused as if it were not there, naming only what the caller sent — the decider's
   * messages name the target and its group (or the group's hidden period), which only those who may
   * see them are told.
   */
  const assertNoHiddenTarget = (
    name: OperationCommandName,
    input: Record<string, unknown>,
    state: Operation,
    principal: Principal,
    group: InspectionGroup | undefined,
  ) => {
    const hidden = (creditCode: unknown) => {
      const target = state.targets.find((t) => t.creditCode === creditCode);
      return target !== undefined && !canSeeTarget(principal, rules, state, target) ? target : undefined;
    };
    if (name === 'recordSelfInspection' && hidden(input.targetCreditCode)) {
      throw new ValidationError([{ path: 'targetCreditCode', message: `${String(input.targetCreditCode)} is not a target of the operation` }]);
    }
    if (name === 'recordInspection' && group) {
      const code = String(input.targetCreditCode);
      const target = state.targets.find((t) => t.creditCode === code);
      if (!target || (target.groupId !== group.groupId && hidden(code))) {
        throw new ValidationError([
          { path: 'targetCreditCode', message: `${code} 不是本组的检查对象: it is not a target of ${group.name} (${group.groupId})` },
        ]);
      }
    }
    if (name === 'assignTargets') {
      // The group's period, when the caller may not see it (the lead agency's head and an unannounced group), is not told either.
      const period = group && groupView(principal, rules, state, group).startsOn !== null ? group : undefined;
      const issues = ((input.targets as { creditCode: string; plannedOn?: string }[] | undefined) ?? []).flatMap((t, index) => [
        ...(hidden(t.creditCode)
          ? [{ path: `targets.${index}.creditCode`, message: `${t.creditCode} 已分配给其他检查组: it is assigned to a group already; a target has one group` }]
          : []),
        ...(group && !period && t.plannedOn !== undefined && (t.plannedOn < group.startsOn || t.plannedOn > group.endsOn)
          ? [{ path: `targets.${index}.plannedOn`, message: `${t.plannedOn} 不在该组工作期间: it is outside the work of ${group.name} (${group.groupId})` }]
          : []),
      ]);
      if (issues.length > 0) throw new ValidationError(issues);
    }
  };

  /** The decider's command for an API command: its validated input plus what the service decides. */
  const toCommand = (
    name: OperationCommandName,
    input: Record<string, unknown>,
    base: { operationId: string; at: string; actor: Actor },
    lead: AgencyRef,
  ): OperationCommand => {
    const { commandId: _c, expectedVersion: _v, operationId: _o, ...fields } = input;
    const type = `${name[0]!.toUpperCase()}${name.slice(1)}`;
    if (name !== 'planOperation') return { ...fields, ...base, type } as OperationCommand;
    const participants = (input.participantAgencyIds as string[]).map((id, index) => {
      const agency = directory.get(id);
      if (!agency) throw new ValidationError([{ path: `participantAgencyIds.${index}`, message: `${id} is not an agency of the directory` }]);
      return ref(agency);
    });
    return { ...fields, ...base, type, leadAgency: lead, participants, resultRecipientAgencyId: commissionFor(lead) } as OperationCommand;
  };

  /** The operation as the principal may see it, or null when it reads only the result report. */
  const viewFor = (principal: Principal, state: Operation, version: number): OperationView | null =>
    rules.canReadOperation(principal, operationFacts(state)).allowed ? operationView(principal, rules, state, version) : null;

  const execute = async (
    name: OperationCommandName,
    rawInput: unknown,
    context: OperationCommandContext,
  ): Promise<OperationCommandResult> => {
    const started = performance.now();
    if (!Object.hasOwn(operationCommandInputs, name)) {
      throw new ValidationError([{ path: 'command', message: `unknown operation command "${String(name)}"` }]);
    }
    const { principal } = context;
    const correlationId = context.correlationId ?? randomUUID();
    const input = parseInput(operationCommandInputs[name], rawInput) as Record<string, unknown> & {
      commandId?: string;
      operationId?: string;
      expectedVersion?: number;
    };
    // Checked once, before any attempt: a stated time is the same on every retry of the race below.
    const stated = context.occurredAt === undefined ? undefined : commandTime(context.occurredAt, now());
    const agency = agencyOf(principal);
    const operationId = name === 'planOperation' ? idForCommand('operation', agency.id, input.commandId) : String(input.operationId);
    const streamId = operationStreamId(operationId);
    const actor: Actor = { userId: principal.userId, name: principal.name, agencyId: principal.agencyId, roles: principal.roles };

    for (let attempt = 1; ; attempt++) {
      const loaded = await load(operationId);
      const state = loaded.state;
      if (state.status === 'NONE' && name !== 'planOperation') throw new NotFoundError('Operation', operationId);

      if (state.status === 'NONE') {
        // The planner's agency leads the operation: its supervisor plans.
        assertAllowed(
          rules.canRunOperationCommand(principal, name, { leadAgencyId: agency.id, participantAgencyIds: [agency.id], officeUserIds: [] }),
        );
      } else {
        const facts = operationFacts(state);
        // To whoever may not read it the operation does not exist: NOT_FOUND, as for an unknown id.
        // The commission's commands on the report need only the report to be readable.
        const readable = reportReviewCommands.includes(name) ? rules.canReadOperationReport : rules.canReadOperation;
        if (!readable(principal, facts).allowed) throw new NotFoundError('Operation', operationId);
        const group = groupOfAllowed(name, input, state, principal, facts);
        assertAllowed(rules.canRunOperationCommand(principal, name, { ...facts, ...(group ? { group: groupFacts(group) } : {}) }));
        assertNoHiddenTarget(name, input, state as Operation, principal, group);
      }

      // A retried command finds its own events on the stream: answer as the first time, append nothing.
      if (input.commandId) {
        const own = loaded.events.filter((e) => e.metadata.commandId === input.commandId);
        if (own.length > 0) {
          const current = state as Operation;
          return {
            operationId,
            streamId,
            state: current,
            view: viewFor(principal, current, loaded.version),
            result: operationResultView(current, loaded.version),
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
      const lead = state.status === 'NONE' ? agency : state.leadAgency;
      const decided = decideOperation(toCommand(name, input, { operationId, at, actor }, lead), state);
      try {
        const { result, state: after } = await append(operationId, loaded, decided, {
          actor,
          at,
          correlationId,
          ...(input.commandId ? { commandId: input.commandId } : {}),
        });
        logger.info(
          {
            command: name,
            operationId,
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
          operationId,
          streamId,
          state: after,
          view: viewFor(principal, after, result.nextExpectedVersion),
          result: operationResultView(after, result.nextExpectedVersion),
          version: result.nextExpectedVersion,
          events: result.events,
          duplicate: result.duplicate,
        };
      } catch (error) {
        // Another group's append came first: decide again on the new state unless the caller pinned a version.
        if (error instanceof ConcurrencyError && input.expectedVersion === undefined && attempt < RETRIES) continue;
        throw error;
      }
    }
  };

  /**
   * Records on the operation what a case service did with a referred finding (the case registered,
   * the case transferred), as the system actor `system:<service>` of the lead agency, with the
   * message id as commandId so a redelivery appends nothing. Null when the operation is unknown.
   */
  const noteCaseFact = async (
    note: CaseFactNote,
    meta: { messageId: string; correlationId?: string | null },
  ): Promise<{ version: number; events: RecordedEvent[]; duplicate: boolean } | null> => {
    for (let attempt = 1; ; attempt++) {
      const loaded = await load(note.operationId);
      if (loaded.state.status === 'NONE') return null;
      if (loaded.events.some((e) => e.metadata.commandId === meta.messageId)) {
        return { version: loaded.version, events: [], duplicate: true };
      }
      const at = now();
      const actor: Actor = { userId: `system:${serviceName}`, name: serviceName, agencyId: loaded.state.leadAgency.id, roles: [] };
      const base = { operationId: note.operationId, at, actor, findingId: note.findingId, caseId: note.caseId };
      const command: OperationCommand =
        note.kind === 'registered'
          ? { ...base, type: 'LinkFindingCase', caseNumber: note.caseNumber, agencyId: note.agencyId, registeredAt: note.registeredAt }
          : {
              ...base,
              type: 'NoteFindingCaseTransferred',
              transferId: note.transferId,
              kind: note.transferKind,
              toAgencyId: note.toAgencyId,
              transferredAt: note.transferredAt,
            };
      const decided = decideOperation(command, loaded.state);
      if (decided.length === 0) return { version: loaded.version, events: [], duplicate: true };
      try {
        const { result } = await append(note.operationId, loaded, decided, {
          actor,
          at,
          correlationId: meta.correlationId ?? randomUUID(),
          commandId: meta.messageId,
        });
        return { version: result.nextExpectedVersion, events: result.events, duplicate: result.duplicate };
      } catch (error) {
        if (error instanceof ConcurrencyError && attempt < RETRIES) continue;
        throw error;
      }
    }
  };

  return {
    execute,
    noteCaseFact,
    /** The operation as its events say, optionally as of a time (time travel); null when absent. No access applied. */
    async operationAsOf(operationId: string, asOf?: string): Promise<{ state: Operation; version: number } | null> {
      const loaded = await load(operationId, asOf);
      if (loaded.state.status === 'NONE') return null;
      return { state: loaded.state as Operation, version: loaded.version };
    },
  };
};

export type OperationCommands = ReturnType<typeof createOperationCommands>;
export type { OperationState };
