import type { OperationView, OperationSummary } from '@xianjie/operations';
import { ForbiddenError, NotFoundError } from '@xianjie/contracts';
import type { GatewayContext } from '../../context.ts';
import { authOf } from '../common/callerAuth.ts';


/**
 * An operation as a GraphQL parent: from a list (its summary) or a query/command (its view); the
 * view is loaded once, on demand. `asOf` is the query's: groups, inspections, the ledger and
 * progress are shown as they stood then.
 */
export interface OperationNode {
  id: string;
  asOf: string | null;
  summary: OperationSummary | null;
  view: OperationView | null;
  loading?: Promise<OperationView>;
}

export const viewOf = (node: OperationNode, ctx: GatewayContext): Promise<OperationView> => {
  if (node.view) return Promise.resolve(node.view);
  node.loading ??= ctx.platform.operations.operation(node.id, node.asOf ?? undefined, authOf(ctx));
  return node.loading;
};

/** A field the list's summary answers without loading the whole view. */
export const summaryOr = async <T>(
  node: OperationNode,
  ctx: GatewayContext,
  fromSummary: (s: OperationSummary) => T,
  fromView: (v: OperationView) => T,
): Promise<T> => (node.summary && !node.view ? fromSummary(node.summary) : fromView(await viewOf(node, ctx)));

/** Absent or not readable: null, as `case` and `transfer` do (an operation's existence is not public). */
export const orNull = async <T>(load: Promise<T>): Promise<T | null> => {
  try {
    return await load;
  } catch (error) {
    if (error instanceof NotFoundError || error instanceof ForbiddenError) return null;
    throw error;
  }
};
