import {
  DecideNonFilingReasonsInput,
  defaultWorkingCalendar,
  filingSupervisionWindows,
  InvalidTransitionError,
  IsoDateTime,
  NotFoundError,
  parseInput,
  RequestNonFilingExplanationInput,
  ValidationError,
  windowDueAt,
} from '@xianjie/contracts';
import type { Actor, FilingSupervisionEvent, FilingSupervisionStatus, TransferKind, WorkingCalendar } from '@xianjie/contracts';

/**
 * 立案监督 by the procuratorate (DESIGN §3.6), on its own stream `filing-supervision-<transferId>`:
 *
 *   NONE ─RequestNonFilingExplanation (要求说明不立案理由; police explain within 7 days)→ EXPLANATION_REQUESTED
 *   EXPLANATION_REQUESTED ─NoteNonFilingExplanation (the police's NonFilingExplained, from the bus)→ EXPLANATION_RECEIVED
 *   EXPLANATION_RECEIVED ─DecideNonFilingReasons reasonsHold → REASONS_UPHELD (ends)
 *                        ─DecideNonFilingReasons not → FILING_NOTIFIED (通知立案; police file within 15 days)
 *   EXPLANATION_REQUESTED | EXPLANATION_RECEIVED | FILING_NOTIFIED ─NotePoliceFiling (the police's TransferAccepted)→ FILED
 *
 * Sources: 《刑事诉讼法》第一百一十三条 (人民检察院认为公安机关对应当立案侦查的案件而不立案侦查的，或者被害人认为
 * 公安机关对应当立案侦查的案件而不立案侦查，向人民检察院提出的，人民检察院应当要求公安机关说明不立案的理由。人民检察院认为公安机关
 * 不立案理由不能成立的，应当通知公安机关立案，公安机关接到通知后应当立案); 《人民检察院刑事诉讼规则》第五百五十七条至
 * 第五百六十三条; 《公安机关办理刑事案件程序规定》第一百八十二条 (7 and 15 days); 《行政执法机关移送涉嫌犯罪案件的规定》
 * 第九条 (the agency's suggestion) and 第十四条 (the procuratorate's supervision of the transfer). The windows are
 * `contracts` `filingSupervisionWindows`, counted by `windowDueAt` (decision 0014).
 *
 * The facts of the transfer (parties, kind, whether the police declined and whether the agency
 * suggested supervision) come from the procuratorate's copy (抄送) of the transfer's public events,
 * handed in on the command. Who may act (a procuratorate whose region covers the police) is
 * `@xianjie/auth`'s rule.
 */

/** What the procuratorate knows of the transfer from its 抄送 (the parties' public events). */
export interface CopiedTransferFacts {
  transferId: string;
  caseId: string;
  kind: TransferKind;
  fromAgencyId: string;
  /** The police agency the transfer is with now. */
  toAgencyId: string;
  /** The police declined to file (不予立案) and have not filed since. */
  declined: boolean;
  /** The police filed (立案). */
  accepted: boolean;
  /** The sending agency suggested the procuratorate's supervision (建议检察院立案监督). */
  supervisionSuggested: boolean;
}

interface Base {
  transferId: string;
  /** Business time of the command (the service's clock, or the bus message's for notes). */
  at: string;
  actor: Actor;
}

export interface RequestNonFilingExplanation extends Base {
  type: 'RequestNonFilingExplanation';
  /** The asking procuratorate: the actor's agency. */
  procuratorateId: string;
  /** The transfer as the procuratorate's copy knows it; null when it does not (or may not). */
  transfer: CopiedTransferFacts | null;
  documentNumber: string;
  reason: string;
}

export interface DecideNonFilingReasons extends Base {
  type: 'DecideNonFilingReasons';
  procuratorateId: string;
  reasonsHold: boolean;
  reason: string;
  documentNumber?: string;
}

/** The police's written explanation, noted from their `NonFilingExplained` (a system step). */
export interface NoteNonFilingExplanation extends Base {
  type: 'NoteNonFilingExplanation';
  explanation: string;
  explainedAt: string;
}

/** The police filed (their `TransferAccepted`), noted (a system step). */
export interface NotePoliceFiling extends Base {
  type: 'NotePoliceFiling';
  documentNumber: string | null;
  filedAt: string;
}

export type FilingSupervisionCommand = RequestNonFilingExplanation | DecideNonFilingReasons | NoteNonFilingExplanation | NotePoliceFiling;

export interface FilingSupervision {
  status: FilingSupervisionStatus;
  transferId: string;
  caseId: string;
  procuratorateId: string;
  policeAgencyId: string;
  senderAgencyId: string;
  onSuggestion: boolean;
  documentNumber: string;
  reason: string;
  requestedAt: string;
  explanationDueAt: string;
  explanation: string | null;
  explainedAt: string | null;
  decision: {
    reasonsHold: boolean;
    reason: string;
    decidedAt: string;
    /** 通知立案书文号 (reasons that do not hold). */
    documentNumber: string | null;
    filingDueAt: string | null;
  } | null;
  filedAt: string | null;
  filingDocumentNumber: string | null;
}

export type FilingSupervisionState = { status: 'NONE' } | FilingSupervision;

export const initialFilingSupervisionState: FilingSupervisionState = { status: 'NONE' };

const refuse = (command: string, reason: string, state: FilingSupervisionState): never => {
  throw new InvalidTransitionError(command, reason, state.status);
};

export interface FilingSupervisionDeciderOptions {
  /** The working calendar the 7 and 15 days are counted with (default: the built-in State Council notices). */
  calendar?: WorkingCalendar;
}

/** The 立案监督 decider over a calendar (the windows end on a working day, decision 0014). */
export const createFilingSupervisionDecider = (options: FilingSupervisionDeciderOptions = {}) => {
  const calendar = options.calendar ?? defaultWorkingCalendar;

  const request = (command: RequestNonFilingExplanation, state: FilingSupervisionState): FilingSupervisionEvent[] => {
    const input = parseInput(RequestNonFilingExplanationInput, {
      transferId: command.transferId,
      documentNumber: command.documentNumber,
      reason: command.reason,
    });
    const facts = command.transfer;
    if (facts === null || facts.transferId !== command.transferId) throw new NotFoundError('Transfer', command.transferId);
    if (state.status !== 'NONE') {
      refuse(
        'requestNonFilingExplanation',
        `${state.procuratorateId} already asked the police to explain on ${state.requestedAt} (${state.documentNumber}); the supervision is ${state.status}`,
        state,
      );
    }
    if (facts.kind !== 'CRIMINAL') {
      refuse('requestNonFilingExplanation', `立案监督 is over criminal transfers (行刑衔接); this transfer is ${facts.kind}`, state);
    }
    // 刑事诉讼法第一百一十三条: the police's decision not to file is what is supervised.
    if (facts.accepted) refuse('requestNonFilingExplanation', 'the police filed the case (已立案); there is no decision not to file to explain', state);
    if (!facts.declined) {
      refuse('requestNonFilingExplanation', 'the police have not decided not to file (不予立案); there is nothing to explain yet', state);
    }
    return [
      {
        type: 'NonFilingExplanationRequested',
        data: {
          transferId: facts.transferId,
          caseId: facts.caseId,
          procuratorateId: command.procuratorateId,
          policeAgencyId: facts.toAgencyId,
          senderAgencyId: facts.fromAgencyId,
          documentNumber: input.documentNumber,
          reason: input.reason,
          onSuggestion: facts.supervisionSuggested,
          requestedAt: command.at,
          explanationDueAt: windowDueAt(filingSupervisionWindows.explain, command.at, calendar),
        },
      },
    ];
  };

  const decideReasons = (command: DecideNonFilingReasons, state: FilingSupervisionState): FilingSupervisionEvent[] => {
    const input = parseInput(DecideNonFilingReasonsInput, {
      transferId: command.transferId,
      reasonsHold: command.reasonsHold,
      reason: command.reason,
      ...(command.documentNumber === undefined ? {} : { documentNumber: command.documentNumber }),
    });
    if (state.status === 'NONE') {
      return refuse('decideNonFilingReasons', 'the procuratorate has not asked the police to explain (requestNonFilingExplanation)', state);
    }
    if (state.status === 'EXPLANATION_REQUESTED') {
      refuse(
        'decideNonFilingReasons',
        `the police's written explanation is not in yet (due ${state.explanationDueAt}); the reasons are judged on it`,
        state,
      );
    }
    if (state.status !== 'EXPLANATION_RECEIVED') {
      refuse('decideNonFilingReasons', `the reasons were judged already; the supervision is ${state.status}`, state);
    }
    if (input.reasonsHold) {
      return [
        {
          type: 'NonFilingReasonsUpheld',
          data: { transferId: command.transferId, procuratorateId: command.procuratorateId, reason: input.reason, decidedAt: command.at },
        },
      ];
    }
    return [
      {
        type: 'FilingNoticeIssued',
        data: {
          transferId: command.transferId,
          procuratorateId: command.procuratorateId,
          policeAgencyId: state.policeAgencyId,
          documentNumber: input.documentNumber!,
          reason: input.reason,
          issuedAt: command.at,
          filingDueAt: windowDueAt(filingSupervisionWindows.file, command.at, calendar),
        },
      },
    ];
  };

  /** The police's explanation: noted while one is awaited; a redelivery or a late copy notes nothing. */
  const noteExplanation = (command: NoteNonFilingExplanation, state: FilingSupervisionState): FilingSupervisionEvent[] =>
    state.status === 'EXPLANATION_REQUESTED'
      ? [
          {
            type: 'NonFilingExplanationReceived',
            data: { transferId: command.transferId, explanation: command.explanation, explainedAt: command.explainedAt },
          },
        ]
      : [];

  /** The police filed: it answers the request (filing instead of explaining) and the notice alike. */
  const noteFiling = (command: NotePoliceFiling, state: FilingSupervisionState): FilingSupervisionEvent[] =>
    state.status === 'EXPLANATION_REQUESTED' || state.status === 'EXPLANATION_RECEIVED' || state.status === 'FILING_NOTIFIED'
      ? [
          {
            type: 'PoliceFilingReceived',
            data: { transferId: command.transferId, documentNumber: command.documentNumber, filedAt: command.filedAt },
          },
        ]
      : [];

  /**
   * The events a command produces, or a thrown ValidationError (field named), NotFoundError (a
   * transfer the procuratorate has no copy of) or InvalidTransitionError (why not now).
   */
  const decide = (command: FilingSupervisionCommand, state: FilingSupervisionState): FilingSupervisionEvent[] => {
    if (!IsoDateTime.safeParse(command.at).success) {
      throw new ValidationError([{ path: 'at', message: `"${command.at}" is not an ISO-8601 date-time with offset` }]);
    }
    switch (command.type) {
      case 'RequestNonFilingExplanation':
        return request(command, state);
      case 'DecideNonFilingReasons':
        return decideReasons(command, state);
      case 'NoteNonFilingExplanation':
        return noteExplanation(command, state);
      case 'NotePoliceFiling':
        return noteFiling(command, state);
      default: {
        const unknown: never = command;
        throw new ValidationError([{ path: 'type', message: `unknown filing supervision command ${(unknown as { type: string }).type}` }]);
      }
    }
  };

  return { decide, evolve: evolveFilingSupervision, initialState: initialFilingSupervisionState };
};

/** Applies one recorded event. Events are facts: no rule is checked again here. */
export const evolveFilingSupervision = (state: FilingSupervisionState, event: FilingSupervisionEvent): FilingSupervisionState => {
  if (event.type === 'NonFilingExplanationRequested') {
    const d = event.data;
    return {
      status: 'EXPLANATION_REQUESTED',
      transferId: d.transferId,
      caseId: d.caseId,
      procuratorateId: d.procuratorateId,
      policeAgencyId: d.policeAgencyId,
      senderAgencyId: d.senderAgencyId,
      onSuggestion: d.onSuggestion,
      documentNumber: d.documentNumber,
      reason: d.reason,
      requestedAt: d.requestedAt,
      explanationDueAt: d.explanationDueAt,
      explanation: null,
      explainedAt: null,
      decision: null,
      filedAt: null,
      filingDocumentNumber: null,
    };
  }
  if (state.status === 'NONE') return state;
  switch (event.type) {
    case 'NonFilingExplanationReceived':
      return { ...state, status: 'EXPLANATION_RECEIVED', explanation: event.data.explanation, explainedAt: event.data.explainedAt };
    case 'NonFilingReasonsUpheld':
      return {
        ...state,
        status: 'REASONS_UPHELD',
        decision: { reasonsHold: true, reason: event.data.reason, decidedAt: event.data.decidedAt, documentNumber: null, filingDueAt: null },
      };
    case 'FilingNoticeIssued':
      return {
        ...state,
        status: 'FILING_NOTIFIED',
        decision: {
          reasonsHold: false,
          reason: event.data.reason,
          decidedAt: event.data.issuedAt,
          documentNumber: event.data.documentNumber,
          filingDueAt: event.data.filingDueAt,
        },
      };
    case 'PoliceFilingReceived':
      return { ...state, status: 'FILED', filedAt: event.data.filedAt, filingDocumentNumber: event.data.documentNumber };
  }
};

export const foldFilingSupervision = (events: readonly FilingSupervisionEvent[]): FilingSupervisionState =>
  events.reduce(evolveFilingSupervision, initialFilingSupervisionState);

/**
 * The police's open duty under the supervision as of a time: the explanation (7 days) while it is
 * awaited, the filing (15 days) after a notice; `overdue` after the due time (at it exactly: in time).
 */
export const filingSupervisionDuty = (
  state: FilingSupervisionState,
  asOf: string,
): { step: 'EXPLAIN' | 'FILE'; dueAt: string; overdue: boolean } | null => {
  if (state.status === 'EXPLANATION_REQUESTED') {
    return { step: 'EXPLAIN', dueAt: state.explanationDueAt, overdue: Date.parse(asOf) > Date.parse(state.explanationDueAt) };
  }
  if (state.status === 'FILING_NOTIFIED' && state.decision?.filingDueAt) {
    return { step: 'FILE', dueAt: state.decision.filingDueAt, overdue: Date.parse(asOf) > Date.parse(state.decision.filingDueAt) };
  }
  return null;
};
