import { transferKindLabels, transferStatusLabels, transferStreamId } from '@xianjie/contracts';
import { builder } from '../../builder.ts';
import type { GatewayContext } from '../../context.ts';
import { versionFor } from '@xianjie/domain';
import { mergedOf, summaryOf } from '../../transferView.ts';
import type { MergedTransfer } from '@xianjie/domain';
import type { TransferView } from '../../transferView.ts';
import { AgencyCapacityEnum, AgencyType, agency } from '../common/types.ts';
import {
  AbsentMaterialType,
  AcceptanceType,
  capacityLabel,
  CaseTeamMemberType,
  PartyNoticeType,
  PropertyHandOverType,
  ClosureType,
  DeadlineType,
  DeclineType,
  DispositionType,
  ExtensionRecordType,
  FilingOrderType,
  ForwardType,
  MaterialType,
  NonFilingExplanationType,
  OfficialType,
  ProcuratorateInquiryType,
  ReconsiderationType,
  RefusalType,
  ResultType,
  ReturnType,
  SupervisionType,
  SupplementRequestType,
  TransferKindEnum,
  TransferStatusEnum,
} from './types.ts';

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
    absentMaterials: t.field({
      type: [AbsentMaterialType],
      description: `The statute’s “有关” materials (检验报告/鉴定结论, 涉案物品清单) this case does not have, each with the reason. ${PARTIES_ONLY_LIST}`,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.absentMaterials ?? [],
    }),
    seizedProperty: t.boolean({
      nullable: true,
      description: `The proposal declared seized property (查封、扣押的财物), which goes with the case (《行政强制法》第二十一条). ${PARTIES_ONLY}`,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.seizedProperty ?? null,
    }),
    propertyHandOver: t.field({
      type: PropertyHandOverType,
      nullable: true,
      description: `The seized property sent with the case: list and time. ${PARTIES_ONLY}`,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.propertyHandOver ?? null,
    }),
    partyNotice: t.field({
      type: PartyNoticeType,
      nullable: true,
      description: `The written notice to the party that its property went with the case. ${PARTIES_ONLY}`,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.partyNotice ?? null,
    }),
    caseTeam: t.field({
      type: [CaseTeamMemberType],
      description: `The 专案组 that proposed the transfer (Decree art. 5). ${PARTIES_ONLY_LIST}`,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.caseTeam ?? [],
    }),
    approverCapacity: t.field({
      type: AgencyCapacityEnum,
      nullable: true,
      description: `The capacity in which the approval or refusal was decided (HEAD 正职负责人, ACTING_HEAD 主持工作的负责人); null before it or for kinds any supervisor decides. ${PARTIES_ONLY}`,
      resolve: async (v, _a, ctx) => (await detailsOf(v, ctx))?.approverCapacity ?? null,
    }),
    approverCapacityLabel: t.string({
      nullable: true,
      description: PARTIES_ONLY,
      resolve: async (v, _a, ctx) => capacityLabel((await detailsOf(v, ctx))?.approverCapacity ?? null),
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
