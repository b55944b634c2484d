import { problemDispositionLabels, reportGradeLabels } from '@xianjie/contracts';
import type { DispositionFigures, OperationFigures } from '@xianjie/contracts';
import type { Coverage, OperationProgress, OverdueRectification } from '@xianjie/domain';
import type { OperationView } from '@xianjie/operations';
import { builder } from '../../builder.ts';
import type { SchemaTypes } from '../common/schemaTypes.ts';
import { AgencyType, agency } from '../common/types.ts';
import { OperationPhaseKindEnum, OperationStatusEnum, ProblemDispositionEnum, ReportGradeEnum } from './types.ts';

const coverageFields = <T extends Coverage>(t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, T>) => ({
  assigned: t.int({ resolve: (c) => c.assigned }),
  inspected: t.int({ resolve: (c) => c.inspected }),
  coverage: t.float({ nullable: true, description: 'inspected / assigned; null when nothing is assigned', resolve: (c) => c.coverage }),
});

export const CoverageType = builder.objectRef<Coverage>('Coverage').implement({ fields: (t) => coverageFields(t) });

export const GroupCoverageType = builder.objectRef<OperationProgress['byGroup'][number]>('GroupCoverage').implement({
  fields: (t) => ({ groupId: t.exposeID('groupId'), name: t.exposeString('name'), ...coverageFields(t) }),
});

export const RegionCoverageType = builder.objectRef<OperationProgress['byRegion'][number]>('RegionCoverage').implement({
  description: 'Targets assigned and inspected in a region (as the plans publish them: 伊犁州1家)',
  fields: (t) => ({ regionCode: t.exposeString('regionCode'), ...coverageFields(t) }),
});

export const PhaseCoverageType = builder.objectRef<OperationProgress['byPhase'][number]>('PhaseCoverage').implement({
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

export const DispositionFiguresType = builder.objectRef<DispositionFigures>('DispositionFigures').implement({
  fields: (t) => ({
    disposition: t.field({ type: ProblemDispositionEnum, resolve: (d) => d.disposition }),
    label: t.string({ resolve: (d) => problemDispositionLabels[d.disposition] }),
    problems: t.exposeInt('problems'),
    closed: t.exposeInt('closed'),
  }),
});

export const LedgerFiguresType = builder.objectRef<OperationProgress['ledger']>('LedgerFigures').implement({
  fields: (t) => ({
    problems: t.exposeInt('problems'),
    open: t.exposeInt('open'),
    reported: t.exposeInt('reported'),
    closed: t.exposeInt('closed'),
    relapses: t.exposeInt('relapses', { description: '反弹: times a 回头看 found a closed problem back' }),
    relapsedProblems: t.exposeInt('relapsedProblems', { description: 'Problems that relapsed at least once' }),
    closureRate: t.float({ nullable: true, description: '销号率: closed / problems; null when the ledger is empty', resolve: (l) => l.closureRate }),
    byDisposition: t.field({ type: [DispositionFiguresType], resolve: (l) => l.byDisposition }),
  }),
});

export const OverdueRectificationType = builder.objectRef<OverdueRectification>('OverdueRectification').implement({
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

export const InspectionCountsType = builder.objectRef<OperationProgress['inspections']>('InspectionCounts').implement({
  fields: (t) => ({ regular: t.exposeInt('regular'), followUps: t.exposeInt('followUps') }),
});
export const FollowUpCountsType = builder.objectRef<OperationProgress['followUps']>('FollowUpCounts').implement({
  fields: (t) => ({ scheduled: t.exposeInt('scheduled'), done: t.exposeInt('done') }),
});
export const CaseCountsType = builder.objectRef<OperationProgress['cases']>('OperationCaseCounts').implement({
  fields: (t) => ({
    referred: t.exposeInt('referred'),
    opened: t.exposeInt('opened'),
    transferredToPolice: t.exposeInt('transferredToPolice'),
  }),
});

export const SelfInspectionProgressType = builder.objectRef<NonNullable<OperationProgress['selfInspection']>>('SelfInspectionProgress').implement({
  description: '自查自纠, counted over the whole register (the targets missing are listed in Operation.selfInspectionsMissing to those who may see them)',
  fields: (t) => ({
    dueAt: t.field({ type: 'DateTime', description: '24:00 Beijing time of the 自查自纠 phase’s last day', resolve: (s) => s.dueAt }),
    due: t.exposeBoolean('due', { description: 'asOf is past dueAt' }),
    targets: t.exposeInt('targets'),
    reported: t.exposeInt('reported'),
    late: t.exposeInt('late', { description: 'Reported after dueAt' }),
    missing: t.exposeInt('missing'),
    itemsFound: t.exposeInt('itemsFound'),
    itemsRectified: t.exposeInt('itemsRectified'),
  }),
});

export const OperationProgressType = builder.objectRef<OperationProgress>('OperationProgress').implement({
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
    selfInspection: t.field({
      type: SelfInspectionProgressType,
      nullable: true,
      description: 'Null when the plan has no 自查自纠 phase',
      resolve: (p) => p.selfInspection,
    }),
    overdue: t.field({ type: [OverdueRectificationType], resolve: (p) => p.overdue }),
    followUps: t.field({ type: FollowUpCountsType, resolve: (p) => p.followUps }),
    cases: t.field({ type: CaseCountsType, resolve: (p) => p.cases }),
  }),
});

export const RegionFiguresType = builder.objectRef<OperationFigures['byRegion'][number]>('RegionFigures').implement({
  fields: (t) => ({ regionCode: t.exposeString('regionCode'), assigned: t.exposeInt('assigned'), inspected: t.exposeInt('inspected') }),
});

export const OperationFiguresType = builder.objectRef<OperationFigures>('OperationFigures').implement({
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
    relapses: t.exposeInt('relapses', { description: '反弹 found by 回头看 (0 in reports made before they were counted)' }),
    selfInspectionsReported: t.exposeInt('selfInspectionsReported'),
    selfInspectionsMissing: t.exposeInt('selfInspectionsMissing'),
  }),
});

type Report = NonNullable<OperationView['report']>;

export const ReportReviewerType = builder.objectRef<{ userId: string; name: string }>('ReportReviewer').implement({
  fields: (t) => ({ userId: t.exposeID('userId'), name: t.exposeString('name') }),
});

export const ReportAcknowledgementType = builder.objectRef<NonNullable<Report['acknowledgement']>>('ReportAcknowledgement').implement({
  description: '签收 by the commission',
  fields: (t) => ({
    agency: t.field({ type: AgencyType, resolve: (a, _x, ctx) => agency(ctx, a.agencyId) }),
    by: t.field({ type: ReportReviewerType, resolve: (a) => a.by }),
    note: t.exposeString('note', { nullable: true }),
    acknowledgedAt: t.field({ type: 'DateTime', resolve: (a) => a.acknowledgedAt }),
  }),
});

export const ReportEvaluationType = builder.objectRef<NonNullable<Report['evaluation']>>('ReportEvaluation').implement({
  description: '检查评估 by the commission',
  fields: (t) => ({
    agency: t.field({ type: AgencyType, resolve: (e, _x, ctx) => agency(ctx, e.agencyId) }),
    by: t.field({ type: ReportReviewerType, resolve: (e) => e.by }),
    grade: t.field({ type: ReportGradeEnum, resolve: (e) => e.grade }),
    gradeLabel: t.string({ resolve: (e) => reportGradeLabels[e.grade] }),
    evaluation: t.exposeString('evaluation'),
    evaluatedAt: t.field({ type: 'DateTime', resolve: (e) => e.evaluatedAt }),
  }),
});

export const OperationReportType = builder.objectRef<NonNullable<OperationView['report']>>('OperationReport').implement({
  description: '结果报告纪委监委',
  fields: (t) => ({
    summary: t.exposeString('summary'),
    figures: t.field({ type: OperationFiguresType, resolve: (r) => r.figures }),
    toAgency: t.field({ type: AgencyType, resolve: (r, _a, ctx) => agency(ctx, r.toAgencyId) }),
    reportedAt: t.field({ type: 'DateTime', resolve: (r) => r.reportedAt }),
    acknowledgement: t.field({ type: ReportAcknowledgementType, nullable: true, resolve: (r) => r.acknowledgement ?? null }),
    evaluation: t.field({ type: ReportEvaluationType, nullable: true, resolve: (r) => r.evaluation ?? null }),
  }),
});
