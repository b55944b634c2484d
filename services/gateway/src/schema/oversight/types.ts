import { repeatOffenderPolicy } from '@xianjie/contracts';
import type { PenaltyInsteadOfTransferRow, RepeatOffenderRow } from '@xianjie/discipline-inspection';
import { builder } from '../../builder.ts';
import { AgencyType } from '../common/types.ts';
import { CaseWarningDetailType, RecordedHarmFactType } from '../case/types.ts';

const PenaltyInsteadOfTransferType = builder.objectRef<PenaltyInsteadOfTransferRow>('PenaltyInsteadOfTransferWarning').implement({
  description:
    '以罚代刑预警: a penalty was decided (from the decision on, closed or not) although the facts meet a criminal threshold, ' +
    'and the case was not transferred to police',
  fields: (t) => ({
    caseId: t.exposeID('caseId'),
    number: t.exposeString('number'),
    agency: t.field({ type: AgencyType, resolve: (r, _a, ctx) => ctx.platform.directory.require(r.agencyId) }),
    subjectName: t.exposeString('subjectName'),
    violations: t.exposeStringList('violations'),
    amountInvolvedFen: t.int({ nullable: true, resolve: (r) => r.amountInvolvedFen }),
    unsoldGoodsValueFen: t.int({ nullable: true, description: '货值金额 of unsold goods (fen)', resolve: (r) => r.unsoldGoodsValueFen ?? null }),
    illegalGainsFen: t.int({ nullable: true, description: '违法所得 (fen)', resolve: (r) => r.illegalGainsFen ?? null }),
    harmFacts: t.field({ type: [RecordedHarmFactType], resolve: (r) => r.harmFacts ?? [] }),
    decidedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the penalty was decided', resolve: (r) => r.decidedAt ?? null }),
    closedAt: t.field({ type: 'DateTime', nullable: true, description: 'Null while the case is open', resolve: (r) => r.closedAt }),
    warningDetails: t.field({
      type: [CaseWarningDetailType],
      description: 'Each threshold rule the case meets, with its legal source',
      resolve: (r) => r.warningDetails ?? [],
    }),
  }),
});

const RepeatOffenderType = builder.objectRef<RepeatOffenderRow>('RepeatOffender').implement({
  description: '屡查屡犯: a subject with several penalty decisions within the window, across agencies',
  fields: (t) => ({
    subjectRef: t.exposeString('subjectRef', { description: 'HMAC-SHA256 of the subject identity under the platform’s key; the ID number itself stays with the owning agency' }),
    subjectName: t.exposeString('subjectName'),
    decisions: t.exposeInt('decisions'),
    agencies: t.field({ type: [AgencyType], resolve: (r, _a, ctx) => r.agencyIds.map((id) => ctx.platform.directory.require(id)) }),
    caseIds: t.exposeIDList('caseIds'),
    lastDecidedAt: t.field({ type: 'DateTime', resolve: (r) => r.lastDecidedAt }),
  }),
});

export const OversightType = builder.objectRef<Record<string, never>>('Oversight').implement({
  description: '纪委监委 oversight views over the agencies in the reader’s region and below',
  // Every view needs the overseer role unless a field says otherwise (挂牌督办's list is also the commission heads').
  authScopes: { overseer: true },
  fields: (t) => ({
    penaltyInsteadOfTransfer: t.field({
      type: [PenaltyInsteadOfTransferType],
      description:
        '以罚代刑 warnings of the agencies in your region and below. 查询留痕: rows about a person (个人信息) are recorded first; ' +
        'when they cannot be recorded the read fails (SERVICE_UNAVAILABLE).',
      resolve: async (_o, _a, ctx) => {
        // The commission's service records the read (查询留痕) before it answers.
        return ctx.platform.oversight.penaltyInsteadOfTransfer(ctx.principal!, ctx.token, ctx.correlationId);
      },
    }),
    repeatOffenders: t.field({
      type: [RepeatOffenderType],
      args: {
        windowDays: t.arg.int({ required: false, defaultValue: repeatOffenderPolicy.windowDays }),
        minViolations: t.arg.int({ required: false, defaultValue: repeatOffenderPolicy.minViolations }),
        asOf: t.arg({ type: 'DateTime', required: false }),
      },
      description:
        '屡查屡犯: subjects with several penalty decisions in the window, across agencies. 查询留痕: rows about a person (个人信息) ' +
        'are recorded first; when they cannot be recorded the read fails (SERVICE_UNAVAILABLE).',
      resolve: async (_o, args, ctx) => {
        // The commission's service records the read (查询留痕) before it answers.
        return ctx.platform.oversight.repeatOffenders(ctx.principal!, ctx.token, ctx.correlationId, {
          windowDays: args.windowDays ?? repeatOffenderPolicy.windowDays,
          minViolations: args.minViolations ?? repeatOffenderPolicy.minViolations,
          asOf: args.asOf ?? new Date().toISOString(),
        });
      },
    }),
  }),
});
