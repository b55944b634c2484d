import { builder } from '../../builder.ts';
import type { SchemaTypes } from '../common/schemaTypes.ts';
import {
  ClueDispositionEnum,
  DeclineReasonEnum,
  MaterialKindEnum,
  NoticeMethodEnum,
  OfficialAllegationEnum,
  TransferDirectionEnum,
  TransferKindEnum,
  TransferOutcomeEnum,
  TransferStatusEnum,
} from './types.ts';

export const TransferFilterInput = builder.inputType('TransferFilter', {
  fields: (t) => ({
    direction: t.field({ type: TransferDirectionEnum, required: true }),
    kind: t.field({ type: TransferKindEnum, required: false }),
    status: t.field({ type: [TransferStatusEnum], required: false }),
    overdueAsOf: t.field({ type: 'DateTime', required: false, description: 'Only transfers with a DUTY step overdue at this time' }),
  }),
});

export const MaterialInputType = builder.inputType('MaterialInput', {
  fields: (t) => ({
    kind: t.field({ type: MaterialKindEnum, required: true }),
    title: t.string({ required: true }),
  }),
});

export const AbsentMaterialInputType = builder.inputType('AbsentMaterialInput', {
  description: 'A “有关” material (检验报告/鉴定结论, 涉案物品清单) this case does not have, with the reason',
  fields: (t) => ({
    kind: t.field({ type: MaterialKindEnum, required: true }),
    reason: t.string({ required: true, description: '没有此项材料的理由' }),
  }),
});

export const CaseTeamMemberInputType = builder.inputType('CaseTeamMemberInput', {
  description: '专案组成员: an officer of the proposing agency',
  fields: (t) => ({
    userId: t.id({ required: true }),
    name: t.string({ required: true }),
  }),
});

export const PropertyHandOverInputType = builder.inputType('PropertyHandOverInput', {
  description: '涉案财物一并移送 (《行政强制法》第二十一条)',
  fields: (t) => ({
    inventory: t.string({ required: true, description: '移交清单 (its title or number)' }),
    handedOverAt: t.field({ type: 'DateTime', required: true, description: '移交时间' }),
  }),
});

export const PartyNoticeInputType = builder.inputType('PartyNoticeInput', {
  description: '书面告知当事人 (《行政强制法》第二十一条)',
  fields: (t) => ({
    notifiedAt: t.field({ type: 'DateTime', required: true, description: '告知日期' }),
    method: t.field({ type: NoticeMethodEnum, required: true, description: '送达方式' }),
    documentNumber: t.string({ required: false, description: '告知书文号' }),
  }),
});

export const OfficialInputType = builder.inputType('OfficialInput', {
  description: 'The public official a DISCIPLINARY transfer is about',
  fields: (t) => ({
    name: t.string({ required: true }),
    post: t.string({ required: true, description: '职务, e.g. 县市场监管局药品股股长' }),
    employer: t.string({ required: true, description: '工作单位' }),
    managementLevel: t.string({ required: false, description: '干部管理权限, e.g. 乡科级, 县处级' }),
    allegations: t.field({ type: [OfficialAllegationEnum], required: true }),
  }),
});

export const ProposeTransferInputType = builder.inputType('ProposeTransferInput', {
  fields: (t) => ({
    commandId: t.id({ required: false, description: 'For an idempotent retry: the same commandId never appends twice' }),
    expectedVersion: t.int({ required: false, description: 'A new stream has version 0: 0 asserts this creates it; CONFLICT otherwise' }),
    caseId: t.id({ required: true }),
    kind: t.field({ type: TransferKindEnum, required: true }),
    toAgencyId: t.id({ required: true }),
    reason: t.string({ required: true }),
    materials: t.field({ type: [MaterialInputType], required: true }),
    official: t.field({ type: OfficialInputType, required: false, description: 'Required for DISCIPLINARY, refused otherwise' }),
    absentMaterials: t.field({
      type: [AbsentMaterialInputType],
      required: false,
      description: 'The policy’s conditional materials (有关: 检验报告/鉴定结论, 涉案物品清单) this case does not have, each with the reason',
    }),
    seizedProperty: t.boolean({
      required: false,
      description: 'Declares seized property (查封、扣押的财物): the approval then records its hand-over and the written notice to the party',
    }),
    caseTeam: t.field({
      type: [CaseTeamMemberInputType],
      required: false,
      description: 'The 专案组 (you among them): CRIMINAL needs two or more officers (Decree art. 5)',
    }),
  }),
});

/** The fields every step on an existing transfer has. */
const stepFields = (t: PothosSchemaTypes.InputFieldBuilder<SchemaTypes, 'InputObject'>) => ({
  commandId: t.id({ required: false, description: 'For an idempotent retry: the same commandId never appends twice' }),
  transferId: t.id({ required: true }),
  expectedVersion: t.int({ required: false, description: 'Your side’s `Transfer.version`; CONFLICT when it moved on' }),
});

export const TransferStepInputType = builder.inputType('TransferStepInput', {
  fields: (t) => ({
    ...stepFields(t),
    reason: t.string({ required: false, description: 'Required by refuse, return, decline, requestReconsideration, suggestProcuratorateSupervision' }),
    documentNumber: t.string({ required: false, description: 'acceptTransfer only: 立案决定书/受理通知书文号' }),
    reasonCategory: t.field({ type: DeclineReasonEnum, required: false, description: 'declineTransfer only: the category of the decline (default OTHER)' }),
    propertyHandOver: t.field({
      type: PropertyHandOverInputType,
      required: false,
      description: 'approveTransfer only: required when the proposal declared seized property',
    }),
    partyNotice: t.field({
      type: PartyNoticeInputType,
      required: false,
      description: 'approveTransfer only: required when the proposal declared seized property',
    }),
    propertyReceivedAt: t.field({
      type: 'DateTime',
      required: false,
      description: 'acceptTransfer only: when the seized property sent with the case was received (required then)',
    }),
  }),
});

export const DecideReconsiderationInputType = builder.inputType('DecideReconsiderationInput', {
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
export const SupplementMaterialsInputType = materialsInputType('SupplementMaterialsInput', '补正材料: materials the receiver asked for');
export const HandOverMaterialsInputType = materialsInputType('HandOverMaterialsInput', '移交涉案物品及有关材料 after acceptance');

export const ForwardTransferInputType = builder.inputType('ForwardTransferInput', {
  fields: (t) => ({
    ...stepFields(t),
    toAgencyId: t.id({ required: true, description: 'The competent agency (of the same kind)' }),
    reason: t.string({ required: true }),
  }),
});

export const RequestSupplementInputType = builder.inputType('RequestSupplementInput', {
  fields: (t) => ({
    ...stepFields(t),
    requested: t.field({ type: [MaterialKindEnum], required: true }),
    reason: t.string({ required: true, description: 'What is missing' }),
  }),
});

export const ExtendDeadlineInputType = builder.inputType('ExtendDeadlineInput', {
  fields: (t) => ({
    ...stepFields(t),
    extension: t.string({ required: true, description: 'Code of the policy’s extension, e.g. COMPLEX' }),
    reason: t.string({ required: true }),
  }),
});

export const DisposeClueInputType = builder.inputType('DisposeClueInput', {
  fields: (t) => ({
    ...stepFields(t),
    disposition: t.field({ type: ClueDispositionEnum, required: true }),
    reason: t.string({ required: true }),
  }),
});

export const RecordTransferResultInputType = builder.inputType('RecordTransferResultInput', {
  fields: (t) => ({
    ...stepFields(t),
    outcome: t.field({ type: TransferOutcomeEnum, required: true }),
    result: t.string({ required: true, description: 'The result in words: 判决/处罚决定/处分 with document numbers' }),
  }),
});

export const ProcuratorateNoticeInputType = builder.inputType('ProcuratorateNoticeInput', {
  description: '立案监督: a notice of the procuratorate the police record on receipt (now is its receipt time)',
  fields: (t) => ({
    ...stepFields(t),
    documentNumber: t.string({
      required: true,
      description: 'The notice’s number: 要求说明不立案理由通知书 or 通知立案书文号',
    }),
  }),
});

export const ExplainNonFilingInputType = builder.inputType('ExplainNonFilingInput', {
  description: '不立案理由说明: the police’s written answer to the procuratorate',
  fields: (t) => ({
    ...stepFields(t),
    explanation: t.string({ required: true, description: 'The written explanation of why no case was filed' }),
  }),
});

