import { z } from 'zod';
import { CommandId, ExpectedVersion, Fen, Id, IsoDateTime } from './scalars.ts';
import { IdNumber, Subject, SubjectInput } from './subject.ts';
import { ViolationCode } from './violations.ts';
import { TransferKind } from './transfer.ts';
import { HarmFact, HarmFactList } from './harmFacts.ts';

/**
 * The administrative case (行政案件, DESIGN §3.1): what the API accepts (inputs; the service adds
 * caseId, actor and time) and what is recorded (events, past-tense facts).
 */

export const CaseSource = z.enum([
  'COMPLAINT',
  'INSPECTION',
  'SAMPLING',
  'ADVERSE_REACTION',
  'ONLINE_MONITORING',
  'TRANSFER',
  'OTHER',
]);
export type CaseSource = z.infer<typeof CaseSource>;

export const caseSourceLabels: Readonly<Record<CaseSource, string>> = {
  COMPLAINT: '投诉举报',
  INSPECTION: '监督检查',
  SAMPLING: '监督抽检',
  ADVERSE_REACTION: '不良反应监测',
  ONLINE_MONITORING: '网络监测',
  TRANSFER: '移送',
  OTHER: '其他',
};

/** TRANSFERRED: a CRIMINAL or ADMINISTRATIVE transfer of the case was approved and sent (CaseTransferred). */
export const CaseStatus = z.enum([
  'CLUE_REGISTERED',
  'FILED',
  'NOT_FILED',
  'PENALTY_DECIDED',
  'TRANSFERRED',
  'CLOSED',
]);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const caseStatusLabels: Readonly<Record<CaseStatus, string>> = {
  CLUE_REGISTERED: '线索登记',
  FILED: '已立案',
  NOT_FILED: '不予立案',
  PENALTY_DECIDED: '已作出处罚决定',
  TRANSFERRED: '已移送',
  CLOSED: '已结案',
};

/** Kinds of administrative penalty (《行政处罚法》第九条). */
export const PenaltyKind = z.enum([
  'WARNING',
  'FINE',
  'CONFISCATION',
  'SUSPENSION',
  'LICENSE_SUSPENDED',
  'LICENSE_REVOKED',
  'PRACTICE_BAN',
]);
export type PenaltyKind = z.infer<typeof PenaltyKind>;

export const penaltyKindLabels: Readonly<Record<PenaltyKind, string>> = {
  WARNING: '警告',
  FINE: '罚款',
  CONFISCATION: '没收违法所得/非法财物',
  SUSPENSION: '责令停产停业',
  LICENSE_SUSPENDED: '暂扣许可证',
  LICENSE_REVOKED: '吊销许可证',
  PRACTICE_BAN: '从业禁止',
};

/** Penalties that carry an amount; any other kind with an amount is a mistake of the caller. */
const AMOUNT_KINDS: ReadonlySet<PenaltyKind> = new Set(['FINE', 'CONFISCATION']);

export const EvidenceKind = z.enum([
  'DOCUMENT',
  'PHOTO',
  'SAMPLE_TEST_REPORT',
  'INQUIRY_RECORD',
  'ON_SITE_RECORD',
  'OTHER',
]);
export type EvidenceKind = z.infer<typeof EvidenceKind>;

export const evidenceKindLabels: Readonly<Record<EvidenceKind, string>> = {
  DOCUMENT: '书证',
  PHOTO: '照片/视听资料',
  SAMPLE_TEST_REPORT: '抽样检验报告',
  INQUIRY_RECORD: '询问笔录',
  ON_SITE_RECORD: '现场笔录',
  OTHER: '其他',
};

/** Roles commonly named when penalties reach persons (处罚到人, e.g. 《药品管理法》第一百一十八条). */
export const commonResponsibleRoles = [
  '法定代表人',
  '主要负责人',
  '直接负责的主管人员',
  '其他直接责任人员',
] as const;

const Summary = z.string().trim().min(1).max(2000);
const Reason = z.string().trim().max(2000);
const Title = z.string().trim().min(1).max(200);
const Description = z.string().trim().max(2000);

// ---------------------------------------------------------------- inputs

export const RegisterCaseInput = z
  .object({
    commandId: CommandId.optional(),
    /** A new stream has version 0: 0 asserts that this creates it (DESIGN §4: every input takes one). */
    expectedVersion: ExpectedVersion.optional(),
    subject: SubjectInput,
    source: CaseSource,
    summary: Summary,
    violations: z.array(ViolationCode).min(1, '至少选择一项违法行为'),
    amountInvolvedFen: Fen.optional(),
  })
  .superRefine((input, ctx) => {
    const seen = new Set<string>();
    input.violations.forEach((code, index) => {
      if (seen.has(code)) {
        ctx.addIssue({ code: 'custom', path: ['violations', index], message: `${code} 重复选择` });
      }
      seen.add(code);
    });
  });
export type RegisterCaseInput = z.infer<typeof RegisterCaseInput>;

/** fileCase, closeCase (and decideNotToFile, which requires the reason). */
export const CaseStepInput = z.object({
  commandId: CommandId.optional(),
  caseId: Id,
  expectedVersion: ExpectedVersion.optional(),
  reason: Reason.optional(),
});
export type CaseStepInput = z.infer<typeof CaseStepInput>;

/** Not filing a clue needs a recorded reason (不予立案 is a decision that must be explained). */
export const DecideNotToFileInput = CaseStepInput.extend({
  reason: Reason.min(1, '不予立案须说明理由'),
});
export type DecideNotToFileInput = z.infer<typeof DecideNotToFileInput>;

export const RecordEvidenceInput = z.object({
  commandId: CommandId.optional(),
  caseId: Id,
  expectedVersion: ExpectedVersion.optional(),
  kind: EvidenceKind,
  title: Title,
  description: Description.optional(),
  /**
   * 货值金额 of the goods not yet sold that this evidence shows (e.g. a 现场笔录 of seized stock), in
   * fen, at their marked price or else the market middle price of conforming goods (立案追诉标准（一）
   * 第十六条). It is the case's total so far: a later evidence item stating a value replaces it.
   */
  unsoldGoodsValueFen: Fen.optional(),
  /** 违法所得 this evidence shows, in fen; a later evidence item stating it replaces it (as the 货值). */
  illegalGainsFen: Fen.optional(),
  /** Harm facts (危害后果) this evidence establishes; they stay established on the case. */
  harmFacts: HarmFactList.optional(),
});
export type RecordEvidenceInput = z.infer<typeof RecordEvidenceInput>;

export const PenaltyInput = z
  .object({
    kind: PenaltyKind,
    amountFen: Fen.optional(),
    description: Description.optional(),
  })
  .superRefine((penalty, ctx) => {
    if (penalty.kind === 'FINE' && !(penalty.amountFen && penalty.amountFen > 0)) {
      ctx.addIssue({
        code: 'custom',
        path: ['amountFen'],
        message: '罚款须填写大于0的金额（分）',
      });
    }
    if (!AMOUNT_KINDS.has(penalty.kind) && penalty.amountFen !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['amountFen'],
        message: `${penalty.kind} 不带金额（只有罚款和没收带金额）`,
      });
    }
  });
export type PenaltyInput = z.infer<typeof PenaltyInput>;

export const PersonResponsibleInput = z.object({
  name: z.string().trim().min(1).max(100),
  /** e.g. 法定代表人, 直接负责的主管人员, 其他直接责任人员 (see commonResponsibleRoles). */
  role: z.string().trim().min(1).max(50),
  idNumber: IdNumber.optional(),
});
export type PersonResponsibleInput = z.infer<typeof PersonResponsibleInput>;

export const DecidePenaltyInput = z.object({
  commandId: CommandId.optional(),
  caseId: Id,
  expectedVersion: ExpectedVersion.optional(),
  /** 行政处罚决定书文号, e.g. 乌市监处罚〔2024〕12号. */
  decisionNumber: z.string().trim().min(1).max(100),
  penalties: z.array(PenaltyInput).min(1, '至少决定一项处罚'),
  personsResponsible: z.array(PersonResponsibleInput),
  reason: Reason.optional(),
});
export type DecidePenaltyInput = z.infer<typeof DecidePenaltyInput>;

// ---------------------------------------------------------------- events

export const Penalty = z.object({
  kind: PenaltyKind,
  amountFen: Fen.nullable(),
  description: z.string().nullable(),
});
export type Penalty = z.infer<typeof Penalty>;

export const PersonResponsible = z.object({
  name: z.string().min(1),
  role: z.string().min(1),
  idNumber: IdNumber.nullable(),
});
export type PersonResponsible = z.infer<typeof PersonResponsible>;

// Each event carries its business time: the fact is complete without the envelope.

/** Where a case came from when another workflow opened it: a finding of a joint operation (专项整治). */
export const CaseOrigin = z.object({ operationId: Id, findingId: Id });
export type CaseOrigin = z.infer<typeof CaseOrigin>;

export const CaseRegistered = z
  .object({
    caseId: Id,
    number: z.string().min(1).describe('案件编号, assigned by the owning service'),
    agencyId: z.string().min(1),
    subject: Subject,
    source: CaseSource,
    summary: z.string().min(1),
    violations: z.array(ViolationCode).min(1),
    amountInvolvedFen: Fen.nullable(),
    registeredAt: IsoDateTime,
    /** Present when a finding of a joint operation opened the case (the case knows operation and finding). */
    origin: CaseOrigin.optional(),
  })
  .meta({ description: 'A clue was registered as a case (线索登记).' });
export type CaseRegistered = z.infer<typeof CaseRegistered>;

export const CaseFiled = z
  .object({ caseId: Id, reason: z.string().nullable(), filedAt: IsoDateTime })
  .meta({ description: 'The case was filed (立案) on a supervisor’s approval.' });
export type CaseFiled = z.infer<typeof CaseFiled>;

export const CaseNotFiled = z
  .object({ caseId: Id, reason: z.string().min(1), decidedAt: IsoDateTime })
  .meta({ description: 'The agency decided not to file the clue (不予立案), with its reason.' });
export type CaseNotFiled = z.infer<typeof CaseNotFiled>;

export const EvidenceRecorded = z
  .object({
    caseId: Id,
    evidenceId: Id,
    kind: EvidenceKind,
    title: z.string().min(1),
    description: z.string().nullable(),
    recordedAt: IsoDateTime,
    /**
     * Present only when the evidence states them (absent on older events and on evidence that does
     * not): a message without them is still valid under the schema published before they existed.
     */
    unsoldGoodsValueFen: Fen.optional().describe('货值金额 of the unsold goods the evidence shows (fen); replaces an earlier value'),
    illegalGainsFen: Fen.optional().describe('违法所得 the evidence shows (fen); replaces an earlier value'),
    harmFacts: z.array(HarmFact).min(1).optional().describe('Harm facts (危害后果) the evidence establishes'),
  })
  .meta({
    description:
      'A piece of evidence was recorded on the case, with the 货值金额 of unsold goods, the 违法所得 and the harm facts it establishes when it does.',
  });
export type EvidenceRecorded = z.infer<typeof EvidenceRecorded>;

export const PenaltyDecided = z
  .object({
    caseId: Id,
    decisionNumber: z.string().min(1),
    penalties: z.array(Penalty).min(1),
    personsResponsible: z.array(PersonResponsible),
    repeatOffender: z.boolean(),
    priorViolationsInWindow: z.number().int().nonnegative(),
    reason: z.string().nullable(),
    decidedAt: IsoDateTime,
  })
  .meta({ description: 'An administrative penalty was decided (行政处罚决定), persons responsible named.' });
export type PenaltyDecided = z.infer<typeof PenaltyDecided>;

export const CaseClosed = z
  .object({ caseId: Id, reason: z.string().nullable(), closedAt: IsoDateTime })
  .meta({ description: 'The case was closed (结案).' });
export type CaseClosed = z.infer<typeof CaseClosed>;

export const CaseTransferred = z
  .object({
    caseId: Id,
    /** The transfer (one id on both sides) that moved the case. */
    transferId: Id,
    kind: TransferKind,
    toAgencyId: z.string().min(1),
    /** When the approved transfer was sent (TransferApproved.sentAt). */
    transferredAt: IsoDateTime,
  })
  .meta({
    description:
      'A transfer of the case was approved and sent (已移送): to police (行刑), another agency (行行) or the commission (行纪).',
  });
export type CaseTransferred = z.infer<typeof CaseTransferred>;

/** Data schema of each case event type. */
export const caseEventSchemas = {
  CaseRegistered,
  CaseFiled,
  CaseNotFiled,
  EvidenceRecorded,
  PenaltyDecided,
  CaseClosed,
  CaseTransferred,
} as const;
export type CaseEventType = keyof typeof caseEventSchemas;

export const CaseEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('CaseRegistered'), data: CaseRegistered }),
  z.object({ type: z.literal('CaseFiled'), data: CaseFiled }),
  z.object({ type: z.literal('CaseNotFiled'), data: CaseNotFiled }),
  z.object({ type: z.literal('EvidenceRecorded'), data: EvidenceRecorded }),
  z.object({ type: z.literal('PenaltyDecided'), data: PenaltyDecided }),
  z.object({ type: z.literal('CaseClosed'), data: CaseClosed }),
  z.object({ type: z.literal('CaseTransferred'), data: CaseTransferred }),
]);
export type CaseEvent = z.infer<typeof CaseEvent>;
/** The event of one type, e.g. `CaseEventOf<'CaseFiled'>`. */
export type CaseEventOf<T extends CaseEventType> = Extract<CaseEvent, { type: T }>;

export const caseStreamId = (caseId: string): string => `case-${caseId}`;
