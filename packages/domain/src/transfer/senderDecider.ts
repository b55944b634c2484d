/**
 * The sending side of a transfer (移送机关, DESIGN §3.2) — every rule of what the sender may do is
 * in this file; the stream is `transfer-out-<transferId>`:
 *
 *   NONE ─Propose→ PROPOSED ─Approve (sends)→ SENT ─(receipt noted)→ RECEIVED ─(acceptance noted)→ ACCEPTED
 *                     └─Refuse (reason)→ REFUSED          ─(return noted)→ RETURNED   ─(decline noted)→ DECLINED
 *   DECLINED ─RequestReconsideration (CRIMINAL, within 3 days)→ RECONSIDERATION_REQUESTED
 *            ─(decision noted)→ ACCEPTED | DECLINED ─SuggestProcuratorateSupervision→ SUPERVISION_SUGGESTED
 *   RECEIVED: SupplyMaterials.   ACCEPTED: HandOverMaterials, ─(result noted)→ RESULT_RECORDED ─Close→ CLOSED
 *   Close also ends a DECLINED, RETURNED, SUPERVISION_SUGGESTED or NON_FILING_EXPLAINED transfer, with a reason.
 *   立案监督 (noted from the police): SUPERVISION_SUGGESTED ─(inquiry noted)→ PROCURATORATE_INQUIRY
 *     ─(explanation noted)→ NON_FILING_EXPLAINED ─(filing order noted)→ FILING_ORDERED ─(acceptance noted)→ ACCEPTED
 *
 * What the receiver did reaches this stream as noted events (NoteReceiverStep → ReceiptNoted,
 * AcceptanceNoted, DeclineNoted, ResultNoted, …), checked against the same table of statuses the
 * receiver decider uses, so the sender knows when it may act. Pure: time and actor come on the
 * command; roles are checked in packages/auth; the party (the sending agency) is checked here.
 */
import {
  absentNotAllowed,
  AgencyRef,
  ApproveTransferInput,
  defaultWorkingCalendar,
  HandOverMaterialsInput,
  materialKindLabels,
  missingMaterials,
  notedEventFacts,
  parseInput,
  ProposeTransferInput,
  RefuseTransferInput,
  RequestReconsiderationInput,
  SuggestSupervisionInput,
  SupplementMaterialsInput,
  transferFactSchemas,
  transferPolicies,
  transferRoute,
  TransferStepInput,
} from '@xianjie/contracts';
import type {
  AbsentMaterialInput,
  Actor,
  AgencyCapacity,
  CaseTeamMemberInput,
  MaterialInput,
  OfficialInput,
  ReceiverFactType,
  TransferEvent,
  TransferEventType,
  TransferFactOf,
  PartyNoticeInput,
  PropertyHandOverInput,
  TransferKind,
  TransferPolicy,
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
  receiverFactAllowedIn,
  refuse,
} from './transferState.ts';
import type { Transfer, TransferDeciderOptions, TransferState } from './transferState.ts';

// ---------------------------------------------------------------- commands

interface SenderCommandBase {
  transferId: string;
  /** Business time of the command, ISO-8601 with offset (the service's clock, never read here). */
  at: string;
  actor: Actor;
}

export interface ProposeTransfer extends SenderCommandBase {
  type: 'ProposeTransfer';
  caseId: string;
  kind: TransferKind;
  /** The sending agency (the actor's), resolved by the service from the directory. */
  fromAgency: AgencyRef;
  /** The receiver, resolved by the service from `toAgencyId`. */
  toAgency: AgencyRef;
  reason: string;
  materials: MaterialInput[];
  official?: OfficialInput;
  /** Conditional materials (Decree art. 6: 有关) the case does not have, each with the reason. */
  absentMaterials?: AbsentMaterialInput[];
  /** The explicit declaration that the case has seized property (《行政强制法》第二十一条). */
  seizedProperty?: boolean;
  /** The 专案组 that made the report (Decree art. 5). */
  caseTeam?: CaseTeamMemberInput[];
}

export interface ApproveTransfer extends SenderCommandBase {
  type: 'ApproveTransfer';
  reason?: string | null;
  /** Required when the proposal declared seized property: it goes with the case. */
  propertyHandOver?: PropertyHandOverInput;
  /** Required when the proposal declared seized property: the party is told in writing. */
  partyNotice?: PartyNoticeInput;
}
export interface RefuseTransfer extends SenderCommandBase {
  type: 'RefuseTransfer';
  reason: string;
}
export interface SupplyMaterials extends SenderCommandBase {
  type: 'SupplyMaterials';
  materials: MaterialInput[];
  reason?: string | null;
}
export interface RequestReconsideration extends SenderCommandBase {
  type: 'RequestReconsideration';
  reason: string;
}
export interface SuggestProcuratorateSupervision extends SenderCommandBase {
  type: 'SuggestProcuratorateSupervision';
  reason: string;
}
export interface HandOverMaterials extends SenderCommandBase {
  type: 'HandOverMaterials';
  materials: MaterialInput[];
  reason?: string | null;
}
export interface CloseTransfer extends SenderCommandBase {
  type: 'CloseTransfer';
  reason?: string | null;
}
/** Records on the sender's stream a receiver fact learnt from an integration event. */
export interface NoteReceiverStep extends SenderCommandBase {
  type: 'NoteReceiverStep';
  fact: { type: ReceiverFactType; data: unknown };
}

export type SenderCommand =
  | ProposeTransfer
  | ApproveTransfer
  | RefuseTransfer
  | SupplyMaterials
  | RequestReconsideration
  | SuggestProcuratorateSupervision
  | HandOverMaterials
  | CloseTransfer
  | NoteReceiverStep;

/** The events of `transfer-out-<id>`: the sender's facts and the receiver's facts it noted. */
export const senderStreamEventTypes: ReadonlySet<TransferEventType> = new Set<TransferEventType>([
  'TransferProposed',
  'TransferApproved',
  'TransferRefused',
  'MaterialsSupplemented',
  'ReconsiderationRequested',
  'ProcuratorateSupervisionSuggested',
  'MaterialsHandedOver',
  'TransferClosed',
  'ReceiptNoted',
  'ForwardNoted',
  'ReturnNoted',
  'SupplementRequestNoted',
  'AcceptanceNoted',
  'DeclineNoted',
  'DeadlineExtensionNoted',
  'ReconsiderationDecisionNoted',
  'ClueDisposalNoted',
  'ResultNoted',
  'ProcuratorateInquiryNoted',
  'NonFilingExplanationNoted',
  'FilingOrderNoted',
]);

const notedNameOf = Object.fromEntries(
  Object.entries(notedEventFacts)
    .filter(([noted]) => senderStreamEventTypes.has(noted as TransferEventType))
    .map(([noted, fact]) => [fact, noted]),
) as Record<ReceiverFactType, TransferEventType>;

// ---------------------------------------------------------------- decide

/** Only the sending agency acts on the sender's side. */
const asSender = (command: SenderCommand, transfer: Transfer): void => {
  if (command.actor.agencyId !== transfer.fromAgency.id) {
    throw new ForbiddenError(
      `only the sending agency ${transfer.fromAgency.id} acts on the sender side of transfer ${transfer.transferId}; ` +
        `the actor belongs to ${command.actor.agencyId}`,
    );
  }
};

/**
 * Who decides on the team's report (批准或者不批准移送), the policy's `approval.by`: for HEAD (a
 * CRIMINAL transfer, 《行政执法机关移送涉嫌犯罪案件的规定》第五条) only the agency's 正职负责人 or the
 * 主持工作的负责人 (capacity HEAD or ACTING_HEAD); for SUPERVISOR any supervisor (the role is checked in
 * packages/auth). Returns the capacity recorded on the decision (null when the kind does not ask
 * for one and the actor has none). The service asks this before it checks the expected version, so
 * a plain supervisor is told why rather than CONFLICT.
 */
export const decisionCapacity = (
  policy: TransferPolicy,
  actor: Pick<Actor, 'userId' | 'capacity'>,
  command: 'approveTransfer' | 'refuseTransfer',
): AgencyCapacity | null => {
  const capacity = actor.capacity ?? null;
  if (policy.approval.by === 'HEAD' && capacity === null) {
    const what = command === 'approveTransfer' ? '批准移送' : '不批准移送';
    throw new ForbiddenError(
      `${what}须由本机关正职负责人或者主持工作的负责人决定，${actor.userId} 不是（${policy.approval.legalBasis}）`,
    );
  }
  return capacity;
};

const routeDescription = (policy: TransferPolicy): string =>
  policy.routes
    .map((route) => `${route.from} → ${route.to}${route.requiresDifferentRegion ? ' (another region)' : ''}`)
    .join(', ');

const decideWith = (policies: Readonly<Record<TransferKind, TransferPolicy>>) => {
  const propose = (command: ProposeTransfer, state: TransferState): TransferEvent[] => {
    const input = parseInput(ProposeTransferInput, {
      caseId: command.caseId,
      kind: command.kind,
      toAgencyId: command.toAgency?.id,
      reason: command.reason,
      materials: command.materials,
      official: command.official,
      absentMaterials: command.absentMaterials,
      seizedProperty: command.seizedProperty,
      caseTeam: command.caseTeam,
    });
    for (const field of ['fromAgency', 'toAgency'] as const) {
      const parsed = AgencyRef.safeParse(command[field]);
      if (!parsed.success) {
        throw new ValidationError([{ path: field, message: 'the agency (id, kind, regionCode) is required' }]);
      }
    }
    if (state.status !== 'NONE') refuse('proposeTransfer', `transfer ${command.transferId} is already proposed`, state);
    if (command.actor.agencyId !== command.fromAgency.id) {
      throw new ForbiddenError(
        `a transfer is proposed by the sending agency ${command.fromAgency.id}; the actor belongs to ${command.actor.agencyId}`,
      );
    }
    const policy = policies[input.kind];
    const { fromAgency, toAgency } = command;
    if (!transferRoute(policy, fromAgency, toAgency)) {
      throw new ValidationError([
        {
          path: 'toAgencyId',
          message:
            `a ${input.kind} transfer cannot go from ${fromAgency.id} (${fromAgency.kind}) to ${toAgency.id} (${toAgency.kind}); ` +
            `the policy allows ${routeDescription(policy)}`,
        },
      ]);
    }
    const absentMaterials = input.absentMaterials ?? [];
    const caseTeam = input.caseTeam ?? [];
    const seizedProperty = input.seizedProperty ?? false;
    const issues: { path: string; message: string }[] = [];
    // Decree art. 6: 有关检验报告或者鉴定结论 and 涉案物品清单 go where they exist; a transfer without one
    // says why. Only those (WHERE_EXISTS) may be absent.
    const notExcusable = new Set(absentNotAllowed(policy, absentMaterials));
    absentMaterials.forEach((absent, index) => {
      if (notExcusable.has(absent.kind)) {
        issues.push({
          path: `absentMaterials.${index}.kind`,
          message: `${materialKindLabels[absent.kind]}（${absent.kind}）不是“有则移送”的材料，${input.kind} 移送不能缺少，不能列为缺少`,
        });
      }
    });
    const missing = missingMaterials(policy, input.materials, absentMaterials);
    if (missing.length > 0) {
      const required = policy.requiredMaterials.filter((m) => missing.includes(m.kind));
      issues.push({
        path: 'materials',
        message:
          `${input.kind} 移送缺少应随案移送的材料：` +
          required
            .map(
              (m) =>
                `${materialKindLabels[m.kind]}（${m.kind}${m.condition === 'WHERE_EXISTS' ? '；本案没有的，在 absentMaterials 中说明理由' : ''}；${m.legalBasis}）`,
            )
            .join('；'),
      });
    }
    if (seizedProperty && !policy.seizedProperty) {
      issues.push({ path: 'seizedProperty', message: `${input.kind} 移送不随案移交查封、扣押财物（只有涉嫌犯罪案件移送适用《行政强制法》第二十一条）` });
    }
    // Decree art. 5: 2名或者2名以上行政执法人员组成专案组, whose written report this proposal is; the
    // proposer is one of them (the sending agency's officer: the actor's agency was checked above).
    if (caseTeam.length < policy.approval.caseTeamMin) {
      issues.push({
        path: 'caseTeam',
        message: `${input.kind} 移送须由${policy.approval.caseTeamMin}名或者${policy.approval.caseTeamMin}名以上执法人员组成的专案组提出，列出了${caseTeam.length}名（${policy.approval.legalBasis}）`,
      });
    } else if (caseTeam.length > 0 && !caseTeam.some((member) => member.userId === command.actor.userId)) {
      issues.push({
        path: 'caseTeam',
        message: `移送报告由专案组提出：提出人 ${command.actor.userId} 应为专案组成员`,
      });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    const official = input.official
      ? {
          name: input.official.name,
          post: input.official.post,
          employer: input.official.employer,
          managementLevel: input.official.managementLevel ?? null,
          allegations: input.official.allegations,
        }
      : null;
    return [
      {
        type: 'TransferProposed',
        data: {
          transferId: command.transferId,
          caseId: input.caseId,
          kind: input.kind,
          fromAgency: { id: fromAgency.id, kind: fromAgency.kind, regionCode: fromAgency.regionCode },
          toAgency: { id: toAgency.id, kind: toAgency.kind, regionCode: toAgency.regionCode },
          reason: input.reason,
          materials: input.materials,
          official,
          absentMaterials,
          seizedProperty,
          caseTeam,
          proposedAt: command.at,
        },
      },
    ];
  };

  const approve = (command: ApproveTransfer, state: TransferState): TransferEvent[] => {
    const input = parseInput(ApproveTransferInput, {
      transferId: command.transferId,
      reason: command.reason ?? undefined,
      propertyHandOver: command.propertyHandOver,
      partyNotice: command.partyNotice,
    });
    const transfer = existing(command.transferId, state);
    asSender(command, transfer);
    const policy = policies[transfer.kind];
    const approverCapacity = decisionCapacity(policy, command.actor, 'approveTransfer');
    // 《行政执法机关移送涉嫌犯罪案件的规定》第五条: the head decides within 3 days. A late approval is
    // still an approval (refusing it would lose the case); its deadline shows met late.
    if (transfer.status !== 'PROPOSED') refuse('approveTransfer', 'only a proposed transfer can be approved', state);
    // 《行政强制法》第二十一条: seized property goes with the case, and the party is told in writing.
    const issues: { path: string; message: string }[] = [];
    if (transfer.seizedProperty) {
      if (!input.propertyHandOver) {
        issues.push({ path: 'propertyHandOver', message: `移送申报了查封、扣押财物，应当一并移送：填写移交清单和移交时间（${policy.seizedProperty?.legalBasis ?? '《行政强制法》第二十一条'}）` });
      }
      if (!input.partyNotice) {
        issues.push({ path: 'partyNotice', message: '移送申报了查封、扣押财物，应当书面告知当事人：填写告知日期和送达方式（《行政强制法》第二十一条）' });
      }
    } else {
      for (const field of ['propertyHandOver', 'partyNotice'] as const) {
        if (input[field]) issues.push({ path: field, message: '移送未申报查封、扣押财物（seizedProperty），无财物随案移交' });
      }
    }
    for (const [path, at] of [
      ['propertyHandOver.handedOverAt', input.propertyHandOver?.handedOverAt],
      ['partyNotice.notifiedAt', input.partyNotice?.notifiedAt],
    ] as const) {
      if (at && isAfter(at, command.at)) issues.push({ path, message: `${at} 晚于批准移送的时间 ${command.at}：只能记录已经发生的事` });
    }
    if (issues.length > 0) throw new ValidationError(issues);
    return [
      {
        type: 'TransferApproved',
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
          proposedAt: transfer.proposedAt ?? command.at,
          approvalNote: optionalText(input.reason),
          approverCapacity,
          propertyHandOver: input.propertyHandOver
            ? { inventory: input.propertyHandOver.inventory, handedOverAt: input.propertyHandOver.handedOverAt }
            : null,
          partyNotice: input.partyNotice
            ? {
                notifiedAt: input.partyNotice.notifiedAt,
                method: input.partyNotice.method,
                documentNumber: optionalText(input.partyNotice.documentNumber),
              }
            : null,
          // 抄送同级人民检察院: recorded with the sending, for CRIMINAL transfers.
          copiedToProcuratorate: policy.copyToProcuratorate,
          approvedAt: command.at,
          sentAt: command.at,
        },
      },
    ];
  };

  const refuseTransfer = (command: RefuseTransfer, state: TransferState): TransferEvent[] => {
    const { reason } = parseInput(RefuseTransferInput, { transferId: command.transferId, reason: command.reason });
    const transfer = existing(command.transferId, state);
    asSender(command, transfer);
    const refuserCapacity = decisionCapacity(policies[transfer.kind], command.actor, 'refuseTransfer');
    // 决定不批准的，应当将不予批准的理由记录在案 (Decree art. 5).
    if (transfer.status !== 'PROPOSED') refuse('refuseTransfer', 'only a proposed transfer can be refused', state);
    return [
      { type: 'TransferRefused', data: { transferId: transfer.transferId, reason, refuserCapacity, refusedAt: command.at } },
    ];
  };

  const supplyMaterials = (command: SupplyMaterials, state: TransferState): TransferEvent[] => {
    const input = parseInput(SupplementMaterialsInput, {
      transferId: command.transferId,
      materials: command.materials,
      reason: command.reason ?? undefined,
    });
    const transfer = existing(command.transferId, state);
    asSender(command, transfer);
    // After the receipt and before the decision (公安机关办理刑事案件程序规定第一百八十条: supplied within
    // 3 days of the request; late supplies are accepted and shown late). Supplies need not wait for a request.
    if (transfer.status !== 'RECEIVED') {
      refuse('supplyMaterials', 'materials are supplemented after the receipt and before the decision', state);
    }
    return [
      {
        type: 'MaterialsSupplemented',
        data: {
          transferId: transfer.transferId,
          materials: input.materials,
          reason: optionalText(input.reason),
          suppliedAt: command.at,
        },
      },
    ];
  };

  const requestReconsideration = (command: RequestReconsideration, state: TransferState): TransferEvent[] => {
    const { reason } = parseInput(RequestReconsiderationInput, { transferId: command.transferId, reason: command.reason });
    const transfer = existing(command.transferId, state);
    asSender(command, transfer);
    const policy = policies[transfer.kind];
    if (!policy.reconsideration) {
      refuse('requestReconsideration', `a ${transfer.kind} transfer has no reconsideration (only CRIMINAL: Decree art. 9)`, state);
    }
    if (transfer.status !== 'DECLINED' || transfer.reconsideration) {
      refuse('requestReconsideration', 'reconsideration can be requested once, after a decline', state);
    }
    // A right with a time limit: after the window the request is refused.
    const window = openDeadline(transfer, 'requestReconsideration');
    if (window && isAfter(command.at, window.dueAt)) {
      refuse(
        'requestReconsideration',
        `the window to request reconsideration ended at ${window.dueAt} (${window.legalBasis})`,
        state,
      );
    }
    return [
      { type: 'ReconsiderationRequested', data: { transferId: transfer.transferId, reason, requestedAt: command.at } },
    ];
  };

  const suggestSupervision = (command: SuggestProcuratorateSupervision, state: TransferState): TransferEvent[] => {
    const { reason } = parseInput(SuggestSupervisionInput, { transferId: command.transferId, reason: command.reason });
    const transfer = existing(command.transferId, state);
    asSender(command, transfer);
    const policy = policies[transfer.kind];
    if (!policy.procuratorateSupervision) {
      refuse(
        'suggestProcuratorateSupervision',
        `procuratorate supervision applies to CRIMINAL transfers only, this one is ${transfer.kind}`,
        state,
      );
    }
    // Decree art. 9: after the decline (instead of reconsideration) or within 3 days of a
    // reconsideration decision that upholds it.
    if (transfer.status !== 'DECLINED') {
      refuse(
        'suggestProcuratorateSupervision',
        'procuratorate supervision is suggested after a decline, or after a reconsideration that upheld it',
        state,
      );
    }
    const afterReconsideration = transfer.reconsideration?.decision?.accepted === false;
    const window = openDeadline(transfer, 'suggestSupervision');
    if (afterReconsideration && window && isAfter(command.at, window.dueAt)) {
      refuse(
        'suggestProcuratorateSupervision',
        `the window to suggest procuratorate supervision ended at ${window.dueAt} (${window.legalBasis})`,
        state,
      );
    }
    return [
      {
        type: 'ProcuratorateSupervisionSuggested',
        data: { transferId: transfer.transferId, reason, afterReconsideration, suggestedAt: command.at },
      },
    ];
  };

  const handOver = (command: HandOverMaterials, state: TransferState): TransferEvent[] => {
    const input = parseInput(HandOverMaterialsInput, {
      transferId: command.transferId,
      materials: command.materials,
      reason: command.reason ?? undefined,
    });
    const transfer = existing(command.transferId, state);
    asSender(command, transfer);
    const policy = policies[transfer.kind];
    if (!policy.handOver) {
      refuse('handOverMaterials', `a ${transfer.kind} transfer has no hand-over of seized items`, state);
    }
    // Decree art. 12: the administrative agency hands seized items and files over to the police
    // within 3 days of the filing notice — the sender's duty, hence the sender's command.
    if (transfer.status !== 'ACCEPTED') {
      refuse('handOverMaterials', 'seized items and files are handed over after the receiver accepted the transfer', state);
    }
    return [
      {
        type: 'MaterialsHandedOver',
        data: {
          transferId: transfer.transferId,
          materials: input.materials,
          reason: optionalText(input.reason),
          handedOverAt: command.at,
        },
      },
    ];
  };

  const close = (command: CloseTransfer, state: TransferState): TransferEvent[] => {
    parseInput(TransferStepInput, { transferId: command.transferId, reason: command.reason ?? undefined });
    const transfer = existing(command.transferId, state);
    asSender(command, transfer);
    const reason = optionalText(command.reason);
    // 首办负责制, no 一转了之: the sender follows the transfer until the result is fed back. A
    // transfer that ended without one (declined, returned, left to the procuratorate) closes with
    // the reason saying how the sender dealt with the case (Decree art. 10).
    // NON_FILING_EXPLAINED: the police answered the procuratorate and no order to file followed (yet).
    const endedWithoutResult = ['DECLINED', 'RETURNED', 'SUPERVISION_SUGGESTED', 'NON_FILING_EXPLAINED'].includes(
      transfer.status,
    );
    if (transfer.status !== 'RESULT_RECORDED' && !endedWithoutResult) {
      refuse(
        'closeTransfer',
        'a transfer is closed after the receiver fed back its result (首办负责制, no 一转了之), or after it was declined or returned',
        state,
      );
    }
    if (endedWithoutResult && !reason) {
      throw new ValidationError([
        {
          path: 'reason',
          message: `closing a ${transfer.status} transfer without a result needs a reason: how the case was dealt with`,
        },
      ]);
    }
    return [{ type: 'TransferClosed', data: { transferId: transfer.transferId, reason, closedAt: command.at } }];
  };

  const noteReceiverStep = (command: NoteReceiverStep, state: TransferState): TransferEvent[] => {
    const type = command.fact?.type;
    const notedType = notedNameOf[type];
    if (!notedType) {
      throw new ValidationError([{ path: 'fact.type', message: `${String(type)} is not a receiver fact` }]);
    }
    let data: TransferFactOf<ReceiverFactType>['data'];
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
    const fact = { type, data } as TransferFactOf<ReceiverFactType>;
    if (transfer.noted.includes(notedKey(fact))) return []; // at-least-once delivery: already noted
    const actingAgency =
      fact.type === 'TransferReceiptSigned'
        ? fact.data.toAgency.id
        : fact.type === 'TransferForwarded'
          ? fact.data.fromReceiver.id
          : fact.data.agencyId;
    if (actingAgency !== transfer.toAgency.id) {
      throw new ForbiddenError(
        `${type} comes from ${actingAgency}, but the receiver of transfer ${transfer.transferId} is ${transfer.toAgency.id}`,
      );
    }
    if (!receiverFactAllowedIn[type]!.includes(transfer.status)) {
      refuse('noteReceiverStep', `${type} cannot follow the sender's state (facts must arrive in order)`, state);
    }
    return [{ type: notedType, data: { ...data, notedAt: command.at } } as TransferEvent];
  };

  return (command: SenderCommand, state: TransferState): TransferEvent[] => {
    checkAt(command.at);
    switch (command.type) {
      case 'ProposeTransfer':
        return propose(command, state);
      case 'ApproveTransfer':
        return approve(command, state);
      case 'RefuseTransfer':
        return refuseTransfer(command, state);
      case 'SupplyMaterials':
        return supplyMaterials(command, state);
      case 'RequestReconsideration':
        return requestReconsideration(command, state);
      case 'SuggestProcuratorateSupervision':
        return suggestSupervision(command, state);
      case 'HandOverMaterials':
        return handOver(command, state);
      case 'CloseTransfer':
        return close(command, state);
      case 'NoteReceiverStep':
        return noteReceiverStep(command, state);
      default: {
        const unknown: never = command;
        throw new ValidationError([
          { path: 'type', message: `unknown sender command ${(unknown as { type: string }).type}` },
        ]);
      }
    }
  };
};

export type SenderDecider = Decider<SenderCommand, TransferState, TransferEvent>;

/** The sender's decider over a calendar and policies (defaults: the built-in ones). */
export const createSenderDecider = (options: TransferDeciderOptions = {}): SenderDecider => {
  const policies = options.policies ?? transferPolicies;
  const calendar = options.calendar ?? defaultWorkingCalendar;
  return {
    decide: decideWith(policies),
    evolve: createEvolve('SENDER', senderStreamEventTypes, calendar, policies),
    initialState: initialTransferState,
  };
};

export const senderDecider: SenderDecider = createSenderDecider();
