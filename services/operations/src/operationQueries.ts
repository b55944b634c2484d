import type { AccessRules, Principal } from '@xianjie/auth';
import { NotFoundError } from '@xianjie/contracts';
import type { OperationStatus, ProblemDisposition, ProblemStatus } from '@xianjie/contracts';
import { operationProgress } from '@xianjie/domain';
import type { Operation, OperationProgress } from '@xianjie/domain';
import type { OperationCommands } from './operationCommands.ts';
import type { OperationRows } from './operationReadModel.ts';
import { canSeeTarget, groupView, inspectionViews, operationFacts, operationResultView, operationView, problemView } from './operationView.ts';
import type { GroupView, InspectionView, OperationResultView, OperationView, ProblemView, TargetView } from './operationView.ts';

export interface OperationSummary {
  operationId: string;
  streamId: string;
  title: string;
  status: OperationStatus;
  leadAgencyId: string;
  participantAgencyIds: string[];
  startsOn: string;
  endsOn: string;
  version: number;
  plannedAt: string;
  updatedAt: string;
}

export interface LedgerFilter {
  status?: readonly ProblemStatus[];
  disposition?: readonly ProblemDisposition[];
  groupId?: string;
  /** Only rectifications overdue at this time (it is also the `asOf` of each entry's `overdue`). */
  overdueAsOf?: string;
  /** The ledger as it stood then (folded from the events up to it); entries' `overdue` is judged then too. */
  asOf?: string;
}

export interface OperationQueriesOptions {
  rows: OperationRows;
  /** For `asOf` (time travel) and progress: the operation folded from its events. */
  commands: Pick<OperationCommands, 'operationAsOf'>;
  rules: AccessRules;
  now: () => string;
}

/**
 * The operations read model with the access rules applied (DESIGN §6): one place for the
 * in-process client and the HTTP API. A query on an operation the principal may not read, or on
 * an unknown one, throws NotFoundError (the two look the same). Targets of an unannounced group not yet inspected
 * (四不两直) appear only to the group's members and the operation office.
 */
export const createOperationQueries = (options: OperationQueriesOptions) => {
  const { rows, commands, rules, now } = options;

  /**
   * The operation folded from its events (now, or up to `asOf`), access checked. Always from the
   * store, not the read model, which lags the append: whoever just recorded an inspection reads it
   * back (as the gateway's case(id) and transfer(id) do). One stream of a few hundred events; the
   * read model serves the lists.
   */
  const readable = async (principal: Principal, operationId: string, asOf?: string): Promise<{ state: Operation; version: number }> => {
    const found = await commands.operationAsOf(operationId, asOf);
    // Unknown and not the principal's to read look the same: NOT_FOUND with the id the caller sent.
    if (!found || !rules.canReadOperation(principal, operationFacts(found.state)).allowed) throw new NotFoundError('Operation', operationId);
    return { state: found.state, version: found.version };
  };

  return {
    /** The operation as the principal may see it; `asOf` rebuilds it from its events up to then. */
    async operation(principal: Principal, operationId: string, asOf?: string): Promise<OperationView> {
      const { state, version } = await readable(principal, operationId, asOf);
      return operationView(principal, rules, state, version);
    },

    /** The operations the principal may read (participants, overseers of their region, admin), newest first. */
    async operations(principal: Principal, filter: { status?: readonly OperationStatus[] } = {}): Promise<OperationSummary[]> {
      const all = await rows.list(filter);
      return all
        .filter((row) => rules.canReadOperation(principal, { leadAgencyId: row.leadAgencyId, participantAgencyIds: row.participantAgencyIds }).allowed)
        .map((row) => ({
          operationId: row.id,
          streamId: row.streamId,
          title: row.title,
          status: row.status as OperationStatus,
          leadAgencyId: row.leadAgencyId,
          participantAgencyIds: row.participantAgencyIds,
          startsOn: row.startsOn,
          endsOn: row.endsOn,
          version: row.version,
          plannedAt: row.state.plannedAt,
          updatedAt: row.updatedAt,
        }));
    },

    /**
     * The result report and its header (null report until reported): whoever reads the operation,
     * and the supervisors of the commissions of its region (`canReadOperationReport`). NOT_FOUND to others.
     */
    async result(principal: Principal, operationId: string): Promise<OperationResultView> {
      const found = await commands.operationAsOf(operationId);
      if (!found || !rules.canReadOperationReport(principal, operationFacts(found.state)).allowed) throw new NotFoundError('Operation', operationId);
      return operationResultView(found.state, found.version);
    },

    /** The result reports the principal may read (the read model's rows), newest first; `status` filters. */
    async results(principal: Principal, filter: { status?: readonly OperationStatus[] } = {}): Promise<OperationResultView[]> {
      const all = await rows.list(filter);
      return all
        .filter((row) => rules.canReadOperationReport(principal, operationFacts(row.state)).allowed)
        .map((row) => operationResultView(row.state, row.version));
    },

    /** The inspection groups, each with the targets and schedule the principal may see. */
    async groups(principal: Principal, operationId: string): Promise<GroupView[]> {
      const { state } = await readable(principal, operationId);
      return state.groups.map((g) => groupView(principal, rules, state, g));
    },

    /** The targets the principal may see (optionally of one group): 四不两直 applied per target. */
    async targets(principal: Principal, operationId: string, filter: { groupId?: string } = {}): Promise<TargetView[]> {
      const { state } = await readable(principal, operationId);
      return state.targets
        .filter((t) => (filter.groupId === undefined || t.groupId === filter.groupId) && canSeeTarget(principal, rules, state, t))
        .map((t) => ({
          name: t.name,
          creditCode: t.creditCode,
          regionCode: t.regionCode,
          groupId: t.groupId,
          plannedOn: t.plannedOn,
          assignedAt: t.assignedAt,
          inspectedAt: t.inspectedAt,
          inspectionId: t.inspectionId,
        }));
    },

    /** The recorded inspections (recording reveals the target); `asOf`: those recorded by then. */
    async inspections(principal: Principal, operationId: string, asOf?: string): Promise<InspectionView[]> {
      const { state } = await readable(principal, operationId, asOf);
      return inspectionViews(state);
    },

    /** The problem ledger (问题台账), filtered, now or as of `asOf`; `overdue` judged at `overdueAsOf`, `asOf` or now. */
    async ledger(principal: Principal, operationId: string, filter: LedgerFilter = {}): Promise<ProblemView[]> {
      const { state } = await readable(principal, operationId, filter.asOf);
      const asOf = filter.overdueAsOf ?? filter.asOf ?? now();
      return state.problems
        .map((p) => problemView(p, asOf))
        .filter(
          (p) =>
            (!filter.status?.length || filter.status.includes(p.status)) &&
            (!filter.disposition?.length || filter.disposition.includes(p.disposition)) &&
            (filter.groupId === undefined || p.groupId === filter.groupId) &&
            (filter.overdueAsOf === undefined || p.overdue),
        );
    },

    /**
     * Progress as of a time (default now): coverage per group, region and phase, the ledger by
     * disposition, the closure rate and the overdue rectifications, computed from the events up to
     * `asOf`. Counts only: no target is named but the overdue ones (inspected, so revealed). Per
     * region, only the targets the principal may see (四不两直: a hidden target is counted in its
     * group and the totals, never placed in a region).
     */
    async progress(principal: Principal, operationId: string, asOf?: string): Promise<OperationProgress> {
      const at = asOf ?? now();
      const { state } = await readable(principal, operationId, at);
      return operationProgress(state, at, (target) => canSeeTarget(principal, rules, state, target));
    },
  };
};

export type OperationQueries = ReturnType<typeof createOperationQueries>;
