import { resolveCursorConnection } from '@pothos/plugin-relay';
import {
  ClueDisposition,
  DeclineReason,
  MaterialKind,
  Obligation,
  statusAsOf,
  TransferKind,
  TransferOutcome,
  TransferParty,
  TransferStatus,
  transferKindLabels,
  transferStatusLabels,
  transferStepLabels,
  transferStreamId,
  ValidationError,
} from '@xianjie/contracts';
import type { Deadline, Material, TransferStep } from '@xianjie/contracts';
import { transferCommandRoles } from '@xianjie/auth';
import type { Transfer } from '@xianjie/domain';
import {
  checkPerformanceRange,
  feedbackStageLabels,
  feedbackStages,
  maxPerformanceRangeDays,
  mergePerformanceParts,
  transferCommandInputs,
} from '@xianjie/transfer-service';
import type {
  AgencyPerformance,
  AwaitingFeedbackItem,
  FeedbackStage,
  OverdueStep,
  TransferCommandName,
  TransferRow,
} from '@xianjie/transfer-service';
import { z } from 'zod';
import { builder } from '../builder.ts';
import type { GatewayContext } from '../context.ts';
import type { TransferClient } from '../transferClient.ts';
import {
  loadTransferView,
  mergedOf,
  mergeTransferSides,
  partyOf,
  summaryOf,
  versionFor,
  viewOfMerged,
  viewOfRow,
} from '../transferView.ts';
import type { MergedTransfer, TransferView } from '../transferView.ts';
import { AgencyType } from './agency.ts';
import { CaseType } from './case.ts';
import { OversightType } from './oversight.ts';

const authOf = (ctx: GatewayContext) => ({ principal: ctx.principal!, token: ctx.token, correlationId: ctx.correlationId });

/** The transfer client of the service that acts for an agency's kind. */
const clientFor = (ctx: GatewayContext, agencyId: string): TransferClient =>
  ctx.platform.transfers.forKind(ctx.platform.directory.require(agencyId).kind);

const agency = (ctx: GatewayContext, id: string) => ctx.platform.directory.require(id);

// ---- enums --------------------------------------------------------------------------------------

export const TransferKindEnum = builder.enumType('TransferKind', {
  description: 'CRIMINAL 行刑衔接, DISCIPLINARY 行纪衔接, ADMINISTRATIVE 行行衔接, REVERSE 反向衔接 (刑→行)',
  values: TransferKind.options,
});
export const TransferStatusEnum = builder.enumType('TransferStatus', { values: TransferStatus.options });
const MaterialKindEnum = builder.enumType('MaterialKind', { values: MaterialKind.options });
const DeclineReasonEnum = builder.enumType('DeclineReason', { values: DeclineReason.options });
const ClueDispositionEnum = builder.enumType('ClueDisposition', {
  description: '问题线索处置方式: 谈话函询, 初步核实, 暂存待查, 予以了结, 立案审查调查',
  values: ClueDisposition.options,
});
const TransferOutcomeEnum = builder.enumType('TransferOutcome', { values: TransferOutcome.options });
const TransferPartyEnum = builder.enumType('TransferParty', { values: TransferParty.options });
const ObligationEnum = builder.enumType('DeadlineObligation', {
  description: 'DUTY must be met (else OVERDUE); CONDITIONAL only if its condition holds, RIGHT may be used (else LAPSED)',
  values: Obligation.options,
});
const DeadlineStatusEnum = builder.enumType('DeadlineStatus', {
  description: 'As of a time: MET, PENDING until due, then OVERDUE (a DUTY) or LAPSED (CONDITIONAL, RIGHT)',
  values: ['PENDING', 'MET', 'OVERDUE', 'LAPSED'] as const,
});
const TransferDirectionEnum = builder.enumType('TransferDirection', {
  description: 'INCOMING: sent to your agency (inbox); OUTGOING: sent by it (outbox)',
  values: ['INCOMING', 'OUTGOING'] as const,
});
const OfficialAllegationEnum = builder.enumType('OfficialAllegation', {
  description: 'DERELICTION 失职渎职, PROTECTIVE_UMBRELLA 保护伞, CORRUPTION 贪污贿赂/利益输送',
  values: ['DERELICTION', 'PROTECTIVE_UMBRELLA', 'CORRUPTION'] as const,
});

// ---- object types -------------------------------------------------------------------------------

const MaterialType = builder.objectRef<Material>('Material').implement({
  description: '移送材料',
  fields: (t) => ({
    kind: t.field({ type: MaterialKindEnum, resolve: (m) => m.kind }),
    title: t.exposeString('title'),
  }),
});

const DeadlineExtensionType = builder.objectRef<NonNullable<Deadline['extension']>>('DeadlineExtension').implement({
  description: 'A longer window in force (complex case), with its recorded reason',
  fields: (t) => ({ code: t.exposeString('code'), reason: t.exposeString('reason') }),
});

/** A deadline with the time its status defaults to. */
type DeadlineView = Deadline & { defaultAsOf: string | null };

const DeadlineType = builder.objectRef<DeadlineView>('Deadline').implement({
  description: 'A step of the transfer with its owner, due time (from the policy) and legal basis',
  fields: (t) => ({
    step: t.exposeString('step'),
    label: t.string({ description: 'The step in Chinese', resolve: (d) => transferStepLabels[d.step as TransferStep] ?? d.step }),
    party: t.field({ type: TransferPartyEnum, description: 'Who owns the step', resolve: (d) => d.party }),
    obligation: t.field({ type: ObligationEnum, resolve: (d) => d.obligation }),
    startedAt: t.field({ type: 'DateTime', resolve: (d) => d.startedAt }),
    dueAt: t.field({ type: 'DateTime', resolve: (d) => d.dueAt }),
    metAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.metAt }),
    metLate: t.exposeBoolean('metLate'),
    legalBasis: t.exposeString('legalBasis'),
    extension: t.field({ type: DeadlineExtensionType, nullable: true, resolve: (d) => d.extension }),
    status: t.field({
      type: DeadlineStatusEnum,
      description: "As of `asOf`; by default as of the query's asOf, else now",
      args: { asOf: t.arg({ type: 'DateTime', required: false }) },
      resolve: (d, args) => statusAsOf(d, args.asOf ?? d.defaultAsOf ?? new Date().toISOString()),
    }),
  }),
});

const OfficialType = builder.objectRef<NonNullable<Transfer['official']>>('Official').implement({
  description: 'The public official a 行纪 clue is about (post and employer route it to the competent commission)',
  fields: (t) => ({
    name: t.exposeString('name'),
    post: t.exposeString('post', { description: '职务' }),
    employer: t.exposeString('employer', { description: '工作单位' }),
    managementLevel: t.exposeString('managementLevel', { nullable: true, description: '干部管理权限' }),
    allegations: t.field({ type: [OfficialAllegationEnum], resolve: (o) => o.allegations }),
  }),
});

const RefusalType = builder.objectRef<NonNullable<Transfer['refusal']>>('TransferRefusal').implement({
  description: '不予批准移送',
  fields: (t) => ({
    reason: t.exposeString('reason'),
    refusedAt: t.field({ type: 'DateTime', resolve: (r) => r.refusedAt }),
  }),
});

const ForwardType = builder.objectRef<Transfer['forwards'][number]>('TransferForward').implement({
  description: '转送: the receiver passed the transfer on to the competent agency',
  fields: (t) => ({
    fromAgency: t.field({ type: AgencyType, resolve: (f, _a, ctx) => agency(ctx, f.fromAgencyId) }),
    toAgency: t.field({ type: AgencyType, resolve: (f, _a, ctx) => agency(ctx, f.toAgencyId) }),
    reason: t.exposeString('reason'),
    forwardedAt: t.field({ type: 'DateTime', resolve: (f) => f.forwardedAt }),
  }),
});

const ReturnType = builder.objectRef<NonNullable<Transfer['returned']>>('TransferReturn').implement({
  description: '退回: not the receiver’s jurisdiction',
  fields: (t) => ({
    reason: t.exposeString('reason'),
    returnedAt: t.field({ type: 'DateTime', resolve: (r) => r.returnedAt }),
  }),
});

const SupplementRequestType = builder.objectRef<NonNullable<Transfer['supplementRequest']>>('SupplementRequest').implement({
  description: '补正材料: the receiver’s open request, until the sender supplies',
  fields: (t) => ({
    requested: t.field({ type: [MaterialKindEnum], resolve: (r) => r.requested }),
    reason: t.exposeString('reason'),
    requestedAt: t.field({ type: 'DateTime', resolve: (r) => r.requestedAt }),
  }),
});

const AcceptanceType = builder.objectRef<NonNullable<Transfer['acceptance']>>('TransferAcceptance').implement({
  description: '立案/受理',
  fields: (t) => ({
    documentNumber: t.exposeString('documentNumber', { nullable: true, description: '立案决定书/受理通知书文号' }),
    reason: t.exposeString('reason', { nullable: true }),
    acceptedAt: t.field({ type: 'DateTime', resolve: (a) => a.acceptedAt }),
  }),
});

const DeclineType = builder.objectRef<NonNullable<Transfer['decline']>>('TransferDecline').implement({
  description: '不予立案/不予受理, with its reasons',
  fields: (t) => ({
    reasonCategory: t.field({ type: DeclineReasonEnum, resolve: (d) => d.reasonCategory }),
    reason: t.exposeString('reason'),
    declinedAt: t.field({ type: 'DateTime', resolve: (d) => d.declinedAt }),
  }),
});

type Reconsideration = NonNullable<Transfer['reconsideration']>;
const ReconsiderationDecisionType = builder
  .objectRef<NonNullable<Reconsideration['decision']>>('ReconsiderationDecision')
  .implement({
    fields: (t) => ({
      accepted: t.exposeBoolean('accepted', { description: 'true: accepted (立案) on reconsideration; false: the decline upheld' }),
      reason: t.exposeString('reason', { nullable: true }),
      decidedAt: t.field({ type: 'DateTime', resolve: (d) => d.decidedAt }),
    }),
  });

const ReconsiderationType = builder.objectRef<Reconsideration>('Reconsideration').implement({
  description: '复议: requested by the sender, decided by the receiver',
  fields: (t) => ({
    reason: t.exposeString('reason'),
    requestedAt: t.field({ type: 'DateTime', resolve: (r) => r.requestedAt }),
    decision: t.field({ type: ReconsiderationDecisionType, nullable: true, resolve: (r) => r.decision }),
  }),
});

const SupervisionType = builder.objectRef<NonNullable<Transfer['supervision']>>('ProcuratorateSupervision').implement({
  description: '建议检察院立案监督',
  fields: (t) => ({
    reason: t.exposeString('reason'),
    afterReconsideration: t.exposeBoolean('afterReconsideration'),
    suggestedAt: t.field({ type: 'DateTime', resolve: (s) => s.suggestedAt }),
  }),
});

const ProcuratorateInquiryType = builder
  .objectRef<NonNullable<Transfer['procuratorateInquiry']>>('ProcuratorateInquiry')
  .implement({
    description:
      '检察院要求说明不立案理由: the procuratorate’s notice as the police recorded its receipt (公安规定第一百八十二条)',
    fields: (t) => ({
      documentNumber: t.exposeString('documentNumber', { description: '要求说明不立案理由通知书文号' }),
      receivedAt: t.field({
        type: 'DateTime',
        description: 'When the police received it: the explanation is due 7 days later',
        resolve: (i) => i.receivedAt,
      }),
    }),
  });

const NonFilingExplanationType = builder
  .objectRef<NonNullable<Transfer['nonFilingExplanation']>>('NonFilingExplanation')
  .implement({
    description: '不立案理由说明: the police’s written answer to the procuratorate',
    fields: (t) => ({
      explanation: t.exposeString('explanation', { description: 'The written explanation' }),
      explainedAt: t.field({ type: 'DateTime', resolve: (e) => e.explainedAt }),
    }),
  });

const FilingOrderType = builder.objectRef<NonNullable<Transfer['filingOrder']>>('ProcuratorateFilingOrder').implement({
  description: '检察院通知立案: the procuratorate’s order as the police recorded its receipt (公安规定第一百八十二条)',
  fields: (t) => ({
    documentNumber: t.exposeString('documentNumber', { description: '通知立案书文号' }),
    receivedAt: t.field({
      type: 'DateTime',
      description: 'When the police received it: the case is to be filed (立案) within 15 days',
      resolve: (o) => o.receivedAt,
    }),
  }),
});

const DispositionType = builder.objectRef<Transfer['dispositions'][number]>('ClueDispositionRecord').implement({
  description: 'A disposition of a clue by the commission (latest last)',
  fields: (t) => ({
    disposition: t.field({ type: ClueDispositionEnum, resolve: (d) => d.disposition }),
    reason: t.exposeString('reason'),
    disposedAt: t.field({ type: 'DateTime', resolve: (d) => d.disposedAt }),
  }),
});

const ExtensionRecordType = builder.objectRef<Transfer['extensions'][number]>('DeadlineExtensionRecord').implement({
  description: 'A deadline extended by the receiver (complex case)',
  fields: (t) => ({
    step: t.exposeString('step'),
    extension: t.exposeString('extension'),
    reason: t.exposeString('reason'),
    extendedAt: t.field({ type: 'DateTime', resolve: (e) => e.extendedAt }),
  }),
});

const ResultType = builder.objectRef<NonNullable<Transfer['result']>>('TransferResult').implement({
  description: '结果反馈',
  fields: (t) => ({
    outcome: t.field({ type: TransferOutcomeEnum, resolve: (r) => r.outcome }),
    result: t.exposeString('result'),
    recordedAt: t.field({ type: 'DateTime', resolve: (r) => r.recordedAt }),
  }),
});

const ClosureType = builder.objectRef<NonNullable<Transfer['closed']>>('TransferClosure').implement({
  description: '办结: the sender closed its follow-up',
  fields: (t) => ({
    reason: t.exposeString('reason', { nullable: true }),
    closedAt: t.field({ type: 'DateTime', resolve: (c) => c.closedAt }),
  }),
});

/** The merged details for a party; null for a non-party (oversight) or when the transfer is gone. */
const detailsOf = async (view: TransferView, ctx: GatewayContext): Promise<MergedTransfer | null> =>
  view.callerSide ? mergedOf(view, ctx) : null;

const PARTIES_ONLY = 'Parties only: null when the transfer is shown to a non-party (oversight).';
const PARTIES_ONLY_LIST = 'Parties only: empty when the transfer is shown to a non-party (oversight).';

export const TransferType = builder.objectRef<TransferView>('Transfer').implement({
  description:
    '移送: one transfer, merged from the sender’s and the receiver’s streams. Its materials and details are for ' +
    'the two parties only; shown to an overseer (oversight views) it carries no materials and no details.',
  fields: (t) => ({
    id: t.exposeID('id'),
    streamId: t.string({ description: 'The sender’s stream (transfer-out-<id>)', resolve: (v) => transferStreamId(v.id) }),
    receiverStreamId: t.string({
      nullable: true,
      description: 'The receiver’s stream (transfer-in-<id>); null until the receiver signs the receipt',
      resolve: async (v, _a, ctx) => (await mergedOf(v, ctx))?.receiverStreamId ?? null,
    }),
    kind: t.field({ type: TransferKindEnum, resolve: (v) => summaryOf(v).kind }),
    kindLabel: t.string({ resolve: (v) => transferKindLabels[summaryOf(v).kind] }),
    status: t.field({
      type: TransferStatusEnum,
      description: 'The status as the side with the latest event knows it (in lists: as the listing side knows it)',
      resolve: (v) => summaryOf(v).status,
    }),
    statusLabel: t.string({ resolve: (v) => transferStatusLabels[summaryOf(v).status] }),
    caseId: t.id({ description: 'The sender’s case', resolve: (v) => summaryOf(v).caseId }),
    fromAgency: t.field({ type: AgencyType, resolve: (v, _a, ctx) => agency(ctx, summaryOf(v).fromAgencyId) }),
    toAgency: t.field({
      type: AgencyType,
      description: 'The current receiver (changes when a receiver forwards the transfer)',
      resolve: (v, _a, ctx) => agency(ctx, summaryOf(v).toAgencyId),
    }),
    reason: t.string({ resolve: (v) => summaryOf(v).reason }),
    materials: t.field({
      type: [MaterialType],
      description: `Materials sent and supplemented. ${PARTIES_ONLY_LIST}`,
      resolve: (v) => (v.callerSide ? summaryOf(v).materials : []),
    }),
    deadlines: t.field({
      type: [DeadlineType],
      description: 'Every step’s deadline, each from the stream of the party that owns it',
      resolve: (v) => summaryOf(v).deadlines.map((d) => ({ ...d, defaultAsOf: v.statusAsOf ?? v.asOf })),
    }),
    version: t.int({
      description:
        'The version of YOUR side’s stream (sender or receiver; 0 before it exists): pass it as expectedVersion',
      resolve: async (v, _a, ctx) => {
        if (v.row && (v.row.side === v.callerSide || (!v.callerSide && v.row.side === 'SENDER'))) return v.row.version;
        const merged = await mergedOf(v, ctx);
        return merged ? versionFor(merged, v.callerSide) : (v.row?.version ?? 0);
      },
    }),
    senderVersion: t.int({
      nullable: true,
      description: 'The version of the sender’s stream',
      resolve: async (v, _a, ctx) => (await mergedOf(v, ctx))?.senderVersion ?? null,
    }),
    receiverVersion: t.int({
      nullable: true,
      description: 'The version of the receiver’s stream; null before the receipt',
      resolve: async (v, _a, ctx) => (await mergedOf(v, ctx))?.receiverVersion ?? null,
    }),
    official: t.field({
      type: OfficialType,
      nullable: true,
      description: `The official a DISCIPLINARY transfer is about. ${PARTIES_ONLY}`,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.official ?? null,
    }),
    proposedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: PARTIES_ONLY,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.proposedAt ?? null,
    }),
    approvalNote: t.string({
      nullable: true,
      description: PARTIES_ONLY,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.approvalNote ?? null,
    }),
    refusal: t.field({
      type: RefusalType,
      nullable: true,
      description: PARTIES_ONLY,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.refusal ?? null,
    }),
    sentAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: PARTIES_ONLY,
      // A list row carries it: no fold of both streams for an inbox.
      resolve: async (v, _a, ctx) =>
        v.row && !v.merged ? (v.callerSide ? v.row.sentAt : null) : ((await detailsOf(v, ctx))?.sentAt ?? null),
    }),
    copiedToProcuratorate: t.boolean({
      nullable: true,
      description: `CRIMINAL transfers are copied to the procuratorate at the same level (抄送同级人民检察院). ${PARTIES_ONLY}`,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.copiedToProcuratorate ?? null,
    }),
    receivedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: `签收. ${PARTIES_ONLY}`,
      resolve: async (v, _a, ctx) =>
        v.row && !v.merged ? (v.callerSide ? v.row.receivedAt : null) : ((await detailsOf(v, ctx))?.receivedAt ?? null),
    }),
    forwards: t.field({
      type: [ForwardType],
      description: PARTIES_ONLY_LIST,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.forwards ?? [],
    }),
    returned: t.field({
      type: ReturnType,
      nullable: true,
      description: PARTIES_ONLY,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.returned ?? null,
    }),
    supplementRequest: t.field({
      type: SupplementRequestType,
      nullable: true,
      description: PARTIES_ONLY,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.supplementRequest ?? null,
    }),
    acceptance: t.field({
      type: AcceptanceType,
      nullable: true,
      description: PARTIES_ONLY,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.acceptance ?? null,
    }),
    decline: t.field({
      type: DeclineType,
      nullable: true,
      description: PARTIES_ONLY,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.decline ?? null,
    }),
    reconsideration: t.field({
      type: ReconsiderationType,
      nullable: true,
      description: PARTIES_ONLY,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.reconsideration ?? null,
    }),
    supervision: t.field({
      type: SupervisionType,
      nullable: true,
      description: PARTIES_ONLY,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.supervision ?? null,
    }),
    procuratorateInquiry: t.field({
      type: ProcuratorateInquiryType,
      nullable: true,
      description: `检察院要求说明不立案理由 (recorded by the police). ${PARTIES_ONLY}`,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.procuratorateInquiry ?? null,
    }),
    nonFilingExplanation: t.field({
      type: NonFilingExplanationType,
      nullable: true,
      description: `不立案理由说明 (the police’s answer to the procuratorate). ${PARTIES_ONLY}`,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.nonFilingExplanation ?? null,
    }),
    filingOrder: t.field({
      type: FilingOrderType,
      nullable: true,
      description: `检察院通知立案 (recorded by the police). ${PARTIES_ONLY}`,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.filingOrder ?? null,
    }),
    handedOver: t.field({
      type: [MaterialType],
      description: `Seized items and files handed over after acceptance (移交). ${PARTIES_ONLY_LIST}`,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.handedOver ?? [],
    }),
    handedOverAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: PARTIES_ONLY,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.handedOverAt ?? null,
    }),
    dispositions: t.field({
      type: [DispositionType],
      description: `Dispositions of a clue, latest last. ${PARTIES_ONLY_LIST}`,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.dispositions ?? [],
    }),
    extensions: t.field({
      type: [ExtensionRecordType],
      description: PARTIES_ONLY_LIST,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.extensions ?? [],
    }),
    result: t.field({
      type: ResultType,
      nullable: true,
      description: PARTIES_ONLY,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.result ?? null,
    }),
    closed: t.field({
      type: ClosureType,
      nullable: true,
      description: PARTIES_ONLY,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.closed ?? null,
    }),
  }),
});

// ---- queries ------------------------------------------------------------------------------------

builder.queryField('transfer', (t) =>
  t.field({
    type: TransferType,
    nullable: true,
    authScopes: { authenticated: true },
    description:
      'A transfer merged from both sides’ streams, now or as of a time (rebuilt from events up to asOf). ' +
      'Null when absent or when you are not a party: its existence is not public.',
    args: { id: t.arg.id({ required: true }), asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: async (_root, args, ctx) => {
      const merged = await loadTransferView(ctx.platform, String(args.id), args.asOf ?? undefined);
      if (!merged) return null;
      const facts = { fromAgencyId: merged.fromAgency.id, toAgencyId: merged.toAgency.id };
      if (!ctx.platform.rules.canReadTransfer(ctx.principal!, facts).allowed) return null;
      const party = partyOf(ctx.principal!.agencyId, facts);
      // Until it is sent a transfer is the sender's own matter: a proposal, or a refusal and its
      // reason, never reaches the receiver (as its inbox does not list it).
      if (party === 'RECEIVER' && !merged.sentAt) return null;
      return viewOfMerged(merged, party, args.asOf ?? null);
    },
  }),
);

const TransferFilterInput = builder.inputType('TransferFilter', {
  fields: (t) => ({
    direction: t.field({ type: TransferDirectionEnum, required: true }),
    kind: t.field({ type: TransferKindEnum, required: false }),
    status: t.field({ type: [TransferStatusEnum], required: false }),
    overdueAsOf: t.field({ type: 'DateTime', required: false, description: 'Only transfers with a DUTY step overdue at this time' }),
  }),
});

const cursorOf = (row: TransferRow) => Buffer.from(JSON.stringify([row.createdAt, row.id])).toString('base64url');
const parseCursor = (cursor: string) => {
  try {
    const [createdAt, id] = z
      .tuple([z.string(), z.string()])
      .parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { createdAt, id };
  } catch {
    throw new ValidationError([{ path: 'after', message: 'not a cursor returned by this API' }]);
  }
};

type ListedTransfer = TransferView & { row: TransferRow };

builder.queryField('transfers', (t) =>
  t.connection({
    type: TransferType,
    authScopes: { authenticated: true },
    description: 'Your agency’s inbox (INCOMING) or outbox (OUTGOING), newest first (Relay connection; forward pagination).',
    args: { filter: t.arg({ type: TransferFilterInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      if (args.last != null || args.before != null) {
        throw new ValidationError([{ path: 'last', message: 'transfers page forward only: use first/after' }]);
      }
      const principal = ctx.principal!;
      const { filter } = args;
      return resolveCursorConnection<Promise<ListedTransfer[]>>(
        { args, toCursor: (node) => cursorOf(node.row), defaultSize: 20, maxSize: 100 },
        async ({ after, limit }) => {
          const page = await clientFor(ctx, principal.agencyId).listTransfers(
            {
              direction: filter.direction,
              ...(filter.kind ? { kind: filter.kind } : {}),
              ...(filter.status?.length ? { status: filter.status } : {}),
              ...(filter.overdueAsOf ? { overdueAsOf: filter.overdueAsOf } : {}),
            },
            limit,
            after ? parseCursor(after) : null,
            authOf(ctx),
          );
          return page.rows.map((row) => ({ ...viewOfRow(row, principal.agencyId), row }));
        },
      );
    },
  }),
);

builder.objectField(CaseType, 'transfers', (t) =>
  t.field({
    type: [TransferType],
    description: 'The transfers of this case (sent by its agency), oldest first',
    resolve: async (c, _a, ctx) => {
      const rows = await clientFor(ctx, c.agencyId).transfersOfCase(c.id, authOf(ctx));
      return rows.map((row) => viewOfRow(row, ctx.principal!.agencyId));
    },
  }),
);

// ---- oversight ----------------------------------------------------------------------------------

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

// ---- mutations ----------------------------------------------------------------------------------

const MaterialInputType = builder.inputType('MaterialInput', {
  fields: (t) => ({
    kind: t.field({ type: MaterialKindEnum, required: true }),
    title: t.string({ required: true }),
  }),
});

const OfficialInputType = builder.inputType('OfficialInput', {
  description: 'The public official a DISCIPLINARY transfer is about',
  fields: (t) => ({
    name: t.string({ required: true }),
    post: t.string({ required: true, description: '职务, e.g. 县市场监管局药品股股长' }),
    employer: t.string({ required: true, description: '工作单位' }),
    managementLevel: t.string({ required: false, description: '干部管理权限, e.g. 乡科级, 县处级' }),
    allegations: t.field({ type: [OfficialAllegationEnum], required: true }),
  }),
});

const ProposeTransferInputType = builder.inputType('ProposeTransferInput', {
  fields: (t) => ({
    commandId: t.id({ required: false, description: 'For an idempotent retry: the same commandId never appends twice' }),
    expectedVersion: t.int({ required: false, description: 'A new stream has version 0: 0 asserts this creates it; CONFLICT otherwise' }),
    caseId: t.id({ required: true }),
    kind: t.field({ type: TransferKindEnum, required: true }),
    toAgencyId: t.id({ required: true }),
    reason: t.string({ required: true }),
    materials: t.field({ type: [MaterialInputType], required: true }),
    official: t.field({ type: OfficialInputType, required: false, description: 'Required for DISCIPLINARY, refused otherwise' }),
  }),
});

type Types = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** The fields every step on an existing transfer has. */
const stepFields = (t: PothosSchemaTypes.InputFieldBuilder<Types, 'InputObject'>) => ({
  commandId: t.id({ required: false, description: 'For an idempotent retry: the same commandId never appends twice' }),
  transferId: t.id({ required: true }),
  expectedVersion: t.int({ required: false, description: 'Your side’s `Transfer.version`; CONFLICT when it moved on' }),
});

const TransferStepInputType = builder.inputType('TransferStepInput', {
  fields: (t) => ({
    ...stepFields(t),
    reason: t.string({ required: false, description: 'Required by refuse, return, decline, requestReconsideration, suggestProcuratorateSupervision' }),
    documentNumber: t.string({ required: false, description: 'acceptTransfer only: 立案决定书/受理通知书文号' }),
    reasonCategory: t.field({ type: DeclineReasonEnum, required: false, description: 'declineTransfer only: the category of the decline (default OTHER)' }),
  }),
});

const DecideReconsiderationInputType = builder.inputType('DecideReconsiderationInput', {
  fields: (t) => ({
    ...stepFields(t),
    accept: t.boolean({ required: true, description: 'true: accept (立案) on reconsideration; false: uphold the decline' }),
    reason: t.string({ required: false, description: 'Required when the decline is upheld' }),
  }),
});

const materialsInputType = (name: string, description: string) =>
  builder.inputType(name, {
    description,
    fields: (t) => ({
      ...stepFields(t),
      materials: t.field({ type: [MaterialInputType], required: true }),
      reason: t.string({ required: false }),
    }),
  });
const SupplementMaterialsInputType = materialsInputType('SupplementMaterialsInput', '补正材料: materials the receiver asked for');
const HandOverMaterialsInputType = materialsInputType('HandOverMaterialsInput', '移交涉案物品及有关材料 after acceptance');

const ForwardTransferInputType = builder.inputType('ForwardTransferInput', {
  fields: (t) => ({
    ...stepFields(t),
    toAgencyId: t.id({ required: true, description: 'The competent agency (of the same kind)' }),
    reason: t.string({ required: true }),
  }),
});

const RequestSupplementInputType = builder.inputType('RequestSupplementInput', {
  fields: (t) => ({
    ...stepFields(t),
    requested: t.field({ type: [MaterialKindEnum], required: true }),
    reason: t.string({ required: true, description: 'What is missing' }),
  }),
});

const ExtendDeadlineInputType = builder.inputType('ExtendDeadlineInput', {
  fields: (t) => ({
    ...stepFields(t),
    extension: t.string({ required: true, description: 'Code of the policy’s extension, e.g. COMPLEX' }),
    reason: t.string({ required: true }),
  }),
});

const DisposeClueInputType = builder.inputType('DisposeClueInput', {
  fields: (t) => ({
    ...stepFields(t),
    disposition: t.field({ type: ClueDispositionEnum, required: true }),
    reason: t.string({ required: true }),
  }),
});

const RecordTransferResultInputType = builder.inputType('RecordTransferResultInput', {
  fields: (t) => ({
    ...stepFields(t),
    outcome: t.field({ type: TransferOutcomeEnum, required: true }),
    result: t.string({ required: true, description: 'The result in words: 判决/处罚决定/处分 with document numbers' }),
  }),
});

const ProcuratorateNoticeInputType = builder.inputType('ProcuratorateNoticeInput', {
  description: '立案监督: a notice of the procuratorate the police record on receipt (now is its receipt time)',
  fields: (t) => ({
    ...stepFields(t),
    documentNumber: t.string({
      required: true,
      description: 'The notice’s number: 要求说明不立案理由通知书 or 通知立案书文号',
    }),
  }),
});

const ExplainNonFilingInputType = builder.inputType('ExplainNonFilingInput', {
  description: '不立案理由说明: the police’s written answer to the procuratorate',
  fields: (t) => ({
    ...stepFields(t),
    explanation: t.string({ required: true, description: 'The written explanation of why no case was filed' }),
  }),
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

/**
 * The command's contract schema, refusing fields it does not take: TransferStepInput is shared by
 * several commands, and a field meant for another one must not be dropped silently.
 */
const inputSchemaOf = (name: TransferCommandName): z.ZodType => {
  const schema = transferCommandInputs[name];
  const known = schema instanceof z.ZodObject ? new Set(Object.keys(schema.shape)) : null;
  return z.preprocess((raw, ctx) => {
    const value = withoutNulls(raw);
    if (known && value && typeof value === 'object') {
      for (const key of Object.keys(value)) {
        if (!known.has(key)) ctx.addIssue({ code: 'custom', path: [key], message: `${name} does not take ${key}` });
      }
    }
    return value;
  }, schema);
};

type AnyTransferInput =
  | typeof ProposeTransferInputType
  | typeof TransferStepInputType
  | typeof DecideReconsiderationInputType
  | typeof SupplementMaterialsInputType
  | typeof ForwardTransferInputType
  | typeof RequestSupplementInputType
  | typeof ExtendDeadlineInputType
  | typeof DisposeClueInputType
  | typeof RecordTransferResultInputType
  | typeof ProcuratorateNoticeInputType
  | typeof ExplainNonFilingInputType;

const transferMutation = (name: TransferCommandName, input: AnyTransferInput, description: string) => {
  const roles: readonly string[] = transferCommandRoles[name].roles;
  const side = transferCommandRoles[name].side === 'sender' ? '发送方' : '接收方';
  const needs = roles.includes('officer') ? '' : ', supervisor';
  return builder.mutationField(name, (t) =>
    t.field({
      type: TransferType,
      description: `${description} (${side}${needs})`,
      // The service checks side and role (auth's transferCommandRoles) and says which is missing.
      authScopes: { authenticated: true },
      args: { input: t.arg({ type: input as typeof TransferStepInputType, required: true, validate: inputSchemaOf(name) }) },
      resolve: async (_root, args, ctx) => {
        const principal = ctx.principal!;
        const snapshot = await clientFor(ctx, principal.agencyId)
          .execute(name, withoutNulls(args.input), authOf(ctx))
          .catch((error: unknown) => {
            // The service names fields relative to its input; GraphQL callers see them under `input`.
            if (error instanceof ValidationError) {
              throw new ValidationError(error.issues.map((i) => ({ ...i, path: i.path ? `input.${i.path}` : 'input' })));
            }
            throw error;
          });
        // The caller acted as one side (the service checked it): it sees the transfer as that side,
        // even when the step made it no party any more (a forward).
        const merged =
          (await loadTransferView(ctx.platform, snapshot.transferId)) ??
          mergeTransferSides(
            snapshot.side === 'SENDER' ? fromSnapshot(snapshot) : null,
            snapshot.side === 'RECEIVER' ? fromSnapshot(snapshot) : null,
            ctx.platform.calendar ? { calendar: ctx.platform.calendar } : {},
          )!;
        return viewOfMerged(merged, snapshot.side);
      },
    }),
  );
};

/** A command's own result as a folded side, when the store has nothing to read back. */
const fromSnapshot = (snapshot: { state: Transfer; version: number }) => ({
  state: snapshot.state,
  version: snapshot.version,
  events: [],
  lastEventAt: new Date().toISOString(),
  lastPosition: null,
});

// The sender's steps
transferMutation('proposeTransfer', ProposeTransferInputType, '专案组提出移送: propose a transfer of your case with its materials');
transferMutation('approveTransfer', TransferStepInputType, '负责人批准移送: approve; it is sent at once');
transferMutation('refuseTransfer', TransferStepInputType, '负责人不批准移送: refuse (reason required)');
transferMutation('supplyMaterials', SupplementMaterialsInputType, '补正材料: supply the materials the receiver asked for');
transferMutation('requestReconsideration', TransferStepInputType, '提请复议: ask the receiver to reconsider its decline (reason required)');
transferMutation(
  'suggestProcuratorateSupervision',
  TransferStepInputType,
  '建议检察院立案监督: suggest procuratorate supervision (reason required)',
);
transferMutation('handOverMaterials', HandOverMaterialsInputType, '移交涉案物品及有关材料: hand over after acceptance');
transferMutation('closeTransfer', TransferStepInputType, '办结: close your follow-up of the transfer');
// The receiver's steps
transferMutation('receiveTransfer', TransferStepInputType, '签收: sign the receipt of a transfer sent to your agency');
transferMutation('forwardTransfer', ForwardTransferInputType, '转送: forward to the competent agency (reason required)');
transferMutation('returnTransfer', TransferStepInputType, '退回: return as outside your jurisdiction (reason required)');
transferMutation('requestSupplement', RequestSupplementInputType, '通知补正材料: ask the sender for missing materials');
transferMutation(
  'acceptTransfer',
  TransferStepInputType,
  '立案/受理: accept (documentNumber optional; required when filing under the procuratorate’s supervision)',
);
transferMutation('declineTransfer', TransferStepInputType, '不予立案/不予受理: decline (reason required; reasonCategory defaults to OTHER)');
transferMutation('extendDeadline', ExtendDeadlineInputType, '延长期限: extend the decision window for a complex case');
transferMutation('decideReconsideration', DecideReconsiderationInputType, '复议决定: accept on reconsideration or uphold the decline');
transferMutation('disposeClue', DisposeClueInputType, '线索处置: dispose of a clue (commission)');
transferMutation('recordTransferResult', RecordTransferResultInputType, '结果反馈: feed the result back to the sender');
// 立案监督 (公安机关办理刑事案件程序规定第一百八十二条): the procuratorate is not on the platform; the police record its notices
transferMutation(
  'recordProcuratorateInquiry',
  ProcuratorateNoticeInputType,
  '记录检察院要求说明不立案理由通知书: record its receipt; the written explanation is due within 7 days',
);
transferMutation('explainNonFiling', ExplainNonFilingInputType, '说明不立案理由: answer the procuratorate’s inquiry in writing');
transferMutation(
  'recordProcuratorateFilingOrder',
  ProcuratorateNoticeInputType,
  '记录检察院通知立案书: record its receipt; file (acceptTransfer) within 15 days',
);
