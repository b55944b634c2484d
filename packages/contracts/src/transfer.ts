import { z } from 'zod';
import { AgencyCapacity } from './actor.ts';
import { Agency } from './agencies.ts';
import { CommandId, ExpectedVersion, Id, IsoDateTime } from './scalars.ts';
import { ViolationCode } from './violations.ts';

/**
 * The transfer (移送, DESIGN §3.2): what the API accepts (inputs; the service adds the transfer id,
 * the resolved agencies, actor and time) and what is recorded (events, past-tense facts).
 *
 * One transfer id, two streams: the sender's `transfer-out-<id>` and the receiver's
 * `transfer-in-<id>`. Each side records its own facts and *notes* the other side's facts it learns
 * from integration events (`ReceiptNoted`, `AcceptanceNoted`, … on the sender's stream;
 * `SupplementNoted`, `ReconsiderationRequestNoted`, … on the receiver's): a noted event carries the
 * original fact's data (with its business time) plus `notedAt`.
 */

export const TransferKind = z.enum(['CRIMINAL', 'DISCIPLINARY', 'ADMINISTRATIVE', 'REVERSE']);
export type TransferKind = z.infer<typeof TransferKind>;

export const transferKindLabels: Readonly<Record<TransferKind, string>> = {
  CRIMINAL: '行刑衔接（涉嫌犯罪案件移送公安机关）',
  DISCIPLINARY: '行纪衔接（问题线索移送纪委监委）',
  ADMINISTRATIVE: '行行衔接（移送有管辖权的行政机关）',
  REVERSE: '反向衔接（公安机关移送行政机关处理）',
};

export const TransferStatus = z.enum([
  'PROPOSED',
  'REFUSED',
  'SENT',
  'RECEIVED',
  'ACCEPTED',
  'DECLINED',
  'RECONSIDERATION_REQUESTED',
  'RETURNED',
  'SUPERVISION_SUGGESTED',
  'RESULT_RECORDED',
  'CLOSED',
  // 立案监督 (公安机关办理刑事案件程序规定第一百八十二条), appended: existing values keep their names
  'PROCURATORATE_INQUIRY',
  'NON_FILING_EXPLAINED',
  'FILING_ORDERED',
]);
export type TransferStatus = z.infer<typeof TransferStatus>;

export const transferStatusLabels: Readonly<Record<TransferStatus, string>> = {
  PROPOSED: '待审批',
  REFUSED: '不予批准移送',
  SENT: '已移送（待签收）',
  RECEIVED: '已签收',
  ACCEPTED: '已立案/受理',
  DECLINED: '不予立案/不予受理',
  RECONSIDERATION_REQUESTED: '已提请复议',
  RETURNED: '已退回',
  SUPERVISION_SUGGESTED: '已建议检察院立案监督',
  RESULT_RECORDED: '已反馈结果',
  CLOSED: '已办结',
  PROCURATORATE_INQUIRY: '检察院要求说明不立案理由',
  NON_FILING_EXPLAINED: '已说明不立案理由',
  FILING_ORDERED: '检察院通知立案',
};

export const MaterialKind = z.enum([
  'TRANSFER_LETTER',
  'INVESTIGATION_REPORT',
  'SEIZED_ITEMS_LIST',
  'TEST_REPORT',
  'PENALTY_DECISION',
  'CLUE_REPORT',
  'OTHER',
]);
export type MaterialKind = z.infer<typeof MaterialKind>;

export const materialKindLabels: Readonly<Record<MaterialKind, string>> = {
  TRANSFER_LETTER: '移送书',
  INVESTIGATION_REPORT: '调查报告',
  SEIZED_ITEMS_LIST: '涉案物品清单',
  TEST_REPORT: '检验报告/鉴定结论',
  PENALTY_DECISION: '行政处罚决定书',
  CLUE_REPORT: '问题线索报告',
  OTHER: '其他材料',
};

/** How the party was told in writing that its seized property went with the case (送达方式). */
export const NoticeMethod = z.enum(['IN_PERSON', 'POST', 'LEFT_AT_ADDRESS', 'ENTRUSTED', 'ELECTRONIC', 'PUBLIC_NOTICE']);
export type NoticeMethod = z.infer<typeof NoticeMethod>;

export const noticeMethodLabels: Readonly<Record<NoticeMethod, string>> = {
  IN_PERSON: '直接送达',
  POST: '邮寄送达',
  LEFT_AT_ADDRESS: '留置送达',
  ENTRUSTED: '委托送达',
  ELECTRONIC: '电子送达',
  PUBLIC_NOTICE: '公告送达',
};

/** Why a receiver declines. MISSING_MATERIALS exists so the API can say it and the rule can refuse it. */
export const DeclineReason = z.enum([
  'NO_OFFENCE',
  'TOO_MINOR',
  'NOT_LIABLE',
  'INSUFFICIENT_EVIDENCE',
  'MISSING_MATERIALS',
  'OTHER',
]);
export type DeclineReason = z.infer<typeof DeclineReason>;

export const declineReasonLabels: Readonly<Record<DeclineReason, string>> = {
  NO_OFFENCE: '没有违法犯罪事实',
  TOO_MINOR: '情节显著轻微，不需要追究责任',
  NOT_LIABLE: '具有依法不追究责任的情形',
  INSUFFICIENT_EVIDENCE: '证据不足',
  MISSING_MATERIALS: '移送材料不全（不得以此为由不予接受）',
  OTHER: '其他',
};

/** What became of a transfer, fed back by the receiver (结果反馈); the policy names the outcomes per kind. */
export const TransferOutcome = z.enum([
  'PROSECUTED',
  'CASE_DISMISSED',
  'PENALIZED',
  'NOT_PENALIZED',
  'DISCIPLINED',
  'DISPOSED',
  'NO_ACTION',
  'OTHER',
]);
export type TransferOutcome = z.infer<typeof TransferOutcome>;

export const transferOutcomeLabels: Readonly<Record<TransferOutcome, string>> = {
  PROSECUTED: '移送审查起诉',
  CASE_DISMISSED: '撤销案件',
  PENALIZED: '给予行政处罚',
  NOT_PENALIZED: '不予行政处罚',
  DISCIPLINED: '给予党纪政务处分',
  DISPOSED: '线索处置完毕',
  NO_ACTION: '不予处理/予以了结',
  OTHER: '其他',
};

/** The commission's five ways of disposing of a clue (问题线索处置方式). */
export const ClueDisposition = z.enum([
  'TALK_AND_INQUIRY',
  'PRELIMINARY_VERIFICATION',
  'SHELVED',
  'CONCLUDED',
  'CASE_OPENED',
]);
export type ClueDisposition = z.infer<typeof ClueDisposition>;

export const clueDispositionLabels: Readonly<Record<ClueDisposition, string>> = {
  TALK_AND_INQUIRY: '谈话函询',
  PRELIMINARY_VERIFICATION: '初步核实',
  SHELVED: '暂存待查',
  CONCLUDED: '予以了结',
  CASE_OPENED: '立案审查调查',
};

/** An agency as a transfer records it: enough to check routes and regions without the directory. */
export const AgencyRef = Agency.pick({ id: true, kind: true, regionCode: true });
export type AgencyRef = z.infer<typeof AgencyRef>;

const Reason = z.string().trim().max(2000);
const RequiredReason = (message: string) => Reason.min(1, message);
const Title = z.string().trim().min(1).max(200);

// ---------------------------------------------------------------- inputs

export const MaterialInput = z.object({ kind: MaterialKind, title: Title });
export type MaterialInput = z.infer<typeof MaterialInput>;

const OfficialViolation = ViolationCode.extract(['DERELICTION', 'PROTECTIVE_UMBRELLA', 'CORRUPTION']);

/** The public official a 行纪 clue is about: post and employer decide which commission is competent. */
export const OfficialInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** 职务, e.g. 县市场监管局药品股股长. */
  post: z.string().trim().min(1).max(200),
  /** 工作单位. */
  employer: z.string().trim().min(1).max(200),
  /** 干部管理权限 (e.g. 乡科级, 县处级): routes the clue to the commission that manages the official. */
  managementLevel: z.string().trim().min(1).max(50).optional(),
  /** 失职渎职, 保护伞, 贪污贿赂/利益输送. */
  allegations: z.array(OfficialViolation).min(1, '至少写明一项涉及公职人员的问题'),
});
export type OfficialInput = z.infer<typeof OfficialInput>;

const materialsList = z.array(MaterialInput).min(1, '至少列出一项材料');

/**
 * A material the statute requires only where it exists (有关检验报告或者鉴定结论, 涉案物品清单: Decree
 * art. 6) and that this case does not have: recorded with the reason (the policy says which kinds).
 */
export const AbsentMaterialInput = z.object({
  kind: MaterialKind,
  reason: z
    .string({ error: '缺少该材料的理由必填（reason）' })
    .trim()
    .min(1, '缺少该材料的理由必填：说明本案为何没有此项材料（reason）')
    .max(1000),
});
export type AbsentMaterialInput = z.infer<typeof AbsentMaterialInput>;

/** An officer of the 专案组 (Decree art. 5: 2名或者2名以上行政执法人员组成专案组). */
export const CaseTeamMemberInput = z.object({
  userId: z.string({ error: '专案组成员的用户标识必填（userId）' }).trim().min(1, '专案组成员的用户标识必填（userId）').max(100),
  name: z.string({ error: '专案组成员的姓名必填（name）' }).trim().min(1, '专案组成员的姓名必填（name）').max(100),
});
export type CaseTeamMemberInput = z.infer<typeof CaseTeamMemberInput>;

export const ProposeTransferInput = z
  .object({
    commandId: CommandId.optional(),
    /** A new stream has version 0: 0 asserts that this creates it (DESIGN §4: every input takes one). */
    expectedVersion: ExpectedVersion.optional(),
    caseId: Id,
    kind: TransferKind,
    toAgencyId: Id,
    reason: RequiredReason('a reason for the transfer is required'),
    materials: materialsList,
    official: OfficialInput.optional(),
    /** Conditional materials this case does not have, each with the reason (the policy names which may be absent). */
    absentMaterials: z.array(AbsentMaterialInput).max(20).optional(),
    /**
     * The explicit declaration that the case has seized property (查封、扣押的财物): it then goes to
     * the receiver with the case and the party is told in writing (《行政强制法》第二十一条).
     */
    seizedProperty: z.boolean().optional(),
    /** The 专案组 that made the report (the policy says how many officers a kind needs). */
    caseTeam: z.array(CaseTeamMemberInput).max(20).optional(),
  })
  .superRefine((input, ctx) => {
    const present = new Set(input.materials.map((m) => m.kind));
    const absentSeen = new Set<string>();
    (input.absentMaterials ?? []).forEach((absent, index) => {
      if (present.has(absent.kind)) {
        ctx.addIssue({
          code: 'custom',
          path: ['absentMaterials', index, 'kind'],
          message: `${materialKindLabels[absent.kind]}（${absent.kind}）已在移送材料中，不能同时列为缺少`,
        });
      }
      if (absentSeen.has(absent.kind)) {
        ctx.addIssue({
          code: 'custom',
          path: ['absentMaterials', index, 'kind'],
          message: `${materialKindLabels[absent.kind]}（${absent.kind}）列了两次`,
        });
      }
      absentSeen.add(absent.kind);
    });
    if (input.seizedProperty && absentSeen.has('SEIZED_ITEMS_LIST')) {
      ctx.addIssue({
        code: 'custom',
        path: ['seizedProperty'],
        message: '申报有查封、扣押财物的，涉案物品清单必须随案移送，不能列为缺少',
      });
    }
    const team = new Set<string>();
    (input.caseTeam ?? []).forEach((member, index) => {
      if (team.has(member.userId)) {
        ctx.addIssue({ code: 'custom', path: ['caseTeam', index, 'userId'], message: `专案组成员 ${member.userId} 列了两次` });
      }
      team.add(member.userId);
    });
    if (input.kind === 'DISCIPLINARY' && !input.official) {
      ctx.addIssue({
        code: 'custom',
        path: ['official'],
        message: '行纪移送须写明公职人员的姓名、职务和工作单位',
      });
    }
    if (input.kind !== 'DISCIPLINARY' && input.official) {
      ctx.addIssue({
        code: 'custom',
        path: ['official'],
        message: '只有行纪移送才涉及公职人员',
      });
    }
  });
export type ProposeTransferInput = z.infer<typeof ProposeTransferInput>;

/** approveTransfer, receiveTransfer, acceptTransfer, closeTransfer: reason optional. */
export const TransferStepInput = z.object({
  commandId: CommandId.optional(),
  transferId: Id,
  expectedVersion: ExpectedVersion.optional(),
  reason: Reason.optional(),
});
export type TransferStepInput = z.infer<typeof TransferStepInput>;

/** 涉案财物一并移送 (《行政强制法》第二十一条): the list of the property and when it was handed over. */
export const PropertyHandOverInput = z.object({
  inventory: z
    .string({ error: '涉案财物移交清单必填（inventory）' })
    .trim()
    .min(1, '涉案财物移交清单必填：清单名称或编号（inventory）')
    .max(500),
  handedOverAt: IsoDateTime.describe('移交时间'),
});
export type PropertyHandOverInput = z.infer<typeof PropertyHandOverInput>;

/** 书面告知当事人 (《行政强制法》第二十一条): when and how the party was told in writing. */
export const PartyNoticeInput = z.object({
  notifiedAt: IsoDateTime.describe('告知日期'),
  method: NoticeMethod,
  /** 告知书文号, if any. */
  documentNumber: z.string().trim().min(1).max(100).optional(),
});
export type PartyNoticeInput = z.infer<typeof PartyNoticeInput>;

/**
 * 负责人批准移送 (sends at once). When the proposal declared seized property, the property goes with
 * the case and the party is told in writing (《行政强制法》第二十一条): both are required then.
 */
export const ApproveTransferInput = TransferStepInput.extend({
  propertyHandOver: PropertyHandOverInput.optional(),
  partyNotice: PartyNoticeInput.optional(),
});
export type ApproveTransferInput = z.infer<typeof ApproveTransferInput>;

/** A step whose reason is recorded by law or by rule (refusal, return, reconsideration request, …). */
const reasonedStep = (message: string) => TransferStepInput.extend({ reason: RequiredReason(message) });

/** 不批准移送: the reason is recorded (《行政执法机关移送涉嫌犯罪案件的规定》第五条). */
export const RefuseTransferInput = reasonedStep('a reason is required when a transfer is not approved');
export type RefuseTransferInput = z.infer<typeof RefuseTransferInput>;

/** 退回: not the receiver's jurisdiction. */
export const ReturnTransferInput = reasonedStep('a reason is required when a transfer is returned');
export type ReturnTransferInput = z.infer<typeof ReturnTransferInput>;

export const RequestReconsiderationInput = reasonedStep('a reason is required to request reconsideration');
export type RequestReconsiderationInput = z.infer<typeof RequestReconsiderationInput>;

export const SuggestSupervisionInput = reasonedStep(
  'a reason is required to suggest procuratorate supervision',
);
export type SuggestSupervisionInput = z.infer<typeof SuggestSupervisionInput>;

export const AcceptTransferInput = TransferStepInput.extend({
  /** 立案决定书/受理通知书文号. */
  documentNumber: z.string().trim().min(1).max(100).optional(),
  /** When the seized property that went with the case was received (required when there was any). */
  propertyReceivedAt: IsoDateTime.optional(),
});
export type AcceptTransferInput = z.infer<typeof AcceptTransferInput>;

/** A step that records a document, not a reason (the document says why). */
const NoReasonStep = TransferStepInput.omit({ reason: true });
const DocumentNumber = (message: string) => z.string({ error: message }).trim().min(1, message).max(100);

/**
 * 立案监督 (公安机关办理刑事案件程序规定第一百八十二条): the procuratorate is not a platform agency, so
 * the police record its notices when they receive them (the command's time is the receipt).
 * 要求说明不立案理由通知书: the police explain within 7 days.
 */
export const RecordProcuratorateInquiryInput = NoReasonStep.extend({
  documentNumber: DocumentNumber('the number of the procuratorate’s notice (要求说明不立案理由通知书文号) is required'),
});
export type RecordProcuratorateInquiryInput = z.infer<typeof RecordProcuratorateInquiryInput>;

/** 不立案理由说明: the police's written explanation to the procuratorate. */
export const ExplainNonFilingInput = NoReasonStep.extend({
  explanation: z
    .string({ error: '须附不立案理由说明' })
    .trim()
    .min(1, '须附不立案理由说明')
    .max(4000),
});
export type ExplainNonFilingInput = z.infer<typeof ExplainNonFilingInput>;

/** 通知立案书: the police file (立案) within 15 days of receiving it. */
export const RecordProcuratorateFilingOrderInput = NoReasonStep.extend({
  documentNumber: DocumentNumber('the number of the procuratorate’s order (通知立案书文号) is required'),
});
export type RecordProcuratorateFilingOrderInput = z.infer<typeof RecordProcuratorateFilingOrderInput>;

export const DeclineTransferInput = TransferStepInput.extend({
  // DESIGN §4 requires only the reason of a decline; a client that sends no category records OTHER.
  reasonCategory: DeclineReason.default('OTHER'),
  reason: RequiredReason('a reason is required when a transfer is declined'),
});
export type DeclineTransferInput = z.infer<typeof DeclineTransferInput>;

export const ForwardTransferInput = TransferStepInput.extend({
  toAgencyId: Id,
  reason: RequiredReason('a reason is required when a transfer is forwarded'),
});
export type ForwardTransferInput = z.infer<typeof ForwardTransferInput>;

export const RequestSupplementInput = TransferStepInput.extend({
  requested: z.array(MaterialKind).min(1, '至少写明一项需补正的材料'),
  reason: RequiredReason('say what is missing'),
});
export type RequestSupplementInput = z.infer<typeof RequestSupplementInput>;

export const SupplementMaterialsInput = TransferStepInput.extend({ materials: materialsList });
export type SupplementMaterialsInput = z.infer<typeof SupplementMaterialsInput>;

/** 移交涉案物品及有关材料 (《行政执法机关移送涉嫌犯罪案件的规定》第十二条). */
export const HandOverMaterialsInput = TransferStepInput.extend({ materials: materialsList });
export type HandOverMaterialsInput = z.infer<typeof HandOverMaterialsInput>;

/** A longer decision window for a complex case; `extension` is a code of the policy's window. */
export const ExtendDeadlineInput = TransferStepInput.extend({
  extension: z.string().trim().min(1).max(50),
  reason: RequiredReason('a reason is required to extend a deadline'),
});
export type ExtendDeadlineInput = z.infer<typeof ExtendDeadlineInput>;

export const DecideReconsiderationInput = z
  .object({
    commandId: CommandId.optional(),
    transferId: Id,
    expectedVersion: ExpectedVersion.optional(),
    accept: z.boolean(),
    reason: Reason.optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.accept && !input.reason) {
      ctx.addIssue({
        code: 'custom',
        path: ['reason'],
        message: '复议维持不予立案的，须说明理由',
      });
    }
  });
export type DecideReconsiderationInput = z.infer<typeof DecideReconsiderationInput>;

export const DisposeClueInput = TransferStepInput.extend({
  disposition: ClueDisposition,
  reason: RequiredReason('a reason is required when a clue is disposed of'),
});
export type DisposeClueInput = z.infer<typeof DisposeClueInput>;

export const RecordTransferResultInput = TransferStepInput.extend({
  outcome: TransferOutcome,
  /** The result in words: 判决/处罚决定/处分 with document numbers. */
  result: z.string().trim().min(1, '写明办理结果').max(2000),
});
export type RecordTransferResultInput = z.infer<typeof RecordTransferResultInput>;

// ---------------------------------------------------------------- events

export const Material = z.object({ kind: MaterialKind, title: z.string().min(1) });
export type Material = z.infer<typeof Material>;

export const AbsentMaterial = z.object({ kind: MaterialKind, reason: z.string().min(1) });
export type AbsentMaterial = z.infer<typeof AbsentMaterial>;

export const CaseTeamMember = z.object({ userId: z.string().min(1), name: z.string().min(1) });
export type CaseTeamMember = z.infer<typeof CaseTeamMember>;

export const PropertyHandOver = z.object({ inventory: z.string().min(1), handedOverAt: IsoDateTime });
export type PropertyHandOver = z.infer<typeof PropertyHandOver>;

export const PartyNotice = z.object({
  notifiedAt: IsoDateTime,
  method: NoticeMethod,
  documentNumber: z.string().nullable(),
});
export type PartyNotice = z.infer<typeof PartyNotice>;

export const Official = z.object({
  name: z.string().min(1),
  post: z.string().min(1),
  employer: z.string().min(1),
  managementLevel: z.string().nullable(),
  allegations: z.array(OfficialViolation).min(1),
});
export type Official = z.infer<typeof Official>;

// Each event carries the transferId and its business time: the fact is complete without the envelope.

export const TransferProposed = z
  .object({
    transferId: Id,
    caseId: Id,
    kind: TransferKind,
    fromAgency: AgencyRef,
    toAgency: AgencyRef,
    reason: z.string().min(1),
    materials: z.array(Material).min(1),
    official: Official.nullable(),
    // Added to v1 as optional fields (facts recorded before them read as none; the deciders always
    // write them): conditional materials absent with their reasons, the seized-property
    // declaration, the 专案组.
    absentMaterials: z.array(AbsentMaterial).optional(),
    seizedProperty: z.boolean().optional(),
    caseTeam: z.array(CaseTeamMember).optional(),
    proposedAt: IsoDateTime,
  })
  .meta({ description: 'The case team proposed a transfer (专案组移送报告) with its materials.' });
export type TransferProposed = z.infer<typeof TransferProposed>;

export const TransferApproved = TransferProposed.extend({
  /** The head's note on approval, if any. */
  approvalNote: z.string().nullable(),
  /** In which capacity the approver decided (null: recorded before capacities, or a kind any supervisor approves). */
  approverCapacity: AgencyCapacity.nullable().optional(),
  /** Seized property sent with the case, and the written notice to the party (《行政强制法》第二十一条). */
  propertyHandOver: PropertyHandOver.nullable().optional(),
  partyNotice: PartyNotice.nullable().optional(),
  /** CRIMINAL transfers are copied to the procuratorate at the same level (抄送同级人民检察院). */
  copiedToProcuratorate: z.boolean(),
  approvedAt: IsoDateTime,
  /** Approval sends: the same instant as approvedAt. */
  sentAt: IsoDateTime,
}).meta({
  description: 'The head approved the transfer and it was sent to the receiver with its materials (已移送).',
});
export type TransferApproved = z.infer<typeof TransferApproved>;

export const TransferRefused = z
  .object({
    transferId: Id,
    reason: z.string().min(1),
    /** In which capacity the refusal was decided (null: recorded before capacities, or any supervisor's kind). */
    refuserCapacity: AgencyCapacity.nullable().optional(),
    refusedAt: IsoDateTime,
  })
  .meta({ description: 'The head did not approve the transfer; the reason is on record (不予批准移送).' });
export type TransferRefused = z.infer<typeof TransferRefused>;

export const TransferReceiptSigned = TransferProposed.omit({ proposedAt: true })
  .extend({
    copiedToProcuratorate: z.boolean(),
    propertyHandOver: PropertyHandOver.nullable().optional(),
    partyNotice: PartyNotice.nullable().optional(),
    sentAt: IsoDateTime,
    receivedAt: IsoDateTime,
  })
  .meta({
    description:
      'The receiver signed the receipt (签收); `toAgency` is the agency that signed. Carries the transfer as sent.',
  });
export type TransferReceiptSigned = z.infer<typeof TransferReceiptSigned>;

export const TransferForwarded = z
  .object({
    transferId: Id,
    /** The receiver that forwards. */
    fromReceiver: AgencyRef,
    /** The competent agency it goes to (same kind: the same service keeps the stream). */
    toAgency: AgencyRef,
    reason: z.string().min(1),
    forwardedAt: IsoDateTime,
  })
  .meta({ description: 'The receiver forwarded the transfer to the competent agency (转送).' });
export type TransferForwarded = z.infer<typeof TransferForwarded>;

export const TransferReturned = z
  .object({ transferId: Id, agencyId: Id, reason: z.string().min(1), returnedAt: IsoDateTime })
  .meta({ description: 'The receiver returned the transfer as outside its jurisdiction (退回).' });
export type TransferReturned = z.infer<typeof TransferReturned>;

export const SupplementRequested = z
  .object({
    transferId: Id,
    agencyId: Id,
    requested: z.array(MaterialKind).min(1),
    reason: z.string().min(1),
    requestedAt: IsoDateTime,
  })
  .meta({ description: 'The receiver asked the sender to supplement materials (补正材料).' });
export type SupplementRequested = z.infer<typeof SupplementRequested>;

export const MaterialsSupplemented = z
  .object({
    transferId: Id,
    materials: z.array(Material).min(1),
    reason: z.string().nullable(),
    suppliedAt: IsoDateTime,
  })
  .meta({ description: 'The sender supplied further materials.' });
export type MaterialsSupplemented = z.infer<typeof MaterialsSupplemented>;

export const TransferAccepted = z
  .object({
    transferId: Id,
    agencyId: Id,
    documentNumber: z.string().nullable(),
    reason: z.string().nullable(),
    /** When the seized property sent with the case was received (null: none was sent). */
    propertyReceivedAt: IsoDateTime.nullable().optional(),
    acceptedAt: IsoDateTime,
  })
  .meta({ description: 'The receiver accepted the transfer (立案/受理) and notified the sender in writing.' });
export type TransferAccepted = z.infer<typeof TransferAccepted>;

export const TransferDeclined = z
  .object({
    transferId: Id,
    agencyId: Id,
    reasonCategory: DeclineReason,
    reason: z.string().min(1),
    declinedAt: IsoDateTime,
  })
  .meta({ description: 'The receiver declined the transfer (不予立案/不予受理) with its reasons.' });
export type TransferDeclined = z.infer<typeof TransferDeclined>;

export const ReconsiderationRequested = z
  .object({ transferId: Id, reason: z.string().min(1), requestedAt: IsoDateTime })
  .meta({ description: 'The sender asked the receiver to reconsider its decline (提请复议).' });
export type ReconsiderationRequested = z.infer<typeof ReconsiderationRequested>;

export const ReconsiderationDecided = z
  .object({
    transferId: Id,
    agencyId: Id,
    /** true: the case is accepted (立案) on reconsideration; false: the decline is upheld. */
    accepted: z.boolean(),
    reason: z.string().nullable(),
    decidedAt: IsoDateTime,
  })
  .meta({ description: 'The receiver decided on the reconsideration and notified the sender in writing.' });
export type ReconsiderationDecided = z.infer<typeof ReconsiderationDecided>;

export const ProcuratorateSupervisionSuggested = z
  .object({
    transferId: Id,
    reason: z.string().min(1),
    /** false when suggested straight after the decline instead of reconsideration (Decree art. 9 allows both). */
    afterReconsideration: z.boolean(),
    suggestedAt: IsoDateTime,
  })
  .meta({ description: 'The sender suggested that the procuratorate supervise the decision (建议检察院立案监督).' });
export type ProcuratorateSupervisionSuggested = z.infer<typeof ProcuratorateSupervisionSuggested>;

export const ProcuratorateInquiryRecorded = z
  .object({
    transferId: Id,
    /** The police agency that received the notice. */
    agencyId: Id,
    /** 要求说明不立案理由通知书文号. */
    documentNumber: z.string().min(1),
    /** When the police received the notice: the explanation's 7 days run from it. */
    receivedAt: IsoDateTime,
  })
  .meta({
    description:
      'The police recorded the procuratorate’s request to explain why no case was filed (要求说明不立案理由通知书).',
  });
export type ProcuratorateInquiryRecorded = z.infer<typeof ProcuratorateInquiryRecorded>;

export const NonFilingExplained = z
  .object({ transferId: Id, agencyId: Id, explanation: z.string().min(1), explainedAt: IsoDateTime })
  .meta({ description: 'The police explained to the procuratorate in writing why no case was filed (不立案理由说明).' });
export type NonFilingExplained = z.infer<typeof NonFilingExplained>;

export const ProcuratorateFilingOrderRecorded = z
  .object({
    transferId: Id,
    agencyId: Id,
    /** 通知立案书文号. */
    documentNumber: z.string().min(1),
    /** When the police received the order: the filing's 15 days run from it. */
    receivedAt: IsoDateTime,
  })
  .meta({ description: 'The police recorded the procuratorate’s order to file the case (通知立案书).' });
export type ProcuratorateFilingOrderRecorded = z.infer<typeof ProcuratorateFilingOrderRecorded>;

export const MaterialsHandedOver = z
  .object({
    transferId: Id,
    materials: z.array(Material).min(1),
    reason: z.string().nullable(),
    handedOverAt: IsoDateTime,
  })
  .meta({ description: 'The sender handed seized items and files over to the receiver (移交涉案物品).' });
export type MaterialsHandedOver = z.infer<typeof MaterialsHandedOver>;

export const ClueDisposed = z
  .object({
    transferId: Id,
    agencyId: Id,
    disposition: ClueDisposition,
    reason: z.string().min(1),
    disposedAt: IsoDateTime,
  })
  .meta({ description: 'The commission disposed of the clue (谈话函询/初步核实/暂存待查/予以了结/立案审查调查).' });
export type ClueDisposed = z.infer<typeof ClueDisposed>;

export const TransferResultRecorded = z
  .object({
    transferId: Id,
    agencyId: Id,
    outcome: TransferOutcome,
    result: z.string().min(1),
    recordedAt: IsoDateTime,
  })
  .meta({ description: 'The receiver fed the result back to the sender (结果反馈).' });
export type TransferResultRecorded = z.infer<typeof TransferResultRecorded>;

export const TransferClosed = z
  .object({ transferId: Id, reason: z.string().nullable(), closedAt: IsoDateTime })
  .meta({ description: 'The sender closed its follow-up of the transfer (办结).' });
export type TransferClosed = z.infer<typeof TransferClosed>;

export const DeadlineExtended = z
  .object({
    transferId: Id,
    agencyId: Id,
    /** The step whose window is extended (a TransferStep; `decide`). */
    step: z.string().min(1),
    /** Code of the policy's extension, e.g. COMPLEX. */
    extension: z.string().min(1),
    reason: z.string().min(1),
    extendedAt: IsoDateTime,
  })
  .meta({ description: 'The receiver extended its decision window for a complex case, with the reason.' });
export type DeadlineExtended = z.infer<typeof DeadlineExtended>;

/** The facts as their owner records them, with the name of each one's business-time field. */
export const transferFactSchemas = {
  TransferProposed,
  TransferApproved,
  TransferRefused,
  TransferReceiptSigned,
  TransferForwarded,
  TransferReturned,
  SupplementRequested,
  MaterialsSupplemented,
  TransferAccepted,
  TransferDeclined,
  ReconsiderationRequested,
  ReconsiderationDecided,
  ProcuratorateSupervisionSuggested,
  MaterialsHandedOver,
  ClueDisposed,
  TransferResultRecorded,
  TransferClosed,
  DeadlineExtended,
  ProcuratorateInquiryRecorded,
  NonFilingExplained,
  ProcuratorateFilingOrderRecorded,
} as const;
export type TransferFactType = keyof typeof transferFactSchemas;
export const TransferFactType = z.enum(
  Object.keys(transferFactSchemas) as [TransferFactType, ...TransferFactType[]],
);

export const transferFactTimeFields = {
  TransferProposed: 'proposedAt',
  TransferApproved: 'approvedAt',
  TransferRefused: 'refusedAt',
  TransferReceiptSigned: 'receivedAt',
  TransferForwarded: 'forwardedAt',
  TransferReturned: 'returnedAt',
  SupplementRequested: 'requestedAt',
  MaterialsSupplemented: 'suppliedAt',
  TransferAccepted: 'acceptedAt',
  TransferDeclined: 'declinedAt',
  ReconsiderationRequested: 'requestedAt',
  ReconsiderationDecided: 'decidedAt',
  ProcuratorateSupervisionSuggested: 'suggestedAt',
  MaterialsHandedOver: 'handedOverAt',
  ClueDisposed: 'disposedAt',
  TransferResultRecorded: 'recordedAt',
  TransferClosed: 'closedAt',
  DeadlineExtended: 'extendedAt',
  ProcuratorateInquiryRecorded: 'receivedAt',
  NonFilingExplained: 'explainedAt',
  ProcuratorateFilingOrderRecorded: 'receivedAt',
} as const satisfies Record<TransferFactType, string>;

/** Facts the sender records on `transfer-out-<id>`. */
export const senderFactTypes = [
  'TransferProposed',
  'TransferApproved',
  'TransferRefused',
  'MaterialsSupplemented',
  'ReconsiderationRequested',
  'ProcuratorateSupervisionSuggested',
  'MaterialsHandedOver',
  'TransferClosed',
] as const satisfies readonly TransferFactType[];
export type SenderFactType = (typeof senderFactTypes)[number];

/** Facts the receiver records on `transfer-in-<id>`. */
export const receiverFactTypes = [
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
] as const satisfies readonly TransferFactType[];
export type ReceiverFactType = (typeof receiverFactTypes)[number];

/**
 * Noted events: the other side's fact as this side learnt it. The sender notes every receiver
 * fact; the receiver notes the sender's facts after sending (the sending itself arrives with the
 * receipt command, and a refusal never leaves the sender).
 */
export const notedEventFacts = {
  // on the sender's stream
  ReceiptNoted: 'TransferReceiptSigned',
  ForwardNoted: 'TransferForwarded',
  ReturnNoted: 'TransferReturned',
  SupplementRequestNoted: 'SupplementRequested',
  AcceptanceNoted: 'TransferAccepted',
  DeclineNoted: 'TransferDeclined',
  DeadlineExtensionNoted: 'DeadlineExtended',
  ReconsiderationDecisionNoted: 'ReconsiderationDecided',
  ClueDisposalNoted: 'ClueDisposed',
  ResultNoted: 'TransferResultRecorded',
  ProcuratorateInquiryNoted: 'ProcuratorateInquiryRecorded',
  NonFilingExplanationNoted: 'NonFilingExplained',
  FilingOrderNoted: 'ProcuratorateFilingOrderRecorded',
  // on the receiver's stream
  SupplementNoted: 'MaterialsSupplemented',
  ReconsiderationRequestNoted: 'ReconsiderationRequested',
  SupervisionSuggestionNoted: 'ProcuratorateSupervisionSuggested',
  HandOverNoted: 'MaterialsHandedOver',
  ClosureNoted: 'TransferClosed',
} as const satisfies Record<string, TransferFactType>;
export type NotedEventType = keyof typeof notedEventFacts;

const noted = <S extends z.ZodObject>(schema: S, fact: string) =>
  schema.extend({ notedAt: IsoDateTime }).meta({ description: `${fact}, as the other party learnt it (notedAt).` });

export const transferEventSchemas = {
  ...transferFactSchemas,
  ReceiptNoted: noted(TransferReceiptSigned, 'TransferReceiptSigned'),
  ForwardNoted: noted(TransferForwarded, 'TransferForwarded'),
  ReturnNoted: noted(TransferReturned, 'TransferReturned'),
  SupplementRequestNoted: noted(SupplementRequested, 'SupplementRequested'),
  AcceptanceNoted: noted(TransferAccepted, 'TransferAccepted'),
  DeclineNoted: noted(TransferDeclined, 'TransferDeclined'),
  DeadlineExtensionNoted: noted(DeadlineExtended, 'DeadlineExtended'),
  ReconsiderationDecisionNoted: noted(ReconsiderationDecided, 'ReconsiderationDecided'),
  ClueDisposalNoted: noted(ClueDisposed, 'ClueDisposed'),
  ResultNoted: noted(TransferResultRecorded, 'TransferResultRecorded'),
  ProcuratorateInquiryNoted: noted(ProcuratorateInquiryRecorded, 'ProcuratorateInquiryRecorded'),
  NonFilingExplanationNoted: noted(NonFilingExplained, 'NonFilingExplained'),
  FilingOrderNoted: noted(ProcuratorateFilingOrderRecorded, 'ProcuratorateFilingOrderRecorded'),
  SupplementNoted: noted(MaterialsSupplemented, 'MaterialsSupplemented'),
  ReconsiderationRequestNoted: noted(ReconsiderationRequested, 'ReconsiderationRequested'),
  SupervisionSuggestionNoted: noted(ProcuratorateSupervisionSuggested, 'ProcuratorateSupervisionSuggested'),
  HandOverNoted: noted(MaterialsHandedOver, 'MaterialsHandedOver'),
  ClosureNoted: noted(TransferClosed, 'TransferClosed'),
} as const;
export type TransferEventType = keyof typeof transferEventSchemas;

type EventUnion<M extends Record<string, z.ZodType>> = {
  [K in keyof M]: { type: K; data: z.infer<M[K]> };
}[keyof M];

/** Every event of both transfer streams, discriminated on `type`. */
export type TransferEvent = EventUnion<typeof transferEventSchemas>;
export const TransferEvent = z.discriminatedUnion(
  'type',
  Object.entries(transferEventSchemas).map(([type, data]) =>
    z.object({ type: z.literal(type), data }),
  ) as unknown as [z.ZodObject, ...z.ZodObject[]],
) as unknown as z.ZodType<TransferEvent>;

/** The event of one type, e.g. `TransferEventOf<'TransferDeclined'>`. */
export type TransferEventOf<T extends TransferEventType> = Extract<TransferEvent, { type: T }>;
/** A fact as its owner records it (no noted events). */
export type TransferFact = Extract<TransferEvent, { type: TransferFactType }>;
export type TransferFactOf<T extends TransferFactType> = Extract<TransferEvent, { type: T }>;

/**
 * The fact an event stands for: itself, or the original fact a noted event carries (the noted
 * copy keeps the original business time, so both sides compute the same deadlines).
 */
export const factOf = (event: TransferEvent): TransferFact => {
  const original = (notedEventFacts as Record<string, TransferFactType>)[event.type];
  if (!original) return event as TransferFact;
  const { notedAt: _notedAt, ...data } = event.data as Record<string, unknown>;
  return { type: original, data } as TransferFact;
};

/** The business time of a fact (its `…At` field). */
export const factTime = (fact: TransferFact): string =>
  (fact.data as Record<string, string>)[transferFactTimeFields[fact.type]]!;

/** The sender's stream (DESIGN §3.2 `streamId`). */
export const transferStreamId = (transferId: string): string => `transfer-out-${transferId}`;
/** The receiver's stream (DESIGN §3.2 `receiverStreamId`). */
export const transferReceiverStreamId = (transferId: string): string => `transfer-in-${transferId}`;
