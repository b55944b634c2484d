import { builder } from '../../builder.ts';
import type { SchemaTypes } from '../common/schemaTypes.ts';
import {
  ChecklistResultEnum,
  InspectionKindEnum,
  OperationPhaseKindEnum,
  ProblemDispositionEnum,
  ReportGradeEnum,
  SuspendedActivityEnum,
  VerificationMethodEnum,
} from './types.ts';

/** The fields every command on an existing operation has. */
const commandFields = (t: PothosSchemaTypes.InputFieldBuilder<SchemaTypes, 'InputObject'>) => ({
  commandId: t.id({ required: false, description: 'For an idempotent retry: the same commandId never appends twice' }),
  operationId: t.id({ required: true }),
  expectedVersion: t.int({ required: false, description: '`Operation.version`; CONFLICT when it moved on' }),
});

export const OperationPersonInputType = builder.inputType('OperationPersonInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    agencyId: t.id({ required: true, description: 'A participating agency' }),
    title: t.string({ required: true, description: '职务' }),
    userId: t.id({ required: false, description: 'The person’s platform account: what lets a member see its group’s targets and act' }),
    phone: t.string({ required: false, description: 'Required for a group’s deputy (联络员)' }),
  }),
});

export const OperationPhaseInputType = builder.inputType('OperationPhaseInput', {
  fields: (t) => ({
    kind: t.field({ type: OperationPhaseKindEnum, required: true }),
    name: t.string({ required: false, description: 'Default: the kind’s label (自查自纠, 监督检查, …)' }),
    startsOn: t.string({ required: true, description: 'YYYY-MM-DD' }),
    endsOn: t.string({ required: true, description: 'YYYY-MM-DD' }),
  }),
});

export const FocusItemInputType = builder.inputType('FocusItemInput', {
  fields: (t) => ({ title: t.string({ required: true }), legalBasis: t.string({ required: false }) }),
});

export const LeadingGroupInputType = builder.inputType('LeadingGroupInput', {
  fields: (t) => ({
    leader: t.field({ type: OperationPersonInputType, required: true }),
    deputies: t.field({ type: [OperationPersonInputType], required: false }),
    members: t.field({ type: [OperationPersonInputType], required: false }),
  }),
});

export const OperationOfficeInputType = builder.inputType('OperationOfficeInput', {
  fields: (t) => ({
    hostUnit: t.string({ required: true, description: 'e.g. 药品生产监督管理处' }),
    director: t.field({ type: OperationPersonInputType, required: true }),
    members: t.field({ type: [OperationPersonInputType], required: false }),
  }),
});

export const OperationDutyInputType = builder.inputType('OperationDutyInput', {
  fields: (t) => ({ unit: t.string({ required: true }), agencyId: t.id({ required: true }), duty: t.string({ required: true }) }),
});

export const OperationTargetInputType = builder.inputType('OperationTargetInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    creditCode: t.string({ required: true, description: '统一社会信用代码 (GB 32100)' }),
    regionCode: t.string({ required: true }),
  }),
});

export const PlanOperationInputType = builder.inputType('PlanOperationInput', {
  fields: (t) => ({
    commandId: t.id({ required: false, description: 'For an idempotent retry; the operation id derives from it' }),
    expectedVersion: t.int({ required: false, description: 'A new stream has version 0: 0 asserts this creates it; CONFLICT otherwise' }),
    title: t.string({ required: true }),
    legalBasis: t.stringList({ required: true }),
    participantAgencyIds: t.idList({ required: false, description: 'The agencies taking part besides yours (which leads)' }),
    startsOn: t.string({ required: true }),
    endsOn: t.string({ required: true }),
    phases: t.field({ type: [OperationPhaseInputType], required: true }),
    focusItems: t.field({ type: [FocusItemInputType], required: true }),
    leadingGroup: t.field({ type: LeadingGroupInputType, required: true }),
    office: t.field({ type: OperationOfficeInputType, required: true }),
    duties: t.field({ type: [OperationDutyInputType], required: false }),
    targets: t.field({ type: [OperationTargetInputType], required: false, description: 'The register (全覆盖): each goes to one group before launch' }),
  }),
});

export const OperationStepInputType = builder.inputType('OperationStepInput', {
  fields: (t) => ({ ...commandFields(t), reason: t.string({ required: false }) }),
});

export const FormInspectionGroupInputType = builder.inputType('FormInspectionGroupInput', {
  fields: (t) => ({
    ...commandFields(t),
    name: t.string({ required: true, description: 'e.g. 第一检查组' }),
    phaseId: t.id({ required: true }),
    startsOn: t.string({ required: false, description: 'Default: the phase’s' }),
    endsOn: t.string({ required: false, description: 'Default: the phase’s' }),
    leader: t.field({ type: OperationPersonInputType, required: true }),
    deputy: t.field({ type: OperationPersonInputType, required: true, description: '副组长 and liaison: phone required' }),
    members: t.field({ type: [OperationPersonInputType], required: false }),
    regions: t.stringList({ required: true }),
    unannounced: t.boolean({ required: false, description: '四不两直 (default true)' }),
  }),
});

export const AssignedTargetInputType = builder.inputType('AssignedTargetInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    creditCode: t.string({ required: true }),
    regionCode: t.string({ required: true }),
    plannedOn: t.string({ required: false, description: 'The planned day, within the group’s period' }),
  }),
});

export const AssignTargetsInputType = builder.inputType('AssignTargetsInput', {
  fields: (t) => ({
    ...commandFields(t),
    groupId: t.id({ required: true }),
    targets: t.field({ type: [AssignedTargetInputType], required: true }),
  }),
});

export const ChecklistEntryInputType = builder.inputType('ChecklistEntryInput', {
  fields: (t) => ({
    itemId: t.id({ required: true }),
    result: t.field({ type: ChecklistResultEnum, required: true }),
    note: t.string({ required: false }),
  }),
});

export const FindingInputType = builder.inputType('FindingInput', {
  fields: (t) => ({
    description: t.string({ required: true }),
    focusItemIds: t.idList({ required: true }),
    violations: t.stringList({ required: false }),
  }),
});

export const RelapseInputType = builder.inputType('RelapseInput', {
  description: '反弹: a closed (销号) problem a 回头看 found back; it reopens with a new due date',
  fields: (t) => ({
    findingId: t.id({ required: true, description: 'One of followUpOf, closed' }),
    description: t.string({ required: true, description: 'What came back' }),
    rectificationDueOn: t.string({ required: true, description: 'The new 整改期限 (YYYY-MM-DD)' }),
  }),
});

export const RecordInspectionInputType = builder.inputType('RecordInspectionInput', {
  fields: (t) => ({
    ...commandFields(t),
    groupId: t.id({ required: true }),
    targetCreditCode: t.string({ required: true }),
    kind: t.field({ type: InspectionKindEnum, required: false, description: 'Default REGULAR' }),
    inspectedAt: t.field({ type: 'DateTime', required: false, description: 'Default: when recorded' }),
    followUpOf: t.idList({ required: false, description: 'FOLLOW_UP: the findings checked' }),
    checklist: t.field({ type: [ChecklistEntryInputType], required: false }),
    findings: t.field({ type: [FindingInputType], required: false }),
    summary: t.string({ required: false }),
    relapses: t.field({ type: [RelapseInputType], required: false, description: 'FOLLOW_UP: closed problems found relapsed (反弹)' }),
  }),
});

export const RegisterProblemInputType = builder.inputType('RegisterProblemInput', {
  fields: (t) => ({
    ...commandFields(t),
    findingId: t.id({ required: true }),
    disposition: t.field({ type: ProblemDispositionEnum, required: true }),
    rectificationDueOn: t.string({ required: true, description: '整改期限 (YYYY-MM-DD)' }),
    suspended: t.field({ type: [SuspendedActivityEnum], required: false, description: 'SUSPENSION only' }),
    handlingAgencyId: t.id({ required: false, description: 'CASE_INVESTIGATION / POLICE_REFERRAL: the agency that opens the case' }),
    violations: t.stringList({ required: false, description: 'Default: the finding’s' }),
    amountInvolvedFen: t.int({ required: false }),
    note: t.string({ required: false }),
  }),
});

export const ReportRectificationInputType = builder.inputType('ReportRectificationInput', {
  fields: (t) => ({ ...commandFields(t), findingId: t.id({ required: true }), summary: t.string({ required: true }) }),
});

export const VerificationOpinionInputType = builder.inputType('VerificationOpinionInput', {
  description: '核查意见: 谁检查、谁签名、谁负责 — who checked, what they found, who signed (each one who checked) and who is responsible (one who signed)',
  fields: (t) => ({
    checkedBy: t.field({ type: [OperationPersonInputType], required: true, description: '谁检查' }),
    checkedAt: t.field({ type: 'DateTime', required: false, description: 'Default: when recorded' }),
    method: t.field({ type: VerificationMethodEnum, required: false, description: 'Default ON_SITE (现场核查)' }),
    findings: t.string({ required: true, description: '核查情况: what they found' }),
    signedBy: t.field({ type: [OperationPersonInputType], required: true, description: '谁签名' }),
    responsible: t.field({ type: OperationPersonInputType, required: true, description: '谁负责' }),
  }),
});

export const VerifyRectificationInputType = builder.inputType('VerifyRectificationInput', {
  fields: (t) => ({
    ...commandFields(t),
    findingId: t.id({ required: true }),
    accepted: t.boolean({ required: true, description: 'true: 销号 (opinion required); false: not 到位, the problem reopens (note required)' }),
    note: t.string({ required: false }),
    newDueOn: t.string({ required: false, description: 'On rejection: a new due date' }),
    opinion: t.field({ type: VerificationOpinionInputType, required: false, description: '核查意见: required for 销号' }),
  }),
});

export const SelfInspectionItemInputType = builder.inputType('SelfInspectionItemInput', {
  fields: (t) => ({
    description: t.string({ required: true }),
    focusItemIds: t.idList({ required: false }),
    rectified: t.boolean({ required: true, description: 'Rectified already (立行立改)' }),
    measures: t.string({ required: false, description: '整改措施' }),
  }),
});

export const SignatoryInputType = builder.inputType('SignatoryInput', {
  fields: (t) => ({ name: t.string({ required: true }), title: t.string({ required: true, description: '职务' }) }),
});

export const RecordSelfInspectionInputType = builder.inputType('RecordSelfInspectionInput', {
  description: '自查自纠: a target facility’s self-inspection report, recorded by the operation office that received it',
  fields: (t) => ({
    ...commandFields(t),
    targetCreditCode: t.string({ required: true }),
    submittedAt: t.field({ type: 'DateTime', required: false, description: 'When the facility submitted it (default: when recorded)' }),
    items: t.field({ type: [SelfInspectionItemInputType], required: false, description: 'What it found and rectified' }),
    summary: t.string({ required: true }),
    signedBy: t.field({ type: SignatoryInputType, required: true, description: 'The facility’s head who signed it' }),
  }),
});

export const AcknowledgeOperationReportInputType = builder.inputType('AcknowledgeOperationReportInput', {
  fields: (t) => ({ ...commandFields(t), note: t.string({ required: false }) }),
});

export const EvaluateOperationReportInputType = builder.inputType('EvaluateOperationReportInput', {
  fields: (t) => ({
    ...commandFields(t),
    grade: t.field({ type: ReportGradeEnum, required: true }),
    evaluation: t.string({ required: true, description: 'What holds, what is missing, what must follow (整改要求)' }),
  }),
});

export const ScheduleFollowUpInputType = builder.inputType('ScheduleFollowUpInput', {
  fields: (t) => ({
    ...commandFields(t),
    findingId: t.id({ required: true }),
    scheduledOn: t.string({ required: true }),
    reason: t.string({ required: false }),
  }),
});

export const ReportResultInputType = builder.inputType('ReportResultInput', {
  fields: (t) => ({ ...commandFields(t), summary: t.string({ required: true }) }),
});
