/**
 * The receiving side of a transfer (受移送机关, DESIGN §3.2) — every rule of what the receiver may do
 * is in this file; the stream is `transfer-in-<transferId>`:
 *
 *   NONE ─Receive (the sent transfer)→ RECEIVED ─Accept→ ACCEPTED ─RecordResult→ RESULT_RECORDED
 *                 ├─Forward (same kind, reason)→ SENT ─Receive (the new receiver)→ RECEIVED
 *                 ├─Return (reason)→ RETURNED
 *                 ├─Decline (reason; never for missing materials)→ DECLINED
 *                 ├─DisposeClue (DISCIPLINARY, instead of accept/decline)→ ACCEPTED (re-disposable)
 *                 └─RequestSupplement, ExtendDeadline (complex case, reason): stay RECEIVED
 *   DECLINED ─(reconsideration request noted)→ RECONSIDERATION_REQUESTED ─DecideReconsideration→ ACCEPTED | DECLINED
 *   DECLINED ─(supervision suggestion noted)→ SUPERVISION_SUGGESTED ─Accept→ ACCEPTED
 *   立案监督 (公安规定第一百八十二条; the procuratorate is not on the platform: the police record its notices):
 *   SUPERVISION_SUGGESTED ─RecordProcuratorateInquiry (要求说明不立案理由通知书)→ PROCURATORATE_INQUIRY
 *     ─ExplainNonFiling (7 days)→ NON_FILING_EXPLAINED
 *   PROCURATORATE_INQUIRY | NON_FILING_EXPLAINED ─RecordProcuratorateFilingOrder (通知立案书)→ FILING_ORDERED
 *   PROCURATORATE_INQUIRY | NON_FILING_EXPLAINED | FILING_ORDERED ─Accept (立案决定书文号 required; 15 days
 *     from the order)→ ACCEPTED
 *
 * What the sender did after sending reaches this stream as noted events (NoteSenderStep →
 * SupplementNoted, ReconsiderationRequestNoted, SupervisionSuggestionNoted, HandOverNoted,
 * ClosureNoted). Pure: time and actor come on the command; roles are checked in packages/auth;
 * the party (the current receiving agency) is checked here.
 */
import {
  AcceptTransferInput,
  AgencyRef,
  ExplainNonFilingInput,
  RecordProcuratorateFilingOrderInput,
  RecordProcuratorateInquiryInput,
  DecideReconsiderationInput,
  DeclineTransferInput,
  defaultWorkingCalendar,
  DisposeClueInput,
  ExtendDeadlineInput,
  ForwardTransferInput,
  notedEventFacts,
  parseInput,
  RecordTransferResultInput,
  RequestSupplementInput,
  ReturnTransferInput,
  stepWindow,
  TransferApproved,
  transferFactSchemas,
  transferPolicies,
  transferRoute,
  TransferStepInput,
  windowDueAt,
} from '@xianjie/contracts';
import type {
  Actor,
  ClueDisposition,
  DeclineReason,
  MaterialKind,
  SenderFactType,
  TransferEvent,
  TransferEventType,
  TransferFactOf,
  TransferKind,
  TransferOutcome,
  TransferPolicy,
  TransferStatus,
  WorkingCalendar,
} from '@xianjie/contracts';
import { ForbiddenError, ValidationError } from '@xianjie/contracts/errors';
import type { Decider } from '../decider.ts';
import {
  checkAt,
  createEvolve,
  existing,
  initialTransferState,
  isAfter,
  notedKey,
  openDeadline,
  optionalText,
  prefixIssues,
  procuratorateSupervisionStatuses,
  receiverFactAllowedIn,
  refuse,
} from './transferState.ts';
import type { Transfer, TransferDeciderOptions, TransferState } from './transferState.ts';

// ---------------------------------------------------------------- commands

interface ReceiverCommandBase {
  transferId: string;
  /** Business time of the command, ISO-8601 with offset (the service's clock, never read here). */
  at: string;
  actor: Actor;
}

export interface ReceiveTransfer extends ReceiverCommandBase {
  type: 'ReceiveTransfer';
  /**
   * The transfer as sent (the data of `xianjie.transfer.sent.v1`), from the service's inbox.
   * Required for the first receipt; after a forward the stream already holds it.
   */
  sent?: unknown;
  reason?: string | null;
}
export interface ForwardTransfer extends ReceiverCommandBase {
  type: 'ForwardTransfer';
  /** The competent agency, resolved by the service from `toAgencyId`. */
  toAgency: AgencyRef;
  reason: string;
}
export interface ReturnTransfer extends ReceiverCommandBase {
  type: 'ReturnTransfer';
  reason: string;
}
export interface RequestSupplement extends ReceiverCommandBase {
  type: 'RequestSupplement';
  requested: MaterialKind[];
  reason: string;
}
export interface AcceptTransfer extends ReceiverCommandBase {
  type: 'AcceptTransfer';
  documentNumber?: string | null;
  reason?: string | null;
  /** When the seized property sent with the case was received (required when there was any). */
  propertyReceivedAt?: string | null;
}
export interface DeclineTransfer extends ReceiverCommandBase {
  type: 'DeclineTransfer';
  reasonCategory: DeclineReason;
  reason: string;
}
export interface ExtendDeadline extends ReceiverCommandBase {
  type: 'ExtendDeadline';
  /** A code of the policy's extensions of the decide window, e.g. COMPLEX. */
  extension: string;
  reason: string;
}
export interface DecideReconsideration extends ReceiverCommandBase {
  type: 'DecideReconsideration';
  accept: boolean;
  reason?: string | null;
}
export interface DisposeClue extends ReceiverCommandBase {
  type: 'DisposeClue';
  disposition: ClueDisposition;
  reason: string;
}
export interface RecordTransferResult extends ReceiverCommandBase {
  type: 'RecordTransferResult';
  outcome: TransferOutcome;
  result: string;
}
/** 要求说明不立案理由通知书 received from the procuratorate (at = its receipt). */
export interface RecordProcuratorateInquiry extends ReceiverCommandBase {
  type: 'RecordProcuratorateInquiry';
  documentNumber: string;
}
/** 不立案理由说明: the police's written answer to the inquiry. */
export interface ExplainNonFiling extends ReceiverCommandBase {
  type: 'ExplainNonFiling';
  explanation: string;
}
/** 通知立案书 received from the procuratorate (at = its receipt). */
export interface RecordProcuratorateFilingOrder extends ReceiverCommandBase {
  type: 'RecordProcuratorateFilingOrder';
  documentNumber: string;
}
/** Records on the receiver's stream a sender fact learnt from an integration event. */
export interface NoteSenderStep extends ReceiverCommandBase {
  type: 'NoteSenderStep';
  fact: { type: SenderFactType; data: unknown };
}

export type ReceiverCommand =
  | ReceiveTransfer
  | ForwardTransfer
  | ReturnTransfer
  | RequestSupplement
  | AcceptTransfer
  | DeclineTransfer
  | ExtendDeadline
  | DecideReconsideration
  | DisposeClue
  | RecordTransferResult
  | RecordProcuratorateInquiry
  | ExplainNonFiling
  | RecordProcuratorateFilingOrder
  | NoteSenderStep;

/** The events of `transfer-in-<id>`: the receiver's facts and the sender's facts it noted. */
export const receiverStreamEventTypes: ReadonlySet<TransferEventType> = new Set<TransferEventType>([
  'TransferReceiptSigned',
  'TransferForwarded',
  'TransferReturned',
  'SupplementRequested',
  'TransferAccepted',
  'TransferDeclined',
  'DeadlineExtended',
  'ReconsiderationDecided',
  'ClueDisposed',
  'TransferResultRecorded',
  'ProcuratorateInquiryRecorded',
  'NonFilingExplained',
  'ProcuratorateFilingOrderRecorded',
  'SupplementNoted',
  'ReconsiderationRequestNoted',
  'SupervisionSuggestionNoted',
  'HandOverNoted',
  'ClosureNoted',
]);

type NotableSenderFact = Exclude<SenderFactType, 'TransferProposed' | 'TransferApproved' | 'TransferRefused'>;

const notedNameOf = Object.fromEntries(
  Object.entries(notedEventFacts)
    .filter(([noted]) => receiverStreamEventTypes.has(noted as TransferEventType))
    .map(([noted, fact]) => [fact, noted]),
) as Record<NotableSenderFact, TransferEventType>;

/**
 * Statuses of the receiver's stream in which a sender fact may be noted. Lenient where the two
 * parties act at the same time: materials supplied while the receiver was deciding still count.
 */
const senderFactNotableIn: Readonly<Record<NotableSenderFact, readonly TransferStatus[]>> = {
  MaterialsSupplemented: ['RECEIVED', 'ACCEPTED', 'DECLINED', 'RETURNED', 'SENT', 'RESULT_RECORDED'],
  ReconsiderationRequested: ['DECLINED'],
  ProcuratorateSupervisionSuggested: ['DECLINED'],
  MaterialsHandedOver: ['ACCEPTED', 'RESULT_RECORDED'],
  TransferClosed: ['DECLINED', 'RETURNED', 'SUPERVISION_SUGGESTED', 'NON_FILING_EXPLAINED', 'RESULT_RECORDED', 'ACCEPTED'],
};

// ---------------------------------------------------------------- decide

/** Only the current receiving agency acts on the receiver's side. */
const asReceiver = (command: ReceiverCommand, transfer: Transfer): void => {
  if (command.actor.agencyId !== transfer.toAgency.id) {
    throw new ForbiddenError(
      `only the receiving agency ${transfer.toAgency.id} acts on the receiver side of transfer ${transfer.transferId}; ` +
        `the actor belongs to ${command.actor.agencyId}`,
    );
  }
};

/** Refuses a receiver command whose fact may not follow the current status (the shared table). */
const inStatusFor = (command: string, fact: keyof typeof receiverFactAllowedIn, state: Transfer, why: string) => {
  if (!receiverFactAllowedIn[fact]!.includes(state.status)) refuse(command, why, state);
};

const decideWith = (policies: Readonly<Record<TransferKind, TransferPolicy>>, calendar: WorkingCalendar) => {
  const receive = (command: ReceiveTransfer, state: TransferState): TransferEvent[] => {
    parseInput(TransferStepInput, { transferId: command.transferId, reason: command.reason ?? undefined });
    if (state.status === 'NONE') {
      if (command.sent === undefined) {
        throw new ValidationError([{ path: 'sent', message: 'the first receipt carries the transfer as sent' }]);
      }
      let sent: TransferApproved;
      try {
        sent = parseInput(TransferApproved, command.sent);
      } catch (error) {
        throw error instanceof ValidationError ? prefixIssues(error, 'sent') : error;
      }
      if (sent.transferId !== command.transferId) {
        throw new ValidationError([
          { path: 'sent.transferId', message: `the sent transfer is ${sent.transferId}, not ${command.transferId}` },
        ]);
      }
      if (command.actor.agencyId !== sent.toAgency.id) {
        throw new ForbiddenError(
          `only the receiving agency ${sent.toAgency.id} signs for transfer ${sent.transferId}; the actor belongs to ${command.actor.agencyId}`,
        );
      }
      const { proposedAt: _p, approvalNote: _n, approvedAt: _a, approverCapacity: _c, ...transfer } = sent;
      return [{ type: 'TransferReceiptSigned', data: { ...transfer, receivedAt: command.at } }];
    }
    const transfer = state;
    asReceiver(command, transfer);
    inStatusFor('receiveTransfer', 'TransferReceiptSigned', transfer, 'the receipt is signed once, when the transfer arrives');
    return [
      {
        type: 'TransferReceiptSigned',
        data: {
          transferId: transfer.transferId,
          caseId: transfer.caseId,
          kind: transfer.kind,
          fromAgency: transfer.fromAgency,
          toAgency: transfer.toAgency,
          reason: transfer.reason,
          materials: transfer.materials,
          official: transfer.official,
          absentMaterials: transfer.absentMaterials,
          seizedProperty: transfer.seizedProperty,
          caseTeam: transfer.caseTeam,
          copiedToProcuratorate: transfer.copiedToProcuratorate,
          propertyHandOver: transfer.propertyHandOver,
          partyNotice: transfer.partyNotice,
          sentAt: transfer.sentAt ?? command.at,
          receivedAt: command.at,
        },
      },
    ];
  };

  const forward = (command: ForwardTransfer, state: TransferState): TransferEvent[] => {
    const { reason } = parseInput(ForwardTransferInput, {
      transferId: command.transferId,
      toAgencyId: command.toAgency?.id,
      reason: command.reason,
    });
    if (!AgencyRef.safeParse(command.toAgency).success) {
      throw new ValidationError([{ path: 'toAgency', message: 'the agency (id, kind, regionCode) is required' }]);
    }
    const transfer = existing(command.transferId, state);
    asReceiver(command, transfer);
    // Decree art. 7: not its jurisdiction → forward to the competent agency within 24 hours (late
    // forwarding is still forwarding: the deadline shows met late).
    inStatusFor('forwardTransfer', 'TransferForwarded', transfer, 'a transfer is forwarded after the receipt and before any decision');
    const to = command.toAgency;
    if (to.kind !== transfer.toAgency.kind) {
      refuse(
        'forwardTransfer',
        `a transfer is forwarded to an agency of the same kind (${transfer.toAgency.kind}); ` +
          `for a ${to.kind} agency return it so the sender can send it there`,
        state,
      );
    }
    if (to.id === transfer.toAgency.id || !transferRoute(policies[transfer.kind], transfer.fromAgency, to)) {
      throw new ValidationError([
        { path: 'toAgencyId', message: `a ${transfer.kind} transfer from ${transfer.fromAgency.id} cannot be forwarded to ${to.id}` },
      ]);
    }
    return [
      {
        type: 'TransferForwarded',
        data: {
          transferId: transfer.transferId,
          fromReceiver: transfer.toAgency,
          toAgency: { id: to.id, kind: to.kind, regionCode: to.regionCode },
          reason,
          forwardedAt: command.at,
        },
      },
    ];
  };

  const returnTransfer = (command: ReturnTransfer, state: TransferState): TransferEvent[] => {
    const { reason } = parseInput(ReturnTransferInput, { transferId: command.transferId, reason: command.reason });
    const transfer = existing(command.transferId, state);
    asReceiver(command, transfer);
    // 公安机关办理刑事案件程序规定第一百八十条: not within the receiver's remit → written notice and the
    // materials returned.
    inStatusFor('returnTransfer', 'TransferReturned', transfer, 'a transfer is returned after the receipt and before any decision');
    return [
      {
        type: 'TransferReturned',
        data: { transferId: transfer.transferId, agencyId: transfer.toAgency.id, reason, returnedAt: command.at },
      },
    ];
  };

  const requestSupplement = (command: RequestSupplement, state: TransferState): TransferEvent[] => {
    const input = parseInput(RequestSupplementInput, {
      transferId: command.transferId,
      requested: command.requested,
      reason: command.reason,
    });
    const transfer = existing(command.transferId, state);
    asReceiver(command, transfer);
    inStatusFor('requestSupplement', 'SupplementRequested', transfer, 'supplements are requested after the receipt and before the decision');
    if (transfer.supplementRequest) {
      refuse('requestSupplement', `a supplement request of ${transfer.supplementRequest.requestedAt} is still open`, state);
    }
    return [
      {
        type: 'SupplementRequested',
        data: {
          transferId: transfer.transferId,
          agencyId: transfer.toAgency.id,
          requested: [...new Set(input.requested)],
          reason: input.reason,
          requestedAt: command.at,
        },
      },
    ];
  };

  const accept = (command: AcceptTransfer, state: TransferState): TransferEvent[] => {
    const input = parseInput(AcceptTransferInput, {
      transferId: command.transferId,
      documentNumber: command.documentNumber ?? undefined,
      reason: command.reason ?? undefined,
      propertyReceivedAt: command.propertyReceivedAt ?? undefined,
    });
    const transfer = existing(command.transferId, state);
    asReceiver(command, transfer);
    if (!policies[transfer.kind].acceptOrDecline) {
      refuse('acceptTransfer', `a ${transfer.kind} clue is disposed of (disposeClue), not accepted`, state);
    }
    // After a suggestion of supervision the police may file on the procuratorate's inquiry or order
    // (公安机关办理刑事案件程序规定第一百八十二条): the acceptance then follows SUPERVISION_SUGGESTED,
    // PROCURATORATE_INQUIRY, NON_FILING_EXPLAINED or FILING_ORDERED.
    inStatusFor(
      'acceptTransfer',
      'TransferAccepted',
      transfer,
      'a transfer is accepted after the receipt, after a suggestion of supervision or on the procuratorate’s inquiry or order',
    );
    // Art. 182: the copy of the 立案决定书 goes to the procuratorate, so its number is on record.
    if (procuratorateSupervisionStatuses.includes(transfer.status) && !optionalText(input.documentNumber)) {
      throw new ValidationError([
        {
          path: 'documentNumber',
          message: 'filing under the procuratorate’s supervision records the number of the 立案决定书 (its copy goes to the procuratorate)',
        },
      ]);
    }
    // 《行政强制法》第二十一条: the seized property went with the case; the acceptance records when
    // the receiver got it (and a transfer without any records none).
    const withProperty = transfer.propertyHandOver !== null || transfer.seizedProperty;
    if (withProperty && !input.propertyReceivedAt) {
      throw new ValidationError([
        { path: 'propertyReceivedAt', message: '随案移送了查封、扣押财物：立案/受理时记录财物接收时间（《行政强制法》第二十一条）' },
      ]);
    }
    if (!withProperty && input.propertyReceivedAt) {
      throw new ValidationError([{ path: 'propertyReceivedAt', message: '本案没有随案移送的查封、扣押财物' }]);
    }
    if (input.propertyReceivedAt && isAfter(input.propertyReceivedAt, command.at)) {
      throw new ValidationError([
        { path: 'propertyReceivedAt', message: `${input.propertyReceivedAt} 晚于立案/受理的时间 ${command.at}：只能记录已经发生的事` },
      ]);
    }
    return [
      {
        type: 'TransferAccepted',
        data: {
          transferId: transfer.transferId,
          agencyId: transfer.toAgency.id,
          documentNumber: optionalText(input.documentNumber),
          reason: optionalText(input.reason),
          propertyReceivedAt: input.propertyReceivedAt ?? null,
          acceptedAt: command.at,
        },
      },
    ];
  };

  const decline = (command: DeclineTransfer, state: TransferState): TransferEvent[] => {
    const input = parseInput(DeclineTransferInput, {
      transferId: command.transferId,
      reasonCategory: command.reasonCategory,
      reason: command.reason,
    });
    const transfer = existing(command.transferId, state);
    asReceiver(command, transfer);
    if (!policies[transfer.kind].acceptOrDecline) {
      refuse('declineTransfer', `a ${transfer.kind} clue is disposed of (disposeClue), not declined`, state);
    }
    inStatusFor('declineTransfer', 'TransferDeclined', transfer, 'a transfer is declined after the receipt and before any decision');
    if (input.reasonCategory === 'MISSING_MATERIALS') {
      refuse(
        'declineTransfer',
        'a transfer may not be declined for missing materials: request a supplement instead ' +
          '(公安机关办理刑事案件程序规定第一百八十条：不得以材料不全为由不接受移送案件)',
        state,
      );
    }
    return [
      {
        type: 'TransferDeclined',
        data: {
          transferId: transfer.transferId,
          agencyId: transfer.toAgency.id,
          reasonCategory: input.reasonCategory,
          reason: input.reason,
          declinedAt: command.at,
        },
      },
    ];
  };

  const extendDeadline = (command: ExtendDeadline, state: TransferState): TransferEvent[] => {
    const input = parseInput(ExtendDeadlineInput, {
      transferId: command.transferId,
      extension: command.extension,
      reason: command.reason,
    });
    const transfer = existing(command.transferId, state);
    asReceiver(command, transfer);
    inStatusFor('extendDeadline', 'DeadlineExtended', transfer, 'the decision window is extended while the decision is pending');
    const window = stepWindow(policies[transfer.kind], 'decide');
    if (!window || window.extensions.length === 0) {
      refuse('extendDeadline', `the decision window of a ${transfer.kind} transfer cannot be extended`, state);
    }
    const extension = window!.extensions.find((e) => e.code === input.extension);
    if (!extension) {
      throw new ValidationError([
        {
          path: 'extension',
          message: `unknown extension ${input.extension}; the policy has ${window!.extensions.map((e) => `${e.code} (${e.label})`).join(', ')}`,
        },
      ]);
    }
    const open = openDeadline(transfer, 'decide');
    if (!open) refuse('extendDeadline', 'there is no open decision window to extend', state);
    // The longer window is approved before the running one ends, and only ever lengthens it.
    if (isAfter(command.at, open!.dueAt)) {
      refuse('extendDeadline', `the decision window ended at ${open!.dueAt}; extend it before it ends`, state);
    }
    // A calendar whose year is missing throws here too: an extension is never computed on a guess.
    const extendedDue = windowDueAt(window!, open!.startedAt, calendar, extension);
    if (Date.parse(extendedDue) <= Date.parse(open!.dueAt)) {
      refuse('extendDeadline', `${extension.code} would not lengthen the window ending at ${open!.dueAt}`, state);
    }
    return [
      {
        type: 'DeadlineExtended',
        data: {
          transferId: transfer.transferId,
          agencyId: transfer.toAgency.id,
          step: 'decide',
          extension: extension.code,
          reason: input.reason,
          extendedAt: command.at,
        },
      },
    ];
  };

  const decideReconsideration = (command: DecideReconsideration, state: TransferState): TransferEvent[] => {
    const input = parseInput(DecideReconsiderationInput, {
      transferId: command.transferId,
      accept: command.accept,
      reason: command.reason ?? undefined,
    });
    const transfer = existing(command.transferId, state);
    asReceiver(command, transfer);
    // Decree art. 9; 公安规定第一百八十一条: decided within 3 days (late decisions are recorded as late).
    inStatusFor('decideReconsideration', 'ReconsiderationDecided', transfer, 'reconsideration is decided after the sender requested it');
    return [
      {
        type: 'ReconsiderationDecided',
        data: {
          transferId: transfer.transferId,
          agencyId: transfer.toAgency.id,
          accepted: input.accept,
          reason: optionalText(input.reason),
          decidedAt: command.at,
        },
      },
    ];
  };

  const disposeClue = (command: DisposeClue, state: TransferState): TransferEvent[] => {
    const input = parseInput(DisposeClueInput, {
      transferId: command.transferId,
      disposition: command.disposition,
      reason: command.reason,
    });
    const transfer = existing(command.transferId, state);
    asReceiver(command, transfer);
    if (!policies[transfer.kind].clueDisposal) {
      refuse('disposeClue', `only DISCIPLINARY clues are disposed of; this transfer is ${transfer.kind}`, state);
    }
    inStatusFor('disposeClue', 'ClueDisposed', transfer, 'a clue is disposed of after the receipt, and may be disposed of again until the result');
    return [
      {
        type: 'ClueDisposed',
        data: {
          transferId: transfer.transferId,
          agencyId: transfer.toAgency.id,
          disposition: input.disposition,
          reason: input.reason,
          disposedAt: command.at,
        },
      },
    ];
  };

  const recordResult = (command: RecordTransferResult, state: TransferState): TransferEvent[] => {
    const input = parseInput(RecordTransferResultInput, {
      transferId: command.transferId,
      outcome: command.outcome,
      result: command.result,
    });
    const transfer = existing(command.transferId, state);
    asReceiver(command, transfer);
    const { outcomes } = policies[transfer.kind];
    if (!outcomes.includes(input.outcome)) {
      throw new ValidationError([
        { path: 'outcome', message: `a ${transfer.kind} transfer ends in one of ${outcomes.join(', ')}, not ${input.outcome}` },
      ]);
    }
    inStatusFor('recordTransferResult', 'TransferResultRecorded', transfer, 'a result is fed back once, after the transfer was accepted');
    return [
      {
        type: 'TransferResultRecorded',
        data: {
          transferId: transfer.transferId,
          agencyId: transfer.toAgency.id,
          outcome: input.outcome,
          result: input.result,
          recordedAt: command.at,
        },
      },
    ];
  };

  /** The procuratorate supervises CRIMINAL transfers only. */
  const supervisedKind = (command: string, transfer: Transfer): void => {
    if (!policies[transfer.kind].procuratorateSupervision) {
      refuse(command, `procuratorate supervision applies to CRIMINAL transfers only, this one is ${transfer.kind}`, transfer);
    }
  };

  const recordInquiry = (command: RecordProcuratorateInquiry, state: TransferState): TransferEvent[] => {
    const input = parseInput(RecordProcuratorateInquiryInput, {
      transferId: command.transferId,
      documentNumber: command.documentNumber,
    });
    const transfer = existing(command.transferId, state);
    asReceiver(command, transfer);
    supervisedKind('recordProcuratorateInquiry', transfer);
    inStatusFor(
      'recordProcuratorateInquiry',
      'ProcuratorateInquiryRecorded',
      transfer,
      'the procuratorate asks for the reasons after the sender suggested its supervision, once',
    );
    return [
      {
        type: 'ProcuratorateInquiryRecorded',
        data: {
          transferId: transfer.transferId,
          agencyId: transfer.toAgency.id,
          documentNumber: input.documentNumber,
          receivedAt: command.at,
        },
      },
    ];
  };

  const explainNonFiling = (command: ExplainNonFiling, state: TransferState): TransferEvent[] => {
    const input = parseInput(ExplainNonFilingInput, { transferId: command.transferId, explanation: command.explanation });
    const transfer = existing(command.transferId, state);
    asReceiver(command, transfer);
    supervisedKind('explainNonFiling', transfer);
    // Due within 7 days of the notice; a late answer is still recorded (the deadline shows it late).
    inStatusFor('explainNonFiling', 'NonFilingExplained', transfer, 'the reasons are explained once, after the procuratorate asked for them');
    return [
      {
        type: 'NonFilingExplained',
        data: {
          transferId: transfer.transferId,
          agencyId: transfer.toAgency.id,
          explanation: input.explanation,
          explainedAt: command.at,
        },
      },
    ];
  };

  const recordFilingOrder = (command: RecordProcuratorateFilingOrder, state: TransferState): TransferEvent[] => {
    const input = parseInput(RecordProcuratorateFilingOrderInput, {
      transferId: command.transferId,
      documentNumber: command.documentNumber,
    });
    const transfer = existing(command.transferId, state);
    asReceiver(command, transfer);
    supervisedKind('recordProcuratorateFilingOrder', transfer);
    inStatusFor(
      'recordProcuratorateFilingOrder',
      'ProcuratorateFilingOrderRecorded',
      transfer,
      'the procuratorate orders filing after it asked for the reasons, once',
    );
    return [
      {
        type: 'ProcuratorateFilingOrderRecorded',
        data: {
          transferId: transfer.transferId,
          agencyId: transfer.toAgency.id,
          documentNumber: input.documentNumber,
          receivedAt: command.at,
        },
      },
    ];
  };

  const noteSenderStep = (command: NoteSenderStep, state: TransferState): TransferEvent[] => {
    const type = command.fact?.type as NotableSenderFact;
    const notedType = notedNameOf[type];
    if (!notedType) {
      throw new ValidationError([
        { path: 'fact.type', message: `${String(type)} is not a sender fact the receiver notes` },
      ]);
    }
    let data: TransferFactOf<NotableSenderFact>['data'];
    try {
      data = parseInput(transferFactSchemas[type], command.fact.data);
    } catch (error) {
      throw error instanceof ValidationError ? prefixIssues(error, 'fact.data') : error;
    }
    if (data.transferId !== command.transferId) {
      throw new ValidationError([
        { path: 'fact.data.transferId', message: `the fact is about ${data.transferId}, not ${command.transferId}` },
      ]);
    }
    const transfer = existing(command.transferId, state);
    const fact = { type, data } as TransferFactOf<NotableSenderFact>;
    if (transfer.noted.includes(notedKey(fact))) return []; // at-least-once delivery: already noted
    if (!senderFactNotableIn[type].includes(transfer.status)) {
      refuse('noteSenderStep', `${type} cannot follow the receiver's state`, state);
    }
    return [{ type: notedType, data: { ...data, notedAt: command.at } } as TransferEvent];
  };

  return (command: ReceiverCommand, state: TransferState): TransferEvent[] => {
    checkAt(command.at);
    switch (command.type) {
      case 'ReceiveTransfer':
        return receive(command, state);
      case 'ForwardTransfer':
        return forward(command, state);
      case 'ReturnTransfer':
        return returnTransfer(command, state);
      case 'RequestSupplement':
        return requestSupplement(command, state);
      case 'AcceptTransfer':
        return accept(command, state);
      case 'DeclineTransfer':
        return decline(command, state);
      case 'ExtendDeadline':
        return extendDeadline(command, state);
      case 'DecideReconsideration':
        return decideReconsideration(command, state);
      case 'DisposeClue':
        return disposeClue(command, state);
      case 'RecordTransferResult':
        return recordResult(command, state);
      case 'RecordProcuratorateInquiry':
        return recordInquiry(command, state);
      case 'ExplainNonFiling':
        return explainNonFiling(command, state);
      case 'RecordProcuratorateFilingOrder':
        return recordFilingOrder(command, state);
      case 'NoteSenderStep':
        return noteSenderStep(command, state);
      default: {
        const unknown: never = command;
        throw new ValidationError([
          { path: 'type', message: `unknown receiver command ${(unknown as { type: string }).type}` },
        ]);
      }
    }
  };
};

export type ReceiverDecider = Decider<ReceiverCommand, TransferState, TransferEvent>;

/** The receiver's decider over a calendar and policies (defaults: the built-in ones). */
export const createReceiverDecider = (options: TransferDeciderOptions = {}): ReceiverDecider => {
  const policies = options.policies ?? transferPolicies;
  const calendar = options.calendar ?? defaultWorkingCalendar;
  return {
    decide: decideWith(policies, calendar),
    evolve: createEvolve('RECEIVER', receiverStreamEventTypes, calendar, policies),
    initialState: initialTransferState,
  };
};

export const receiverDecider: ReceiverDecider = createReceiverDecider();
