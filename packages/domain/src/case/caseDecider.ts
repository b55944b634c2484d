/**
 * The administrative case (行政案件, DESIGN §3.1) — every rule of its life cycle is in this file:
 *
 *   NONE ─RegisterCase→ CLUE_REGISTERED ─FileCase→ FILED ─DecidePenalty→ PENALTY_DECIDED ─CloseCase→ CLOSED
 *                              └─DecideNotToFile→ NOT_FILED ─CloseCase→ CLOSED
 *   RecordEvidence: on CLUE_REGISTERED (立案前核查) and FILED.  TRANSFERRED: reserved for the transfer workflow.
 *
 * Pure: time comes in on the command (`at`), counts from read models come in on the command
 * (`priorViolationsInWindow`). Who may do what (roles, own agency) is checked in packages/auth,
 * not here. A refused command throws and yields no events, so nothing is appended.
 */
import {
  DecideNotToFileInput,
  DecidePenaltyInput,
  IsoDateTime,
  parseInput,
  RecordEvidenceInput,
  RegisterCaseInput,
  repeatOffenderPolicy,
  toSubject,
} from '@xianjie/contracts';
import type {
  Actor,
  CaseEvent,
  CaseEventOf,
  CaseSource,
  CaseStatus,
  EvidenceKind,
  Penalty,
  PersonResponsible,
  Subject,
  ViolationCode,
} from '@xianjie/contracts';
import { InvalidTransitionError, NotFoundError, ValidationError } from '@xianjie/contracts/errors';
import type { Decider } from '../decider.ts';

// ---------------------------------------------------------------- commands

interface CaseCommandBase {
  caseId: string;
  /** Business time of the command, ISO-8601 with offset (the service's clock, never read here). */
  at: string;
  actor: Actor;
}

export interface RegisterCase extends CaseCommandBase, Omit<RegisterCaseInput, 'commandId'> {
  type: 'RegisterCase';
  /** 案件编号, assigned by the service. */
  number: string;
  /** The agency that owns the case (the actor's agency, resolved by the service). */
  agencyId: string;
}

export interface FileCase extends CaseCommandBase {
  type: 'FileCase';
  reason?: string | null;
}

export interface DecideNotToFile extends CaseCommandBase {
  type: 'DecideNotToFile';
  reason: string;
}

export interface RecordEvidence
  extends CaseCommandBase, Pick<RecordEvidenceInput, 'kind' | 'title' | 'description'> {
  type: 'RecordEvidence';
}

export interface DecidePenalty
  extends
    CaseCommandBase,
    Pick<DecidePenaltyInput, 'decisionNumber' | 'penalties' | 'personsResponsible' | 'reason'> {
  type: 'DecidePenalty';
  /**
   * Violations decided for the same subject (subjectKey) within repeatOffenderPolicy.windowDays
   * before `at`, counted by the service from its read model.
   */
  priorViolationsInWindow: number;
}

export interface CloseCase extends CaseCommandBase {
  type: 'CloseCase';
  reason?: string | null;
}

export type CaseCommand =
  RegisterCase | FileCase | DecideNotToFile | RecordEvidence | DecidePenalty | CloseCase;

// ---------------------------------------------------------------- state

export interface EvidenceItem {
  evidenceId: string;
  kind: EvidenceKind;
  title: string;
  description: string | null;
  recordedAt: string;
}

export interface PenaltyDecision {
  decisionNumber: string;
  penalties: Penalty[];
  personsResponsible: PersonResponsible[];
  priorViolationsInWindow: number;
  reason: string | null;
}

export interface Case {
  status: CaseStatus;
  caseId: string;
  agencyId: string;
  number: string;
  subject: Subject;
  source: CaseSource;
  summary: string;
  violations: ViolationCode[];
  amountInvolvedFen: number | null;
  evidence: EvidenceItem[];
  penalty: PenaltyDecision | null;
  registeredAt: string;
  filedAt: string | null;
  /** When the penalty or the decision not to file was made. */
  decidedAt: string | null;
  notFiledReason: string | null;
  closedAt: string | null;
  closeReason: string | null;
  repeatOffender: boolean;
}

export type CaseState = { status: 'NONE' } | Case;

export const initialCaseState: CaseState = { status: 'NONE' };

// ---------------------------------------------------------------- decide

const optionalText = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

const checkAt = (at: string): void => {
  if (!IsoDateTime.safeParse(at).success) {
    throw new ValidationError([{ path: 'at', message: `"${at}" is not an ISO-8601 date-time with offset` }]);
  }
};

/** The case, or NotFoundError when nothing was registered under this id. */
const existing = (command: CaseCommand, state: CaseState): Case => {
  if (state.status === 'NONE') throw new NotFoundError('Case', command.caseId);
  return state;
};

const refuse = (command: string, reason: string, state: CaseState): never => {
  throw new InvalidTransitionError(command, `${reason}; it is ${state.status}`, state.status);
};

const registerCase = (command: RegisterCase, state: CaseState): CaseEvent[] => {
  const input = parseInput(RegisterCaseInput, {
    subject: command.subject,
    source: command.source,
    summary: command.summary,
    violations: command.violations,
    amountInvolvedFen: command.amountInvolvedFen,
  });
  if (command.number.trim() === '')
    throw new ValidationError([{ path: 'number', message: 'a case number is required' }]);
  if (command.agencyId.trim() === '') {
    throw new ValidationError([{ path: 'agencyId', message: 'the owning agency is required' }]);
  }
  if (state.status !== 'NONE') refuse('registerCase', `case ${command.caseId} is already registered`, state);
  // 《市场监督管理行政处罚程序规定》第十八条: a clue is checked and the decision to file or not is
  // taken within 15 working days of its discovery (extendable by 15). Cited, not enforced yet.
  return [
    {
      type: 'CaseRegistered',
      data: {
        caseId: command.caseId,
        number: command.number.trim(),
        agencyId: command.agencyId,
        subject: toSubject(input.subject),
        source: input.source,
        summary: input.summary,
        violations: input.violations,
        amountInvolvedFen: input.amountInvolvedFen ?? null,
        registeredAt: command.at,
      },
    },
  ];
};

const fileCase = (command: FileCase, state: CaseState): CaseEvent[] => {
  const current = existing(command, state);
  // 立案 on the head's approval when the conditions are met (《行政处罚法》第五十四条第二款;
  // 《市场监督管理行政处罚程序规定》第十八条、第十九条). The supervisor role is checked in auth.
  if (current.status !== 'CLUE_REGISTERED') {
    refuse('fileCase', 'a case can be filed only when it is a registered clue', state);
  }
  return [
    {
      type: 'CaseFiled',
      data: { caseId: current.caseId, reason: optionalText(command.reason), filedAt: command.at },
    },
  ];
};

const decideNotToFile = (command: DecideNotToFile, state: CaseState): CaseEvent[] => {
  const { reason } = parseInput(DecideNotToFileInput, { caseId: command.caseId, reason: command.reason });
  const current = existing(command, state);
  // 不予立案 is the head's decision too, and is recorded with its reason.
  if (current.status !== 'CLUE_REGISTERED') {
    refuse('decideNotToFile', 'a clue can be declined (不予立案) only while it is a registered clue', state);
  }
  return [{ type: 'CaseNotFiled', data: { caseId: current.caseId, reason, decidedAt: command.at } }];
};

const recordEvidence = (command: RecordEvidence, state: CaseState): CaseEvent[] => {
  const input = parseInput(RecordEvidenceInput, {
    caseId: command.caseId,
    kind: command.kind,
    title: command.title,
    description: command.description,
  });
  const current = existing(command, state);
  // Evidence is taken while the clue is checked (立案前核查) as well as after filing: evidence
  // lawfully obtained in the check before filing may be used in the case (《市场监督管理行政处罚程序规定》).
  // After the decision the file is complete; new facts mean a new case.
  if (current.status !== 'CLUE_REGISTERED' && current.status !== 'FILED') {
    refuse(
      'recordEvidence',
      'evidence can be recorded only while a clue is checked or a filed case is investigated',
      state,
    );
  }
  return [
    {
      type: 'EvidenceRecorded',
      data: {
        caseId: current.caseId,
        // Deterministic and unique within the case: the decider has no id generator.
        evidenceId: `${current.caseId}-E${current.evidence.length + 1}`,
        kind: input.kind,
        title: input.title,
        description: optionalText(input.description),
        recordedAt: command.at,
      },
    },
  ];
};

const decidePenalty = (command: DecidePenalty, state: CaseState): CaseEvent[] => {
  const input = parseInput(DecidePenaltyInput, {
    caseId: command.caseId,
    decisionNumber: command.decisionNumber,
    penalties: command.penalties,
    personsResponsible: command.personsResponsible,
    reason: command.reason,
  });
  if (!Number.isInteger(command.priorViolationsInWindow) || command.priorViolationsInWindow < 0) {
    throw new ValidationError([
      { path: 'priorViolationsInWindow', message: 'the count of prior violations is a non-negative integer' },
    ]);
  }
  const current = existing(command, state);
  if (current.status !== 'FILED')
    refuse('decidePenalty', 'a penalty can be decided only on a filed case', state);
  // 《行政处罚法》第四十条: no penalty where the facts are unclear or the evidence insufficient.
  // (第六十条: decide within 90 days of filing — cited, not enforced yet.)
  if (current.evidence.length === 0) {
    refuse(
      'decidePenalty',
      'a penalty needs evidence (《行政处罚法》第四十条); record evidence first',
      state,
    );
  }
  // Repeat offender (DESIGN §3.1, repeatOffenderPolicy): this decision counts as one violation.
  const repeatOffender = command.priorViolationsInWindow + 1 >= repeatOffenderPolicy.minViolations;
  return [
    {
      type: 'PenaltyDecided',
      data: {
        caseId: current.caseId,
        decisionNumber: input.decisionNumber,
        penalties: input.penalties.map((penalty) => ({
          kind: penalty.kind,
          amountFen: penalty.amountFen ?? null,
          description: optionalText(penalty.description),
        })),
        // 处罚到人: persons responsible are named on the decision (e.g. 《药品管理法》第一百一十八条).
        personsResponsible: input.personsResponsible.map((person) => ({
          name: person.name,
          role: person.role,
          idNumber: person.idNumber ?? null,
        })),
        repeatOffender,
        priorViolationsInWindow: command.priorViolationsInWindow,
        reason: optionalText(input.reason),
        decidedAt: command.at,
      },
    },
  ];
};

const closeCase = (command: CloseCase, state: CaseState): CaseEvent[] => {
  const current = existing(command, state);
  // 结案 after the decision (the decision not to file already carries its reason).
  if (current.status !== 'PENALTY_DECIDED' && current.status !== 'NOT_FILED') {
    refuse(
      'closeCase',
      'a case can be closed only after a penalty decision or a decision not to file',
      state,
    );
  }
  return [
    {
      type: 'CaseClosed',
      data: { caseId: current.caseId, reason: optionalText(command.reason), closedAt: command.at },
    },
  ];
};

/**
 * The events a command produces on a case, or a thrown ValidationError (bad input, field named),
 * NotFoundError (no such case) or InvalidTransitionError (not allowed now, and why).
 */
export const decideCase = (command: CaseCommand, state: CaseState): CaseEvent[] => {
  checkAt(command.at);
  switch (command.type) {
    case 'RegisterCase':
      return registerCase(command, state);
    case 'FileCase':
      return fileCase(command, state);
    case 'DecideNotToFile':
      return decideNotToFile(command, state);
    case 'RecordEvidence':
      return recordEvidence(command, state);
    case 'DecidePenalty':
      return decidePenalty(command, state);
    case 'CloseCase':
      return closeCase(command, state);
    default: {
      const unknown: never = command;
      throw new ValidationError([
        { path: 'type', message: `unknown case command ${(unknown as { type: string }).type}` },
      ]);
    }
  }
};

// ---------------------------------------------------------------- evolve

const registered = (data: CaseEventOf<'CaseRegistered'>['data']): Case => ({
  status: 'CLUE_REGISTERED',
  caseId: data.caseId,
  agencyId: data.agencyId,
  number: data.number,
  subject: data.subject,
  source: data.source,
  summary: data.summary,
  violations: data.violations,
  amountInvolvedFen: data.amountInvolvedFen,
  evidence: [],
  penalty: null,
  registeredAt: data.registeredAt,
  filedAt: null,
  decidedAt: null,
  notFiledReason: null,
  closedAt: null,
  closeReason: null,
  repeatOffender: false,
});

/** Applies one recorded event. Events are facts: no rule is checked again here. */
export const evolveCase = (state: CaseState, event: CaseEvent): CaseState => {
  if (event.type === 'CaseRegistered') return registered(event.data);
  if (state.status === 'NONE') {
    // Only a corrupt stream can start with anything else.
    throw new Error(`case stream starts with ${event.type}; the first event must be CaseRegistered`);
  }
  switch (event.type) {
    case 'CaseFiled':
      return { ...state, status: 'FILED', filedAt: event.data.filedAt };
    case 'CaseNotFiled':
      return {
        ...state,
        status: 'NOT_FILED',
        decidedAt: event.data.decidedAt,
        notFiledReason: event.data.reason,
      };
    case 'EvidenceRecorded': {
      const { evidenceId, kind, title, description, recordedAt } = event.data;
      return {
        ...state,
        evidence: [...state.evidence, { evidenceId, kind, title, description, recordedAt }],
      };
    }
    case 'PenaltyDecided': {
      const { decisionNumber, penalties, personsResponsible, priorViolationsInWindow, reason } = event.data;
      return {
        ...state,
        status: 'PENALTY_DECIDED',
        decidedAt: event.data.decidedAt,
        penalty: { decisionNumber, penalties, personsResponsible, priorViolationsInWindow, reason },
        repeatOffender: event.data.repeatOffender,
      };
    }
    case 'CaseClosed':
      return { ...state, status: 'CLOSED', closedAt: event.data.closedAt, closeReason: event.data.reason };
    default: {
      const unknown: never = event;
      throw new Error(`unknown case event ${(unknown as { type: string }).type}`);
    }
  }
};

export const foldCase = (events: readonly CaseEvent[]): CaseState =>
  events.reduce(evolveCase, initialCaseState);

/** The case workflow as one value, for a generic command handler. */
export const caseDecider: Decider<CaseCommand, CaseState, CaseEvent> = {
  decide: decideCase,
  evolve: evolveCase,
  initialState: initialCaseState,
};
