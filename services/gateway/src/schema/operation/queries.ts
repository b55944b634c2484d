import { builder } from '../../builder.ts';
import { CaseType } from '../case/types.ts';
import { authOf } from '../common/callerAuth.ts';
import { orNull } from './operationNode.ts';
import { OperationType } from './operationType.ts';
import { OperationStatusEnum } from './types.ts';

builder.queryField('operation', (t) =>
  t.field({
    type: OperationType,
    nullable: true,
    authScopes: { authenticated: true },
    description:
      'A joint operation (专项整治) now, or as of a time (rebuilt from its events up to asOf). ' +
      'Null when absent or not yours to read: its existence is not public.',
    args: { id: t.arg.id({ required: true }), asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: async (_root, args, ctx) => {
      const id = String(args.id);
      const view = await orNull(ctx.platform.operations.operation(id, args.asOf ?? undefined, authOf(ctx)));
      return view ? { id, asOf: args.asOf ?? null, summary: null, view } : null;
    },
  }),
);

builder.queryField('operations', (t) =>
  t.field({
    type: [OperationType],
    authScopes: { authenticated: true },
    description: 'The operations you may read (participants, overseers of their region, admins), newest first',
    args: { status: t.arg({ type: [OperationStatusEnum], required: false }) },
    resolve: async (_root, args, ctx) => {
      const list = await ctx.platform.operations.operations(args.status?.length ? { status: args.status } : {}, authOf(ctx));
      return list.map((summary) => ({ id: summary.operationId, asOf: null, summary, view: null }));
    },
  }),
);

// ---- Case.origin --------------------------------------------------------------------------------

const CaseOriginType = builder.objectRef<{ operationId: string; findingId: string }>('CaseOrigin').implement({
  description: 'The operation finding (立案查处, 移送公安) that opened the case',
  fields: (t) => ({
    operationId: t.exposeID('operationId'),
    findingId: t.exposeID('findingId'),
    operation: t.field({
      type: OperationType,
      nullable: true,
      description: 'Null when you may not read the operation',
      resolve: async (origin, _a, ctx) => {
        const view = await orNull(ctx.platform.operations.operation(origin.operationId, undefined, authOf(ctx)));
        return view ? { id: origin.operationId, asOf: null, summary: null, view } : null;
      },
    }),
  }),
});

builder.objectField(CaseType, 'origin', (t) =>
  t.field({
    type: CaseOriginType,
    nullable: true,
    description: 'The joint operation finding that opened this case, if one did',
    resolve: async (c, _a, ctx) => {
      const state = c.state ?? (await ctx.platform.cases.caseAsOf(c.id, undefined, authOf(ctx)))?.state;
      return state && state.status !== 'NONE' ? (state.origin ?? null) : null;
    },
  }),
);
