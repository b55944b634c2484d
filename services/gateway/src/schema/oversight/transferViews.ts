import { assertAllowed } from '@xianjie/auth';
import { transferStepLabels } from '@xianjie/contracts';
import type { TransferStep } from '@xianjie/contracts';
import { checkPerformanceRange, feedbackStageLabels, feedbackStages, maxPerformanceRangeDays, mergePerformanceParts } from '@xianjie/transfer-service';
import type { AgencyPerformance, AwaitingFeedbackItem, FeedbackStage, OverdueStep } from '@xianjie/transfer-service';
import { builder } from '../../builder.ts';
import { viewOfRow } from '../../transferView.ts';
import type { TransferView } from '../../transferView.ts';
import { authOf } from '../common/callerAuth.ts';
import { AgencyType, agency } from '../common/types.ts';
import { TransferType } from '../transfer/transferType.ts';
import { TransferPartyEnum } from '../transfer/types.ts';
import { OversightType } from './types.ts';

/**
 * Oversight of transfers (纪委监委): overdue steps, transfers awaiting feedback (首办负责制) and
 * agencies' performance, over every transfer service's rows.
 */

type OverdueItem = OverdueStep & { view: TransferView };

const OverdueItemType = builder.objectRef<OverdueItem>('OverdueItem').implement({
  description: 'A DUTY step of a transfer past its due time and not done (as of the query’s asOf)',
  fields: (t) => ({
    transfer: t.field({ type: TransferType, resolve: (i) => i.view }),
    step: t.exposeString('step'),
    label: t.string({ resolve: (i) => transferStepLabels[i.step as TransferStep] ?? i.step }),
    party: t.field({ type: TransferPartyEnum, description: 'Who owns the step', resolve: (i) => i.party }),
    agency: t.field({ type: AgencyType, description: 'The agency that owns the step', resolve: (i, _a, ctx) => agency(ctx, i.agencyId) }),
    dueAt: t.field({ type: 'DateTime', resolve: (i) => i.dueAt }),
    legalBasis: t.exposeString('legalBasis'),
  }),
});

builder.objectField(OversightType, 'overdueTransfers', (t) =>
  t.field({
    type: [OverdueItemType],
    description:
      'Overdue transfer steps of the agencies in your region and below, earliest due first (as of asOf, default now). ' +
      'The transfers carry no materials and no details (parties only).',
    args: { asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: async (_o, args, ctx) => {
      // The overseer role counts only in a commission (DESIGN §6): elsewhere FORBIDDEN, like every other view, not an empty list.
      assertAllowed(ctx.platform.rules.canReadOversight(ctx.principal!));
      const asOf = args.asOf ?? new Date().toISOString();
      const auth = authOf(ctx);
      const lists = await Promise.all(ctx.platform.transfers.all().map((client) => client.overdueSteps(asOf, auth)));
      const seen = new Set<string>();
      return lists
        .flat()
        .filter((step) => {
          const key = `${step.transfer.id}\u0000${step.step}\u0000${step.party}`;
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        })
        .sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt) || a.transfer.id.localeCompare(b.transfer.id))
        .map((step) => ({ ...step, view: viewOfRow(step.transfer, ctx.principal!.agencyId, asOf) }));
    },
  }),
);

const feedbackStageDescriptions: Readonly<Record<FeedbackStage, string>> = {
  AWAITING_RECEIPT: 'Sent, not signed for by the receiver',
  AWAITING_DECISION: 'Signed for, neither accepted (立案/受理, or a clue disposed) nor declined',
  DECLINED: 'Declined, or the decline upheld on reconsideration: the sender’s move (提请复议, 建议检察院立案监督 or 办结)',
  IN_RECONSIDERATION: 'The sender requested reconsideration (提请复议); not decided',
  SUPERVISION_SUGGESTED: 'The sender suggested procuratorate supervision (建议检察院立案监督) after a decline',
  AWAITING_RESULT: 'Accepted (on reconsideration too) or the clue disposed; the result not fed back (结果反馈)',
};

const FeedbackStageEnum = builder.enumType('FeedbackStage', {
  description: 'What a transfer awaiting feedback waits on, as of the query’s asOf (from its timestamps)',
  values: Object.fromEntries(
    feedbackStages.map((stage) => [stage, { description: `${feedbackStageLabels[stage]}: ${feedbackStageDescriptions[stage]}` }]),
  ) as Record<FeedbackStage, { description: string }>,
});

type AwaitingFeedbackView = AwaitingFeedbackItem & { view: TransferView };

const AwaitingFeedbackItemType = builder.objectRef<AwaitingFeedbackView>('AwaitingFeedbackItem').implement({
  description:
    '首办负责制 (no 一转了之): a transfer its sender still follows as of the query’s asOf — sent, no result fed back ' +
    '(结果反馈), not closed (办结), not refused, not returned (退回). Read from the sender’s record.',
  fields: (t) => ({
    transfer: t.field({
      type: TransferType,
      description: 'The transfer; shown to a non-party it carries no materials and no details (parties only)',
      resolve: (i) => i.view,
    }),
    sentAt: t.field({ type: 'DateTime', description: '移送 (sent on approval)', resolve: (i) => i.sentAt }),
    daysWaiting: t.exposeInt('daysWaiting', {
      description: 'Whole calendar days (24-hour periods, not working days) from sentAt to asOf',
    }),
    stage: t.field({ type: FeedbackStageEnum, resolve: (i) => i.stage }),
    stageLabel: t.string({ description: 'The stage in Chinese', resolve: (i) => feedbackStageLabels[i.stage] }),
    overdueSteps: t.exposeStringList('overdueSteps', {
      description: 'The DUTY steps overdue at asOf on the sender’s record, either party’s (e.g. signReceipt, decide, handOver)',
    }),
  }),
});

builder.objectField(OversightType, 'awaitingFeedback', (t) =>
  t.field({
    type: [AwaitingFeedbackItemType],
    description:
      '待反馈移送 (首办负责制, no 一转了之): transfers SENT by agencies in your region and below that, as of asOf ' +
      '(default now), were sent (sentAt ≤ asOf) with no result fed back (结果反馈) by then, and were not closed (办结), ' +
      'refused or returned (退回) by then; oldest sentAt first. Each with its stage as of asOf, whole calendar days ' +
      'waiting and the DUTY steps overdue at asOf. The transfers carry no materials and no details (parties only).',
    args: { asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: async (_o, args, ctx) => {
      const asOf = args.asOf ?? new Date().toISOString();
      const auth = authOf(ctx);
      const lists = await Promise.all(ctx.platform.transfers.all().map((client) => client.awaitingFeedback(asOf, auth)));
      const seen = new Set<string>();
      return lists
        .flat()
        .filter((item) => {
          if (seen.has(item.transfer.id)) return false;
          seen.add(item.transfer.id);
          return true;
        })
        .sort((a, b) => Date.parse(a.sentAt) - Date.parse(b.sentAt) || a.transfer.id.localeCompare(b.transfer.id))
        .map((item) => ({ ...item, view: viewOfRow(item.transfer, ctx.principal!.agencyId, asOf) }));
    },
  }),
);

const AgencyPerformanceType = builder.objectRef<AgencyPerformance>('AgencyPerformance').implement({
  description:
    '移送履职情况 of one agency over a period [from, to): transfers out (移出) and in (移入), decisions, times and ' +
    'overdue steps. Outcomes are as of `to` (facts at or before it); times are business times.',
  fields: (t) => ({
    agency: t.field({ type: AgencyType, resolve: (p, _a, ctx) => agency(ctx, p.agencyId) }),
    sent: t.exposeInt('sent', { description: '移出: its transfers with sentAt in [from, to)' }),
    received: t.exposeInt('received', {
      description: '移入: transfers sent to it (its current receiver) with sentAt in [from, to), signed for or not',
    }),
    accepted: t.exposeInt('accepted', {
      description: 'Of those received: accepted (立案/受理, on reconsideration too, or a clue disposed) by `to`',
    }),
    declined: t.exposeInt('declined', { description: 'Of those received: declined (不予立案/不予受理) and not accepted by `to`' }),
    returned: t.exposeInt('returned', { description: 'Of those received: returned to the sender (退回) by `to`' }),
    acceptanceRate: t.float({
      nullable: true,
      description: '立案/受理率: accepted / (accepted + declined); null when none was decided',
      resolve: (p) => p.acceptanceRate,
    }),
    declineRate: t.float({
      nullable: true,
      description: '不予立案率: declined / (accepted + declined); null when none was decided',
      resolve: (p) => p.declineRate,
    }),
    medianHoursToReceipt: t.float({
      nullable: true,
      description: 'Median hours from sentAt to receivedAt (签收) of the ones it received and signed for; null for none (rounded to 0.01)',
      resolve: (p) => p.medianHoursToReceipt,
    }),
    medianHoursToDecision: t.float({
      nullable: true,
      description:
        'Median hours from receivedAt to its first decision (accepted, declined or clue disposed); null for none (rounded to 0.01)',
      resolve: (p) => p.medianHoursToDecision,
    }),
    overdueSteps: t.exposeInt('overdueSteps', {
      description:
        '超期环节: DUTY steps owned by the agency, due within [from, to), met late or unmet at `to` ' +
        '(each step counted once, from its owner’s record)',
    }),
    resultsFedBack: t.exposeInt('resultsFedBack', { description: '结果反馈: of those received, results fed back by `to`' }),
  }),
});

builder.objectField(OversightType, 'agencyPerformance', (t) =>
  t.field({
    type: [AgencyPerformanceType],
    description:
      '移送履职情况: per agency in your region and below that sent or received a transfer in [from, to) (or owned a ' +
      'step due in it and overdue), by agency id. `from` must be before `to` and the period at most ' +
      `${maxPerformanceRangeDays} days (BAD_USER_INPUT on \`to\` otherwise).`,
    args: {
      from: t.arg({ type: 'DateTime', required: true, description: 'Start of the period (included)' }),
      to: t.arg({ type: 'DateTime', required: true, description: 'End of the period (excluded); outcomes are as of it' }),
    },
    resolve: async (_o, args, ctx) => {
      checkPerformanceRange(args.from, args.to);
      const auth = authOf(ctx);
      const parts = await Promise.all(ctx.platform.transfers.all().map((client) => client.agencyPerformance(args.from, args.to, auth)));
      // Each service's parts come from the rows it holds (every row in exactly one service): add them up.
      return mergePerformanceParts(parts.flat());
    },
  }),
);

