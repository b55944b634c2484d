import { assertAllowed } from '@xianjie/auth';
import type { AccessRules, Principal } from '@xianjie/auth';
import type { AgencyDirectory, AgencyKind } from '@xianjie/contracts';
import { checkPerformanceRange } from './agencyPerformance.ts';
import type { AgencyPerformancePart } from './agencyPerformance.ts';
import type {
  AwaitingFeedbackItem,
  OverdueStep,
  TransferCursor,
  TransferListFilter,
  TransferPage,
  TransferQueries,
  TransferRow,
} from './transferReadModel.ts';

export interface TransferAccessOptions {
  queries: TransferQueries;
  rules: AccessRules;
  directory: AgencyDirectory;
  agencyKinds: readonly AgencyKind[];
}

/**
 * The service's transfer queries with the access rules applied (DESIGN §6), one place for the
 * in-process client and the HTTP API: a party sees its own agency's inbox and outbox; overseers
 * see the overdue steps, the transfers awaiting feedback and the performance figures of the agencies
 * in their region and below; nobody else sees anything.
 */
export const createTransferAccess = (options: TransferAccessOptions) => {
  const { queries, rules, directory } = options;
  const kinds = new Set<string>(options.agencyKinds);
  const ownAgencies = () => directory.list().filter((a) => kinds.has(a.kind));
  /** Every agency of the directory in the overseer's region and below (auth's canOverseeTransfer). */
  const overseenAgencies = (principal: Principal): string[] =>
    directory
      .list()
      .filter((a) => rules.canOverseeTransfer(principal, { fromAgencyId: a.id, toAgencyId: a.id }).allowed)
      .map((a) => a.id);

  return {
    /** Inbox/outbox of the caller's own agency (only the parties see a transfer). */
    async listTransfers(
      principal: Principal,
      filter: Omit<TransferListFilter, 'agencyIds'> & { agencyIds?: readonly string[] },
      limit: number,
      after: TransferCursor | null,
    ): Promise<TransferPage> {
      const own = kinds.has(directory.get(principal.agencyId)?.kind ?? '') ? [principal.agencyId] : [];
      const agencyIds = filter.agencyIds ? own.filter((id) => filter.agencyIds!.includes(id)) : own;
      if (agencyIds.length === 0) return { rows: [], hasMore: false };
      return queries.listTransfers({ ...filter, agencyIds }, limit, after);
    },
    /**
     * Overdue DUTY steps at `asOf` held by this service's streams: an overseer's (or admin's) view of
     * the agencies in their region and below; anyone else sees their own agency's overdue steps.
     */
    async overdueSteps(principal: Principal, asOf: string): Promise<OverdueStep[]> {
      const oversight = rules.canReadOversight(principal).allowed;
      // Any agency in the overseer's scope, not only this service's kinds: a sender's stream is the
      // only one that knows a receipt is overdue, and that step is the receiver's.
      const agencyIds = oversight
        ? overseenAgencies(principal)
        : ownAgencies().some((a) => a.id === principal.agencyId)
          ? [principal.agencyId]
          : [];
      if (agencyIds.length === 0) return [];
      return queries.overdueSteps(agencyIds, asOf);
    },
    /**
     * Oversight only (FORBIDDEN otherwise): transfers sent by agencies in the overseer's region and
     * below still awaiting feedback as of `asOf` (首办负责制), from this service's sender rows. A
     * transfer carries its materials only to a caller who is a party of it.
     */
    async awaitingFeedback(principal: Principal, asOf: string): Promise<AwaitingFeedbackItem[]> {
      assertAllowed(rules.canReadOversight(principal));
      const agencyIds = overseenAgencies(principal);
      if (agencyIds.length === 0) return [];
      const items = await queries.awaitingFeedback(agencyIds, asOf);
      return items.map((item) =>
        rules.canReadTransfer(principal, item.transfer).allowed ? item : { ...item, transfer: { ...item.transfer, materials: [] } },
      );
    },
    /**
     * Oversight only (FORBIDDEN otherwise; BAD_USER_INPUT on `to` unless from < to within
     * 366 days): this service's partial performance figures over [from, to) of the agencies in the
     * overseer's region and below, to be added up across services (mergePerformanceParts).
     */
    async agencyPerformance(principal: Principal, from: string, to: string): Promise<AgencyPerformancePart[]> {
      assertAllowed(rules.canReadOversight(principal));
      checkPerformanceRange(from, to);
      const agencyIds = overseenAgencies(principal);
      if (agencyIds.length === 0) return [];
      return queries.performanceParts(agencyIds, from, to);
    },
    /** The case's transfers the caller may see (a party of each). */
    async transfersOfCase(principal: Principal, caseId: string): Promise<TransferRow[]> {
      const rows = await queries.transfersOfCase(caseId);
      return rows.filter(
        (row) =>
          rules.canReadTransfer(principal, row).allowed || rules.canOverseeTransfer(principal, row).allowed,
      );
    },
    /** Throws ForbiddenError unless the caller may read oversight views. */
    assertOversight(principal: Principal): void {
      assertAllowed(rules.canReadOversight(principal));
    },
  };
};

export type TransferAccess = ReturnType<typeof createTransferAccess>;
