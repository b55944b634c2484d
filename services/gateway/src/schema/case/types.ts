import { CaseSource, CaseStatus, EvidenceKind, HarmFact, PenaltyKind, harmFactLabels, maskIdNumber } from '@xianjie/contracts';
import { caseWarningFactsOf, finesOf, warningDetailsFor, type Case, type CaseWarningDetail } from '@xianjie/domain';
import { builder } from '../../builder.ts';
import { AgencyType } from '../common/types.ts';
import { stateOf, type CaseView } from './caseView.ts';

export const CaseStatusEnum = builder.enumType('CaseStatus', { values: CaseStatus.options });
export const CaseSourceEnum = builder.enumType('CaseSource', { values: CaseSource.options });
export const SubjectKindEnum = builder.enumType('SubjectKind', { values: ['ORGANIZATION', 'PERSON'] as const });
export const PenaltyKindEnum = builder.enumType('PenaltyKind', { values: PenaltyKind.options });
export const EvidenceKindEnum = builder.enumType('EvidenceKind', { values: EvidenceKind.options });
export const HarmFactEnum = builder.enumType('HarmFact', {
  description: '危害后果: a harm the evidence establishes, which some criminal thresholds require (e.g. 劣药 对人体健康造成严重危害)',
  values: Object.fromEntries(HarmFact.options.map((fact) => [fact, { description: harmFactLabels[fact] }])) as Record<
    HarmFact,
    { description: string }
  >,
});

const RecordedHarmFactType = builder.objectRef<HarmFact>('RecordedHarmFact').implement({
  description: 'A harm fact recorded on the case, with its Chinese label',
  fields: (t) => ({
    code: t.field({ type: HarmFactEnum, resolve: (fact) => fact }),
    label: t.string({ resolve: (fact) => harmFactLabels[fact] }),
  }),
});

const CaseWarningDetailType = builder.objectRef<CaseWarningDetail>('CaseWarningDetail').implement({
  description: 'A warning on a case with the rule that raises it and its legal source (one entry per rule met)',
  fields: (t) => ({
    code: t.exposeString('code', { description: 'The code also listed in Case.warnings, e.g. PENALTY_INSTEAD_OF_TRANSFER' }),
    label: t.exposeString('label', { description: 'e.g. 以罚代刑' }),
    ruleId: t.exposeString('ruleId', { description: 'Stable id of the rule, e.g. SUBSTANDARD_DRUG.UNSOLD_GOODS_VALUE' }),
    rule: t.exposeString('rule', { description: '罪名 and the condition in words' }),
    legalBasis: t.exposeString('legalBasis'),
  }),
});
export { CaseWarningDetailType, RecordedHarmFactType };

const SubjectType = builder.objectRef<CaseView['subject']>('Subject').implement({
  description: '当事人: an organisation (统一社会信用代码) or a person (身份证号, always masked here)',
  fields: (t) => ({
    kind: t.field({ type: SubjectKindEnum, resolve: (s) => s.kind as 'ORGANIZATION' | 'PERSON' }),
    name: t.exposeString('name'),
    creditCode: t.exposeString('creditCode', { nullable: true }),
    idNumberMasked: t.string({ nullable: true, resolve: (s) => (s.idNumber ? maskIdNumber(s.idNumber) : null) }),
  }),
});

type Evidence = Case['evidence'][number];
const EvidenceType = builder.objectRef<Evidence>('Evidence').implement({
  fields: (t) => ({
    id: t.id({ resolve: (e) => e.evidenceId }),
    kind: t.field({ type: EvidenceKindEnum, resolve: (e) => e.kind }),
    title: t.exposeString('title'),
    description: t.string({ nullable: true, resolve: (e) => e.description ?? null }),
    recordedAt: t.field({ type: 'DateTime', resolve: (e) => e.recordedAt }),
    unsoldGoodsValueFen: t.int({
      nullable: true,
      description: '货值金额 of unsold goods this evidence states (fen), if it does',
      resolve: (e) => e.unsoldGoodsValueFen ?? null,
    }),
    illegalGainsFen: t.int({
      nullable: true,
      description: '违法所得 this evidence states (fen), if it does',
      resolve: (e) => e.illegalGainsFen ?? null,
    }),
    harmFacts: t.field({ type: [RecordedHarmFactType], resolve: (e) => e.harmFacts ?? [] }),
  }),
});

type Penalty = NonNullable<Case['penalty']> & { repeatOffender: boolean; decidedAt: string | null };
const PenaltyItemType = builder.objectRef<Penalty['penalties'][number]>('PenaltyItem').implement({
  fields: (t) => ({
    kind: t.field({ type: PenaltyKindEnum, resolve: (p) => p.kind }),
    amountFen: t.int({ nullable: true, resolve: (p) => p.amountFen ?? null }),
    description: t.string({ nullable: true, resolve: (p) => p.description ?? null }),
  }),
});
const PersonResponsibleType = builder.objectRef<Penalty['personsResponsible'][number]>('PersonResponsible').implement({
  description: '处罚到人: a person held responsible',
  fields: (t) => ({
    name: t.exposeString('name'),
    role: t.exposeString('role'),
    idNumberMasked: t.string({ nullable: true, resolve: (p) => (p.idNumber ? maskIdNumber(p.idNumber) : null) }),
  }),
});
const PenaltyDecisionType = builder.objectRef<Penalty>('PenaltyDecision').implement({
  description: '行政处罚决定',
  fields: (t) => ({
    decisionNumber: t.exposeString('decisionNumber'),
    penalties: t.field({ type: [PenaltyItemType], resolve: (p) => p.penalties }),
    personsResponsible: t.field({ type: [PersonResponsibleType], resolve: (p) => p.personsResponsible }),
    repeatOffender: t.exposeBoolean('repeatOffender'),
    priorViolationsInWindow: t.exposeInt('priorViolationsInWindow'),
    decidedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.decidedAt }),
    reason: t.string({ nullable: true, resolve: (p) => p.reason }),
  }),
});

export const CaseType = builder.objectRef<CaseView>('Case').implement({
  description: '行政案件',
  fields: (t) => ({
    id: t.exposeID('id'),
    streamId: t.exposeString('streamId'),
    number: t.exposeString('number', { description: '案件编号' }),
    agency: t.field({ type: AgencyType, resolve: (c, _a, ctx) => ctx.platform.directory.require(c.agencyId) }),
    status: t.field({ type: CaseStatusEnum, resolve: (c) => c.status as CaseStatus }),
    subject: t.field({ type: SubjectType, resolve: (c) => c.subject }),
    source: t.field({ type: CaseSourceEnum, resolve: (c) => c.source as CaseSource }),
    summary: t.exposeString('summary'),
    violations: t.exposeStringList('violations'),
    amountInvolvedFen: t.int({ nullable: true, resolve: (c) => c.amountInvolvedFen }),
    warnings: t.exposeStringList('warnings'),
    warningDetails: t.field({
      type: [CaseWarningDetailType],
      description: 'Each warning with the rule that raises it and its legal source (the codes are those of `warnings`)',
      resolve: async (c, _a, ctx) => {
        const state = await stateOf(c, ctx);
        return state ? warningDetailsFor(caseWarningFactsOf(state)) : [];
      },
    }),
    unsoldGoodsValueFen: t.int({
      nullable: true,
      description: '货值金额 of the goods not yet sold (fen), as the latest evidence stating it says',
      resolve: async (c, _a, ctx) => (await stateOf(c, ctx))?.unsoldGoodsValueFen ?? null,
    }),
    illegalGainsFen: t.int({
      nullable: true,
      description: '违法所得 (fen), as the latest evidence stating it says',
      resolve: async (c, _a, ctx) => (await stateOf(c, ctx))?.illegalGainsFen ?? null,
    }),
    harmFacts: t.field({
      type: [RecordedHarmFactType],
      description: 'Harm facts (危害后果) established by the evidence',
      resolve: async (c, _a, ctx) => (await stateOf(c, ctx))?.harmFacts ?? [],
    }),
    finesDecidedFen: t.int({
      description: '已决定罚款合计 (fen): the fines of the penalty decision, confiscation not counted; 0 when none',
      resolve: async (c, _a, ctx) => {
        const state = await stateOf(c, ctx);
        return state ? finesOf(state).finesDecidedFen : 0;
      },
    }),
    offsettableFineFen: t.int({
      nullable: true,
      description:
        '可折抵罚金 (fen): once the case went to police, the fines decided, which a court offsets against a criminal fine ' +
        '(《行政处罚法》第三十五条第一款); null before a criminal transfer or without fines',
      resolve: async (c, _a, ctx) => {
        const state = await stateOf(c, ctx);
        return state ? finesOf(state).offsettableFineFen : null;
      },
    }),
    version: t.exposeInt('version'),
    evidence: t.field({ type: [EvidenceType], resolve: async (c, _a, ctx) => (await stateOf(c, ctx))?.evidence ?? [] }),
    penalty: t.field({
      type: PenaltyDecisionType,
      nullable: true,
      resolve: async (c, _a, ctx) => {
        const state = await stateOf(c, ctx);
        return state?.penalty ? { ...state.penalty, repeatOffender: state.repeatOffender, decidedAt: state.decidedAt } : null;
      },
    }),
  }),
});

// ---- inputs -------------------------------------------------------------------------------------

export const CaseFilterInput = builder.inputType('CaseFilter', {
  fields: (t) => ({
    agencyId: t.id({ required: false, description: 'Only this agency (default: every agency you may read)' }),
    status: t.field({ type: [CaseStatusEnum], required: false }),
    violation: t.string({ required: false }),
    warning: t.string({ required: false }),
    search: t.string({ required: false, description: 'Matches number, subject name or summary' }),
  }),
});

export const SubjectInputType = builder.inputType('SubjectInput', {
  fields: (t) => ({
    kind: t.field({ type: SubjectKindEnum, required: true }),
    name: t.string({ required: true }),
    creditCode: t.string({ required: false, description: '统一社会信用代码 (GB 32100), for organisations' }),
    idNumber: t.string({ required: false, description: '身份证号 (GB 11643), for persons; never returned unmasked' }),
  }),
});
export const RegisterCaseInputType = builder.inputType('RegisterCaseInput', {
  fields: (t) => ({
    commandId: t.id({ required: false }),
    expectedVersion: t.int({ required: false, description: 'A new stream has version 0: 0 asserts this creates it; CONFLICT otherwise' }),
    subject: t.field({ type: SubjectInputType, required: true }),
    source: t.field({ type: CaseSourceEnum, required: true }),
    summary: t.string({ required: true }),
    violations: t.stringList({ required: true }),
    amountInvolvedFen: t.int({ required: false }),
  }),
});
export const CaseStepInputType = builder.inputType('CaseStepInput', {
  fields: (t) => ({
    commandId: t.id({ required: false }),
    caseId: t.id({ required: true }),
    expectedVersion: t.int({ required: false }),
    reason: t.string({ required: false }),
  }),
});
export const RecordEvidenceInputType = builder.inputType('RecordEvidenceInput', {
  fields: (t) => ({
    commandId: t.id({ required: false }),
    caseId: t.id({ required: true }),
    expectedVersion: t.int({ required: false }),
    kind: t.field({ type: EvidenceKindEnum, required: true }),
    title: t.string({ required: true }),
    description: t.string({ required: false }),
    unsoldGoodsValueFen: t.int({
      required: false,
      description: '货值金额 of the unsold goods this evidence shows (fen, marked price or market middle price); replaces an earlier value',
    }),
    illegalGainsFen: t.int({ required: false, description: '违法所得 this evidence shows (fen); replaces an earlier value' }),
    harmFacts: t.field({ type: [HarmFactEnum], required: false, description: 'Harm facts this evidence establishes' }),
  }),
});
export const PenaltyItemInputType = builder.inputType('PenaltyItemInput', {
  fields: (t) => ({
    kind: t.field({ type: PenaltyKindEnum, required: true }),
    amountFen: t.int({ required: false }),
    description: t.string({ required: false }),
  }),
});
export const PersonResponsibleInputType = builder.inputType('PersonResponsibleInput', {
  fields: (t) => ({
    name: t.string({ required: true }),
    role: t.string({ required: true, description: 'e.g. 法定代表人, 直接负责的主管人员, 其他直接责任人员' }),
    idNumber: t.string({ required: false }),
  }),
});
export const DecidePenaltyInputType = builder.inputType('DecidePenaltyInput', {
  fields: (t) => ({
    commandId: t.id({ required: false }),
    caseId: t.id({ required: true }),
    expectedVersion: t.int({ required: false }),
    decisionNumber: t.string({ required: true, description: '行政处罚决定书文号' }),
    penalties: t.field({ type: [PenaltyItemInputType], required: true }),
    personsResponsible: t.field({ type: [PersonResponsibleInputType], required: true }),
    reason: t.string({ required: false }),
  }),
});

