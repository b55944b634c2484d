import { operationStatusLabels } from '@xianjie/contracts';
import { builder } from '../../builder.ts';
import { authOf } from '../common/callerAuth.ts';
import { AgencyType, agency } from '../common/types.ts';
import { InspectionType, LedgerEntryType, SelfInspectionType } from './ledgerTypes.ts';
import { summaryOr, viewOf, type OperationNode } from './operationNode.ts';
import { OperationProgressType, OperationReportType } from './progressTypes.ts';
import {
  DutyType,
  FocusItemType,
  InspectionGroupType,
  LeadingGroupType,
  OperationOfficeType,
  OperationPhaseType,
  OperationStatusEnum,
  OperationTargetType,
  ProblemDispositionEnum,
  ProblemStatusEnum,
} from './types.ts';

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
    selfInspections: t.field({
      type: [SelfInspectionType],
      description: '自查自纠 reports received, of the targets you may see (四不两直)',
      resolve: async (o, _a, ctx) => (await viewOf(o, ctx)).selfInspections,
    }),
    selfInspectionsMissing: t.field({
      type: [OperationTargetType],
      description: 'Targets without a 自查自纠 report, of those you may see (the office sees them all)',
      resolve: async (o, _a, ctx) => (await viewOf(o, ctx)).selfInspectionsMissing,
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
