import {
  AcknowledgeClueNoticeInput,
  ClueNoticeDisposition,
  clueNoticeDispositionLabels,
  ClueNoticeStatus,
  clueNoticeStatusLabels,
  ReplyClueNoticeInput,
  SendClueNoticeInput,
} from '@xianjie/contracts';
import type { ClueNoticeCommandName } from '@xianjie/auth';
import type { ClueNoticeView } from '@xianjie/operations';
import type { z } from 'zod';
import { builder } from '../../builder.ts';
import { authOf } from '../common/callerAuth.ts';
import { commandInput, runCommand } from '../common/commandMutation.ts';
import { AgencyType } from '../common/types.ts';
import { orNull } from '../operation/operationNode.ts';

/**
 * 线索通报 (clue notice, DESIGN §3.5): `clueNotice(id)`, `clueNotices`, `sendClueNotice`,
 * `acknowledgeClueNotice`, `replyClueNotice`. The operations service keeps them and applies the
 * access rules (auth's `canReadClueNotice`, `canRunClueNoticeCommand`); unreplied ones reach the
 * notified agency's 待办 (`myWork`, kind CLUE_NOTICE).
 */

export const ClueNoticeStatusEnum = builder.enumType('ClueNoticeStatus', {
  description: Object.entries(clueNoticeStatusLabels)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; '),
  values: ClueNoticeStatus.options,
});

export const ClueNoticeDispositionEnum = builder.enumType('ClueNoticeDisposition', {
  description: Object.entries(clueNoticeDispositionLabels)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; '),
  values: ClueNoticeDisposition.options,
});

export const ClueNoticeType = builder.objectRef<ClueNoticeView>('ClueNotice').implement({
  description:
    '线索通报: an agency tells the police of a clue that may be criminal before any transfer; the police acknowledge and reply within a local-rule window',
  fields: (t) => ({
    id: t.id({ resolve: (n) => n.noticeId }),
    status: t.field({ type: ClueNoticeStatusEnum, resolve: (n) => n.status }),
    statusLabel: t.string({ resolve: (n) => clueNoticeStatusLabels[n.status] }),
    from: t.field({
      type: AgencyType,
      description: '通报单位',
      resolve: (n, _a, ctx) => ctx.platform.directory.require(n.fromAgencyId),
    }),
    to: t.field({
      type: AgencyType,
      description: '接收单位 (公安机关)',
      resolve: (n, _a, ctx) => ctx.platform.directory.require(n.toAgencyId),
    }),
    caseId: t.id({
      nullable: true,
      description: 'The sender’s case on the platform, when given',
      resolve: (n) => n.caseId,
    }),
    caseReference: t.string({
      nullable: true,
      description: '案件编号 or 线索编号, when given',
      resolve: (n) => n.caseReference,
    }),
    facts: t.exposeString('facts', { description: '线索事实' }),
    suspectedOffence: t.exposeString('suspectedOffence', { description: '涉嫌罪名' }),
    sentAt: t.field({ type: 'DateTime', resolve: (n) => n.sentAt }),
    dueAt: t.field({
      type: 'DateTime',
      description: 'The reply’s due time (the local-rule window from sentAt)',
      resolve: (n) => n.dueAt,
    }),
    dueRule: t.string({
      description: 'The window and its source: a local rule, no statutory source',
      resolve: (n) => `${n.window.amount}个工作日；${n.window.legalBasis}；${n.window.countingBasis}`,
    }),
    overdue: t.exposeBoolean('overdue', {
      description: 'Unreplied after dueAt, judged as of asOf (default now)',
    }),
    acknowledgedAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: '签收',
      resolve: (n) => n.acknowledgedAt,
    }),
    disposition: t.field({ type: ClueNoticeDispositionEnum, nullable: true, resolve: (n) => n.disposition }),
    dispositionLabel: t.string({
      nullable: true,
      resolve: (n) => (n.disposition ? clueNoticeDispositionLabels[n.disposition] : null),
    }),
    reply: t.string({ nullable: true, description: '反馈意见', resolve: (n) => n.reply }),
    repliedAt: t.field({ type: 'DateTime', nullable: true, resolve: (n) => n.repliedAt }),
    late: t.exposeBoolean('late', { description: 'Replied after dueAt' }),
    streamId: t.exposeString('streamId'),
    version: t.exposeInt('version', { description: 'expectedVersion of the next command' }),
  }),
});

builder.queryField('clueNotice', (t) =>
  t.field({
    type: ClueNoticeType,
    nullable: true,
    authScopes: { authenticated: true },
    description:
      '线索通报 now or as of a time; null when absent or not yours to read (the two agencies, overseers of their region, admins)',
    args: { id: t.arg.id({ required: true }), asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: (_root, args, ctx) =>
      orNull(ctx.platform.operations.clueNotice(String(args.id), args.asOf ?? undefined, authOf(ctx))),
  }),
);

builder.queryField('clueNotices', (t) =>
  t.field({
    type: [ClueNoticeType],
    authScopes: { authenticated: true },
    description:
      '线索通报 sent by or to your agency (overseers: of their region), earliest due first; overdue judged as of asOf',
    args: {
      status: t.arg({ type: [ClueNoticeStatusEnum], required: false }),
      asOf: t.arg({ type: 'DateTime', required: false }),
    },
    resolve: (_root, args, ctx) =>
      ctx.platform.operations.clueNotices(
        {
          ...(args.status?.length ? { status: args.status } : {}),
          ...(args.asOf ? { asOf: args.asOf } : {}),
        },
        authOf(ctx),
      ),
  }),
);

const SendClueNoticeInputType = builder.inputType('SendClueNoticeInput', {
  fields: (t) => ({
    commandId: t.id({
      required: false,
      description: 'For an idempotent retry: the same commandId finds the same notice',
    }),
    expectedVersion: t.int({ required: false }),
    toAgencyId: t.id({ required: true, description: 'The police agency notified' }),
    caseId: t.id({ required: false, description: 'Your case on the platform, when there is one' }),
    caseReference: t.string({ required: false, description: '案件编号 or 线索编号, when there is one' }),
    facts: t.string({ required: true, description: '线索事实' }),
    suspectedOffence: t.string({ required: true, description: '涉嫌罪名' }),
  }),
});

const AcknowledgeClueNoticeInputType = builder.inputType('AcknowledgeClueNoticeInput', {
  fields: (t) => ({
    commandId: t.id({ required: false }),
    noticeId: t.id({ required: true }),
    expectedVersion: t.int({
      required: false,
      description: '`ClueNotice.version`; CONFLICT when it moved on',
    }),
  }),
});

const ReplyClueNoticeInputType = builder.inputType('ReplyClueNoticeInput', {
  fields: (t) => ({
    commandId: t.id({ required: false }),
    noticeId: t.id({ required: true }),
    expectedVersion: t.int({
      required: false,
      description: '`ClueNotice.version`; CONFLICT when it moved on',
    }),
    disposition: t.field({ type: ClueNoticeDispositionEnum, required: true }),
    reply: t.string({ required: true, description: '反馈意见' }),
  }),
});

const clueNoticeMutation = (
  name: ClueNoticeCommandName,
  input:
    typeof SendClueNoticeInputType | typeof AcknowledgeClueNoticeInputType | typeof ReplyClueNoticeInputType,
  schema: z.ZodType,
  description: string,
) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: ClueNoticeType,
      description,
      authScopes: { authenticated: true },
      args: {
        input: t.arg({
          type: input as typeof SendClueNoticeInputType,
          required: true,
          validate: commandInput(schema),
        }),
      },
      resolve: async (_root, args, ctx) =>
        (
          await runCommand(ctx, args.input, (i, auth) =>
            ctx.platform.operations.executeClueNotice(name, i, auth),
          )
        ).notice,
    }),
  );

clueNoticeMutation(
  'sendClueNotice',
  SendClueNoticeInputType,
  SendClueNoticeInput,
  '线索通报: tell a police agency of a clue that may be criminal, before any transfer (your agency’s staff); the reply is due in the local-rule window',
);
clueNoticeMutation(
  'acknowledgeClueNotice',
  AcknowledgeClueNoticeInputType,
  AcknowledgeClueNoticeInput,
  '签收: acknowledge a clue notice sent to your agency (its staff); the reply is still due',
);
clueNoticeMutation(
  'replyClueNotice',
  ReplyClueNoticeInputType,
  ReplyClueNoticeInput,
  '反馈: reply what your agency will do with a clue sent to it (立案侦查/继续关注/不属于管辖, its staff); acknowledges too when not yet; late replies are recorded late',
);
