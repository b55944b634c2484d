import {
  AnswerCaseConsultationInput,
  AskCaseConsultationInput,
  CaseConsultationStatus,
  caseConsultationStatusLabels,
  ConsultationOpinion,
  consultationOpinionLabels,
} from '@xianjie/contracts';
import type { ConsultationCommandName } from '@xianjie/auth';
import type { CaseConsultationView } from '@xianjie/operations';
import type { z } from 'zod';
import { builder } from '../../builder.ts';
import { authOf } from '../common/callerAuth.ts';
import { commandInput, runCommand } from '../common/commandMutation.ts';
import { AgencyType } from '../common/types.ts';
import { orNull } from '../operation/operationNode.ts';

/**
 * 案件咨询 (case consultation, DESIGN §3.5): `caseConsultation(id)`, `caseConsultations`,
 * `askCaseConsultation`, `answerCaseConsultation`. The operations service keeps them and applies the
 * access rules (auth's `canReadCaseConsultation`, `canRunConsultationCommand`); unanswered ones reach
 * the consulted agency's 待办 (`myWork`, kind CASE_CONSULTATION).
 */

export const CaseConsultationStatusEnum = builder.enumType('CaseConsultationStatus', {
  description: Object.entries(caseConsultationStatusLabels)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; '),
  values: CaseConsultationStatus.options,
});

export const ConsultationOpinionEnum = builder.enumType('ConsultationOpinion', {
  description: Object.entries(consultationOpinionLabels)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; '),
  values: ConsultationOpinion.options,
});

export const CaseConsultationType = builder.objectRef<CaseConsultationView>('CaseConsultation').implement({
  description: '案件咨询: an agency asks the police whether a case meets the criminal threshold; answered within a local-rule window',
  fields: (t) => ({
    id: t.id({ resolve: (c) => c.consultationId }),
    status: t.field({ type: CaseConsultationStatusEnum, resolve: (c) => c.status }),
    statusLabel: t.string({ resolve: (c) => caseConsultationStatusLabels[c.status] }),
    from: t.field({ type: AgencyType, description: '咨询单位', resolve: (c, _a, ctx) => ctx.platform.directory.require(c.fromAgencyId) }),
    to: t.field({ type: AgencyType, description: '被咨询单位 (公安机关)', resolve: (c, _a, ctx) => ctx.platform.directory.require(c.toAgencyId) }),
    caseId: t.id({ nullable: true, description: 'The asker’s case on the platform, when given', resolve: (c) => c.caseId }),
    caseReference: t.exposeString('caseReference', { description: '案件编号 as the asker numbers it' }),
    question: t.exposeString('question', { description: '咨询事项' }),
    facts: t.string({ nullable: true, description: '基本案情', resolve: (c) => c.facts }),
    askedAt: t.field({ type: 'DateTime', resolve: (c) => c.askedAt }),
    dueAt: t.field({ type: 'DateTime', description: 'The answer’s due time (the local-rule window from askedAt)', resolve: (c) => c.dueAt }),
    dueRule: t.string({
      description: 'The window and its source: a local rule, no statutory source',
      resolve: (c) => `${c.window.amount}个工作日；${c.window.legalBasis}；${c.window.countingBasis}`,
    }),
    overdue: t.exposeBoolean('overdue', { description: 'Unanswered after dueAt, judged as of asOf (default now)' }),
    opinion: t.field({ type: ConsultationOpinionEnum, nullable: true, resolve: (c) => c.opinion }),
    opinionLabel: t.string({ nullable: true, resolve: (c) => (c.opinion ? consultationOpinionLabels[c.opinion] : null) }),
    answer: t.string({ nullable: true, description: '答复意见', resolve: (c) => c.answer }),
    answeredAt: t.field({ type: 'DateTime', nullable: true, resolve: (c) => c.answeredAt }),
    late: t.exposeBoolean('late', { description: 'Answered after dueAt' }),
    streamId: t.exposeString('streamId'),
    version: t.exposeInt('version', { description: 'expectedVersion of the next command' }),
  }),
});

builder.queryField('caseConsultation', (t) =>
  t.field({
    type: CaseConsultationType,
    nullable: true,
    authScopes: { authenticated: true },
    description: '案件咨询 now or as of a time; null when absent or not yours to read (the two agencies, overseers of their region, admins)',
    args: { id: t.arg.id({ required: true }), asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: (_root, args, ctx) => orNull(ctx.platform.operations.consultation(String(args.id), args.asOf ?? undefined, authOf(ctx))),
  }),
);

builder.queryField('caseConsultations', (t) =>
  t.field({
    type: [CaseConsultationType],
    authScopes: { authenticated: true },
    description: '案件咨询 asked by or of your agency (overseers: of their region), earliest due first; overdue judged as of asOf',
    args: { status: t.arg({ type: [CaseConsultationStatusEnum], required: false }), asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: (_root, args, ctx) =>
      ctx.platform.operations.consultations({ ...(args.status?.length ? { status: args.status } : {}), ...(args.asOf ? { asOf: args.asOf } : {}) }, authOf(ctx)),
  }),
);

const AskCaseConsultationInputType = builder.inputType('AskCaseConsultationInput', {
  fields: (t) => ({
    commandId: t.id({ required: false, description: 'For an idempotent retry: the same commandId finds the same consultation' }),
    expectedVersion: t.int({ required: false }),
    toAgencyId: t.id({ required: true, description: 'The police agency consulted' }),
    caseId: t.id({ required: false, description: 'Your case on the platform' }),
    caseReference: t.string({ required: true, description: '案件编号' }),
    question: t.string({ required: true, description: '咨询事项' }),
    facts: t.string({ required: false, description: '基本案情' }),
  }),
});

const AnswerCaseConsultationInputType = builder.inputType('AnswerCaseConsultationInput', {
  fields: (t) => ({
    commandId: t.id({ required: false }),
    consultationId: t.id({ required: true }),
    expectedVersion: t.int({ required: false, description: '`CaseConsultation.version`; CONFLICT when it moved on' }),
    opinion: t.field({ type: ConsultationOpinionEnum, required: true }),
    answer: t.string({ required: true, description: '答复意见' }),
  }),
});

const consultationMutation = (
  name: ConsultationCommandName,
  input: typeof AskCaseConsultationInputType | typeof AnswerCaseConsultationInputType,
  schema: z.ZodType,
  description: string,
) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: CaseConsultationType,
      description,
      authScopes: { authenticated: true },
      args: { input: t.arg({ type: input as typeof AskCaseConsultationInputType, required: true, validate: commandInput(schema) }) },
      resolve: async (_root, args, ctx) =>
        (await runCommand(ctx, args.input, (i, auth) => ctx.platform.operations.executeConsultation(name, i, auth))).consultation,
    }),
  );

consultationMutation(
  'askCaseConsultation',
  AskCaseConsultationInputType,
  AskCaseConsultationInput,
  '案件咨询: ask a police agency whether your case meets the criminal threshold (your agency’s staff); due in the local-rule window',
);
consultationMutation(
  'answerCaseConsultation',
  AnswerCaseConsultationInputType,
  AnswerCaseConsultationInput,
  '答复咨询: answer a consultation asked of your agency (its staff); late answers are recorded late',
);
