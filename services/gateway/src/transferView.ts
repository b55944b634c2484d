import type { TransferKind } from '@xianjie/contracts';
import { partyOf, type MergedTransfer, type Transfer, type TransferSide } from '@xianjie/domain';
import type { TransferRow } from '@xianjie/transfer-service';
import type { GatewayContext } from './context.ts';

// ---- the GraphQL view ---------------------------------------------------------------------------

/**
 * A transfer as the schema resolves it: merged from both streams (transfer, mutations) or a row of
 * a service's read model (lists), whose merged details are loaded when a field needs them.
 */
export interface TransferView {
  id: string;
  /** The caller's side; null for a non-party (an overseer): no materials and no details then. */
  callerSide: TransferSide | null;
  /** The state is as of this time (null: now); lazy loads use it. */
  asOf: string | null;
  /** Deadline statuses default to this time (null: `asOf`, else now). */
  statusAsOf: string | null;
  row: TransferRow | null;
  merged: MergedTransfer | null;
}

export const viewOfMerged = (
  merged: MergedTransfer,
  callerSide: TransferSide | null,
  asOf: string | null = null,
): TransferView => ({ id: merged.id, callerSide, asOf, statusAsOf: null, row: null, merged });

export const viewOfRow = (row: TransferRow, callerAgencyId: string, statusAsOf: string | null = null): TransferView => ({
  id: row.id,
  callerSide: partyOf(callerAgencyId, row),
  asOf: null,
  statusAsOf,
  row,
  merged: null,
});

/** The fields both a row and a merged view carry. */
export const summaryOf = (view: TransferView) => {
  const m = view.merged;
  if (m) {
    return {
      kind: m.kind,
      status: m.status,
      caseId: m.caseId,
      fromAgencyId: m.fromAgency.id,
      toAgencyId: m.toAgency.id,
      reason: m.reason,
      materials: m.materials,
      deadlines: m.deadlines,
    };
  }
  const row = view.row!;
  return {
    kind: row.kind as TransferKind,
    status: row.status as Transfer['status'],
    caseId: row.caseId,
    fromAgencyId: row.fromAgencyId,
    toAgencyId: row.toAgencyId,
    reason: row.reason,
    materials: row.materials,
    deadlines: row.deadlines,
  };
};

// One load per transfer (and asOf) per request, however many fields and list items ask.
const loads = new WeakMap<GatewayContext, Map<string, Promise<MergedTransfer | null>>>();

/** The merged transfer behind a view, loaded once per request for a row view. */
export const mergedOf = (view: TransferView, ctx: GatewayContext): Promise<MergedTransfer | null> => {
  if (view.merged) return Promise.resolve(view.merged);
  let cache = loads.get(ctx);
  if (!cache) {
    cache = new Map();
    loads.set(ctx, cache);
  }
  const key = `${view.id}@${view.asOf ?? ''}`;
  let load = cache.get(key);
  if (!load) {
    const auth = { principal: ctx.principal!, token: ctx.token, correlationId: ctx.correlationId };
    load = ctx.platform.transfers
      .forKind(ctx.platform.directory.require(ctx.principal!.agencyId).kind)
      .transferView(view.id, view.asOf ?? undefined, auth);
    cache.set(key, load);
  }
  return load;
};
