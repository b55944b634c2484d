/**
 * 案件咨询 (case consultation, DESIGN §3.5) — every rule of it is in this file, on the asker's
 * stream `consultation-<id>`:
 *
 *   NONE ─AskCaseConsultation→ ASKED ─AnswerCaseConsultation→ ANSWERED
 *
 * The consulted agency must be of a kind that may be consulted (`consultableAgencyKinds`: the
 * police now; the procuratorate joins that list) and not the asker itself. The answer is due at the
 * end of the answer window (`caseConsultationAnswerWindow`, a local rule: 3 working days by default,
 * counted as decision 0014 counts working days: the day of asking not counted, 24:00 Beijing time of
 * the n-th working day after it). An answer after that is accepted and recorded late (a DUTY); the
 * consultation is overdue after the due time while unanswered (at the due time exactly it is in time).
 *
 * Pure: time comes in on the command (`at`), agencies resolved, the calendar handed in. Who may run
 * a command (the asker's staff, the consulted agency's staff) is checked in packages/auth.
 */
import {
  AnswerCaseConsultationInput,
  AskCaseConsultationInput,
  ConsultationAnswerWindow,
  consultableAgencyKinds,
  InvalidTransitionError,
  IsoDateTime,
  parseInput,
  ValidationError,
} from '@xianjie/contracts';
import type {
  Actor,
  AgencyKind,
  AgencyRef,
  CaseConsultationEvent,
  CaseConsultationStatus,
  ConsultationOpinion,
  WorkingCalendar,
} from '@xianjie/contracts';
import type { Decider } from '../decider.ts';

interface Base {
  consultationId: string;
  at: string;
  actor: Actor;
}

export interface AskCaseConsultation extends Base {
  type: 'AskCaseConsultation';
  /** The asking agency: the actor's. */
  from: AgencyRef;
  /** The consulted agency, resolved from the directory. */
  to: AgencyRef;
  caseId?: string | null;
  caseReference: string;
  question: string;
  facts?: string | null;
  /** The answer window in force (the platform's default or the province's local rule). */
  window: ConsultationAnswerWindow;
  calendar: WorkingCalendar;
}

export interface AnswerCaseConsultation extends Base {
  type: 'AnswerCaseConsultation';
  /** The answering agency: the actor's. */
  agencyId: string;
  opinion: ConsultationOpinion;
  answer: string;
}

export type CaseConsultationCommand = AskCaseConsultation | AnswerCaseConsultation;

export interface CaseConsultation {
  status: CaseConsultationStatus;
  consultationId: string;
  from: AgencyRef;
  to: AgencyRef;
  caseId: string | null;
  caseReference: string;
  question: string;
  facts: string | null;
  askedAt: string;
  dueAt: string;
  window: ConsultationAnswerWindow;
  opinion: ConsultationOpinion | null;
  answer: string | null;
  answeredAt: string | null;
  late: boolean;
}

export type CaseConsultationState = { status: 'NONE' } | CaseConsultation;

export const initialCaseConsultationState: CaseConsultationState = { status: 'NONE' };

/** The answer's due time: 24:00 Beijing time of the n-th working day after the day of asking (decision 0014). */
export const consultationDueAt = (askedAt: string, window: ConsultationAnswerWindow, calendar: WorkingCalendar): string =>
  calendar.addWorkingDays(askedAt, window.amount);

/** Unanswered after the due time (at it exactly: in time), as of `asOf` (fold up to `asOf` for the past). */
export const isConsultationOverdue = (c: Pick<CaseConsultation, 'status' | 'dueAt'>, asOf: string): boolean => {
  const at = Date.parse(asOf);
  if (Number.isNaN(at)) throw new RangeError(`"${asOf}" is not an ISO-8601 date-time`);
  return c.status === 'ASKED' && at > Date.parse(c.dueAt);
};

const refuse = (command: string, reason: string, state: CaseConsultationState): never => {
  throw new InvalidTransitionError(command, reason, state.status);
};

const ask = (command: AskCaseConsultation, state: CaseConsultationState): CaseConsultationEvent[] => {
  const input = parseInput(AskCaseConsultationInput, {
    toAgencyId: command.to.id,
    caseReference: command.caseReference,
    question: command.question,
    ...(command.caseId ? { caseId: command.caseId } : {}),
    ...(command.facts ? { facts: command.facts } : {}),
  });
  const window = parseInput(ConsultationAnswerWindow, command.window);
  if (!consultableAgencyKinds.includes(command.to.kind as AgencyKind)) {
    throw new ValidationError([
      {
        path: 'toAgencyId',
        message: `${command.to.id} is ${command.to.kind}; a case is consulted on the criminal threshold with ${consultableAgencyKinds.join(' or ')} (公安机关)`,
      },
    ]);
  }
  if (command.to.id === command.from.id) {
    throw new ValidationError([{ path: 'toAgencyId', message: `${command.to.id} is the asking agency itself` }]);
  }
  if (state.status !== 'NONE') refuse('askCaseConsultation', `consultation ${command.consultationId} was already asked`, state);
  return [
    {
      type: 'CaseConsultationAsked',
      data: {
        consultationId: command.consultationId,
        from: command.from,
        to: command.to,
        caseId: input.caseId ?? null,
        caseReference: input.caseReference,
        question: input.question,
        facts: input.facts?.trim() ? input.facts.trim() : null,
        askedAt: command.at,
        dueAt: consultationDueAt(command.at, window, command.calendar),
        window,
      },
    },
  ];
};

const answer = (command: AnswerCaseConsultation, state: CaseConsultationState): CaseConsultationEvent[] => {
  const input = parseInput(AnswerCaseConsultationInput, { consultationId: command.consultationId, opinion: command.opinion, answer: command.answer });
  if (state.status === 'NONE') return refuse('answerCaseConsultation', `consultation ${command.consultationId} was not asked`, state);
  if (state.to.id !== command.agencyId) refuse('answerCaseConsultation', `the consultation was asked of ${state.to.id}; only it answers`, state);
  if (state.status === 'ANSWERED') refuse('answerCaseConsultation', `the consultation was answered at ${state.answeredAt}`, state);
  return [
    {
      type: 'CaseConsultationAnswered',
      data: {
        consultationId: command.consultationId,
        opinion: input.opinion,
        answer: input.answer,
        answeredAt: command.at,
        late: Date.parse(command.at) > Date.parse(state.dueAt),
      },
    },
  ];
};

export const decideCaseConsultation = (command: CaseConsultationCommand, state: CaseConsultationState): CaseConsultationEvent[] => {
  if (!IsoDateTime.safeParse(command.at).success) {
    throw new ValidationError([{ path: 'at', message: `"${command.at}" is not an ISO-8601 date-time with offset` }]);
  }
  switch (command.type) {
    case 'AskCaseConsultation':
      return ask(command, state);
    case 'AnswerCaseConsultation':
      return answer(command, state);
    default: {
      const unknown: never = command;
      throw new ValidationError([{ path: 'type', message: `unknown consultation command ${(unknown as { type: string }).type}` }]);
    }
  }
};

export const evolveCaseConsultation = (state: CaseConsultationState, event: CaseConsultationEvent): CaseConsultationState => {
  switch (event.type) {
    case 'CaseConsultationAsked': {
      const d = event.data;
      return {
        status: 'ASKED',
        consultationId: d.consultationId,
        from: d.from as AgencyRef,
        to: d.to as AgencyRef,
        caseId: d.caseId,
        caseReference: d.caseReference,
        question: d.question,
        facts: d.facts,
        askedAt: d.askedAt,
        dueAt: d.dueAt,
        window: d.window,
        opinion: null,
        answer: null,
        answeredAt: null,
        late: false,
      };
    }
    case 'CaseConsultationAnswered': {
      if (state.status === 'NONE') throw new Error('consultation stream starts with CaseConsultationAnswered; the first event must be CaseConsultationAsked');
      const d = event.data;
      return { ...state, status: 'ANSWERED', opinion: d.opinion, answer: d.answer, answeredAt: d.answeredAt, late: d.late };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown consultation event ${(unknown as { type: string }).type}`);
    }
  }
};

export const foldCaseConsultation = (events: readonly CaseConsultationEvent[]): CaseConsultationState =>
  events.reduce(evolveCaseConsultation, initialCaseConsultationState);

export const caseConsultationDecider: Decider<CaseConsultationCommand, CaseConsultationState, CaseConsultationEvent> = {
  decide: decideCaseConsultation,
  evolve: evolveCaseConsultation,
  initialState: initialCaseConsultationState,
};
