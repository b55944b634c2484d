import {
  ChecklistResult,
  InspectionKind,
  OperationPhaseKind,
  operationPhaseKindLabels,
  OperationStatus,
  ProblemDisposition,
  ProblemStatus,
  ReportGrade,
  SuspendedActivity,
} from '@xianjie/contracts';
import type { Duty, FocusItem, Person, Phase } from '@xianjie/contracts';
import type { GroupView, OperationView, TargetView } from '@xianjie/operations';
import { builder } from '../../builder.ts';
import { AgencyType, agency } from '../common/types.ts';

/**
 * 专项整治 (DESIGN §3.3, §4): the operation with its plan, groups, inspections, problem ledger and
 * progress, and the commands of the operations service. The service applies the access rules,
 * 四不两直 included: an unannounced group's targets and schedule reach only its members and the
 * office until inspected (`InspectionGroup.hiddenTargets` counts what is left out).
 */

// ---- enums --------------------------------------------------------------------------------------

export const OperationStatusEnum = builder.enumType('OperationStatus', {
  description: 'PLANNED 方案已制定, IN_PROGRESS 整治进行中, REPORTED 结果已报告纪委监委, CLOSED 已结束',
  values: OperationStatus.options,
});
export const OperationPhaseKindEnum = builder.enumType('OperationPhaseKind', {
  description: 'SELF_INSPECTION 自查自纠, SUPERVISORY_INSPECTION 监督检查, ASSESSMENT 检查评估, RECTIFICATION 整改提升, OTHER',
  values: OperationPhaseKind.options,
});
export const ChecklistResultEnum = builder.enumType('ChecklistResult', { description: '符合, 不符合, 不适用', values: ChecklistResult.options });
export const InspectionKindEnum = builder.enumType('InspectionKind', {
  description: 'REGULAR 监督检查 of an assigned target; FOLLOW_UP 回头看 of overdue or rejected rectifications',
  values: InspectionKind.options,
});
export const ProblemDispositionEnum = builder.enumType('ProblemDisposition', {
  description:
    'ADMONITION 告诫, REGULATORY_TALK 约谈, RECTIFICATION_ORDER 限期整改, SUSPENSION 暂停配制/使用/调剂, ' +
    'CASE_INVESTIGATION 立案查处 and POLICE_REFERRAL 移送公安 (both open a case at the handling agency)',
  values: ProblemDisposition.options,
});
export const SuspendedActivityEnum = builder.enumType('SuspendedActivity', { description: '配制, 使用, 调剂', values: SuspendedActivity.options });
export const VerificationMethodEnum = builder.enumType('VerificationMethod', {
  description: 'ON_SITE 现场核查, DOCUMENTS 书面核查',
  values: ['ON_SITE', 'DOCUMENTS'] as const,
});
export const ReportGradeEnum = builder.enumType('ReportGrade', {
  description: 'The commission’s grade of an operation’s result (检查评估): EXCELLENT 好, GOOD 较好, ADEQUATE 一般, INADEQUATE 差',
  values: ReportGrade.options,
});
export const ProblemStatusEnum = builder.enumType('ProblemStatus', {
  description: 'OPEN 整改中 → RECTIFICATION_REPORTED 已报整改待核查 → CLOSED 已销号 (a rejected report reopens it)',
  values: ProblemStatus.options,
});

// ---- the plan -----------------------------------------------------------------------------------

export const OperationPersonType = builder.objectRef<Person>('OperationPerson').implement({
  description: 'A person of the plan (leading group, office, inspection group) with agency and title (职务)',
  fields: (t) => ({
    name: t.exposeString('name'),
    agency: t.field({ type: AgencyType, resolve: (p, _a, ctx) => agency(ctx, p.agencyId) }),
    title: t.exposeString('title'),
    userId: t.exposeID('userId', { nullable: true, description: 'The person’s platform account, if any' }),
    phone: t.exposeString('phone', { nullable: true }),
  }),
});

export const OperationPhaseType = builder.objectRef<Phase>('OperationPhase').implement({
  description: '实施步骤: a phase of the operation (dates are Beijing calendar days, both ends included)',
  fields: (t) => ({
    id: t.exposeID('phaseId', { description: 'P1, P2, … in order' }),
    kind: t.field({ type: OperationPhaseKindEnum, resolve: (p) => p.kind }),
    kindLabel: t.string({ resolve: (p) => operationPhaseKindLabels[p.kind] }),
    name: t.exposeString('name'),
    startsOn: t.exposeString('startsOn', { description: 'YYYY-MM-DD' }),
    endsOn: t.exposeString('endsOn', { description: 'YYYY-MM-DD' }),
  }),
});

export const FocusItemType = builder.objectRef<FocusItem>('FocusItem').implement({
  description: '重点查处: an item of the checklist every inspection answers',
  fields: (t) => ({
    id: t.exposeID('itemId', { description: 'F1, F2, …' }),
    title: t.exposeString('title'),
    legalBasis: t.exposeString('legalBasis', { nullable: true }),
  }),
});

export const LeadingGroupType = builder.objectRef<OperationView['leadingGroup']>('LeadingGroup').implement({
  description: '领导小组: 组长, 副组长, 成员',
  fields: (t) => ({
    leader: t.field({ type: OperationPersonType, resolve: (g) => g.leader }),
    deputies: t.field({ type: [OperationPersonType], resolve: (g) => g.deputies }),
    members: t.field({ type: [OperationPersonType], resolve: (g) => g.members }),
  }),
});

export const OperationOfficeType = builder.objectRef<OperationView['office']>('OperationOffice').implement({
  description: '领导小组办公室: where it sits, its director and staff; it organises the work',
  fields: (t) => ({
    hostUnit: t.exposeString('hostUnit'),
    director: t.field({ type: OperationPersonType, resolve: (o) => o.director }),
    members: t.field({ type: [OperationPersonType], resolve: (o) => o.members }),
  }),
});

export const DutyType = builder.objectRef<Duty>('OperationDuty').implement({
  description: '责任分工: a unit of a participating agency and its duty',
  fields: (t) => ({
    unit: t.exposeString('unit'),
    agency: t.field({ type: AgencyType, resolve: (d, _a, ctx) => agency(ctx, d.agencyId) }),
    duty: t.exposeString('duty'),
  }),
});

export const OperationTargetType = builder.objectRef<TargetView>('OperationTarget').implement({
  description: 'A target facility (e.g. a hospital preparation room) and its inspection',
  fields: (t) => ({
    name: t.exposeString('name'),
    creditCode: t.exposeString('creditCode', { description: '统一社会信用代码' }),
    regionCode: t.exposeString('regionCode'),
    groupId: t.exposeID('groupId', { nullable: true }),
    plannedOn: t.exposeString('plannedOn', { nullable: true, description: 'The planned day (the group’s schedule)' }),
    assignedAt: t.field({ type: 'DateTime', nullable: true, resolve: (x) => x.assignedAt }),
    inspectedAt: t.field({ type: 'DateTime', nullable: true, resolve: (x) => x.inspectedAt }),
    inspectionId: t.exposeID('inspectionId', { nullable: true }),
  }),
});

export type GroupNode = GroupView & { phase: Phase | null };

export const InspectionGroupType = builder.objectRef<GroupNode>('InspectionGroup').implement({
  description:
    '检查组, mixed across agencies (混编成组). For an unannounced group (四不两直) the targets not yet inspected and ' +
    'its period are shown only to its members and the office: others see `hiddenTargets` and null dates.',
  fields: (t) => ({
    id: t.exposeID('groupId', { description: 'G1 (第一检查组), G2, …' }),
    name: t.exposeString('name'),
    phase: t.field({ type: OperationPhaseType, nullable: true, resolve: (g) => g.phase }),
    startsOn: t.exposeString('startsOn', { nullable: true, description: 'Null while hidden (四不两直)' }),
    endsOn: t.exposeString('endsOn', { nullable: true, description: 'Null while hidden (四不两直)' }),
    leader: t.field({ type: OperationPersonType, description: '组长', resolve: (g) => g.leader }),
    deputy: t.field({ type: OperationPersonType, description: '副组长, the liaison (联络员)', resolve: (g) => g.deputy }),
    liaisonPhone: t.string({ nullable: true, description: '联络员电话 (the deputy’s)', resolve: (g) => g.deputy.phone }),
    members: t.field({ type: [OperationPersonType], description: '成员', resolve: (g) => g.members }),
    regions: t.exposeStringList('regions', { description: '检查地区 (行政区划代码)' }),
    unannounced: t.exposeBoolean('unannounced', { description: '四不两直' }),
    formedAt: t.field({ type: 'DateTime', resolve: (g) => g.formedAt }),
    targets: t.field({ type: [OperationTargetType], description: 'The targets you may see', resolve: (g) => g.targets }),
    hiddenTargets: t.exposeInt('hiddenTargets', { description: 'Targets assigned but not shown to you (四不两直)' }),
    targetCount: t.exposeInt('targetCount'),
    inspectedCount: t.exposeInt('inspectedCount'),
  }),
});
