/**
 * The administrative case (行政案件, DESIGN §3.1) — every rule of its life cycle is in this file:
 *
 *   NONE ─RegisterCase→ CLUE_REGISTERED ─FileCase→ FILED ─DecidePenalty→ PENALTY_DECIDED ─CloseCase→ CLOSED
 *                              └─DecideNotToFile→ NOT_FILED ─CloseCase→ CLOSED
 *   CLUE_REGISTERED | FILED | PENALTY_DECIDED | TRANSFERRED ─MarkTransferred(CRIMINAL | ADMINISTRATIVE)→ TRANSFERRED
 *   TRANSFERRED ─RecordEvidence→ TRANSFERRED, ─DecidePenalty→ PENALTY_DECIDED, ─CloseCase→ CLOSED
 *   RecordEvidence: on CLUE_REGISTERED (立案前核查), FILED and TRANSFERRED; it may state the 货值 of
 *   unsold goods and harm facts, which the 以罚代刑 rules read (caseWarnings.ts).
 *   MarkTransferred(DISCIPLINARY) records the transfer on any registered case and leaves the status;
 *   so does MarkTransferred(CRIMINAL) on a CLOSED or NOT_FILED case (a crime found later, Decree art. 11).
 *
 * Pure: time comes in on the command (`at`), counts from read models come in on the command
 * (`priorViolationsInWindow`). Who may do what (roles, own agency) is checked in packages/auth,
 * not here. A refused command throws and yields no events, so nothing is appended.
 */
import {
  CaseOrigin,
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
  HarmFact,
  Penalty,
  PersonResponsible,
  Subject,
  TransferKind,
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
  /** When a finding of a joint operation opened the case (set by the service, never by the API). */
  origin?: CaseOrigin;
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
  extends
    CaseCommandBase,
    Pick<RecordEvidenceInput, 'kind' | 'title' | 'description' | 'unsoldGoodsValueFen' | 'illegalGainsFen' | 'harmFacts'> {
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

/**
 * The case's own record that a transfer of it was approved and sent (the transfer workflow's
 * TransferApproved, seen by the owning service). Not an API command: the service runs it as a
 * system actor when it sees the approval.
 */
export interface MarkTransferred extends CaseCommandBase {
  type: 'MarkTransferred';
  transferId: string;
  kind: TransferKind;
  toAgencyId: string;
  /** When the transfer was sent (TransferApproved.sentAt); `at` is when the case noted it. */
  transferredAt: string;
}

export type CaseCommand =
  | RegisterCase
  | FileCase
  | DecideNotToFile
  | RecordEvidence
  | DecidePenalty
  | CloseCase
  | MarkTransferred;

// ---------------------------------------------------------------- state

export interface EvidenceItem {
  evidenceId: string;
  kind: EvidenceKind;
  title: string;
  description: string | null;
  recordedAt: string;
  /** 货值金额 of unsold goods this evidence states, if it does. */
  unsoldGoodsValueFen: number | null;
  /** 违法所得 this evidence states, if it does. */
  illegalGainsFen: number | null;
  /** Harm facts this evidence establishes (empty when none). */
  harmFacts: HarmFact[];
}

export interface PenaltyDecision {
  decisionNumber: string;
  penalties: Penalty[];
  personsResponsible: PersonResponsible[];
  priorViolationsInWindow: number;
  reason: string | null;
}

/** A transfer of the case (移送), as the case records it. */
export interface CaseTransfer {
  transferId: string;
  kind: TransferKind;
  toAgencyId: string;
  transferredAt: string;
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
  /** 货值金额 of the goods not yet sold, as the latest evidence stating it says; null when none did. */
  unsoldGoodsValueFen: number | null;
  /** 违法所得, as the latest evidence stating it says; null when none did. */
  illegalGainsFen: number | null;
  /** Harm facts established by the evidence, in the order first recorded. */
  harmFacts: HarmFact[];
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
  /** Every transfer of the case, in order (a DISCIPLINARY one does not change the status). */
  transfers: CaseTransfer[];
  /** The operation and finding that opened the case, if one did (专项整治). */
  origin: CaseOrigin | null;
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
  if (command.origin && !CaseOrigin.safeParse(command.origin).success) {
    throw new ValidationError([{ path: 'origin', message: 'an origin names the operation and the finding' }]);
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
        ...(command.origin ? { origin: { operationId: command.origin.operationId, findingId: command.origin.findingId } } : {}),
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
    unsoldGoodsValueFen: command.unsoldGoodsValueFen,
    illegalGainsFen: command.illegalGainsFen,
    harmFacts: command.harmFacts,
  });
  const current = existing(command, state);
  // Evidence is taken while the clue is checked (立案前核查) as well as after filing: evidence
  // lawfully obtained in the check before filing may be used in the case (《市场监督管理行政处罚程序规定》).
  // After the decision the file is complete; new facts mean a new case. A transferred case stays
  // open at the agency: the administrative wrong is still its to establish if police decline.
  if (current.status !== 'CLUE_REGISTERED' && current.status !== 'FILED' && current.status !== 'TRANSFERRED') {
    refuse(
      'recordEvidence',
      'evidence can be recorded only while a clue is checked, a filed case is investigated or a transferred case is pending',
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
        // Facts only when stated: evidence without them keeps the event as it was before they existed.
        ...(input.unsoldGoodsValueFen !== undefined ? { unsoldGoodsValueFen: input.unsoldGoodsValueFen } : {}),
        ...(input.illegalGainsFen !== undefined ? { illegalGainsFen: input.illegalGainsFen } : {}),
        ...(input.harmFacts && input.harmFacts.length > 0 ? { harmFacts: input.harmFacts } : {}),
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
  if (current.status !== 'FILED' && current.status !== 'TRANSFERRED') {
    refuse('decidePenalty', 'a penalty can be decided only on a filed or transferred case', state);
  }
  // After a transfer (police declined, the administrative wrong remains: 行政执法机关移送涉嫌犯罪案件的规定
  // 第十一条、第十二条) the agency decides the penalty it has not decided yet; one decision per case.
  if (current.penalty !== null) {
    refuse('decidePenalty', 'a penalty was already decided on this case', state);
  }
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
  // 结案 after the decision (the decision not to file already carries its reason), or once the
  // case was transferred (the agency's part ends with the hand-over; 首办负责制 follows the transfer).
  if (current.status !== 'PENALTY_DECIDED' && current.status !== 'NOT_FILED' && current.status !== 'TRANSFERRED') {
    refuse(
      'closeCase',
      'a case can be closed only after a penalty decision, a decision not to file or a transfer',
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

/** Statuses from which the case itself moves to another agency (CRIMINAL or ADMINISTRATIVE transfer). */
const transferableStatuses: readonly CaseStatus[] = ['CLUE_REGISTERED', 'FILED', 'PENALTY_DECIDED', 'TRANSFERRED'];

const markTransferred = (command: MarkTransferred, state: CaseState): CaseEvent[] => {
  const current = existing(command, state);
  if (command.transferId.trim() === '') {
    throw new ValidationError([{ path: 'transferId', message: 'the transfer id is required' }]);
  }
  if (command.toAgencyId.trim() === '') {
    throw new ValidationError([{ path: 'toAgencyId', message: 'the receiving agency is required' }]);
  }
  if (!IsoDateTime.safeParse(command.transferredAt).success) {
    throw new ValidationError([
      { path: 'transferredAt', message: `"${command.transferredAt}" is not an ISO-8601 date-time with offset` },
    ]);
  }
  // REVERSE (反向衔接) comes from police to an administrative agency; it never moves this case.
  if (command.kind === 'REVERSE') {
    throw new ValidationError([
      { path: 'kind', message: 'a REVERSE transfer is sent by police; it is not a transfer of an administrative case' },
    ]);
  }
  if (current.transfers.some((t) => t.transferId === command.transferId)) {
    refuse('markTransferred', `transfer ${command.transferId} is already recorded on the case`, state);
  }
  // A clue about an official (行纪) goes to the commission whatever the case's stage, also after it
  // closed (local rules: within 15 working days of closing a penalty case); the case stays where it is.
  // A crime found after the case was closed or not filed still goes to police (Decree art. 11: a
  // fine never replaces a transfer); the closed administrative case is not reopened by it.
  const lateCriminal = command.kind === 'CRIMINAL' && (current.status === 'CLOSED' || current.status === 'NOT_FILED');
  if (command.kind !== 'DISCIPLINARY' && !lateCriminal && !transferableStatuses.includes(current.status)) {
    refuse(
      'markTransferred',
      'a case can be transferred only while it is a clue, filed, decided or already transferred',
      state,
    );
  }
  return [
    {
      type: 'CaseTransferred',
      data: {
        caseId: current.caseId,
        transferId: command.transferId,
        kind: command.kind,
        toAgencyId: command.toAgencyId,
        transferredAt: command.transferredAt,
      },
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
    case 'MarkTransferred':
      return markTransferred(command, state);
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
  unsoldGoodsValueFen: null,
  illegalGainsFen: null,
  harmFacts: [],
  evidence: [],
  penalty: null,
  registeredAt: data.registeredAt,
  filedAt: null,
  decidedAt: null,
  notFiledReason: null,
  closedAt: null,
  closeReason: null,
  repeatOffender: false,
  transfers: [],
  origin: data.origin ?? null,
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
      const unsoldGoodsValueFen = event.data.unsoldGoodsValueFen ?? null;
      const illegalGainsFen = event.data.illegalGainsFen ?? null;
      const harmFacts = event.data.harmFacts ?? [];
      return {
        ...state,
        evidence: [
          ...state.evidence,
          { evidenceId, kind, title, description, recordedAt, unsoldGoodsValueFen, illegalGainsFen, harmFacts },
        ],
        // The latest stated value is the case's total so far (an appraisal may correct a first count).
        unsoldGoodsValueFen: unsoldGoodsValueFen ?? state.unsoldGoodsValueFen,
        illegalGainsFen: illegalGainsFen ?? state.illegalGainsFen ?? null,
        harmFacts: [...state.harmFacts, ...harmFacts.filter((fact) => !state.harmFacts.includes(fact))],
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
    case 'CaseTransferred': {
      const { transferId, kind, toAgencyId, transferredAt } = event.data;
      return {
        ...state,
        // A clue about an official (DISCIPLINARY) does not move the case; nor does a criminal
        // transfer of a case already closed or not filed.
        status: kind === 'DISCIPLINARY' || state.status === 'CLOSED' || state.status === 'NOT_FILED' ? state.status : 'TRANSFERRED',
        transfers: [...state.transfers, { transferId, kind, toAgencyId, transferredAt }],
      };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown case event ${(unknown as { type: string }).type}`);
    }
  }
};

export const foldCase = (events: readonly CaseEvent[]): CaseState =>
  events.reduce(evolveCase, initialCaseState);

/** 行刑衔接 happened: a CRIMINAL transfer of the case was sent to police. */
export const transferredToPolice = (state: Case): boolean => state.transfers.some((t) => t.kind === 'CRIMINAL');

/** The case workflow as one value, for a generic command handler. */
export const caseDecider: Decider<CaseCommand, CaseState, CaseEvent> = {
  decide: decideCase,
  evolve: evolveCase,
  initialState: initialCaseState,
};
