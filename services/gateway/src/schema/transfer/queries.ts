import { resolveCursorConnection } from '@pothos/plugin-relay';
import { ValidationError } from '@xianjie/contracts';
import type { TransferRow } from '@xianjie/transfer-service';
import { z } from 'zod';
import { builder } from '../../builder.ts';
import { partyOf } from '@xianjie/domain';
import { viewOfMerged, viewOfRow } from '../../transferView.ts';
import type { TransferView } from '../../transferView.ts';
import { CaseType } from '../case/types.ts';
import { authOf } from '../common/callerAuth.ts';
import { clientFor } from './clientFor.ts';
import { TransferFilterInput } from './inputs.ts';
import { TransferType } from './transferType.ts';

builder.queryField('transfer', (t) =>
  t.field({
    type: TransferType,
    nullable: true,
    authScopes: { authenticated: true },
    description:
      'A transfer as your own agency’s service knows it (both sides’ facts, the other side’s as they arrive), now or as of ' +
      'a time (rebuilt from events up to asOf). ' +
      'Null when absent or when you are not a party: its existence is not public.',
    args: { id: t.arg.id({ required: true }), asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: async (_root, args, ctx) => {
      const merged = await clientFor(ctx, ctx.principal!.agencyId).transferView(String(args.id), args.asOf ?? undefined, authOf(ctx));
      if (!merged) return null;
      const facts = { fromAgencyId: merged.fromAgency.id, toAgencyId: merged.toAgency.id };
      if (!ctx.platform.rules.canReadTransfer(ctx.principal!, facts).allowed) return null;
      const party = partyOf(ctx.principal!.agencyId, facts);
      // Until it is sent a transfer is the sender's own matter: a proposal, or a refusal and its
      // reason, never reaches the receiver (as its inbox does not list it).
      if (party === 'RECEIVER' && !merged.sentAt) return null;
      return viewOfMerged(merged, party, args.asOf ?? null);
    },
  }),
);

const cursorOf = (row: TransferRow) => Buffer.from(JSON.stringify([row.createdAt, row.id])).toString('base64url');
const parseCursor = (cursor: string) => {
  try {
    const [createdAt, id] = z
      .tuple([z.string(), z.string()])
      .parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { createdAt, id };
  } catch {
    throw new ValidationError([{ path: 'after', message: 'not a cursor returned by this API' }]);
  }
};

type ListedTransfer = TransferView & { row: TransferRow };

builder.queryField('transfers', (t) =>
  t.connection({
    type: TransferType,
    authScopes: { authenticated: true },
    description: 'Your agency’s inbox (INCOMING) or outbox (OUTGOING), newest first (Relay connection; forward pagination).',
    args: { filter: t.arg({ type: TransferFilterInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      if (args.last != null || args.before != null) {
        throw new ValidationError([{ path: 'last', message: 'transfers page forward only: use first/after' }]);
      }
      const principal = ctx.principal!;
      const { filter } = args;
      return resolveCursorConnection<Promise<ListedTransfer[]>>(
        { args, toCursor: (node) => cursorOf(node.row), defaultSize: 20, maxSize: 100 },
        async ({ after, limit }) => {
          const page = await clientFor(ctx, principal.agencyId).listTransfers(
            {
              direction: filter.direction,
              ...(filter.kind ? { kind: filter.kind } : {}),
              ...(filter.status?.length ? { status: filter.status } : {}),
              ...(filter.overdueAsOf ? { overdueAsOf: filter.overdueAsOf } : {}),
            },
            limit,
            after ? parseCursor(after) : null,
            authOf(ctx),
          );
          return page.rows.map((row) => ({ ...viewOfRow(row, principal.agencyId), row }));
        },
      );
    },
  }),
);

builder.objectField(CaseType, 'transfers', (t) =>
  t.field({
    type: [TransferType],
    description: 'The transfers of this case (sent by its agency), oldest first',
    resolve: async (c, _a, ctx) => {
      const rows = await clientFor(ctx, c.agencyId).transfersOfCase(c.id, authOf(ctx));
      return rows.map((row) => viewOfRow(row, ctx.principal!.agencyId));
    },
  }),
);

