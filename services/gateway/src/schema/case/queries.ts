import { resolveCursorConnection } from '@pothos/plugin-relay';
import { ValidationError } from '@xianjie/contracts';
import type { CaseRow } from '@xianjie/case-service';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import type { GatewayContext } from '../../context.ts';
import { authOf } from '../common/callerAuth.ts';
import { fromRow, viewOf, type CaseView } from './caseView.ts';
import { CaseFilterInput, CaseType } from './types.ts';

const canRead = (ctx: GatewayContext, view: CaseView) =>
  ctx.platform.rules.canReadCase(ctx.principal!, { agencyId: view.agencyId }).allowed;

builder.queryField('case', (t) =>
  t.field({
    type: CaseType,
    nullable: true,
    authScopes: { authenticated: true },
    description:
      'A case as its events say now, or as of a time (rebuilt from its events up to asOf). 查询留痕: an overseer’s read of ' +
      'another agency’s case whose subject is a person or whose penalty names persons (处罚到人; 个人信息) is recorded first, by the owning ' +
      'service; when it cannot be recorded the read fails (SERVICE_UNAVAILABLE). ID numbers show their first and last character only.',
    args: { id: t.arg.id({ required: true }), asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: async (_root, args, ctx) => {
      const view = viewOf(await ctx.platform.cases.caseAsOf(String(args.id), args.asOf ?? undefined, authOf(ctx)));
      if (!view) return null;
      // Another agency's case is reported as absent, not as forbidden: its existence is not public.
      if (!canRead(ctx, view)) return null;
      // 查询留痕 and masking happened in the owning service, before it answered.
      return view;
    },
  }),
);

type ListedCase = CaseView & { row: CaseRow };

const cursorOf = (row: CaseRow) => Buffer.from(JSON.stringify([row.registeredAt, row.id])).toString('base64url');
const parseCursor = (cursor: string) => {
  try {
    const [registeredAt, id] = z
      .tuple([z.string(), z.string()])
      .parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { registeredAt, id };
  } catch {
    throw new ValidationError([{ path: 'after', message: 'not a cursor returned by this API' }]);
  }
};

builder.queryField('cases', (t) =>
  t.connection({
    type: CaseType,
    authScopes: { authenticated: true },
    description:
      'Cases you may read, newest first (Relay connection; forward pagination). 查询留痕: an overseer’s read of cases whose ' +
      'subject is a person (个人信息) is recorded first; when it cannot be recorded the read fails (SERVICE_UNAVAILABLE).',
    args: { filter: t.arg({ type: CaseFilterInput, required: false }) },
    resolve: async (_root, args, ctx) => {
      const principal = ctx.principal!;
      const readable = ctx.platform.directory
        .list()
        .filter((a) => ctx.platform.rules.canReadCase(principal, { agencyId: a.id }).allowed)
        .map((a) => a.id);
      const wanted = args.filter?.agencyId ? readable.filter((id) => id === args.filter!.agencyId) : readable;
      if (args.last != null || args.before != null) {
        throw new ValidationError([{ path: 'last', message: 'cases pages forward only: use first/after' }]);
      }
      const connection = await resolveCursorConnection<Promise<ListedCase[]>>(
        { args, toCursor: (node) => cursorOf(node.row), defaultSize: 20, maxSize: 100 },
        async ({ after, limit }) => {
          const page = await ctx.platform.cases.listCases(
            {
              agencyIds: wanted,
              ...(args.filter?.status ? { status: args.filter.status } : {}),
              ...(args.filter?.violation ? { violation: args.filter.violation } : {}),
              ...(args.filter?.warning ? { warning: args.filter.warning } : {}),
              ...(args.filter?.search ? { search: args.filter.search } : {}),
            },
            limit,
            after ? parseCursor(after) : null,
            authOf(ctx),
          );
          return page.rows.map((row) => ({ ...fromRow(row), row }));
        },
      );
      // 查询留痕: the owning services recorded the page's reads of personal data before answering.
      return connection;
    },
  }),
);

