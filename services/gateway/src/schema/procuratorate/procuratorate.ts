import { DecideNonFilingReasonsInput, FilingSupervisionStatus, filingSupervisionStatusLabels, RequestNonFilingExplanationInput, transferFactTimeFields } from '@xianjie/contracts';
import type { FilingSupervisionCommandName } from '@xianjie/auth';
import type { FilingSupervisionItem, TransferCopyItem, TransferProgressStep } from '@xianjie/procuratorate/client';
import type { z } from 'zod';
import { builder } from '../../builder.ts';
import { authOf } from '../common/callerAuth.ts';
import { commandInput, runCommand } from '../common/commandMutation.ts';
import { AgencyType } from '../common/types.ts';
import { TransferKindEnum } from '../transfer/types.ts';
import { TransferType } from '../transfer/transferType.ts';

/**
 * 人民检察院 (DESIGN §3.6): its copy (抄送) of criminal transfers (`transferCopies`, `transferCopy`),
 * 立案监督 (`requestNonFilingExplanation`, `decideNonFilingReasons`, `filingSupervisions`,
 * `Transfer.filingSupervision`). The procuratorate's service runs the commands and applies the access
 * rules (auth's `canReadTransferCopy`, `canRunFilingSupervisionCommand`, `canReadFilingSupervision`);
 * the gateway only shapes them.
 */

const TransferFactTypeEnum = builder.enumType('TransferFactType', {
  description: 'A public fact of a transfer (its step), as the parties published it',
  values: Object.keys(transferFactTimeFields) as (keyof typeof transferFactTimeFields)[],
});

export const FilingSupervisionStatusEnum = builder.enumType('FilingSupervisionStatus', {
  description: Object.entries(filingSupervisionStatusLabels)
    .map(([k, v]) => `${k} ${v}`)
    .join('; '),
  values: FilingSupervisionStatus.options,
});

const TransferProgressStepType = builder.objectRef<TransferProgressStep>('TransferProgressStep').implement({
  description: 'One step of a transfer as the procuratorate’s copy holds it: which fact and when (no content)',
  fields: (t) => ({
    step: t.field({ type: TransferFactTypeEnum, resolve: (s) => s.step }),
    at: t.field({ type: 'DateTime', resolve: (s) => s.at }),
  }),
});

const PoliceDutyStepEnum = builder.enumType('PoliceSupervisionDutyStep', {
  description: 'EXPLAIN: 说明不立案理由 (7 days); FILE: 按通知立案 (15 days)',
  values: ['EXPLAIN', 'FILE'] as const,
});

const PoliceDutyType = builder.objectRef<NonNullable<FilingSupervisionItem['policeDuty']>>('PoliceSupervisionDuty').implement({
  description: 'The police’s open duty under the supervision (公安机关办理刑事案件程序规定第一百八十二条)',
  fields: (t) => ({
    step: t.field({ type: PoliceDutyStepEnum, resolve: (d) => d.step }),
    dueAt: t.field({ type: 'DateTime', description: '24:00 Beijing time of the last day (moved off a holiday)', resolve: (d) => d.dueAt }),
    overdue: t.exposeBoolean('overdue', { description: 'Past dueAt as of the read’s asOf (default now)' }),
  }),
});

export const FilingSupervisionType = builder.objectRef<FilingSupervisionItem>('FilingSupervision').implement({
  description: '立案监督: the procuratorate’s supervision of the police’s decision not to file a transferred case',
  fields: (t) => ({
    transferId: t.exposeID('transferId'),
    streamId: t.exposeString('streamId', { description: 'The procuratorate’s stream (filing-supervision-<transferId>): its audit trail' }),
    caseId: t.exposeID('caseId'),
    status: t.field({ type: FilingSupervisionStatusEnum, resolve: (s) => s.status }),
    procuratorate: t.field({ type: AgencyType, resolve: (s, _a, ctx) => ctx.platform.directory.require(s.procuratorateId) }),
    police: t.field({ type: AgencyType, resolve: (s, _a, ctx) => ctx.platform.directory.require(s.policeAgencyId) }),
    sender: t.field({ type: AgencyType, description: 'The agency that transferred the case (told the outcome)', resolve: (s, _a, ctx) => ctx.platform.directory.require(s.senderAgencyId) }),
    onSuggestion: t.exposeBoolean('onSuggestion', { description: 'true: on the agency’s suggestion (建议立案监督); false: on the procuratorate’s own motion' }),
    documentNumber: t.exposeString('documentNumber', { description: '要求说明不立案理由通知书文号' }),
    reason: t.exposeString('reason'),
    requestedAt: t.field({ type: 'DateTime', resolve: (s) => s.requestedAt }),
    explanationDueAt: t.field({ type: 'DateTime', description: 'The police’s written explanation is due by then (7 days)', resolve: (s) => s.explanationDueAt }),
    explanation: t.string({ nullable: true, description: '不立案理由说明, from the police', resolve: (s) => s.explanation }),
    explainedAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.explainedAt }),
    reasonsHold: t.boolean({ nullable: true, description: 'The procuratorate’s judgement: the reasons hold (理由成立) or not', resolve: (s) => s.reasonsHold }),
    decisionReason: t.string({ nullable: true, resolve: (s) => s.decisionReason }),
    decidedAt: t.field({ type: 'DateTime', nullable: true, resolve: (s) => s.decidedAt }),
    filingNoticeNumber: t.string({ nullable: true, description: '通知立案书文号', resolve: (s) => s.filingNoticeNumber }),
    filingDueAt: t.field({ type: 'DateTime', nullable: true, description: 'The police are to file by then (15 days)', resolve: (s) => s.filingDueAt }),
    filedAt: t.field({ type: 'DateTime', nullable: true, description: 'When the police filed (立案)', resolve: (s) => s.filedAt }),
    filingDocumentNumber: t.string({ nullable: true, description: '立案决定书文号', resolve: (s) => s.filingDocumentNumber }),
    policeDuty: t.field({ type: PoliceDutyType, nullable: true, resolve: (s) => s.policeDuty }),
    version: t.exposeInt('version', { description: 'Version of the supervision stream (expectedVersion of the next command)' }),
  }),
});

export const TransferCopyType = builder.objectRef<TransferCopyItem>('TransferCopy').implement({
  description: '抄送: the procuratorate’s copy of a criminal transfer: who sent what to whom and its progress, never its materials',
  fields: (t) => ({
    transferId: t.exposeID('transferId'),
    caseId: t.exposeID('caseId'),
    kind: t.field({ type: TransferKindEnum, resolve: (c) => c.kind }),
    fromAgency: t.field({ type: AgencyType, resolve: (c, _a, ctx) => ctx.platform.directory.require(c.fromAgencyId) }),
    toAgency: t.field({ type: AgencyType, resolve: (c, _a, ctx) => ctx.platform.directory.require(c.toAgencyId) }),
    reason: t.exposeString('reason', { description: '移送理由 as sent' }),
    sentAt: t.field({ type: 'DateTime', resolve: (c) => c.sentAt }),
    lastStep: t.field({ type: TransferFactTypeEnum, resolve: (c) => c.lastStep }),
    declined: t.exposeBoolean('declined', { description: 'The police decided not to file (不予立案), with no reconsideration pending and no filing since' }),
    accepted: t.exposeBoolean('accepted', { description: 'The police filed (立案)' }),
    supervisionSuggested: t.exposeBoolean('supervisionSuggested', { description: 'The agency suggested the procuratorate’s supervision (建议立案监督)' }),
    closed: t.exposeBoolean('closed'),
    progress: t.field({ type: [TransferProgressStepType], resolve: (c) => c.progress }),
    filingSupervision: t.field({
      type: FilingSupervisionType,
      nullable: true,
      description: '立案监督 of this transfer, if any',
      resolve: (c, _a, ctx) => ctx.platform.procuratorate.filingSupervision(c.transferId, undefined, authOf(ctx)),
    }),
  }),
});

builder.queryField('transferCopies', (t) =>
  t.field({
    type: [TransferCopyType],
    authScopes: { authenticated: true },
    description: '抄送: the criminal transfers copied to your procuratorate (of your region and below), newest first. For a procuratorate’s staff; FORBIDDEN to anyone else.',
    resolve: (_root, _args, ctx) => ctx.platform.procuratorate.transferCopies(authOf(ctx)),
  }),
);

builder.queryField('transferCopy', (t) =>
  t.field({
    type: TransferCopyType,
    nullable: true,
    authScopes: { authenticated: true },
    description: '抄送: one transfer’s copy with its progress (no materials); null when absent or not your procuratorate’s to read.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => ctx.platform.procuratorate.transferCopy(String(args.id), authOf(ctx)),
  }),
);

builder.queryField('filingSupervisions', (t) =>
  t.field({
    type: [FilingSupervisionType],
    authScopes: { authenticated: true },
    description:
      '立案监督: your procuratorate’s supervisions of police of its region and below, the police’s open duties first (earliest due), ' +
      'overdue judged as of asOf (default now). For a procuratorate’s staff.',
    args: { asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: (_root, args, ctx) => ctx.platform.procuratorate.filingSupervisions(args.asOf ?? undefined, authOf(ctx)),
  }),
);

builder.objectField(TransferType, 'filingSupervision', (t) =>
  t.field({
    type: FilingSupervisionType,
    nullable: true,
    description:
      '立案监督 by the procuratorate: its request, the police’s explanation, its judgement and the filing (the outcome the agency is told); null when none.',
    resolve: (v, _a, ctx) => (v.callerSide ? ctx.platform.procuratorate.filingSupervision(v.id, v.asOf ?? undefined, authOf(ctx)) : null),
  }),
);

const commandId = { required: false, description: 'For an idempotent retry: the same commandId never appends twice' } as const;

export const RequestNonFilingExplanationInputType = builder.inputType('RequestNonFilingExplanationInput', {
  description: '要求公安机关说明不立案理由 (on the agency’s suggestion or on your own motion)',
  fields: (t) => ({
    commandId: t.id(commandId),
    transferId: t.id({ required: true }),
    expectedVersion: t.int({ required: false, description: 'FilingSupervision.version you last saw (0 before the first); CONFLICT when it moved on' }),
    documentNumber: t.string({ required: true, description: '要求说明不立案理由通知书文号' }),
    reason: t.string({ required: true, description: '立案监督事由' }),
  }),
});

export const DecideNonFilingReasonsInputType = builder.inputType('DecideNonFilingReasonsInput', {
  description: '审查不立案理由: the reasons hold (理由成立), or not and the police are notified to file (通知立案)',
  fields: (t) => ({
    commandId: t.id(commandId),
    transferId: t.id({ required: true }),
    expectedVersion: t.int({ required: false }),
    reasonsHold: t.boolean({ required: true }),
    reason: t.string({ required: true }),
    documentNumber: t.string({ required: false, description: '通知立案书文号: required when the reasons do not hold' }),
  }),
});

const filingSupervisionMutation = (
  name: FilingSupervisionCommandName,
  input: typeof RequestNonFilingExplanationInputType | typeof DecideNonFilingReasonsInputType,
  schema: z.ZodType,
  description: string,
) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: FilingSupervisionType,
      description,
      // The service checks the procuratorate, the role and the region (auth's canRunFilingSupervisionCommand) and says which is missing.
      authScopes: { authenticated: true },
      args: { input: t.arg({ type: input as typeof RequestNonFilingExplanationInputType, required: true, validate: commandInput(schema) }) },
      resolve: async (_root, args, ctx) => {
        const snapshot = await runCommand(ctx, args.input, (input, auth) => ctx.platform.procuratorate.executeFilingSupervision(name, input, auth));
        return snapshot.item;
      },
    }),
  );

filingSupervisionMutation(
  'requestNonFilingExplanation',
  RequestNonFilingExplanationInputType,
  RequestNonFilingExplanationInput,
  '要求说明不立案理由 (刑事诉讼法第一百一十三条): ask the police to explain in writing why they did not file a transferred case; ' +
    'the police answer within 7 days (a procurator or the head). NOT_FOUND for a transfer your procuratorate has no copy of or outside its region; ' +
    'INVALID_TRANSITION when the police did not decline, filed, or were asked already.',
);
filingSupervisionMutation(
  'decideNonFilingReasons',
  DecideNonFilingReasonsInputType,
  DecideNonFilingReasonsInput,
  '审查不立案理由 (人民检察院刑事诉讼规则第五百六十条): the reasons hold, or notify the police to file (通知立案, within 15 days; documentNumber required); ' +
    'the head (经检察长决定). INVALID_TRANSITION before the police’s explanation is in, or once judged.',
);
