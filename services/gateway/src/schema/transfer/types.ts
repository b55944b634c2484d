import {
  agencyCapacityLabels,
  ClueDisposition,
  materialKindLabels,
  NoticeMethod,
  noticeMethodLabels,
  DeclineReason,
  MaterialKind,
  Obligation,
  statusAsOf,
  TransferKind,
  TransferOutcome,
  TransferParty,
  TransferStatus,
  transferStepLabels,
} from '@xianjie/contracts';
import type { Deadline, Material, TransferStep } from '@xianjie/contracts';
import type { Transfer } from '@xianjie/domain';
import { builder } from '../../builder.ts';
import { AgencyType, agency } from '../common/types.ts';

/** The enums of transfers and the object types of a transfer's details (`Transfer` itself is in transferType.ts). */

// ---- enums --------------------------------------------------------------------------------------

export const TransferKindEnum = builder.enumType('TransferKind', {
  description: 'CRIMINAL 行刑衔接, DISCIPLINARY 行纪衔接, ADMINISTRATIVE 行行衔接, REVERSE 反向衔接 (刑→行)',
  values: TransferKind.options,
});
export const TransferStatusEnum = builder.enumType('TransferStatus', { values: TransferStatus.options });
export const MaterialKindEnum = builder.enumType('MaterialKind', { values: MaterialKind.options });
export const NoticeMethodEnum = builder.enumType('NoticeMethod', {
  description: '送达方式: IN_PERSON 直接送达, POST 邮寄送达, LEFT_AT_ADDRESS 留置送达, ENTRUSTED 委托送达, ELECTRONIC 电子送达, PUBLIC_NOTICE 公告送达',
  values: NoticeMethod.options,
});
export const DeclineReasonEnum = builder.enumType('DeclineReason', { values: DeclineReason.options });
export const ClueDispositionEnum = builder.enumType('ClueDisposition', {
  description: '问题线索处置方式: 谈话函询, 初步核实, 暂存待查, 予以了结, 立案审查调查',
  values: ClueDisposition.options,
});
export const TransferOutcomeEnum = builder.enumType('TransferOutcome', { values: TransferOutcome.options });
export const TransferPartyEnum = builder.enumType('TransferParty', { values: TransferParty.options });
export const ObligationEnum = builder.enumType('DeadlineObligation', {
  description: 'DUTY must be met (else OVERDUE); CONDITIONAL only if its condition holds, RIGHT may be used (else LAPSED)',
  values: Obligation.options,
});
export const DeadlineStatusEnum = builder.enumType('DeadlineStatus', {
  description: 'As of a time: MET, PENDING until due, then OVERDUE (a DUTY) or LAPSED (CONDITIONAL, RIGHT)',
  values: ['PENDING', 'MET', 'OVERDUE', 'LAPSED'] as const,
});
export const TransferDirectionEnum = builder.enumType('TransferDirection', {
  description: 'INCOMING: sent to your agency (inbox); OUTGOING: sent by it (outbox)',
  values: ['INCOMING', 'OUTGOING'] as const,
});
export const OfficialAllegationEnum = builder.enumType('OfficialAllegation', {
  description: 'DERELICTION 失职渎职, PROTECTIVE_UMBRELLA 保护伞, CORRUPTION 贪污贿赂/利益输送',
  values: ['DERELICTION', 'PROTECTIVE_UMBRELLA', 'CORRUPTION'] as const,
});

// ---- object types -------------------------------------------------------------------------------

export const MaterialType = builder.objectRef<Material>('Material').implement({
  description: '移送材料',
  fields: (t) => ({
    kind: t.field({ type: MaterialKindEnum, resolve: (m) => m.kind }),
    title: t.exposeString('title'),
  }),
});

export const AbsentMaterialType = builder.objectRef<Transfer['absentMaterials'][number]>('AbsentMaterial').implement({
  description: '没有随案移送的“有关”材料及其理由 (Decree art. 6: 有关检验报告或者鉴定结论, 涉案物品清单)',
  fields: (t) => ({
    kind: t.field({ type: MaterialKindEnum, resolve: (m) => m.kind }),
    label: t.string({ resolve: (m) => materialKindLabels[m.kind] }),
    reason: t.exposeString('reason'),
  }),
});

export const CaseTeamMemberType = builder.objectRef<Transfer['caseTeam'][number]>('CaseTeamMember').implement({
  description: '专案组成员 (Decree art. 5: 2名或者2名以上行政执法人员)',
  fields: (t) => ({ userId: t.exposeID('userId'), name: t.exposeString('name') }),
});

export const PropertyHandOverType = builder.objectRef<NonNullable<Transfer['propertyHandOver']>>('PropertyHandOver').implement({
  description: '涉案财物一并移送 (《行政强制法》第二十一条): the list and when it was handed over',
  fields: (t) => ({
    inventory: t.exposeString('inventory', { description: '移交清单' }),
    handedOverAt: t.field({ type: 'DateTime', resolve: (h) => h.handedOverAt }),
  }),
});

export const PartyNoticeType = builder.objectRef<NonNullable<Transfer['partyNotice']>>('PartyNotice').implement({
  description: '书面告知当事人 (《行政强制法》第二十一条)',
  fields: (t) => ({
    notifiedAt: t.field({ type: 'DateTime', resolve: (n) => n.notifiedAt }),
    method: t.field({ type: NoticeMethodEnum, resolve: (n) => n.method }),
    methodLabel: t.string({ resolve: (n) => noticeMethodLabels[n.method] }),
    documentNumber: t.string({ nullable: true, resolve: (n) => n.documentNumber ?? null }),
  }),
});

/** The capacity label of a decision (for the console). */
export const capacityLabel = (capacity: keyof typeof agencyCapacityLabels | null): string | null =>
  capacity ? agencyCapacityLabels[capacity] : null;

export const DeadlineExtensionType = builder.objectRef<NonNullable<Deadline['extension']>>('DeadlineExtension').implement({
  description: 'A longer window in force (complex case), with its recorded reason',
  fields: (t) => ({ code: t.exposeString('code'), reason: t.exposeString('reason') }),
});

/** A deadline with the time its status defaults to. */
export type DeadlineView = Deadline & { defaultAsOf: string | null };

export const DeadlineType = builder.objectRef<DeadlineView>('Deadline').implement({
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

export const OfficialType = builder.objectRef<NonNullable<Transfer['official']>>('Official').implement({
  description: 'The public official a 行纪 clue is about (post and employer route it to the competent commission)',
  fields: (t) => ({
    name: t.exposeString('name'),
    post: t.exposeString('post', { description: '职务' }),
    employer: t.exposeString('employer', { description: '工作单位' }),
    managementLevel: t.exposeString('managementLevel', { nullable: true, description: '干部管理权限' }),
    allegations: t.field({ type: [OfficialAllegationEnum], resolve: (o) => o.allegations }),
  }),
});

export const RefusalType = builder.objectRef<NonNullable<Transfer['refusal']>>('TransferRefusal').implement({
  description: '不予批准移送',
  fields: (t) => ({
    reason: t.exposeString('reason'),
    refusedAt: t.field({ type: 'DateTime', resolve: (r) => r.refusedAt }),
  }),
});

export const ForwardType = builder.objectRef<Transfer['forwards'][number]>('TransferForward').implement({
  description: '转送: the receiver passed the transfer on to the competent agency',
  fields: (t) => ({
    fromAgency: t.field({ type: AgencyType, resolve: (f, _a, ctx) => agency(ctx, f.fromAgencyId) }),
    toAgency: t.field({ type: AgencyType, resolve: (f, _a, ctx) => agency(ctx, f.toAgencyId) }),
    reason: t.exposeString('reason'),
    forwardedAt: t.field({ type: 'DateTime', resolve: (f) => f.forwardedAt }),
  }),
});

export const ReturnType = builder.objectRef<NonNullable<Transfer['returned']>>('TransferReturn').implement({
  description: '退回: not the receiver’s jurisdiction',
  fields: (t) => ({
    reason: t.exposeString('reason'),
    returnedAt: t.field({ type: 'DateTime', resolve: (r) => r.returnedAt }),
  }),
});

export const SupplementRequestType = builder.objectRef<NonNullable<Transfer['supplementRequest']>>('SupplementRequest').implement({
  description: '补正材料: the receiver’s open request, until the sender supplies',
  fields: (t) => ({
    requested: t.field({ type: [MaterialKindEnum], resolve: (r) => r.requested }),
    reason: t.exposeString('reason'),
    requestedAt: t.field({ type: 'DateTime', resolve: (r) => r.requestedAt }),
  }),
});

export const AcceptanceType = builder.objectRef<NonNullable<Transfer['acceptance']>>('TransferAcceptance').implement({
  description: '立案/受理',
  fields: (t) => ({
    documentNumber: t.exposeString('documentNumber', { nullable: true, description: '立案决定书/受理通知书文号' }),
    reason: t.exposeString('reason', { nullable: true }),
    propertyReceivedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'When the seized property sent with the case was received; null when none was sent',
      resolve: (a) => a.propertyReceivedAt ?? null,
    }),
    acceptedAt: t.field({ type: 'DateTime', resolve: (a) => a.acceptedAt }),
  }),
});

export const DeclineType = builder.objectRef<NonNullable<Transfer['decline']>>('TransferDecline').implement({
  description: '不予立案/不予受理, with its reasons',
  fields: (t) => ({
    reasonCategory: t.field({ type: DeclineReasonEnum, resolve: (d) => d.reasonCategory }),
    reason: t.exposeString('reason'),
    declinedAt: t.field({ type: 'DateTime', resolve: (d) => d.declinedAt }),
  }),
});

type Reconsideration = NonNullable<Transfer['reconsideration']>;
export const ReconsiderationDecisionType = builder
  .objectRef<NonNullable<Reconsideration['decision']>>('ReconsiderationDecision')
  .implement({
    fields: (t) => ({
      accepted: t.exposeBoolean('accepted', { description: 'true: accepted (立案) on reconsideration; false: the decline upheld' }),
      reason: t.exposeString('reason', { nullable: true }),
      decidedAt: t.field({ type: 'DateTime', resolve: (d) => d.decidedAt }),
    }),
  });

export const ReconsiderationType = builder.objectRef<Reconsideration>('Reconsideration').implement({
  description: '复议: requested by the sender, decided by the receiver',
  fields: (t) => ({
    reason: t.exposeString('reason'),
    requestedAt: t.field({ type: 'DateTime', resolve: (r) => r.requestedAt }),
    decision: t.field({ type: ReconsiderationDecisionType, nullable: true, resolve: (r) => r.decision }),
  }),
});

export const SupervisionType = builder.objectRef<NonNullable<Transfer['supervision']>>('ProcuratorateSupervision').implement({
  description: '建议检察院立案监督',
  fields: (t) => ({
    reason: t.exposeString('reason'),
    afterReconsideration: t.exposeBoolean('afterReconsideration'),
    suggestedAt: t.field({ type: 'DateTime', resolve: (s) => s.suggestedAt }),
  }),
});

export const ProcuratorateInquiryType = builder
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

export const NonFilingExplanationType = builder
  .objectRef<NonNullable<Transfer['nonFilingExplanation']>>('NonFilingExplanation')
  .implement({
    description: '不立案理由说明: the police’s written answer to the procuratorate',
    fields: (t) => ({
      explanation: t.exposeString('explanation', { description: 'The written explanation' }),
      explainedAt: t.field({ type: 'DateTime', resolve: (e) => e.explainedAt }),
    }),
  });

export const FilingOrderType = builder.objectRef<NonNullable<Transfer['filingOrder']>>('ProcuratorateFilingOrder').implement({
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

export const DispositionType = builder.objectRef<Transfer['dispositions'][number]>('ClueDispositionRecord').implement({
  description: 'A disposition of a clue by the commission (latest last)',
  fields: (t) => ({
    disposition: t.field({ type: ClueDispositionEnum, resolve: (d) => d.disposition }),
    reason: t.exposeString('reason'),
    disposedAt: t.field({ type: 'DateTime', resolve: (d) => d.disposedAt }),
  }),
});

export const ExtensionRecordType = builder.objectRef<Transfer['extensions'][number]>('DeadlineExtensionRecord').implement({
  description: 'A deadline extended by the receiver (complex case)',
  fields: (t) => ({
    step: t.exposeString('step'),
    extension: t.exposeString('extension'),
    reason: t.exposeString('reason'),
    extendedAt: t.field({ type: 'DateTime', resolve: (e) => e.extendedAt }),
  }),
});

export const ResultType = builder.objectRef<NonNullable<Transfer['result']>>('TransferResult').implement({
  description: '结果反馈',
  fields: (t) => ({
    outcome: t.field({ type: TransferOutcomeEnum, resolve: (r) => r.outcome }),
    result: t.exposeString('result'),
    recordedAt: t.field({ type: 'DateTime', resolve: (r) => r.recordedAt }),
  }),
});

export const ClosureType = builder.objectRef<NonNullable<Transfer['closed']>>('TransferClosure').implement({
  description: '办结: the sender closed its follow-up',
  fields: (t) => ({
    reason: t.exposeString('reason', { nullable: true }),
    closedAt: t.field({ type: 'DateTime', resolve: (c) => c.closedAt }),
  }),
});
