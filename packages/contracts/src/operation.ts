import { z } from 'zod';
import { RegionCode } from './agencies.ts';
import { CommandId, ExpectedVersion, Fen, Id, IsoDateTime } from './scalars.ts';
import { CreditCode } from './subject.ts';
import { AgencyRef, TransferKind } from './transfer.ts';
import { ViolationCode } from './violations.ts';

/**
 * The joint operation (专项整治, DESIGN §3.3): what the API accepts (inputs; the service adds the
 * operation id, the resolved agencies, actor and time) and what is recorded on the operation's
 * stream `operation-<id>` (events, past-tense facts). The rules live in
 * `@xianjie/domain` `operation/operationDecider.ts`.
 *
 * Ids inside an operation are short and assigned by the decider in order: phases `P1…`, focus
 * items `F1…`, inspection groups `G1…` (第一检查组 = G1), inspections `I1…`, findings `I1-F1…`
 * (a finding's id is also its problem-ledger id).
 */

/** A calendar date (Beijing), `YYYY-MM-DD`; a day-bounded period includes both ends. */
export const LocalDate = z.iso.date();
export type LocalDate = z.infer<typeof LocalDate>;

export const OperationStatus = z.enum(['PLANNED', 'IN_PROGRESS', 'REPORTED', 'CLOSED']);
export type OperationStatus = z.infer<typeof OperationStatus>;

export const operationStatusLabels: Readonly<Record<OperationStatus, string>> = {
  PLANNED: '方案已制定（待部署）',
  IN_PROGRESS: '整治进行中',
  REPORTED: '结果已报告纪委监委',
  CLOSED: '已结束',
};

/** The usual phases of a 专项整治 plan; OTHER for anything a plan adds. */
export const OperationPhaseKind = z.enum(['SELF_INSPECTION', 'SUPERVISORY_INSPECTION', 'ASSESSMENT', 'RECTIFICATION', 'OTHER']);
export type OperationPhaseKind = z.infer<typeof OperationPhaseKind>;

export const operationPhaseKindLabels: Readonly<Record<OperationPhaseKind, string>> = {
  SELF_INSPECTION: '自查自纠',
  SUPERVISORY_INSPECTION: '监督检查',
  ASSESSMENT: '检查评估',
  RECTIFICATION: '整改提升',
  OTHER: '其他',
};

export const ChecklistResult = z.enum(['COMPLIANT', 'NON_COMPLIANT', 'NOT_APPLICABLE']);
export type ChecklistResult = z.infer<typeof ChecklistResult>;

export const checklistResultLabels: Readonly<Record<ChecklistResult, string>> = {
  COMPLIANT: '符合',
  NON_COMPLIANT: '不符合',
  NOT_APPLICABLE: '不适用',
};

/** REGULAR: the group's inspection of an assigned target; FOLLOW_UP: 回头看 of overdue or rejected rectifications. */
export const InspectionKind = z.enum(['REGULAR', 'FOLLOW_UP']);
export type InspectionKind = z.infer<typeof InspectionKind>;

export const inspectionKindLabels: Readonly<Record<InspectionKind, string>> = {
  REGULAR: '监督检查',
  FOLLOW_UP: '回头看',
};

/**
 * How a problem is dealt with (分类处理: 告诫、约谈、限期整改以及暂停配制、使用、调剂; 依法从严处罚; 涉嫌犯罪的，
 * 移送公安机关). CASE_INVESTIGATION and POLICE_REFERRAL open an administrative case at the handling
 * agency (the latter to be transferred to police as a CRIMINAL transfer).
 */
export const ProblemDisposition = z.enum([
  'ADMONITION',
  'REGULATORY_TALK',
  'RECTIFICATION_ORDER',
  'SUSPENSION',
  'CASE_INVESTIGATION',
  'POLICE_REFERRAL',
]);
export type ProblemDisposition = z.infer<typeof ProblemDisposition>;

export const problemDispositionLabels: Readonly<Record<ProblemDisposition, string>> = {
  ADMONITION: '告诫',
  REGULATORY_TALK: '约谈',
  RECTIFICATION_ORDER: '限期整改',
  SUSPENSION: '暂停配制/使用/调剂',
  CASE_INVESTIGATION: '立案查处',
  POLICE_REFERRAL: '移送公安',
};

/** The dispositions that open a case at the handling agency. */
export const caseOpeningDispositions = ['CASE_INVESTIGATION', 'POLICE_REFERRAL'] as const satisfies readonly ProblemDisposition[];
export const CaseOpeningDisposition = ProblemDisposition.extract(caseOpeningDispositions);
export type CaseOpeningDisposition = z.infer<typeof CaseOpeningDisposition>;

/** What a SUSPENSION suspends (暂停配制、使用、调剂). */
export const SuspendedActivity = z.enum(['COMPOUNDING', 'USE', 'DISPENSING']);
export type SuspendedActivity = z.infer<typeof SuspendedActivity>;

export const suspendedActivityLabels: Readonly<Record<SuspendedActivity, string>> = {
  COMPOUNDING: '配制',
  USE: '使用',
  DISPENSING: '调剂',
};

/** A ledger entry: OPEN (整改中) → RECTIFICATION_REPORTED (已报整改) → CLOSED (销号); a rejected report reopens it. */
export const ProblemStatus = z.enum(['OPEN', 'RECTIFICATION_REPORTED', 'CLOSED']);
export type ProblemStatus = z.infer<typeof ProblemStatus>;

export const problemStatusLabels: Readonly<Record<ProblemStatus, string>> = {
  OPEN: '整改中',
  RECTIFICATION_REPORTED: '已报整改待核查',
  CLOSED: '已销号',
};

const Text = (max: number) => z.string().trim().min(1).max(max);
const OptionalText = (max: number) => z.string().trim().max(max).optional();
const Name = Text(100);
const Title = Text(200);

/** A mobile number or a landline with its area code (联络员电话). */
export const Phone = z
  .string()
  .trim()
  .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8})$/, '电话应为11位手机号，或带区号的固定电话');

// ---------------------------------------------------------------- inputs

/**
 * A person of the plan: leading group, office, inspection group. `userId` is the person's platform
 * account (the token's `sub`): it is what makes a group member or office staff able to see an
 * unannounced group's targets and run the group's commands.
 */
export const PersonInput = z.object({
  name: Name,
  agencyId: Id,
  /** 职务, e.g. 药品生产监督管理处处长. */
  title: Title,
  userId: Id.optional(),
  phone: Phone.optional(),
});
export type PersonInput = z.infer<typeof PersonInput>;

/** The group's deputy (副组长) is its liaison (联络员): a phone is required. */
export const LiaisonInput = PersonInput.extend({ phone: Phone });
export type LiaisonInput = z.infer<typeof LiaisonInput>;

export const PhaseInput = z.object({
  kind: OperationPhaseKind,
  /** Default: the kind's label (自查自纠, 监督检查, …). */
  name: Title.optional(),
  startsOn: LocalDate,
  endsOn: LocalDate,
});
export type PhaseInput = z.infer<typeof PhaseInput>;

/** A 重点查处 item of the checklist, e.g. 是否存在无证配制、无文号配制、文号过期配制的行为. */
export const FocusItemInput = z.object({
  title: Text(500),
  legalBasis: OptionalText(500),
});
export type FocusItemInput = z.infer<typeof FocusItemInput>;

export const LeadingGroupInput = z.object({
  leader: PersonInput,
  deputies: z.array(PersonInput).default([]),
  members: z.array(PersonInput).default([]),
});
export type LeadingGroupInput = z.infer<typeof LeadingGroupInput>;

/** 领导小组办公室: where it sits (e.g. 药品生产监管处), its director and staff; they organise the work. */
export const OfficeInput = z.object({
  hostUnit: Title,
  director: PersonInput,
  members: z.array(PersonInput).default([]),
});
export type OfficeInput = z.infer<typeof OfficeInput>;

/** 责任分工: a unit of a participating agency and its duty. */
export const DutyInput = z.object({
  unit: Title,
  agencyId: Id,
  duty: Text(2000),
});
export type DutyInput = z.infer<typeof DutyInput>;

/** A target facility (e.g. a hospital preparation room): an organisation with its credit code. */
export const TargetInput = z.object({
  name: Title,
  creditCode: CreditCode,
  regionCode: RegionCode,
});
export type TargetInput = z.infer<typeof TargetInput>;

export const PlanOperationInput = z.object({
  commandId: CommandId.optional(),
  /** A new stream has version 0: 0 asserts that this creates it (DESIGN §4: every input takes one). */
  expectedVersion: ExpectedVersion.optional(),
  title: Title,
  /** The laws and documents the operation rests on (《药品管理法》, 《医疗机构制剂配制监督管理办法》, …). */
  legalBasis: z.array(Title).min(1, '至少写明一项法律依据'),
  /** The agencies taking part besides the lead agency (the planner's own). */
  participantAgencyIds: z.array(Id).default([]),
  startsOn: LocalDate,
  endsOn: LocalDate,
  phases: z.array(PhaseInput).min(1, '至少安排一个阶段'),
  focusItems: z.array(FocusItemInput).min(1, '至少列出一项重点查处事项'),
  leadingGroup: LeadingGroupInput,
  office: OfficeInput,
  duties: z.array(DutyInput).default([]),
  /** The facilities in scope (全覆盖); each must be assigned to exactly one group before launch. */
  targets: z.array(TargetInput).default([]),
});
export type PlanOperationInput = z.infer<typeof PlanOperationInput>;

/** A step on an operation: launchOperation (部署), closeOperation. */
export const OperationStepInput = z.object({
  commandId: CommandId.optional(),
  operationId: Id,
  expectedVersion: ExpectedVersion.optional(),
  reason: OptionalText(2000),
});
export type OperationStepInput = z.infer<typeof OperationStepInput>;

const onOperation = {
  commandId: CommandId.optional(),
  operationId: Id,
  expectedVersion: ExpectedVersion.optional(),
};

/** 混编成组: a group mixed across agencies, working in one phase, assigned regions. */
export const FormInspectionGroupInput = z.object({
  ...onOperation,
  /** e.g. 第一检查组. */
  name: Title,
  phaseId: Id,
  /** Default: the phase's dates. */
  startsOn: LocalDate.optional(),
  endsOn: LocalDate.optional(),
  leader: PersonInput,
  deputy: LiaisonInput,
  members: z.array(PersonInput).default([]),
  regions: z.array(RegionCode).min(1, '至少分配一个地区'),
  /** 四不两直: the group's targets and schedule stay with the group and the office until inspected. */
  unannounced: z.boolean().default(true),
});
export type FormInspectionGroupInput = z.infer<typeof FormInspectionGroupInput>;

export const AssignedTargetInput = TargetInput.extend({
  /** The planned day of the inspection (the group's schedule). */
  plannedOn: LocalDate.optional(),
});
export type AssignedTargetInput = z.infer<typeof AssignedTargetInput>;

export const AssignTargetsInput = z.object({
  ...onOperation,
  groupId: Id,
  targets: z.array(AssignedTargetInput).min(1, '至少分配一个检查对象'),
});
export type AssignTargetsInput = z.infer<typeof AssignTargetsInput>;

export const ChecklistEntryInput = z.object({
  itemId: Id,
  result: ChecklistResult,
  note: OptionalText(2000),
});
export type ChecklistEntryInput = z.infer<typeof ChecklistEntryInput>;

export const FindingInput = z.object({
  description: Text(2000),
  /** The focus items it falls under (F1, F5, …). */
  focusItemIds: z.array(Id).min(1, '写明问题所属的重点查处事项'),
  violations: z.array(ViolationCode).default([]),
});
export type FindingInput = z.infer<typeof FindingInput>;

/** A 回头看 finding that a closed (销号) problem came back (反弹): the problem reopens with a new due date. */
export const RelapseInput = z.object({
  findingId: Id,
  description: Text(2000),
  rectificationDueOn: LocalDate,
});
export type RelapseInput = z.infer<typeof RelapseInput>;

export const RecordInspectionInput = z
  .object({
    ...onOperation,
    groupId: Id,
    targetCreditCode: CreditCode,
    kind: InspectionKind.default('REGULAR'),
    /** When the inspection took place (default: when it is recorded). */
    inspectedAt: IsoDateTime.optional(),
    /** FOLLOW_UP: the findings whose rectification is checked (回头看). */
    followUpOf: z.array(Id).default([]),
    checklist: z.array(ChecklistEntryInput).default([]),
    findings: z.array(FindingInput).default([]),
    summary: OptionalText(2000),
    /** FOLLOW_UP: closed (销号) problems found relapsed (反弹); each is one of `followUpOf`. */
    relapses: z.array(RelapseInput).default([]),
  })
  .superRefine((input, ctx) => {
    input.relapses.forEach((relapse, index) => {
      if (!input.followUpOf.includes(relapse.findingId)) {
        ctx.addIssue({ code: 'custom', path: ['relapses', index, 'findingId'], message: `${relapse.findingId} 不在本次回头看所复查的问题之中（followUpOf）` });
      }
    });
    if (input.kind === 'FOLLOW_UP' && input.followUpOf.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['followUpOf'], message: '回头看须写明所复查的问题' });
    }
    if (input.kind === 'REGULAR' && input.followUpOf.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['followUpOf'], message: '只有回头看检查才复查此前发现的问题' });
    }
  });
export type RecordInspectionInput = z.infer<typeof RecordInspectionInput>;

export const RegisterProblemInput = z
  .object({
    ...onOperation,
    findingId: Id,
    disposition: ProblemDisposition,
    /** 整改期限: the rectification is due by the end of this day. */
    rectificationDueOn: LocalDate,
    /** SUSPENSION: what is suspended. */
    suspended: z.array(SuspendedActivity).default([]),
    /** CASE_INVESTIGATION / POLICE_REFERRAL: the agency that opens the case (default: the group leader's, if it runs cases). */
    handlingAgencyId: Id.optional(),
    /** The violations charged (default: the finding's). */
    violations: z.array(ViolationCode).optional(),
    amountInvolvedFen: Fen.optional(),
    note: OptionalText(2000),
  })
  .superRefine((input, ctx) => {
    if (input.disposition === 'SUSPENSION' && input.suspended.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['suspended'], message: '暂停须写明暂停的活动：配制、使用或调剂' });
    }
    if (input.disposition !== 'SUSPENSION' && input.suspended.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['suspended'], message: '只有暂停措施才暂停活动' });
    }
    const opensCase = (caseOpeningDispositions as readonly string[]).includes(input.disposition);
    if (!opensCase && input.handlingAgencyId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['handlingAgencyId'], message: '只有立案查处和移送公安才在某一机关立案' });
    }
  });
export type RegisterProblemInput = z.infer<typeof RegisterProblemInput>;

export const ReportRectificationInput = z.object({
  ...onOperation,
  findingId: Id,
  /** What was rectified (整改报告). */
  summary: Text(2000),
});
export type ReportRectificationInput = z.infer<typeof ReportRectificationInput>;

/** Who signs a record: a name and 职务 (the facility's head signs its self-inspection report). */
export const SignatoryInput = z.object({ name: Name, title: Title });
export type SignatoryInput = z.infer<typeof SignatoryInput>;

/**
 * 核查意见: the written verification behind a 销号 (seed 001: 责任到人，逐个验收销号; 严格落实“谁检查、谁签名、
 * 谁负责”). Who checked (谁检查), what they found, who signed (谁签名: only someone who checked) and who
 * answers for it (谁负责: one of the signers). The decider checks that the people are the
 * participants' and that signers checked and the responsible person signed.
 */
export const VerificationOpinionInput = z.object({
  /** 谁检查: the persons who checked the rectification (on site or on the documents). */
  checkedBy: z.array(PersonInput).min(1, '写明谁检查了整改（谁检查）'),
  /** When they checked (default: when the opinion is recorded). */
  checkedAt: IsoDateTime.optional(),
  /** ON_SITE: 现场核查; DOCUMENTS: 书面核查 of the rectification report and its evidence. */
  method: z.enum(['ON_SITE', 'DOCUMENTS']).default('ON_SITE'),
  /** 核查情况: what they found. */
  findings: Text(2000),
  /** 谁签名: who signed the opinion; each one checked. */
  signedBy: z.array(PersonInput).min(1, '写明谁签署了核查意见（谁签名）'),
  /** 谁负责: who answers for the 销号; one of the signers. */
  responsible: PersonInput,
});
export type VerificationOpinionInput = z.infer<typeof VerificationOpinionInput>;

export const verificationMethodLabels: Readonly<Record<VerificationOpinionInput['method'], string>> = {
  ON_SITE: '现场核查',
  DOCUMENTS: '书面核查',
};

export const VerifyRectificationInput = z
  .object({
    ...onOperation,
    findingId: Id,
    /** true: 销号; false: the rectification is not 到位 and the problem reopens. */
    accepted: z.boolean(),
    note: OptionalText(2000),
    /** On rejection: a new due date (default: the old one stands). */
    newDueOn: LocalDate.optional(),
    /** 核查意见: required for 销号 (accepted); optional with a rejection. */
    opinion: VerificationOpinionInput.optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.accepted && !input.note) {
      ctx.addIssue({ code: 'custom', path: ['note'], message: '说明整改不予通过的理由' });
    }
    if (input.accepted && input.newDueOn !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['newDueOn'], message: '只有不予通过时才另定整改期限' });
    }
    if (input.accepted && input.opinion === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['opinion'],
        message: '销号须附核查意见：写明谁检查、查见什么、谁签名、谁负责',
      });
    }
  });
export type VerifyRectificationInput = z.infer<typeof VerifyRectificationInput>;

export const ScheduleFollowUpInput = z.object({
  ...onOperation,
  findingId: Id,
  /** The day of the 回头看. */
  scheduledOn: LocalDate,
  reason: OptionalText(2000),
});
export type ScheduleFollowUpInput = z.infer<typeof ScheduleFollowUpInput>;

/** 自查自纠: one problem a facility found in its self-inspection, and whether it rectified it. */
export const SelfInspectionItemInput = z.object({
  description: Text(2000),
  /** The focus items it falls under, if the facility named them. */
  focusItemIds: z.array(Id).default([]),
  /** Rectified already (立行立改); false: still being rectified. */
  rectified: z.boolean(),
  /** What was done, or is planned (整改措施). */
  measures: OptionalText(2000),
});
export type SelfInspectionItemInput = z.infer<typeof SelfInspectionItemInput>;

/**
 * 自查自纠: a target facility's self-inspection report (自查报告), recorded by the operation office
 * that received it (the facility has no account on the platform: it is an organisation, not an
 * agency; seeds 000 and 003 have it report to the regulator's 办公室).
 */
export const RecordSelfInspectionInput = z.object({
  ...onOperation,
  targetCreditCode: CreditCode,
  /** When the facility submitted it (default: when it is recorded). */
  submittedAt: IsoDateTime.optional(),
  /** What it found and rectified; empty: it found nothing. */
  items: z.array(SelfInspectionItemInput).default([]),
  summary: Text(5000),
  /** The facility's head who signed the report. */
  signedBy: SignatoryInput,
});
export type RecordSelfInspectionInput = z.infer<typeof RecordSelfInspectionInput>;

/** The result report to the discipline commission (结果向纪委监委报告). */
export const ReportResultInput = z.object({
  ...onOperation,
  summary: Text(5000),
});
export type ReportResultInput = z.infer<typeof ReportResultInput>;

/** 签收: the commission acknowledges the result report. */
export const AcknowledgeOperationReportInput = z.object({
  ...onOperation,
  note: OptionalText(2000),
});
export type AcknowledgeOperationReportInput = z.infer<typeof AcknowledgeOperationReportInput>;

/** The commission's grade of an operation's result (检查评估; seed 000: 接受自治区纪委监委对专项整治工作成效的检查评估). */
export const ReportGrade = z.enum(['EXCELLENT', 'GOOD', 'ADEQUATE', 'INADEQUATE']);
export type ReportGrade = z.infer<typeof ReportGrade>;

export const reportGradeLabels: Readonly<Record<ReportGrade, string>> = {
  EXCELLENT: '好',
  GOOD: '较好',
  ADEQUATE: '一般',
  INADEQUATE: '差',
};

/** 检查评估: the commission evaluates the reported result (after acknowledging it). */
export const EvaluateOperationReportInput = z.object({
  ...onOperation,
  grade: ReportGrade,
  /** The evaluation: what holds, what is missing, what must follow (整改要求). */
  evaluation: Text(5000),
});
export type EvaluateOperationReportInput = z.infer<typeof EvaluateOperationReportInput>;

// ---------------------------------------------------------------- events

export const Person = z.object({
  name: z.string().min(1),
  agencyId: z.string().min(1),
  title: z.string().min(1),
  userId: z.string().nullable(),
  phone: z.string().nullable(),
});
export type Person = z.infer<typeof Person>;

export const Phase = z.object({
  phaseId: Id,
  kind: OperationPhaseKind,
  name: z.string().min(1),
  startsOn: LocalDate,
  endsOn: LocalDate,
});
export type Phase = z.infer<typeof Phase>;

export const FocusItem = z.object({ itemId: Id, title: z.string().min(1), legalBasis: z.string().nullable() });
export type FocusItem = z.infer<typeof FocusItem>;

export const LeadingGroup = z.object({ leader: Person, deputies: z.array(Person), members: z.array(Person) });
export type LeadingGroup = z.infer<typeof LeadingGroup>;

export const Office = z.object({ hostUnit: z.string().min(1), director: Person, members: z.array(Person) });
export type Office = z.infer<typeof Office>;

export const Duty = z.object({ unit: z.string().min(1), agencyId: z.string().min(1), duty: z.string().min(1) });
export type Duty = z.infer<typeof Duty>;

export const Target = z.object({ name: z.string().min(1), creditCode: CreditCode, regionCode: RegionCode });
export type Target = z.infer<typeof Target>;

export const AssignedTarget = Target.extend({ plannedOn: LocalDate.nullable() });
export type AssignedTarget = z.infer<typeof AssignedTarget>;

export const ChecklistEntry = z.object({ itemId: Id, result: ChecklistResult, note: z.string().nullable() });
export type ChecklistEntry = z.infer<typeof ChecklistEntry>;

export const Finding = z.object({
  findingId: Id,
  description: z.string().min(1),
  focusItemIds: z.array(Id).min(1),
  violations: z.array(ViolationCode),
});
export type Finding = z.infer<typeof Finding>;

// Each event carries the operationId and its business time: the fact is complete without the envelope.

export const OperationPlanned = z
  .object({
    operationId: Id,
    title: z.string().min(1),
    legalBasis: z.array(z.string().min(1)).min(1),
    leadAgency: AgencyRef,
    /** Every participating agency, the lead agency first. */
    participants: z.array(AgencyRef).min(1),
    startsOn: LocalDate,
    endsOn: LocalDate,
    phases: z.array(Phase).min(1),
    focusItems: z.array(FocusItem).min(1),
    leadingGroup: LeadingGroup,
    office: Office,
    duties: z.array(Duty),
    targets: z.array(Target),
    /** The discipline commission of the lead agency's region: the result report goes there. */
    resultRecipientAgencyId: z.string().min(1),
    plannedAt: IsoDateTime,
  })
  .meta({ description: 'A lead agency planned a joint operation (专项整治工作方案).' });
export type OperationPlanned = z.infer<typeof OperationPlanned>;

export const InspectionGroupFormed = z
  .object({
    operationId: Id,
    groupId: Id,
    name: z.string().min(1),
    phaseId: Id,
    startsOn: LocalDate,
    endsOn: LocalDate,
    leader: Person,
    deputy: Person,
    members: z.array(Person),
    regions: z.array(RegionCode).min(1),
    unannounced: z.boolean(),
    formedAt: IsoDateTime,
  })
  .meta({ description: 'An inspection group was formed across agencies (混编成组) and assigned regions.' });
export type InspectionGroupFormed = z.infer<typeof InspectionGroupFormed>;

export const TargetsAssigned = z
  .object({ operationId: Id, groupId: Id, targets: z.array(AssignedTarget).min(1), assignedAt: IsoDateTime })
  .meta({ description: 'Target facilities were assigned to an inspection group, with their planned days.' });
export type TargetsAssigned = z.infer<typeof TargetsAssigned>;

export const OperationLaunched = z
  .object({ operationId: Id, reason: z.string().nullable(), launchedAt: IsoDateTime })
  .meta({ description: 'The operation was launched (部署): every target has its group; inspections may be recorded.' });
export type OperationLaunched = z.infer<typeof OperationLaunched>;

export const InspectionRecorded = z
  .object({
    operationId: Id,
    inspectionId: Id,
    groupId: Id,
    kind: InspectionKind,
    targetCreditCode: CreditCode,
    inspectedAt: IsoDateTime,
    checklist: z.array(ChecklistEntry),
    findings: z.array(Finding),
    followUpOf: z.array(Id),
    summary: z.string().nullable(),
    recordedAt: IsoDateTime,
  })
  .meta({ description: 'A group recorded an inspection: the checklist result per focus item and its findings.' });
export type InspectionRecorded = z.infer<typeof InspectionRecorded>;

export const ProblemRegistered = z
  .object({
    operationId: Id,
    findingId: Id,
    inspectionId: Id,
    groupId: Id,
    targetCreditCode: CreditCode,
    disposition: ProblemDisposition,
    suspended: z.array(SuspendedActivity),
    rectificationDueOn: LocalDate,
    handlingAgencyId: z.string().nullable(),
    violations: z.array(ViolationCode),
    amountInvolvedFen: Fen.nullable(),
    note: z.string().nullable(),
    registeredAt: IsoDateTime,
  })
  .meta({ description: 'A finding entered the problem ledger (问题台账) with its disposition and rectification due date.' });
export type ProblemRegistered = z.infer<typeof ProblemRegistered>;

/** The subject of the case a finding opens: the inspected facility. */
export const ReferredSubject = z.object({ kind: z.literal('ORGANIZATION'), name: z.string().min(1), creditCode: CreditCode });
export type ReferredSubject = z.infer<typeof ReferredSubject>;

export const FindingReferred = z
  .object({
    operationId: Id,
    operationTitle: z.string().min(1),
    findingId: Id,
    inspectionId: Id,
    disposition: CaseOpeningDisposition,
    /** The agency that opens the case (an agency that runs administrative cases). */
    agencyId: z.string().min(1),
    subject: ReferredSubject,
    violations: z.array(ViolationCode).min(1),
    summary: z.string().min(1),
    amountInvolvedFen: Fen.nullable(),
    referredAt: IsoDateTime,
  })
  .meta({
    description:
      'A finding disposed as 立案查处 or 移送公安 was referred to the handling agency, which registers a case (source INSPECTION) linked to the operation and the finding.',
  });
export type FindingReferred = z.infer<typeof FindingReferred>;

export const RectificationReported = z
  .object({ operationId: Id, findingId: Id, summary: z.string().min(1), reportedAt: IsoDateTime })
  .meta({ description: 'The rectification of a problem was reported (整改报告).' });
export type RectificationReported = z.infer<typeof RectificationReported>;

/** 核查意见 as recorded (see VerificationOpinionInput). */
export const VerificationOpinion = z.object({
  checkedBy: z.array(Person).min(1),
  checkedAt: IsoDateTime,
  method: z.enum(['ON_SITE', 'DOCUMENTS']),
  findings: z.string().min(1),
  signedBy: z.array(Person).min(1),
  responsible: Person,
});
export type VerificationOpinion = z.infer<typeof VerificationOpinion>;

export const ProblemRectified = z
  .object({
    operationId: Id,
    findingId: Id,
    note: z.string().nullable(),
    /** Null only on events recorded before a 销号 needed one. */
    opinion: VerificationOpinion.nullable().default(null),
    verifiedAt: IsoDateTime,
  })
  .meta({ description: 'The group verified the rectification: the problem is closed (销号).' });
export type ProblemRectified = z.infer<typeof ProblemRectified>;

export const RectificationRejected = z
  .object({ operationId: Id, findingId: Id, reason: z.string().min(1), newDueOn: LocalDate.nullable(), rejectedAt: IsoDateTime })
  .meta({ description: 'The group found the reported rectification not 到位; the problem reopens.' });
export type RectificationRejected = z.infer<typeof RectificationRejected>;

export const FollowUpScheduled = z
  .object({ operationId: Id, findingId: Id, scheduledOn: LocalDate, reason: z.string().nullable(), scheduledAt: IsoDateTime })
  .meta({ description: 'A follow-up inspection (回头看) was scheduled for an overdue or rejected rectification.' });
export type FollowUpScheduled = z.infer<typeof FollowUpScheduled>;

export const SelfInspectionItem = z.object({
  description: z.string().min(1),
  focusItemIds: z.array(Id),
  rectified: z.boolean(),
  measures: z.string().nullable(),
});
export type SelfInspectionItem = z.infer<typeof SelfInspectionItem>;

export const SelfInspectionRecorded = z
  .object({
    operationId: Id,
    targetCreditCode: CreditCode,
    submittedAt: IsoDateTime,
    /** Submitted after 24:00 of the last day of the 自查自纠 phase. */
    late: z.boolean(),
    items: z.array(SelfInspectionItem),
    summary: z.string().min(1),
    signedBy: z.object({ name: z.string().min(1), title: z.string().min(1) }),
    recordedAt: IsoDateTime,
  })
  .meta({ description: 'A target facility’s self-inspection report (自查自纠) was received and recorded by the operation office.' });
export type SelfInspectionRecorded = z.infer<typeof SelfInspectionRecorded>;

export const ProblemRelapsed = z
  .object({
    operationId: Id,
    findingId: Id,
    /** The FOLLOW_UP inspection (回头看) that found it. */
    inspectionId: Id,
    description: z.string().min(1),
    rectificationDueOn: LocalDate,
    relapsedAt: IsoDateTime,
  })
  .meta({ description: 'A 回头看 found a closed (销号) problem relapsed (反弹): it reopens with a new due date.' });
export type ProblemRelapsed = z.infer<typeof ProblemRelapsed>;

/** Who in the commission acknowledged or evaluated (the account and its name). */
export const ReviewerRef = z.object({ userId: z.string().min(1), name: z.string().min(1) });
export type ReviewerRef = z.infer<typeof ReviewerRef>;

export const OperationReportAcknowledged = z
  .object({ operationId: Id, agencyId: z.string().min(1), by: ReviewerRef, note: z.string().nullable(), acknowledgedAt: IsoDateTime })
  .meta({ description: 'The discipline commission acknowledged (签收) the operation’s result report.' });
export type OperationReportAcknowledged = z.infer<typeof OperationReportAcknowledged>;

export const OperationReportEvaluated = z
  .object({
    operationId: Id,
    agencyId: z.string().min(1),
    by: ReviewerRef,
    grade: ReportGrade,
    evaluation: z.string().min(1),
    evaluatedAt: IsoDateTime,
  })
  .meta({ description: 'The discipline commission evaluated (检查评估) the operation’s result report.' });
export type OperationReportEvaluated = z.infer<typeof OperationReportEvaluated>;

export const FindingCaseLinked = z
  .object({
    operationId: Id,
    findingId: Id,
    caseId: Id,
    caseNumber: z.string().min(1),
    agencyId: z.string().min(1),
    /** When the case was registered (CaseRegistered.registeredAt). */
    registeredAt: IsoDateTime,
  })
  .meta({ description: 'The case the finding opened was registered by the handling agency (the link back).' });
export type FindingCaseLinked = z.infer<typeof FindingCaseLinked>;

export const FindingCaseTransferred = z
  .object({
    operationId: Id,
    findingId: Id,
    caseId: Id,
    transferId: Id,
    kind: TransferKind,
    toAgencyId: z.string().min(1),
    transferredAt: IsoDateTime,
  })
  .meta({ description: 'The case the finding opened was transferred (e.g. to police, 行刑衔接).' });
export type FindingCaseTransferred = z.infer<typeof FindingCaseTransferred>;

export const DispositionFigures = z.object({
  disposition: ProblemDisposition,
  problems: z.number().int().nonnegative(),
  closed: z.number().int().nonnegative(),
});
export type DispositionFigures = z.infer<typeof DispositionFigures>;

/** The figures of a result report, computed from the operation's events at the time of the report. */
export const OperationFigures = z.object({
  targetsAssigned: z.number().int().nonnegative(),
  targetsInspected: z.number().int().nonnegative(),
  inspections: z.number().int().nonnegative(),
  followUps: z.number().int().nonnegative(),
  problems: z.number().int().nonnegative(),
  problemsClosed: z.number().int().nonnegative(),
  /** problemsClosed / problems; null when there is no problem. */
  closureRate: z.number().min(0).max(1).nullable(),
  overdueRectifications: z.number().int().nonnegative(),
  byDisposition: z.array(DispositionFigures),
  byRegion: z.array(
    z.object({ regionCode: RegionCode, assigned: z.number().int().nonnegative(), inspected: z.number().int().nonnegative() }),
  ),
  casesReferred: z.number().int().nonnegative(),
  casesOpened: z.number().int().nonnegative(),
  /** 反弹: relapses a 回头看 found in closed problems (defaults: reports made before these were counted). */
  relapses: z.number().int().nonnegative().default(0),
  /** 自查自纠: targets whose self-inspection report was received, and those without one. */
  selfInspectionsReported: z.number().int().nonnegative().default(0),
  selfInspectionsMissing: z.number().int().nonnegative().default(0),
});
export type OperationFigures = z.infer<typeof OperationFigures>;

export const OperationResultReported = z
  .object({
    operationId: Id,
    title: z.string().min(1),
    leadAgencyId: z.string().min(1),
    participantAgencyIds: z.array(z.string().min(1)).min(1),
    /** The discipline commission of the lead agency's region. */
    toAgencyId: z.string().min(1),
    summary: z.string().min(1),
    figures: OperationFigures,
    reportedAt: IsoDateTime,
  })
  .meta({ description: 'The operation’s result was reported to the discipline commission of its region (结果报告纪委监委).' });
export type OperationResultReported = z.infer<typeof OperationResultReported>;

export const OperationClosed = z
  .object({
    operationId: Id,
    reason: z.string().nullable(),
    /** Problems not yet closed (销号) when the operation ended. */
    openProblems: z.number().int().nonnegative(),
    closedAt: IsoDateTime,
  })
  .meta({ description: 'The operation was closed.' });
export type OperationClosed = z.infer<typeof OperationClosed>;

/** Data schema of each operation event type. */
export const operationEventSchemas = {
  OperationPlanned,
  InspectionGroupFormed,
  TargetsAssigned,
  OperationLaunched,
  InspectionRecorded,
  ProblemRegistered,
  FindingReferred,
  RectificationReported,
  ProblemRectified,
  RectificationRejected,
  FollowUpScheduled,
  FindingCaseLinked,
  FindingCaseTransferred,
  OperationResultReported,
  OperationClosed,
  SelfInspectionRecorded,
  ProblemRelapsed,
  OperationReportAcknowledged,
  OperationReportEvaluated,
} as const;
export type OperationEventType = keyof typeof operationEventSchemas;

type EventUnion<M extends Record<string, z.ZodType>> = {
  [K in keyof M]: { type: K; data: z.infer<M[K]> };
}[keyof M];

/** Every event of an operation stream, discriminated on `type`. */
export type OperationEvent = EventUnion<typeof operationEventSchemas>;
export const OperationEvent = z.discriminatedUnion(
  'type',
  Object.entries(operationEventSchemas).map(([type, data]) => z.object({ type: z.literal(type), data })) as unknown as [
    z.ZodObject,
    ...z.ZodObject[],
  ],
) as unknown as z.ZodType<OperationEvent>;
/** The event of one type, e.g. `OperationEventOf<'ProblemRegistered'>`. */
export type OperationEventOf<T extends OperationEventType> = Extract<OperationEvent, { type: T }>;

export const operationStreamId = (operationId: string): string => `operation-${operationId}`;
