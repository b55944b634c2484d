/**
 * The state of a transfer as either side's stream knows it, and how one fact changes it. Both
 * deciders fold their own facts and the other side's noted facts through `applyFact`, so a fact
 * means the same on both streams; the rules of what each side may do live in senderDecider.ts and
 * receiverDecider.ts. Deadlines are derived here from the policy of the kind (contracts).
 */
import { advanceDeadlines, factOf, factTime, IsoDateTime, notedEventFacts } from '@xianjie/contracts';
import type {
  AbsentMaterial,
  AgencyCapacity,
  AgencyRef,
  CaseTeamMember,
  ClueDisposition,
  Deadline,
  DeclineReason,
  Material,
  MaterialKind,
  Official,
  PartyNotice,
  PropertyHandOver,
  TransferEvent,
  TransferFact,
  TransferKind,
  TransferOutcome,
  TransferPolicy,
  TransferStatus,
  TransferStep,
  WorkingCalendar,
} from '@xianjie/contracts';
import { InvalidTransitionError, NotFoundError, ValidationError } from '@xianjie/contracts/errors';

export type TransferSide = 'SENDER' | 'RECEIVER';

export interface Transfer {
  side: TransferSide;
  status: TransferStatus;
  transferId: string;
  caseId: string;
  kind: TransferKind;
  fromAgency: AgencyRef;
  /** The current receiver (changes when a receiver forwards the transfer). */
  toAgency: AgencyRef;
  reason: string;
  /** Materials sent and supplemented. */
  materials: Material[];
  official: Official | null;
  /** Conditional materials the case does not have, each with the reason (Decree art. 6: 有关). */
  absentMaterials: AbsentMaterial[];
  /** The proposal declared seized property (查封、扣押的财物): it goes with the case (《行政强制法》第二十一条). */
  seizedProperty: boolean;
  /** The 专案组 that made the report (Decree art. 5); empty for transfers recorded before it. */
  caseTeam: CaseTeamMember[];
  /** The capacity in which the approval (or refusal) was decided; null before capacities or for kinds any supervisor decides. */
  approverCapacity: AgencyCapacity | null;
  /** The seized property sent with the case, and the written notice to the party. */
  propertyHandOver: PropertyHandOver | null;
  partyNotice: PartyNotice | null;
  /** Known to the sender only (the receiver's stream starts at the receipt). */
  proposedAt: string | null;
  approvalNote: string | null;
  refusal: { reason: string; refusedAt: string } | null;
  sentAt: string | null;
  copiedToProcuratorate: boolean;
  receivedAt: string | null;
  forwards: { fromAgencyId: string; toAgencyId: string; reason: string; forwardedAt: string }[];
  returned: { reason: string; returnedAt: string } | null;
  /** The open request for supplements, until materials are supplied. */
  supplementRequest: { requested: MaterialKind[]; reason: string; requestedAt: string } | null;
  acceptance: {
    documentNumber: string | null;
    reason: string | null;
    /** When the receiver received the seized property sent with the case (null: none was sent; absent in rows folded before it). */
    propertyReceivedAt?: string | null;
    acceptedAt: string;
  } | null;
  decline: { reasonCategory: DeclineReason; reason: string; declinedAt: string } | null;
  reconsideration: {
    reason: string;
    requestedAt: string;
    decision: { accepted: boolean; reason: string | null; decidedAt: string } | null;
  } | null;
  supervision: { reason: string; afterReconsideration: boolean; suggestedAt: string } | null;
  /** 立案监督 (公安规定第一百八十二条): the procuratorate's notices as the police recorded them. */
  procuratorateInquiry: { documentNumber: string; receivedAt: string } | null;
  nonFilingExplanation: { explanation: string; explainedAt: string } | null;
  filingOrder: { documentNumber: string; receivedAt: string } | null;
  handedOver: Material[];
  handedOverAt: string | null;
  /** Dispositions of a clue, latest last (a clue may be re-disposed: 暂存待查 → 初步核实 → 立案审查调查). */
  dispositions: { disposition: ClueDisposition; reason: string; disposedAt: string }[];
  extensions: { step: string; extension: string; reason: string; extendedAt: string }[];
  result: { outcome: TransferOutcome; result: string; recordedAt: string } | null;
  closed: { reason: string | null; closedAt: string } | null;
  deadlines: Deadline[];
  /** `<fact type>@<business time>` of every noted fact: noting the same fact twice appends nothing. */
  noted: string[];
}

export type TransferState = { status: 'NONE' } | Transfer;

export const initialTransferState: TransferState = { status: 'NONE' };

export interface TransferDeciderOptions {
  /** Defaults to the built-in State Council calendars (contracts `defaultWorkingCalendar`). */
  calendar?: WorkingCalendar;
  /** Defaults to contracts `transferPolicies`. */
  policies?: Readonly<Record<TransferKind, TransferPolicy>>;
}

// ---------------------------------------------------------------- shared checks

export const checkAt = (at: string): void => {
  if (!IsoDateTime.safeParse(at).success) {
    throw new ValidationError([{ path: 'at', message: `"${at}" is not an ISO-8601 date-time with offset` }]);
  }
};

export const existing = (transferId: string, state: TransferState): Transfer => {
  if (state.status === 'NONE') throw new NotFoundError('Transfer', transferId);
  return state;
};

export const refuse = (command: string, reason: string, state: TransferState): never => {
  throw new InvalidTransitionError(command, `${reason}; it is ${state.status}`, state.status);
};

export const optionalText = (value: string | null | undefined): string | null => {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
};

/** The open (unmet) deadline of a step, if any. */
export const openDeadline = (transfer: Transfer, step: TransferStep): Deadline | undefined =>
  transfer.deadlines.findLast((deadline) => deadline.step === step && deadline.metAt === null);

export const isAfter = (at: string, dueAt: string): boolean => Date.parse(at) > Date.parse(dueAt);

/** A fact's data validated as its schema, its issues named under `path` (e.g. `fact.data.reason`). */
export const prefixIssues = (error: ValidationError, path: string): ValidationError =>
  new ValidationError(
    error.issues.map((issue) => ({ path: issue.path ? `${path}.${issue.path}` : path, message: issue.message })),
  );

/**
 * Statuses in which each receiver fact may happen: the receiver decider checks its own commands
 * against this table and the sender checks the receiver's facts it notes against the same table.
 */
export const receiverFactAllowedIn: Readonly<Record<string, readonly TransferStatus[]>> = {
  TransferReceiptSigned: ['SENT'],
  TransferForwarded: ['RECEIVED'],
  TransferReturned: ['RECEIVED'],
  SupplementRequested: ['RECEIVED'],
  // After supervision was suggested the police may file (立案) on the procuratorate's order, or
  // decide to file on its inquiry instead of explaining (公安机关办理刑事案件程序规定第一百八十二条).
  TransferAccepted: ['RECEIVED', 'SUPERVISION_SUGGESTED', 'PROCURATORATE_INQUIRY', 'NON_FILING_EXPLAINED', 'FILING_ORDERED'],
  TransferDeclined: ['RECEIVED'],
  DeadlineExtended: ['RECEIVED'],
  ReconsiderationDecided: ['RECONSIDERATION_REQUESTED'],
  ClueDisposed: ['RECEIVED', 'ACCEPTED'],
  TransferResultRecorded: ['ACCEPTED'],
  // On the agency's suggestion, or on the procuratorate's own motion after the decline (刑事诉讼法第一百一十三条:
  // 人民检察院认为公安机关对应当立案侦查的案件而不立案侦查的).
  ProcuratorateInquiryRecorded: ['SUPERVISION_SUGGESTED', 'DECLINED'],
  NonFilingExplained: ['PROCURATORATE_INQUIRY'],
  ProcuratorateFilingOrderRecorded: ['PROCURATORATE_INQUIRY', 'NON_FILING_EXPLAINED'],
};

/** Statuses after a decline in which the procuratorate's supervision (立案监督) is under way. */
export const procuratorateSupervisionStatuses: readonly TransferStatus[] = [
  'PROCURATORATE_INQUIRY',
  'NON_FILING_EXPLAINED',
  'FILING_ORDERED',
];

// ---------------------------------------------------------------- evolve

const created = (side: TransferSide, fact: TransferFact): Transfer => {
  if (fact.type !== 'TransferProposed' && fact.type !== 'TransferReceiptSigned') {
    // Only a corrupt stream can start with anything else.
    throw new Error(`a transfer stream starts with TransferProposed or TransferReceiptSigned, not ${fact.type}`);
  }
  const { data } = fact;
  const receipt = fact.type === 'TransferReceiptSigned' ? fact.data : null;
  return {
    side,
    status: receipt ? 'RECEIVED' : 'PROPOSED',
    transferId: data.transferId,
    caseId: data.caseId,
    kind: data.kind,
    fromAgency: data.fromAgency,
    toAgency: data.toAgency,
    reason: data.reason,
    materials: data.materials,
    official: data.official,
    absentMaterials: data.absentMaterials ?? [],
    seizedProperty: data.seizedProperty ?? false,
    caseTeam: data.caseTeam ?? [],
    approverCapacity: null,
    propertyHandOver: receipt?.propertyHandOver ?? null,
    partyNotice: receipt?.partyNotice ?? null,
    proposedAt: fact.type === 'TransferProposed' ? fact.data.proposedAt : null,
    approvalNote: null,
    refusal: null,
    sentAt: receipt?.sentAt ?? null,
    copiedToProcuratorate: receipt?.copiedToProcuratorate ?? false,
    receivedAt: receipt?.receivedAt ?? null,
    forwards: [],
    returned: null,
    supplementRequest: null,
    acceptance: null,
    decline: null,
    reconsideration: null,
    supervision: null,
    procuratorateInquiry: null,
    nonFilingExplanation: null,
    filingOrder: null,
    handedOver: [],
    handedOverAt: null,
    dispositions: [],
    extensions: [],
    result: null,
    closed: null,
    deadlines: [],
    noted: [],
  };
};

/** One fact applied to the state (deadlines aside). Facts are not checked again: they happened. */
const applyFact = (side: TransferSide, state: TransferState, fact: TransferFact): Transfer => {
  if (state.status === 'NONE') return created(side, fact);
  switch (fact.type) {
    case 'TransferProposed':
      throw new Error(`transfer ${state.transferId} is proposed twice in one stream`);
    case 'TransferApproved':
      return {
        ...state,
        status: 'SENT',
        approvalNote: fact.data.approvalNote,
        approverCapacity: fact.data.approverCapacity ?? null,
        propertyHandOver: fact.data.propertyHandOver ?? null,
        partyNotice: fact.data.partyNotice ?? null,
        sentAt: fact.data.sentAt,
        copiedToProcuratorate: fact.data.copiedToProcuratorate,
      };
    case 'TransferRefused':
      return {
        ...state,
        status: 'REFUSED',
        approverCapacity: fact.data.refuserCapacity ?? null,
        refusal: { reason: fact.data.reason, refusedAt: fact.data.refusedAt },
      };
    case 'TransferReceiptSigned':
      return { ...state, status: 'RECEIVED', toAgency: fact.data.toAgency, receivedAt: fact.data.receivedAt };
    case 'TransferForwarded':
      return {
        ...state,
        status: 'SENT',
        toAgency: fact.data.toAgency,
        receivedAt: null,
        supplementRequest: null,
        forwards: [
          ...state.forwards,
          {
            fromAgencyId: fact.data.fromReceiver.id,
            toAgencyId: fact.data.toAgency.id,
            reason: fact.data.reason,
            forwardedAt: fact.data.forwardedAt,
          },
        ],
      };
    case 'TransferReturned':
      return {
        ...state,
        status: 'RETURNED',
        supplementRequest: null,
        returned: { reason: fact.data.reason, returnedAt: fact.data.returnedAt },
      };
    case 'SupplementRequested': {
      const { requested, reason, requestedAt } = fact.data;
      return { ...state, supplementRequest: { requested, reason, requestedAt } };
    }
    case 'MaterialsSupplemented':
      return { ...state, materials: [...state.materials, ...fact.data.materials], supplementRequest: null };
    case 'TransferAccepted': {
      const { documentNumber, reason, acceptedAt } = fact.data;
      const propertyReceivedAt = fact.data.propertyReceivedAt ?? null;
      return { ...state, status: 'ACCEPTED', acceptance: { documentNumber, reason, propertyReceivedAt, acceptedAt } };
    }
    case 'TransferDeclined': {
      const { reasonCategory, reason, declinedAt } = fact.data;
      return { ...state, status: 'DECLINED', decline: { reasonCategory, reason, declinedAt } };
    }
    case 'ReconsiderationRequested':
      return {
        ...state,
        status: 'RECONSIDERATION_REQUESTED',
        reconsideration: { reason: fact.data.reason, requestedAt: fact.data.requestedAt, decision: null },
      };
    case 'ReconsiderationDecided': {
      const { accepted, reason, decidedAt } = fact.data;
      const reconsideration = state.reconsideration && {
        ...state.reconsideration,
        decision: { accepted, reason, decidedAt },
      };
      return accepted
        ? {
            ...state,
            status: 'ACCEPTED',
            reconsideration,
            acceptance: { documentNumber: null, reason, propertyReceivedAt: null, acceptedAt: decidedAt },
          }
        : { ...state, status: 'DECLINED', reconsideration };
    }
    case 'ProcuratorateSupervisionSuggested': {
      const { reason, afterReconsideration, suggestedAt } = fact.data;
      return { ...state, status: 'SUPERVISION_SUGGESTED', supervision: { reason, afterReconsideration, suggestedAt } };
    }
    case 'ProcuratorateInquiryRecorded': {
      const { documentNumber, receivedAt } = fact.data;
      return { ...state, status: 'PROCURATORATE_INQUIRY', procuratorateInquiry: { documentNumber, receivedAt } };
    }
    case 'NonFilingExplained': {
      const { explanation, explainedAt } = fact.data;
      return { ...state, status: 'NON_FILING_EXPLAINED', nonFilingExplanation: { explanation, explainedAt } };
    }
    case 'ProcuratorateFilingOrderRecorded': {
      const { documentNumber, receivedAt } = fact.data;
      return { ...state, status: 'FILING_ORDERED', filingOrder: { documentNumber, receivedAt } };
    }
    case 'MaterialsHandedOver':
      return {
        ...state,
        handedOver: [...state.handedOver, ...fact.data.materials],
        handedOverAt: state.handedOverAt ?? fact.data.handedOverAt,
      };
    case 'ClueDisposed': {
      const { disposition, reason, disposedAt } = fact.data;
      return { ...state, status: 'ACCEPTED', dispositions: [...state.dispositions, { disposition, reason, disposedAt }] };
    }
    case 'TransferResultRecorded': {
      const { outcome, result, recordedAt } = fact.data;
      return { ...state, status: 'RESULT_RECORDED', result: { outcome, result, recordedAt } };
    }
    case 'TransferClosed':
      return { ...state, status: 'CLOSED', closed: { reason: fact.data.reason, closedAt: fact.data.closedAt } };
    case 'DeadlineExtended': {
      const { step, extension, reason, extendedAt } = fact.data;
      return { ...state, extensions: [...state.extensions, { step, extension, reason, extendedAt }] };
    }
    default: {
      const unknown: never = fact;
      throw new Error(`unknown transfer fact ${(unknown as { type: string }).type}`);
    }
  }
};

export const notedKey = (fact: TransferFact): string => `${fact.type}@${factTime(fact)}`;

/**
 * An evolve for one side: accepts only the events of that side's stream, applies the fact and
 * advances the deadlines with the policy of the transfer's kind.
 */
export const createEvolve =
  (
    side: TransferSide,
    streamEventTypes: ReadonlySet<string>,
    calendar: WorkingCalendar,
    policies: Readonly<Record<TransferKind, TransferPolicy>>,
  ) =>
  (state: TransferState, event: TransferEvent): TransferState => {
    if (!streamEventTypes.has(event.type)) {
      throw new Error(`${event.type} is not an event of the ${side.toLowerCase()}'s transfer stream`);
    }
    const fact = factOf(event);
    const next = applyFact(side, state, fact);
    const isNoted = event.type in notedEventFacts;
    return {
      ...next,
      noted: isNoted ? [...next.noted, notedKey(fact)] : next.noted,
      deadlines: advanceDeadlines(next.deadlines, policies[next.kind], event, calendar),
    };
  };
