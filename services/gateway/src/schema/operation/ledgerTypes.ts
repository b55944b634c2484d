import {
  verificationMethodLabels,
  checklistResultLabels,
  inspectionKindLabels,
  problemDispositionLabels,
  problemStatusLabels,
  suspendedActivityLabels,
} from '@xianjie/contracts';
import { isRectificationOverdue } from '@xianjie/domain';
import type { InspectionView, ProblemView, SelfInspectionView } from '@xianjie/operations';
import { builder } from '../../builder.ts';
import { AgencyType, agency } from '../common/types.ts';
import { TransferKindEnum } from '../transfer/types.ts';
import {
  ChecklistResultEnum,
  InspectionKindEnum,
  OperationPersonType,
  ProblemDispositionEnum,
  ProblemStatusEnum,
  SuspendedActivityEnum,
  VerificationMethodEnum,
} from './types.ts';

export const ChecklistEntryType = builder.objectRef<InspectionView['checklist'][number]>('ChecklistEntry').implement({
  fields: (t) => ({
    itemId: t.exposeID('itemId'),
    result: t.field({ type: ChecklistResultEnum, resolve: (e) => e.result }),
    resultLabel: t.string({ resolve: (e) => checklistResultLabels[e.result] }),
    note: t.exposeString('note', { nullable: true }),
  }),
});

export const FindingType = builder.objectRef<InspectionView['findings'][number]>('InspectionFinding').implement({
  description: 'A finding of an inspection; its id is its problem-ledger id once registered',
  fields: (t) => ({
    id: t.exposeID('findingId', { description: 'I1-F1, …' }),
    description: t.exposeString('description'),
    focusItemIds: t.exposeIDList('focusItemIds'),
    violations: t.exposeStringList('violations'),
  }),
});

export const InspectionType = builder.objectRef<InspectionView>('Inspection').implement({
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

export const RectificationReportType = builder.objectRef<ProblemView['reports'][number]>('RectificationReport').implement({
  description: '整改报告',
  fields: (t) => ({
    summary: t.exposeString('summary'),
    reportedAt: t.field({ type: 'DateTime', resolve: (r) => r.reportedAt }),
  }),
});

export const RectificationRejectionType = builder.objectRef<ProblemView['rejections'][number]>('RectificationRejection').implement({
  description: 'A rectification found not 到位 on verification',
  fields: (t) => ({
    reason: t.exposeString('reason'),
    newDueOn: t.exposeString('newDueOn', { nullable: true }),
    rejectedAt: t.field({ type: 'DateTime', resolve: (r) => r.rejectedAt }),
  }),
});

export const FollowUpType = builder.objectRef<ProblemView['followUps'][number]>('FollowUp').implement({
  description: '回头看: scheduled, and done once a FOLLOW_UP inspection checked it',
  fields: (t) => ({
    scheduledOn: t.exposeString('scheduledOn'),
    reason: t.exposeString('reason', { nullable: true }),
    scheduledAt: t.field({ type: 'DateTime', resolve: (f) => f.scheduledAt }),
    inspectionId: t.exposeID('inspectionId', { nullable: true }),
    inspectedAt: t.field({ type: 'DateTime', nullable: true, resolve: (f) => f.inspectedAt }),
  }),
});

export const LedgerCaseType = builder.objectRef<NonNullable<ProblemView['case']>>('LedgerCase').implement({
  description: 'The case a finding opened (立案查处, 移送公安), registered by the handling agency',
  fields: (t) => ({
    caseId: t.exposeID('caseId', { description: 'Read it with `case(id)` (the handling agency and its overseers)' }),
    caseNumber: t.exposeString('caseNumber'),
    agency: t.field({ type: AgencyType, resolve: (c, _a, ctx) => agency(ctx, c.agencyId) }),
    registeredAt: t.field({ type: 'DateTime', resolve: (c) => c.registeredAt }),
  }),
});

export const LedgerCaseTransferType = builder.objectRef<ProblemView['caseTransfers'][number]>('LedgerCaseTransfer').implement({
  description: 'A transfer of the finding’s case (e.g. CRIMINAL to police, 行刑衔接)',
  fields: (t) => ({
    transferId: t.exposeID('transferId'),
    kind: t.field({ type: TransferKindEnum, resolve: (x) => x.kind }),
    toAgency: t.field({ type: AgencyType, resolve: (x, _a, ctx) => agency(ctx, x.toAgencyId) }),
    transferredAt: t.field({ type: 'DateTime', resolve: (x) => x.transferredAt }),
  }),
});

export const SelfInspectionItemType = builder.objectRef<SelfInspectionView['items'][number]>('SelfInspectionItem').implement({
  fields: (t) => ({
    description: t.exposeString('description'),
    focusItemIds: t.exposeIDList('focusItemIds'),
    rectified: t.exposeBoolean('rectified'),
    measures: t.exposeString('measures', { nullable: true, description: '整改措施' }),
  }),
});

export const SelfInspectionType = builder.objectRef<SelfInspectionView>('SelfInspectionReport').implement({
  description: '自查自纠: a target facility’s self-inspection report, as the office recorded it',
  fields: (t) => ({
    targetName: t.exposeString('targetName'),
    targetCreditCode: t.exposeString('targetCreditCode'),
    regionCode: t.exposeString('regionCode'),
    groupId: t.exposeID('groupId', { nullable: true }),
    submittedAt: t.field({ type: 'DateTime', resolve: (r) => r.submittedAt }),
    late: t.exposeBoolean('late', { description: 'Submitted after 24:00 of the 自查自纠 phase’s last day' }),
    items: t.field({ type: [SelfInspectionItemType], resolve: (r) => r.items }),
    summary: t.exposeString('summary'),
    signedByName: t.string({ resolve: (r) => r.signedBy.name }),
    signedByTitle: t.string({ resolve: (r) => r.signedBy.title }),
    recordedAt: t.field({ type: 'DateTime', resolve: (r) => r.recordedAt }),
  }),
});

export const VerificationOpinionType = builder.objectRef<NonNullable<ProblemView['verificationOpinion']>>('VerificationOpinion').implement({
  description: '核查意见 behind a 销号: 谁检查、谁签名、谁负责',
  fields: (t) => ({
    checkedBy: t.field({ type: [OperationPersonType], description: '谁检查', resolve: (o) => o.checkedBy }),
    checkedAt: t.field({ type: 'DateTime', resolve: (o) => o.checkedAt }),
    method: t.field({ type: VerificationMethodEnum, resolve: (o) => o.method }),
    methodLabel: t.string({ resolve: (o) => verificationMethodLabels[o.method] }),
    findings: t.exposeString('findings', { description: '核查情况' }),
    signedBy: t.field({ type: [OperationPersonType], description: '谁签名', resolve: (o) => o.signedBy }),
    responsible: t.field({ type: OperationPersonType, description: '谁负责', resolve: (o) => o.responsible }),
  }),
});

export const RelapseType = builder.objectRef<ProblemView['relapses'][number]>('ProblemRelapse').implement({
  description: '反弹: a 回头看 found the closed problem back; it reopened',
  fields: (t) => ({
    inspectionId: t.exposeID('inspectionId', { description: 'The FOLLOW_UP inspection that found it' }),
    description: t.exposeString('description'),
    rectificationDueOn: t.exposeString('rectificationDueOn'),
    relapsedAt: t.field({ type: 'DateTime', resolve: (r) => r.relapsedAt }),
    closedAt: t.field({ type: 'DateTime', nullable: true, description: 'The 销号 it undid', resolve: (r) => r.closedAt }),
    closureOpinion: t.field({
      type: VerificationOpinionType,
      nullable: true,
      description: 'The 核查意见 of the 销号 it undid: who signed and answers for it (谁负责)',
      resolve: (r) => r.closureOpinion,
    }),
  }),
});

export const LedgerEntryType = builder.objectRef<ProblemView>('LedgerEntry').implement({
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
    verificationOpinion: t.field({
      type: VerificationOpinionType,
      nullable: true,
      description: '核查意见 of the last 销号 (null before one, or for a 销号 recorded before it was required)',
      resolve: (p) => p.verificationOpinion,
    }),
    relapses: t.field({ type: [RelapseType], description: '反弹, each time a 回头看 found it back', resolve: (p) => p.relapses }),
    followUps: t.field({ type: [FollowUpType], resolve: (p) => p.followUps }),
    referredAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.referredAt }),
    case: t.field({ type: LedgerCaseType, nullable: true, resolve: (p) => p.case }),
    caseTransfers: t.field({ type: [LedgerCaseTransferType], resolve: (p) => p.caseTransfers }),
    awaitingPoliceTransfer: t.exposeBoolean('awaitingPoliceTransfer', {
      description: '移送公安 whose case is registered but not yet transferred to police: the case team proposes the CRIMINAL transfer',
    }),
  }),
});
