import {
  beijingDate,
  endOfBeijingDay,
  InvalidTransitionError,
  IsoDateTime,
  LiftCaseSupervisionInput,
  NotFoundError,
  parseInput,
  SuperviseCaseInput,
  ValidationError,
} from '@xianjie/contracts';
import type { Actor, CaseStatus, CaseSupervisionEvent } from '@xianjie/contracts';
import type { Decider } from '../decider.ts';

/**
 * 挂牌督办 (listed supervision, DESIGN §3.4): the discipline inspection commission lists an
 * agency's case for supervision with a due date (督办期限) and lifts it (解除督办). One stream per
 * case, `supervision-<caseId>`, owned by the commission. Who may do it (a commission's supervisor
 * whose region covers the case's agency) is `@xianjie/auth`'s rule; the facts of the case come from
 * the commission's own case facts (public case events), handed in on the command.
 *
 * The commission's duty to supervise (监督) is 《中华人民共和国监察法》第十一条; 挂牌督办 and its due
 * date are set case by case by the commission (no statute fixes a window), so the due date comes in
 * on the command and is not a policy of `contracts/policies`.
 */

/** What the commission knows of the case (its case facts, from the agencies' public case events). */
export interface SupervisedCaseFacts {
  caseId: string;
  agencyId: string;
  number: string;
  status: CaseStatus;
  closedAt: string | null;
}

interface Base {
  caseId: string;
  /** Business time of the command (the service's clock). */
  at: string;
  actor: Actor;
}

export interface SuperviseCase extends Base {
  type: 'SuperviseCase';
  /** The supervising commission: the actor's agency. */
  commissionId: string;
  /** The case as the commission knows it; null when it does not (or may not: outside its region). */
  case: SupervisedCaseFacts | null;
  dueDate: string;
  reason: string;
  requirements?: string | null;
}

export interface LiftCaseSupervision extends Base {
  type: 'LiftCaseSupervision';
  /** The lifting commission: the actor's agency. */
  commissionId: string;
  reason: string;
}

export type CaseSupervisionCommand = SuperviseCase | LiftCaseSupervision;

export interface CaseSupervision {
  /** SUPERVISED: 督办中; LIFTED: 已解除督办 (the case may be listed again). */
  status: 'SUPERVISED' | 'LIFTED';
  caseId: string;
  caseNumber: string;
  caseAgencyId: string;
  commissionId: string;
  reason: string;
  requirements: string | null;
  dueDate: string;
  dueAt: string;
  supervisedAt: string;
  liftedAt: string | null;
  liftedBy: string | null;
  liftReason: string | null;
  /** How many times the case was listed (1 for the first supervision). */
  rounds: number;
}

export type CaseSupervisionState = { status: 'NONE' } | CaseSupervision;

export const initialCaseSupervisionState: CaseSupervisionState = { status: 'NONE' };

/** 督办期限: 24:00 of the due date, Beijing time (00:00 of the next day). */
export const supervisionDueAt = (dueDate: string): string => endOfBeijingDay(dueDate);

/**
 * Whether a supervised case is overdue (逾期未办结) at `asOf`: past its due time (`asOf` after
 * `dueAt`; at `dueAt` exactly it is still in time) and not closed by the due time. A case closed
 * after the due time stays overdue: it was not closed by then (逾期办结).
 */
export const isSupervisionOverdue = (supervision: Pick<CaseSupervision, 'dueAt'>, closedAt: string | null, asOf: string): boolean => {
  const due = Date.parse(supervision.dueAt);
  const at = Date.parse(asOf);
  if (Number.isNaN(at)) throw new RangeError(`"${asOf}" is not an ISO-8601 date-time`);
  if (at <= due) return false;
  return closedAt === null || Date.parse(closedAt) > due;
};

// ---------------------------------------------------------------- decide

const refuse = (command: string, reason: string, state: CaseSupervisionState): never => {
  throw new InvalidTransitionError(command, reason, state.status);
};

const superviseCase = (command: SuperviseCase, state: CaseSupervisionState): CaseSupervisionEvent[] => {
  const input = parseInput(SuperviseCaseInput, {
    caseId: command.caseId,
    dueDate: command.dueDate,
    reason: command.reason,
    ...(command.requirements ? { requirements: command.requirements } : {}),
  });
  const today = beijingDate(command.at);
  if (input.dueDate < today) {
    throw new ValidationError([
      { path: 'dueDate', message: `the due date ${input.dueDate} is before today (${today}, Beijing time)` },
    ]);
  }
  if (command.case === null || command.case.caseId !== command.caseId) throw new NotFoundError('Case', command.caseId);
  const facts = command.case;
  if (state.status === 'SUPERVISED') {
    refuse(
      'superviseCase',
      `case ${state.caseNumber} is already under supervision (挂牌督办) by ${state.commissionId} since ${state.supervisedAt}, ` +
        `due ${state.dueDate}; lift it (解除督办) before listing it again`,
      state,
    );
  }
  // Supervision is over the handling of an open case: a closed case has nothing left to supervise.
  if (facts.status === 'CLOSED') {
    refuse('superviseCase', `case ${facts.number} is closed (已结案); only an open case can be put under supervision`, state);
  }
  const requirements = input.requirements?.trim() ? input.requirements.trim() : null;
  return [
    {
      type: 'CaseSupervised',
      data: {
        caseId: facts.caseId,
        caseNumber: facts.number,
        caseAgencyId: facts.agencyId,
        commissionId: command.commissionId,
        reason: input.reason,
        requirements,
        dueDate: input.dueDate,
        dueAt: supervisionDueAt(input.dueDate),
        supervisedAt: command.at,
      },
    },
  ];
};

const liftCaseSupervision = (command: LiftCaseSupervision, state: CaseSupervisionState): CaseSupervisionEvent[] => {
  const input = parseInput(LiftCaseSupervisionInput, { caseId: command.caseId, reason: command.reason });
  if (state.status === 'NONE') refuse('liftCaseSupervision', `case ${command.caseId} is not under supervision`, state);
  if (state.status === 'LIFTED') {
    refuse('liftCaseSupervision', `the supervision of case ${state.caseNumber} was already lifted at ${state.liftedAt}`, state);
  }
  return [
    {
      type: 'CaseSupervisionLifted',
      data: { caseId: command.caseId, commissionId: command.commissionId, reason: input.reason, liftedAt: command.at },
    },
  ];
};

/**
 * The events a command produces on a case's supervision, or a thrown ValidationError (bad input,
 * field named), NotFoundError (a case the commission does not know) or InvalidTransitionError (why
 * not now). Order of checks: input → existence → transition.
 */
export const decideCaseSupervision = (command: CaseSupervisionCommand, state: CaseSupervisionState): CaseSupervisionEvent[] => {
  if (!IsoDateTime.safeParse(command.at).success) {
    throw new ValidationError([{ path: 'at', message: `"${command.at}" is not an ISO-8601 date-time with offset` }]);
  }
  switch (command.type) {
    case 'SuperviseCase':
      return superviseCase(command, state);
    case 'LiftCaseSupervision':
      return liftCaseSupervision(command, state);
    default: {
      const unknown: never = command;
      throw new ValidationError([{ path: 'type', message: `unknown supervision command ${(unknown as { type: string }).type}` }]);
    }
  }
};

// ---------------------------------------------------------------- evolve

/** Applies one recorded event. Events are facts: no rule is checked again here. */
export const evolveCaseSupervision = (state: CaseSupervisionState, event: CaseSupervisionEvent): CaseSupervisionState => {
  switch (event.type) {
    case 'CaseSupervised': {
      const d = event.data;
      return {
        status: 'SUPERVISED',
        caseId: d.caseId,
        caseNumber: d.caseNumber,
        caseAgencyId: d.caseAgencyId,
        commissionId: d.commissionId,
        reason: d.reason,
        requirements: d.requirements,
        dueDate: d.dueDate,
        dueAt: d.dueAt,
        supervisedAt: d.supervisedAt,
        liftedAt: null,
        liftedBy: null,
        liftReason: null,
        rounds: (state.status === 'NONE' ? 0 : state.rounds) + 1,
      };
    }
    case 'CaseSupervisionLifted': {
      if (state.status === 'NONE') throw new Error('supervision stream starts with CaseSupervisionLifted; the first event must be CaseSupervised');
      return { ...state, status: 'LIFTED', liftedAt: event.data.liftedAt, liftedBy: event.data.commissionId, liftReason: event.data.reason };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown supervision event ${(unknown as { type: string }).type}`);
    }
  }
};

export const foldCaseSupervision = (events: readonly CaseSupervisionEvent[]): CaseSupervisionState =>
  events.reduce(evolveCaseSupervision, initialCaseSupervisionState);

/** The supervision workflow as one value, for a generic command handler. */
export const caseSupervisionDecider: Decider<CaseSupervisionCommand, CaseSupervisionState, CaseSupervisionEvent> = {
  decide: decideCaseSupervision,
  evolve: evolveCaseSupervision,
  initialState: initialCaseSupervisionState,
};
