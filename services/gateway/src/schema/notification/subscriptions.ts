import type { NotificationRecord } from '@xianjie/discipline-inspection';
import type { TransferRow } from '@xianjie/transfer-service';
import { builder } from '../../builder.ts';
import { viewOfRow, type TransferView } from '../../transferView.ts';
import type { GatewayContext } from '../../context.ts';
import { authOf } from '../common/callerAuth.ts';
import { clientFor } from '../transfer/clientFor.ts';
import { TransferType } from '../transfer/transferType.ts';
import { NotificationType } from './notifications.ts';

/**
 * Live updates (issue 15, decision 0018) as GraphQL subscriptions, served by graphql-yoga over
 * Server-Sent Events (its native transport, the GraphQL over SSE protocol's distinct connections
 * mode: a stock `graphql-sse` client). Each subscription asks the owning service through the same
 * client ports as the queries (in-process or HTTP) once a second for the caller's own data, so the
 * access rules are the queries' and both modes behave alike. `since` resumes after a reconnect:
 * everything sent after it is delivered first, so nothing is lost between two connections.
 */

const POLL_MS = 1_000;

const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/** Yields what `poll` returns that was not seen before; the first round only what `isNewAtStart` accepts. */
async function* newItems<T>(
  ctx: GatewayContext,
  poll: () => Promise<T[]>,
  idOf: (item: T) => string,
  isNewAtStart: (item: T) => boolean,
): AsyncGenerator<T> {
  const signal = (ctx as { request?: Request }).request?.signal;
  const seen = new Set<string>();
  let first = true;
  while (!signal?.aborted) {
    const items = await poll();
    const fresh = items.filter((item) => !seen.has(idOf(item)) && (!first || isNewAtStart(item)));
    for (const item of items) seen.add(idOf(item));
    first = false;
    for (const item of fresh) yield item;
    await sleep(POLL_MS, signal);
  }
}

builder.subscriptionType({});

builder.subscriptionField('notificationAdded', (t) =>
  t.field({
    type: NotificationType,
    authScopes: { authenticated: true },
    description:
      'Your notifications as they are sent (oldest first within a batch). since: resume after a reconnect — every notification ' +
      'sent after it comes first (pass the sentAt of the last one you received); without it, only those sent from now on.',
    args: { since: t.arg({ type: 'DateTime', required: false }) },
    subscribe: (_root, args, ctx) => {
      const since = args.since ? Date.parse(args.since) : Date.now();
      return newItems<NotificationRecord>(
        ctx,
        async () => (await ctx.platform.oversight.notifications({ first: 100 }, authOf(ctx))).reverse(),
        (n) => n.id,
        (n) => Date.parse(n.sentAt) > since,
      );
    },
    resolve: (n) => n,
  }),
);

builder.subscriptionField('incomingTransferAdded', (t) =>
  t.field({
    type: TransferType,
    authScopes: { authenticated: true },
    description:
      'Transfers arriving in your agency’s inbox (INCOMING), as its service lists them, without a reload: each once per ' +
      'connection. since: resume after a reconnect (every transfer listed after it comes first); without it, from now on.',
    args: { since: t.arg({ type: 'DateTime', required: false }) },
    subscribe: (_root, args, ctx) => {
      const principal = ctx.principal!;
      const since = args.since ? Date.parse(args.since) : Date.now();
      return newItems<{ row: TransferRow; view: TransferView }>(
        ctx,
        async () =>
          (
            await clientFor(ctx, principal.agencyId).listTransfers({ direction: 'INCOMING', agencyIds: [principal.agencyId] }, 50, null, authOf(ctx))
          ).rows
            .reverse()
            .map((row) => ({ row, view: viewOfRow(row, principal.agencyId) })),
        (x) => x.row.id,
        (x) => Date.parse(x.row.createdAt) > since,
      );
    },
    resolve: (x) => x.view,
  }),
);
