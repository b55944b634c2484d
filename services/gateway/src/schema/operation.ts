import {
  AssignTargetsInput,
  ChecklistResult,
  checklistResultLabels,
  ForbiddenError,
  FormInspectionGroupInput,
  InspectionKind,
  inspectionKindLabels,
  NotFoundError,
  OperationPhaseKind,
  operationPhaseKindLabels,
  OperationStatus,
  operationStatusLabels,
  OperationStepInput,
  PlanOperationInput,
  ProblemDisposition,
  problemDispositionLabels,
  ProblemStatus,
  problemStatusLabels,
  RecordInspectionInput,
  RegisterProblemInput,
  ReportRectificationInput,
  ReportResultInput,
  ScheduleFollowUpInput,
  SuspendedActivity,
  suspendedActivityLabels,
  ValidationError,
  VerifyRectificationInput,
} from '@xianjie/contracts';
import type { DispositionFigures, Duty, FocusItem, OperationFigures, Person, Phase } from '@xianjie/contracts';
import type { OperationCommandName } from '@xianjie/auth';
import { isRectificationOverdue } from '@xianjie/domain';
import type { Coverage, OperationProgress, OverdueRectification } from '@xianjie/domain';
import type { GroupView, InspectionView, OperationSummary, OperationView, ProblemView, TargetView } from '@xianjie/operations';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import { AgencyType } from './agency.ts';
import { CaseType } from './case.ts';
import { TransferKindEnum } from './transfer.ts';

/**
 * 专项整治 (DESIGN §3.3, §4): the operation with its plan, groups, inspections, problem ledger and
 * progress, and the commands of the operations service. The service applies the access rules,
 * 四不两直 included: an unannounced group's targets and schedule reach only its members and the
 * office until inspected (`InspectionGroup.hiddenTargets` counts what is left out).
 */

const authOf = (ctx: GatewayContext) => ({ principal: ctx.principal!, token: ctx.token, correlationId: ctx.correlationId });
const agency = (ctx: GatewayContext, id: string) => ctx.platform.directory.require(id);

/**
 * An operation as a GraphQL parent: from a list (its summary) or a query/command (its view); the
 * view is loaded once, on demand. `asOf` is the query's: groups, inspections, the ledger and
 * progress are shown as they stood then.
 */
interface OperationNode {
  id: string;
  asOf: string | null;
  summary: OperationSummary | null;
  view: OperationView | null;
  loading?: Promise<OperationView>;
}

const viewOf = (node: OperationNode, ctx: GatewayContext): Promise<OperationView> => {
  if (node.view) return Promise.resolve(node.view);
  node.loading ??= ctx.platform.operations.operation(node.id, node.asOf ?? undefined, authOf(ctx));
  return node.loading;
};

/** A field the list's summary answers without loading the whole view. */
const summaryOr = async <T>(
  node: OperationNode,
  ctx: GatewayContext,
  fromSummary: (s: OperationSummary) => T,
  fromView: (v: OperationView) => T,
): Promise<T> => (node.summary && !node.view ? fromSummary(node.summary) : fromView(await viewOf(node, ctx)));

/** Absent or not readable: null, as `case` and `transfer` do (an operation's existence is not public). */
const orNull = async <T>(load: Promise<T>): Promise<T | null> => {
  try {
    return await load;
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
    throw error;
  }
};

// ---- enums --------------------------------------------------------------------------------------

const OperationStatusEnum = builder.enumType('OperationStatus', {
  description: 'PLANNED 方案已制定, IN_PROGRESS 整治进行中, REPORTED 结果已报告纪委监委, CLOSED 已结束',
  values: OperationStatus.options,
});
const OperationPhaseKindEnum = builder.enumType('OperationPhaseKind', {
  description: 'SELF_INSPECTION 自查自纠, SUPERVISORY_INSPECTION 监督检查, ASSESSMENT 检查评估, RECTIFICATION 整改提升, OTHER',
  values: OperationPhaseKind.options,
});
const ChecklistResultEnum = builder.enumType('ChecklistResult', { description: '符合, 不符合, 不适用', values: ChecklistResult.options });
const InspectionKindEnum = builder.enumType('InspectionKind', {
  description: 'REGULAR 监督检查 of an assigned target; FOLLOW_UP 回头看 of overdue or rejected rectifications',
  values: InspectionKind.options,
});
const ProblemDispositionEnum = builder.enumType('ProblemDisposition', {
  description:
    'ADMONITION 告诫, REGULATORY_TALK 约谈, RECTIFICATION_ORDER 限期整改, SUSPENSION 暂停配制/使用/调剂, ' +
    'CASE_INVESTIGATION 立案查处 and POLICE_REFERRAL 移送公安 (both open a case at the handling agency)',
  values: ProblemDisposition.options,
});
const SuspendedActivityEnum = builder.enumType('SuspendedActivity', { description: '配制, 使用, 调剂', values: SuspendedActivity.options });
const ProblemStatusEnum = builder.enumType('ProblemStatus', {
  description: 'OPEN 整改中 → RECTIFICATION_REPORTED 已报整改待核查 → CLOSED 已销号 (a rejected report reopens it)',
  values: ProblemStatus.options,
});

// ---- the plan -----------------------------------------------------------------------------------

const OperationPersonType = builder.objectRef<Person>('OperationPerson').implement({
  description: 'A person of the plan (leading group, office, inspection group) with agency and title (职务)',
  fields: (t) => ({
    name: t.exposeString('name'),
    agency: t.field({ type: AgencyType, resolve: (p, _a, ctx) => agency(ctx, p.agencyId) }),
    title: t.exposeString('title'),
    userId: t.exposeID('userId', { nullable: true, description: 'The person’s platform account, if any' }),
    phone: t.exposeString('phone', { nullable: true }),
  }),
});

const OperationPhaseType = builder.objectRef<Phase>('OperationPhase').implement({
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

const FocusItemType = builder.objectRef<FocusItem>('FocusItem').implement({
  description: '重点查处: an item of the checklist every inspection answers',
  fields: (t) => ({
    id: t.exposeID('itemId', { description: 'F1, F2, …' }),
    title: t.exposeString('title'),
    legalBasis: t.exposeString('legalBasis', { nullable: true }),
  }),
});

const LeadingGroupType = builder.objectRef<OperationView['leadingGroup']>('LeadingGroup').implement({
  description: '领导小组: 组长, 副组长, 成员',
  fields: (t) => ({
    leader: t.field({ type: OperationPersonType, resolve: (g) => g.leader }),
    deputies: t.field({ type: [OperationPersonType], resolve: (g) => g.deputies }),
    members: t.field({ type: [OperationPersonType], resolve: (g) => g.members }),
  }),
});

const OperationOfficeType = builder.objectRef<OperationView['office']>('OperationOffice').implement({
  description: '领导小组办公室: where it sits, its director and staff; it organises the work',
  fields: (t) => ({
    hostUnit: t.exposeString('hostUnit'),
    director: t.field({ type: OperationPersonType, resolve: (o) => o.director }),
    members: t.field({ type: [OperationPersonType], resolve: (o) => o.members }),
  }),
});

const DutyType = builder.objectRef<Duty>('OperationDuty').implement({
  description: '责任分工: a unit of a participating agency and its duty',
  fields: (t) => ({
    unit: t.exposeString('unit'),
    agency: t.field({ type: AgencyType, resolve: (d, _a, ctx) => agency(ctx, d.agencyId) }),
    duty: t.exposeString('duty'),
  }),
});

const OperationTargetType = builder.objectRef<TargetView>('OperationTarget').implement({
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

type GroupNode = GroupView & { phase: Phase | null };

const InspectionGroupType = builder.objectRef<GroupNode>('InspectionGroup').implement({
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

// ---- inspections and the ledger -----------------------------------------------------------------

const ChecklistEntryType = builder.objectRef<InspectionView['checklist'][number]>('ChecklistEntry').implement({
  fields: (t) => ({
    itemId: t.exposeID('itemId'),
    result: t.field({ type: ChecklistResultEnum, resolve: (e) => e.result }),
    resultLabel: t.string({ resolve: (e) => checklistResultLabels[e.result] }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

const FindingType = builder.objectRef<InspectionView['findings'][number]>('InspectionFinding').implement({
  description: 'A finding of an inspection; its id is its problem-ledger id once registered',
  fields: (t) => ({
    id: t.exposeID('findingId', { description: 'I1-F1, …' }),
    description: t.exposeString('description'),
    focusItemIds: t.exposeIDList('focusItemIds'),
    violations: t.exposeStringList('violations'),
  }),
});

const InspectionType = builder.objectRef<InspectionView>('Inspection').implement({
  fields: (t) => ({
    id: t.exposeID('inspectionId', { description: 'I1, I2, …' }),
    groupId: t.exposeID('groupId'),
    kind: t.field({ type: InspectionKindEnum, resolve: (i) => i.kind }),
    kindLabel: t.string({ resolve: (i) => inspectionKindLabels[i.kind] }),
    targetName: t.exposeString('targetName'),
    targetCreditCode: t.exposeString('targetCreditCode'),
    regionCode: t.exposeString('regionCode'),
    inspectedAt: t.field({ type: 'DateTime', resolve: (i) => i.inspectedAt }),
    checklist: t.field({ type: [ChecklistEntryType], resolve: (i) => i.checklist }),
    findings: t.field({ type: [FindingType], resolve: (i) => i.findings }),
    followUpOf: t.exposeIDList('followUpOf', { description: 'FOLLOW_UP: the findings checked (回头看)' }),
    summary: t.exposeString('summary', { nullable: true }),
    recordedAt: t.field({ type: 'DateTime', resolve: (i) => i.recordedAt }),
  }),
});

const RectificationReportType = builder.objectRef<ProblemView['reports'][number]>('RectificationReport').implement({
  description: '整改报告',
  fields: (t) => ({
    summary: t.exposeString('summary'),
    reportedAt: t.field({ type: 'DateTime', resolve: (r) => r.reportedAt }),
  }),
});

const RectificationRejectionType = builder.objectRef<ProblemView['rejections'][number]>('RectificationRejection').implement({
  description: 'A rectification found not 到位 on verification',
  fields: (t) => ({
    reason: t.exposeString('reason'),
    newDueOn: t.exposeString('newDueOn', { nullable: true }),
    rejectedAt: t.field({ type: 'DateTime', resolve: (r) => r.rejectedAt }),
  }),
});

const FollowUpType = builder.objectRef<ProblemView['followUps'][number]>('FollowUp').implement({
  description: '回头看: scheduled, and done once a FOLLOW_UP inspection checked it',
  fields: (t) => ({
    scheduledOn: t.exposeString('scheduledOn'),
    reason: t.exposeString('reason', { nullable: true }),
    scheduledAt: t.field({ type: 'DateTime', resolve: (f) => f.scheduledAt }),
    inspectionId: t.exposeID('inspectionId', { nullable: true }),
    inspectedAt: t.field({ type: 'DateTime', nullable: true, resolve: (f) => f.inspectedAt }),
  }),
});

const LedgerCaseType = builder.objectRef<NonNullable<ProblemView['case']>>('LedgerCase').implement({
  description: 'The case a finding opened (立案查处, 移送公安), registered by the handling agency',
  fields: (t) => ({
    caseId: t.exposeID('caseId', { description: 'Read it with `case(id)` (the handling agency and its overseers)' }),
    caseNumber: t.exposeString('caseNumber'),
    agency: t.field({ type: AgencyType, resolve: (c, _a, ctx) => agency(ctx, c.agencyId) }),
    registeredAt: t.field({ type: 'DateTime', resolve: (c) => c.registeredAt }),
  }),
});

const LedgerCaseTransferType = builder.objectRef<ProblemView['caseTransfers'][number]>('LedgerCaseTransfer').implement({
  description: 'A transfer of the finding’s case (e.g. CRIMINAL to police, 行刑衔接)',
  fields: (t) => ({
    transferId: t.exposeID('transferId'),
    kind: t.field({ type: TransferKindEnum, resolve: (x) => x.kind }),
    toAgency: t.field({ type: AgencyType, resolve: (x, _a, ctx) => agency(ctx, x.toAgencyId) }),
    transferredAt: t.field({ type: 'DateTime', resolve: (x) => x.transferredAt }),
  }),
});

const LedgerEntryType = builder.objectRef<ProblemView>('LedgerEntry').implement({
  description: '问题台账: a finding with its disposition, rectification due date and follow-up to 销号',
  fields: (t) => ({
    findingId: t.exposeID('findingId'),
    inspectionId: t.exposeID('inspectionId'),
    groupId: t.exposeID('groupId'),
    targetName: t.exposeString('targetName'),
    targetCreditCode: t.exposeString('targetCreditCode'),
    regionCode: t.exposeString('regionCode'),
    description: t.exposeString('description'),
    focusItemIds: t.exposeIDList('focusItemIds'),
    disposition: t.field({ type: ProblemDispositionEnum, resolve: (p) => p.disposition }),
    dispositionLabel: t.string({ resolve: (p) => problemDispositionLabels[p.disposition] }),
    suspended: t.field({ type: [SuspendedActivityEnum], resolve: (p) => p.suspended }),
    suspendedLabels: t.stringList({ resolve: (p) => p.suspended.map((s) => suspendedActivityLabels[s]) }),
    handlingAgency: t.field({
      type: AgencyType,
      nullable: true,
      description: 'The agency that opens the case (立案查处, 移送公安)',
      resolve: (p, _a, ctx) => (p.handlingAgencyId ? agency(ctx, p.handlingAgencyId) : null),
    }),
    violations: t.exposeStringList('violations'),
    amountInvolvedFen: t.int({ nullable: true, resolve: (p) => p.amountInvolvedFen }),
    note: t.exposeString('note', { nullable: true }),
    rectificationDueOn: t.exposeString('rectificationDueOn', { description: '整改期限 (the current one: a rejection may move it)' }),
    dueAt: t.field({ type: 'DateTime', description: '24:00 Beijing time of the due date', resolve: (p) => p.dueAt }),
    registeredAt: t.field({ type: 'DateTime', resolve: (p) => p.registeredAt }),
    status: t.field({ type: ProblemStatusEnum, resolve: (p) => p.status }),
    statusLabel: t.string({ resolve: (p) => problemStatusLabels[p.status] }),
    overdue: t.boolean({
      description:
        'OPEN after its due time, as of `asOf` (default: the filter’s overdueAsOf, else the operation’s asOf, else now)',
      args: { asOf: t.arg({ type: 'DateTime', required: false }) },
      // The service judged it at the default (its clock for "now"); another time is judged here.
      resolve: (p, args) => (args.asOf ? isRectificationOverdue(p, args.asOf) : p.overdue),
    }),
    reports: t.field({ type: [RectificationReportType], resolve: (p) => p.reports }),
    rejections: t.field({ type: [RectificationRejectionType], resolve: (p) => p.rejections }),
    verifiedAt: t.field({ type: 'DateTime', nullable: true, description: '销号', resolve: (p) => p.verifiedAt }),
    verificationNote: t.exposeString('verificationNote', { nullable: true }),
    followUps: t.field({ type: [FollowUpType], resolve: (p) => p.followUps }),
    referredAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.referredAt }),
    case: t.field({ type: LedgerCaseType, nullable: true, resolve: (p) => p.case }),
    caseTransfers: t.field({ type: [LedgerCaseTransferType], resolve: (p) => p.caseTransfers }),
    awaitingPoliceTransfer: t.exposeBoolean('awaitingPoliceTransfer', {
      description: '移送公安 whose case is registered but not yet transferred to police: the case team proposes the CRIMINAL transfer',
    }),
  }),
});

// ---- progress -----------------------------------------------------------------------------------

const coverageFields = <T extends Coverage>(t: PothosSchemaTypes.ObjectFieldBuilder<Types, T>) => ({
  assigned: t.int({ resolve: (c) => c.assigned }),
  inspected: t.int({ resolve: (c) => c.inspected }),
  coverage: t.float({ nullable: true, description: 'inspected / assigned; null when nothing is assigned', resolve: (c) => c.coverage }),
});

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

const CoverageType = builder.objectRef<Coverage>('Coverage').implement({ fields: (t) => coverageFields(t) });

const GroupCoverageType = builder.objectRef<OperationProgress['byGroup'][number]>('GroupCoverage').implement({
  fields: (t) => ({ groupId: t.exposeID('groupId'), name: t.exposeString('name'), ...coverageFields(t) }),
});

const RegionCoverageType = builder.objectRef<OperationProgress['byRegion'][number]>('RegionCoverage').implement({
  description: 'Targets assigned and inspected in a region (as the plans publish them: 伊犁州1家)',
  fields: (t) => ({ regionCode: t.exposeString('regionCode'), ...coverageFields(t) }),
});

const PhaseCoverageType = builder.objectRef<OperationProgress['byPhase'][number]>('PhaseCoverage').implement({
  fields: (t) => ({
    phaseId: t.exposeID('phaseId'),
    kind: t.field({ type: OperationPhaseKindEnum, resolve: (p) => p.kind }),
    name: t.exposeString('name'),
    startsOn: t.exposeString('startsOn'),
    endsOn: t.exposeString('endsOn'),
    ...coverageFields(t),
    followUps: t.exposeInt('followUps', { description: 'FOLLOW_UP inspections that took place in the phase' }),
    problemsRegistered: t.exposeInt('problemsRegistered'),
  }),
});

const DispositionFiguresType = builder.objectRef<DispositionFigures>('DispositionFigures').implement({
  fields: (t) => ({
    disposition: t.field({ type: ProblemDispositionEnum, resolve: (d) => d.disposition }),
    label: t.string({ resolve: (d) => problemDispositionLabels[d.disposition] }),
    problems: t.exposeInt('problems'),
    closed: t.exposeInt('closed'),
  }),
});

const LedgerFiguresType = builder.objectRef<OperationProgress['ledger']>('LedgerFigures').implement({
  fields: (t) => ({
    problems: t.exposeInt('problems'),
    open: t.exposeInt('open'),
    reported: t.exposeInt('reported'),
    closed: t.exposeInt('closed'),
    closureRate: t.float({ nullable: true, description: '销号率: closed / problems; null when the ledger is empty', resolve: (l) => l.closureRate }),
    byDisposition: t.field({ type: [DispositionFiguresType], resolve: (l) => l.byDisposition }),
  }),
});

const OverdueRectificationType = builder.objectRef<OverdueRectification>('OverdueRectification').implement({
  fields: (t) => ({
    findingId: t.exposeID('findingId'),
    groupId: t.exposeID('groupId'),
    targetName: t.exposeString('targetName'),
    targetCreditCode: t.exposeString('targetCreditCode'),
    regionCode: t.exposeString('regionCode'),
    disposition: t.field({ type: ProblemDispositionEnum, resolve: (o) => o.disposition }),
    rectificationDueOn: t.exposeString('rectificationDueOn'),
    dueAt: t.field({ type: 'DateTime', resolve: (o) => o.dueAt }),
    daysOverdue: t.exposeInt('daysOverdue'),
    followUpScheduledOn: t.exposeString('followUpScheduledOn', { nullable: true, description: 'A 回头看 scheduled and not yet done' }),
    rejected: t.exposeBoolean('rejected'),
  }),
});

const InspectionCountsType = builder.objectRef<OperationProgress['inspections']>('InspectionCounts').implement({
  fields: (t) => ({ regular: t.exposeInt('regular'), followUps: t.exposeInt('followUps') }),
});
const FollowUpCountsType = builder.objectRef<OperationProgress['followUps']>('FollowUpCounts').implement({
  fields: (t) => ({ scheduled: t.exposeInt('scheduled'), done: t.exposeInt('done') }),
});
const CaseCountsType = builder.objectRef<OperationProgress['cases']>('OperationCaseCounts').implement({
  fields: (t) => ({
    referred: t.exposeInt('referred'),
    opened: t.exposeInt('opened'),
    transferredToPolice: t.exposeInt('transferredToPolice'),
  }),
});

const OperationProgressType = builder.objectRef<OperationProgress>('OperationProgress').implement({
  description:
    'Progress computed from the operation’s events up to asOf: coverage per group, region and phase, the ledger by ' +
    'disposition, the closure rate (销号率), overdue rectifications (judged at asOf)',
  fields: (t) => ({
    asOf: t.field({ type: 'DateTime', resolve: (p) => p.asOf }),
    status: t.field({ type: OperationStatusEnum, resolve: (p) => p.status }),
    targets: t.field({ type: CoverageType, resolve: (p) => p.targets }),
    byGroup: t.field({ type: [GroupCoverageType], resolve: (p) => p.byGroup }),
    byRegion: t.field({ type: [RegionCoverageType], resolve: (p) => p.byRegion }),
    byPhase: t.field({ type: [PhaseCoverageType], resolve: (p) => p.byPhase }),
    inspections: t.field({ type: InspectionCountsType, resolve: (p) => p.inspections }),
    findingsNotInLedger: t.exposeInt('findingsNotInLedger'),
    ledger: t.field({ type: LedgerFiguresType, resolve: (p) => p.ledger }),
    overdue: t.field({ type: [OverdueRectificationType], resolve: (p) => p.overdue }),
    followUps: t.field({ type: FollowUpCountsType, resolve: (p) => p.followUps }),
    cases: t.field({ type: CaseCountsType, resolve: (p) => p.cases }),
  }),
});

const RegionFiguresType = builder.objectRef<OperationFigures['byRegion'][number]>('RegionFigures').implement({
  fields: (t) => ({ regionCode: t.exposeString('regionCode'), assigned: t.exposeInt('assigned'), inspected: t.exposeInt('inspected') }),
});

const OperationFiguresType = builder.objectRef<OperationFigures>('OperationFigures').implement({
  description: 'The figures of the result report, computed from the events at the time of the report',
  fields: (t) => ({
    targetsAssigned: t.exposeInt('targetsAssigned'),
    targetsInspected: t.exposeInt('targetsInspected'),
    inspections: t.exposeInt('inspections'),
    followUps: t.exposeInt('followUps'),
    problems: t.exposeInt('problems'),
    problemsClosed: t.exposeInt('problemsClosed'),
    closureRate: t.float({ nullable: true, resolve: (f) => f.closureRate }),
    overdueRectifications: t.exposeInt('overdueRectifications'),
    byDisposition: t.field({ type: [DispositionFiguresType], resolve: (f) => f.byDisposition }),
    byRegion: t.field({ type: [RegionFiguresType], resolve: (f) => f.byRegion }),
    casesReferred: t.exposeInt('casesReferred'),
    casesOpened: t.exposeInt('casesOpened'),
  }),
});

const OperationReportType = builder.objectRef<NonNullable<OperationView['report']>>('OperationReport').implement({
  description: '结果报告纪委监委',
  fields: (t) => ({
    summary: t.exposeString('summary'),
    figures: t.field({ type: OperationFiguresType, resolve: (r) => r.figures }),
    toAgency: t.field({ type: AgencyType, resolve: (r, _a, ctx) => agency(ctx, r.toAgencyId) }),
    reportedAt: t.field({ type: 'DateTime', resolve: (r) => r.reportedAt }),
  }),
});

// ---- the operation ------------------------------------------------------------------------------

const LedgerFilterInput = builder.inputType('LedgerFilter', {
  fields: (t) => ({
    status: t.field({ type: [ProblemStatusEnum], required: false }),
    disposition: t.field({ type: [ProblemDispositionEnum], required: false }),
    groupId: t.id({ required: false }),
    overdueAsOf: t.field({ type: 'DateTime', required: false, description: 'Only rectifications overdue at this time' }),
  }),
});

export const OperationType = builder.objectRef<OperationNode>('Operation').implement({
  description:
    '专项整治: a joint operation led by one agency, now or as of a time (then its groups, inspections, ledger and ' +
    'progress are as they stood). Visible to the participating agencies, overseers of their region and admins.',
  fields: (t) => ({
    id: t.exposeID('id'),
    streamId: t.string({ description: 'operation-<id>: its audit trail', resolve: (o) => `operation-${o.id}` }),
    asOf: t.field({ type: 'DateTime', nullable: true, description: 'The time it is shown as of (null: now)', resolve: (o) => o.asOf }),
    version: t.int({ resolve: (o, _a, ctx) => summaryOr(o, ctx, (s) => s.version, (v) => v.version) }),
    status: t.field({ type: OperationStatusEnum, resolve: (o, _a, ctx) => summaryOr(o, ctx, (s) => s.status, (v) => v.status) }),
    statusLabel: t.string({
      resolve: async (o, _a, ctx) => operationStatusLabels[await summaryOr(o, ctx, (s) => s.status, (v) => v.status)],
    }),
    title: t.string({ resolve: (o, _a, ctx) => summaryOr(o, ctx, (s) => s.title, (v) => v.title) }),
    legalBasis: t.stringList({ resolve: async (o, _a, ctx) => (await viewOf(o, ctx)).legalBasis }),
    leadAgency: t.field({
      type: AgencyType,
      resolve: async (o, _a, ctx) => agency(ctx, await summaryOr(o, ctx, (s) => s.leadAgencyId, (v) => v.leadAgencyId)),
    }),
    participants: t.field({
      type: [AgencyType],
      description: 'Every participating agency, the lead agency first',
      resolve: async (o, _a, ctx) =>
        (await summaryOr(o, ctx, (s) => s.participantAgencyIds, (v) => v.participantAgencyIds)).map((id) => agency(ctx, id)),
    }),
    startsOn: t.string({ resolve: (o, _a, ctx) => summaryOr(o, ctx, (s) => s.startsOn, (v) => v.startsOn) }),
    endsOn: t.string({ resolve: (o, _a, ctx) => summaryOr(o, ctx, (s) => s.endsOn, (v) => v.endsOn) }),
    phases: t.field({ type: [OperationPhaseType], resolve: async (o, _a, ctx) => (await viewOf(o, ctx)).phases }),
    focusItems: t.field({ type: [FocusItemType], resolve: async (o, _a, ctx) => (await viewOf(o, ctx)).focusItems }),
    leadingGroup: t.field({ type: LeadingGroupType, resolve: async (o, _a, ctx) => (await viewOf(o, ctx)).leadingGroup }),
    office: t.field({ type: OperationOfficeType, resolve: async (o, _a, ctx) => (await viewOf(o, ctx)).office }),
    duties: t.field({ type: [DutyType], resolve: async (o, _a, ctx) => (await viewOf(o, ctx)).duties }),
    resultRecipient: t.field({
      type: AgencyType,
      description: 'The discipline commission the result is reported to',
      resolve: async (o, _a, ctx) => agency(ctx, (await viewOf(o, ctx)).resultRecipientAgencyId),
    }),
    groups: t.field({
      type: [InspectionGroupType],
      resolve: async (o, _a, ctx) => {
        const view = await viewOf(o, ctx);
        return view.groups.map((g) => ({ ...g, phase: view.phases.find((p) => p.phaseId === g.phaseId) ?? null }));
      },
    }),
    unassignedTargets: t.field({
      type: [OperationTargetType],
      nullable: true,
      description: 'Register targets assigned to no group yet: for those who assign them (the lead agency’s head, the office); null for others',
      resolve: async (o, _a, ctx) => (await viewOf(o, ctx)).unassignedTargets,
    }),
    inspections: t.field({
      type: [InspectionType],
      resolve: (o, _a, ctx) => ctx.platform.operations.inspections(o.id, authOf(ctx), o.asOf ?? undefined),
    }),
    ledger: t.field({
      type: [LedgerEntryType],
      description: '问题台账, filtered',
      args: { filter: t.arg({ type: LedgerFilterInput, required: false }) },
      resolve: async (o, args, ctx) => {
        const filter = args.filter ?? {};
        return ctx.platform.operations.ledger(
          o.id,
          {
            ...(filter.status?.length ? { status: filter.status } : {}),
            ...(filter.disposition?.length ? { disposition: filter.disposition } : {}),
            ...(filter.groupId ? { groupId: String(filter.groupId) } : {}),
            ...(filter.overdueAsOf ? { overdueAsOf: filter.overdueAsOf } : {}),
            ...(o.asOf ? { asOf: o.asOf } : {}),
          },
          authOf(ctx),
        );
      },
    }),
    progress: t.field({
      type: OperationProgressType,
      description: 'As of `asOf` (default: the operation’s asOf, else now)',
      args: { asOf: t.arg({ type: 'DateTime', required: false }) },
      resolve: (o, args, ctx) => ctx.platform.operations.progress(o.id, args.asOf ?? o.asOf ?? undefined, authOf(ctx)),
    }),
    plannedAt: t.field({ type: 'DateTime', resolve: (o, _a, ctx) => summaryOr(o, ctx, (s) => s.plannedAt, (v) => v.plannedAt) }),
    launchedAt: t.field({ type: 'DateTime', nullable: true, resolve: async (o, _a, ctx) => (await viewOf(o, ctx)).launchedAt }),
    report: t.field({ type: OperationReportType, nullable: true, resolve: async (o, _a, ctx) => (await viewOf(o, ctx)).report }),
    closedAt: t.field({ type: 'DateTime', nullable: true, resolve: async (o, _a, ctx) => (await viewOf(o, ctx)).closedAt }),
    closeReason: t.string({ nullable: true, resolve: async (o, _a, ctx) => (await viewOf(o, ctx)).closeReason }),
  }),
});

builder.queryField('operation', (t) =>
  t.field({
    type: OperationType,
    nullable: true,
    authScopes: { authenticated: true },
    description:
      'A joint operation (专项整治) now, or as of a time (rebuilt from its events up to asOf). ' +
      'Null when absent or not yours to read: its existence is not public.',
    args: { id: t.arg.id({ required: true }), asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const view = await orNull(ctx.platform.operations.operation(id, args.asOf ?? undefined, authOf(ctx)));
      return view ? { id, asOf: args.asOf ?? null, summary: null, view } : null;
    },
  }),
);

builder.queryField('operations', (t) =>
  t.field({
    type: [OperationType],
    authScopes: { authenticated: true },
    description: 'The operations you may read (participants, overseers of their region, admins), newest first',
    args: { status: t.arg({ type: [OperationStatusEnum], required: false }) },
    resolve: async (_root, args, ctx) => {
      const list = await ctx.platform.operations.operations(args.status?.length ? { status: args.status } : {}, authOf(ctx));
      return list.map((summary) => ({ id: summary.operationId, asOf: null, summary, view: null }));
    },
  }),
);

// ---- Case.origin --------------------------------------------------------------------------------

const CaseOriginType = builder.objectRef<{ operationId: string; findingId: string }>('CaseOrigin').implement({
  description: 'The operation finding (立案查处, 移送公安) that opened the case',
  fields: (t) => ({
    operationId: t.exposeID('operationId'),
    findingId: t.exposeID('findingId'),
    operation: t.field({
      type: OperationType,
      nullable: true,
      description: 'Null when you may not read the operation',
      resolve: async (origin, _a, ctx) => {
        const view = await orNull(ctx.platform.operations.operation(origin.operationId, undefined, authOf(ctx)));
        return view ? { id: origin.operationId, asOf: null, summary: null, view } : null;
      },
    }),
  }),
});

builder.objectField(CaseType, 'origin', (t) =>
  t.field({
    type: CaseOriginType,
    nullable: true,
    description: 'The joint operation finding that opened this case, if one did',
    resolve: async (c, _a, ctx) => {
      const state = c.state ?? (await ctx.platform.cases.caseAsOf(c.id, undefined, authOf(ctx)))?.state;
      return state && state.status !== 'NONE' ? (state.origin ?? null) : null;
    },
  }),
);

// ---- mutations ----------------------------------------------------------------------------------

const commandFields = (t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) => ({
  commandId: t.id({ required: false, description: 'For an idempotent retry: the same commandId never appends twice' }),
  operationId: t.id({ required: true }),
  expectedVersion: t.int({ required: false, description: '`Operation.version`; CONFLICT when it moved on' }),
});

const OperationPersonInputType = builder.inputType('OperationPersonInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    agencyId: t.id({ required: true, description: 'A participating agency' }),
    title: t.string({ required: true, description: '职务' }),
    userId: t.id({ required: false, description: 'The person’s platform account: what lets a member see its group’s targets and act' }),
    phone: t.string({ required: false, description: 'Required for a group’s deputy (联络员)' }),
  }),
});

const OperationPhaseInputType = builder.inputType('OperationPhaseInput', {
  fields: (t) => ({
    kind: t.field({ type: OperationPhaseKindEnum, required: true }),
    name: t.string({ required: false, description: 'Default: the kind’s label (自查自纠, 监督检查, …)' }),
    startsOn: t.string({ required: true, description: 'YYYY-MM-DD' }),
    endsOn: t.string({ required: true, description: 'YYYY-MM-DD' }),
  }),
});

const FocusItemInputType = builder.inputType('FocusItemInput', {
  fields: (t) => ({ title: t.string({ required: true }), legalBasis: t.string({ required: false }) }),
});

const LeadingGroupInputType = builder.inputType('LeadingGroupInput', {
  fields: (t) => ({
    leader: t.field({ type: OperationPersonInputType, required: true }),
    deputies: t.field({ type: [OperationPersonInputType], required: false }),
    members: t.field({ type: [OperationPersonInputType], required: false }),
  }),
});

const OperationOfficeInputType = builder.inputType('OperationOfficeInput', {
  fields: (t) => ({
    hostUnit: t.string({ required: true, description: 'e.g. 药品生产监督管理处' }),
    director: t.field({ type: OperationPersonInputType, required: true }),
    members: t.field({ type: [OperationPersonInputType], required: false }),
  }),
});

const OperationDutyInputType = builder.inputType('OperationDutyInput', {
  fields: (t) => ({ unit: t.string({ required: true }), agencyId: t.id({ required: true }), duty: t.string({ required: true }) }),
});

const OperationTargetInputType = builder.inputType('OperationTargetInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    creditCode: t.string({ required: true, description: '统一社会信用代码 (GB 32100)' }),
    regionCode: t.string({ required: true }),
  }),
});

const PlanOperationInputType = builder.inputType('PlanOperationInput', {
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

const OperationStepInputType = builder.inputType('OperationStepInput', {
  fields: (t) => ({ ...commandFields(t), reason: t.string({ required: false }) }),
});

const FormInspectionGroupInputType = builder.inputType('FormInspectionGroupInput', {
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

const AssignedTargetInputType = builder.inputType('AssignedTargetInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    creditCode: t.string({ required: true }),
    regionCode: t.string({ required: true }),
    plannedOn: t.string({ required: false, description: 'The planned day, within the group’s period' }),
  }),
});

const AssignTargetsInputType = builder.inputType('AssignTargetsInput', {
  fields: (t) => ({
    ...commandFields(t),
    groupId: t.id({ required: true }),
    targets: t.field({ type: [AssignedTargetInputType], required: true }),
  }),
});

const ChecklistEntryInputType = builder.inputType('ChecklistEntryInput', {
  fields: (t) => ({
    itemId: t.id({ required: true }),
    result: t.field({ type: ChecklistResultEnum, required: true }),
    note: t.string({ required: false }),
  }),
});

const FindingInputType = builder.inputType('FindingInput', {
  fields: (t) => ({
    description: t.string({ required: true }),
    focusItemIds: t.idList({ required: true }),
    violations: t.stringList({ required: false }),
  }),
});

const RecordInspectionInputType = builder.inputType('RecordInspectionInput', {
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
  }),
});

const RegisterProblemInputType = builder.inputType('RegisterProblemInput', {
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

const ReportRectificationInputType = builder.inputType('ReportRectificationInput', {
  fields: (t) => ({ ...commandFields(t), findingId: t.id({ required: true }), summary: t.string({ required: true }) }),
});

const VerifyRectificationInputType = builder.inputType('VerifyRectificationInput', {
  fields: (t) => ({
    ...commandFields(t),
    findingId: t.id({ required: true }),
    accepted: t.boolean({ required: true, description: 'true: 销号; false: not 到位, the problem reopens (note required)' }),
    note: t.string({ required: false }),
    newDueOn: t.string({ required: false, description: 'On rejection: a new due date' }),
  }),
});

const ScheduleFollowUpInputType = builder.inputType('ScheduleFollowUpInput', {
  fields: (t) => ({
    ...commandFields(t),
    findingId: t.id({ required: true }),
    scheduledOn: t.string({ required: true }),
    reason: t.string({ required: false }),
  }),
});

const ReportResultInputType = builder.inputType('ReportResultInput', {
  fields: (t) => ({ ...commandFields(t), summary: t.string({ required: true }) }),
});

/** GraphQL sends null for an omitted optional in some clients; the contracts treat both as absent. */
const withoutNulls = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]),
    );
  }
  return value;
};

type AnyOperationInput =
  | typeof PlanOperationInputType
  | typeof OperationStepInputType
  | typeof FormInspectionGroupInputType
  | typeof AssignTargetsInputType
  | typeof RecordInspectionInputType
  | typeof RegisterProblemInputType
  | typeof ReportRectificationInputType
  | typeof VerifyRectificationInputType
  | typeof ScheduleFollowUpInputType
  | typeof ReportResultInputType;

const operationMutation = (name: OperationCommandName, input: AnyOperationInput, schema: z.ZodType, description: string) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: OperationType,
      description,
      // The service checks the party (auth's operationCommandRoles: lead head, office, group) and says who may.
      authScopes: { authenticated: true },
      args: {
        input: t.arg({ type: input as typeof OperationStepInputType, required: true, validate: z.preprocess(withoutNulls, schema) }),
      },
      resolve: async (_root, args, ctx) => {
        const snapshot = await ctx.platform.operations.execute(name, withoutNulls(args.input), authOf(ctx)).catch((error: unknown) => {
          // The service names fields relative to its input; GraphQL callers see them under `input`.
          if (error instanceof ValidationError) {
            throw new ValidationError(error.issues.map((i) => ({ ...i, path: i.path ? `input.${i.path}` : 'input' })));
          }
          throw error;
        });
        return { id: snapshot.operationId, asOf: null, summary: null, view: snapshot.operation };
      },
    }),
  );

operationMutation('planOperation', PlanOperationInputType, PlanOperationInput, '制定工作方案: plan an operation your agency leads (supervisor)');
operationMutation(
  'formInspectionGroup',
  FormInspectionGroupInputType,
  FormInspectionGroupInput,
  '混编成组: form an inspection group across agencies (lead agency’s supervisor or the office)',
);
operationMutation('assignTargets', AssignTargetsInputType, AssignTargetsInput, '分配检查对象: assign targets to a group (lead agency’s supervisor or the office)');
operationMutation('launchOperation', OperationStepInputType, OperationStepInput, '部署: launch once every target has its group (lead agency’s supervisor)');
operationMutation('recordInspection', RecordInspectionInputType, RecordInspectionInput, '记录检查: record an inspection with its checklist and findings (the group)');
operationMutation('registerProblem', RegisterProblemInputType, RegisterProblemInput, '登记问题台账: enter a finding with its disposition and due date (the group)');
operationMutation('reportRectification', ReportRectificationInputType, ReportRectificationInput, '报送整改: report a rectification (the group)');
operationMutation(
  'verifyRectification',
  VerifyRectificationInputType,
  VerifyRectificationInput,
  '核查销号: accept (销号) or reject a reported rectification (the group’s leader or deputy)',
);
operationMutation(
  'scheduleFollowUp',
  ScheduleFollowUpInputType,
  ScheduleFollowUpInput,
  '回头看: schedule a follow-up of an overdue or rejected rectification (the group’s leader or deputy, or the office)',
);
operationMutation('reportResult', ReportResultInputType, ReportResultInput, '结果报告纪委监委: report the result with its figures (lead agency’s supervisor)');
operationMutation('closeOperation', OperationStepInputType, OperationStepInput, '结束: close after the report; a reason while problems are open (lead agency’s supervisor)');
