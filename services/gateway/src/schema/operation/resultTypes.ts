import { AcknowledgeOperationReportInput, EvaluateOperationReportInput, operationStatusLabels } from '@xianjie/contracts';
import type { OperationResultView } from '@xianjie/operations';
import type { z } from 'zod';
import { builder } from '../../builder.ts';
import { authOf } from '../common/callerAuth.ts';
import { commandInput, runCommand } from '../common/commandMutation.ts';
import { AgencyType, agency } from '../common/types.ts';
import { AcknowledgeOperationReportInputType, EvaluateOperationReportInputType } from './inputs.ts';
import { orNull } from './operationNode.ts';
import { OperationReportType } from './progressTypes.ts';
import { OperationStatusEnum } from './types.ts';

/**
 * An operation's result report (结果报告纪委监委) with its header, for the commission: its supervisors
 * read it (and acknowledge and evaluate it) without reading the plan, groups or ledger
 * (`canReadOperationReport`); whoever reads the operation reads it too.
 */
export const OperationResultType = builder.objectRef<OperationResultView>('OperationResult').implement({
  description: '专项整治的结果报告: the header of an operation and its result report (null until reported), with the commission’s 签收 and 检查评估',
  fields: (t) => ({
    id: t.exposeID('operationId', { description: 'The operation’s id' }),
    version: t.exposeInt('version'),
    status: t.field({ type: OperationStatusEnum, resolve: (r) => r.status }),
    statusLabel: t.string({ resolve: (r) => operationStatusLabels[r.status] }),
    title: t.exposeString('title'),
    leadAgency: t.field({ type: AgencyType, resolve: (r, _a, ctx) => agency(ctx, r.leadAgencyId) }),
    participants: t.field({ type: [AgencyType], resolve: (r, _a, ctx) => r.participantAgencyIds.map((id) => agency(ctx, id)) }),
    resultRecipient: t.field({ type: AgencyType, resolve: (r, _a, ctx) => agency(ctx, r.resultRecipientAgencyId) }),
    startsOn: t.exposeString('startsOn'),
    endsOn: t.exposeString('endsOn'),
    report: t.field({ type: OperationReportType, nullable: true, resolve: (r) => r.report }),
  }),
});

builder.queryField('operationResult', (t) =>
  t.field({
    type: OperationResultType,
    nullable: true,
    authScopes: { authenticated: true },
    description:
      'An operation’s result report and header: its participants, the overseers and the supervisors of the commissions of its region. ' +
      'Null when absent or not yours to read.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => orNull(ctx.platform.operations.result(String(args.id), authOf(ctx))),
  }),
);

builder.queryField('operationResults', (t) =>
  t.field({
    type: [OperationResultType],
    authScopes: { authenticated: true },
    description: 'The operations’ result reports you may read (a commission’s supervisors and overseers: those of its region), newest first',
    args: { status: t.arg({ type: [OperationStatusEnum], required: false }) },
    resolve: (_root, args, ctx) => ctx.platform.operations.results(args.status?.length ? { status: args.status } : {}, authOf(ctx)),
  }),
);

const reviewMutation = (
  name: 'acknowledgeOperationReport' | 'evaluateOperationReport',
  input: typeof AcknowledgeOperationReportInputType | typeof EvaluateOperationReportInputType,
  schema: z.ZodType,
  description: string,
) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: OperationResultType,
      description,
      // The service checks the party (the commission the result is reported to) and says who may.
      authScopes: { authenticated: true },
      args: {
        input: t.arg({ type: input as typeof AcknowledgeOperationReportInputType, required: true, validate: commandInput(schema) }),
      },
      resolve: async (_root, args, ctx) =>
        (await runCommand(ctx, args.input, (i, auth) => ctx.platform.operations.execute(name, i, auth))).result,
    }),
  );

reviewMutation(
  'acknowledgeOperationReport',
  AcknowledgeOperationReportInputType,
  AcknowledgeOperationReportInput,
  '签收: the commission the result is reported to acknowledges the report (its overseers or supervisors)',
);
reviewMutation(
  'evaluateOperationReport',
  EvaluateOperationReportInputType,
  EvaluateOperationReportInput,
  '检查评估: the commission grades and evaluates the reported result, after acknowledging it (its supervisor)',
);
