import { ForbiddenError } from '@xianjie/contracts';
import type { AgencyKind } from '@xianjie/contracts';
import type { MergedTransfer, Transfer, TransferSide } from '@xianjie/domain';
import { remoteCall, type CallerAuth } from '@xianjie/http/client';
import type { AgencyPerformancePart } from '../agencyPerformance.ts';
import type { TransferModule } from '../transferModule.ts';
import type { AwaitingFeedbackItem, OverdueStep, TransferCursor, TransferListFilter, TransferPage, TransferRow } from '../transferReadModel.ts';
import type { TransferCommandName } from '../transferService.ts';

/** A transfer as one side's stream holds it after a command. */
export interface TransferSnapshot {
  transferId: string;
  side: TransferSide;
  state: Transfer;
  version: number;
}

/**
 * What the gateway needs from one agency service's transfer workflow. Every agency service has
 * one (market-regulation, health, medical-insurance, police, discipline-inspection). Embedded:
 * in-process; distributed: HTTP. The service applies the access rules itself.
 */
export interface TransferClient {
  execute(name: TransferCommandName, input: unknown, auth: CallerAuth): Promise<TransferSnapshot>;
  /** The caller's inbox (INCOMING) or outbox (OUTGOING), from the service's read model. */
  listTransfers(
    filter: Omit<TransferListFilter, 'agencyIds'> & { agencyIds?: string[] },
    limit: number,
    after: TransferCursor | null,
    auth: CallerAuth,
  ): Promise<TransferPage>;
  /** Overdue DUTY steps owned by agencies the caller oversees (overseer) or its own agency. */
  overdueSteps(asOf: string, auth: CallerAuth): Promise<OverdueStep[]>;
  /** Overseers: transfers sent by agencies they oversee still awaiting feedback as of asOf (sender rows of this service). */
  awaitingFeedback(asOf: string, auth: CallerAuth): Promise<AwaitingFeedbackItem[]>;
  /** Overseers: this service's partial performance figures over [from, to); add them up with mergePerformanceParts. */
  agencyPerformance(from: string, to: string, auth: CallerAuth): Promise<AgencyPerformancePart[]>;
  /** The sender's rows of a case's transfers (caller must be able to read the case). */
  transfersOfCase(caseId: string, auth: CallerAuth): Promise<TransferRow[]>;
  /** A transfer as the caller's own service knows it (both sides merged from its own streams); null to a non-party. */
  transferView(transferId: string, asOf: string | undefined, auth: CallerAuth): Promise<MergedTransfer | null>;
}

/** The transfer clients of all agency services, by the agency kind each acts for. */
export interface TransferClients {
  forKind(kind: AgencyKind): TransferClient;
  all(): TransferClient[];
}

export const createTransferClients = (byKind: Readonly<Partial<Record<AgencyKind, TransferClient>>>): TransferClients => {
  const unique = [...new Set(Object.values(byKind))] as TransferClient[];
  return { forKind: (kind) => byKind[kind] ?? noTransfersOf(kind), all: () => unique };
};

/**
 * An agency kind no transfer service acts for (the procuratorate: it is copied on criminal transfers
 * and supervises them, it is party to none): it has no inbox or outbox, no transfer is its to read,
 * and no transfer step is its to run (FORBIDDEN, saying where its own steps are).
 */
const noTransfersOf = (kind: AgencyKind): TransferClient => ({
  execute: async (name) => {
    throw new ForbiddenError(
      `${name}: ${kind} agencies are party to no transfer (the procuratorate reads its copies, transferCopies, and supervises with requestNonFilingExplanation and decideNonFilingReasons)`,
    );
  },
  listTransfers: async () => ({ rows: [], hasMore: false }),
  overdueSteps: async () => [],
  awaitingFeedback: async () => [],
  agencyPerformance: async () => [],
  transfersOfCase: async () => [],
  transferView: async () => null,
});

/** The in-process client over a service's transfer module (embedded mode). */
export const createInProcessTransferClient = (module: TransferModule): TransferClient => ({
  async execute(name, input, auth) {
    const result = await module.transfers.execute(name, input, {
      principal: auth.principal,
      correlationId: auth.correlationId,
      ...(auth.occurredAt ? { occurredAt: auth.occurredAt } : {}),
    });
    return { transferId: result.transferId, side: result.side, state: result.state as Transfer, version: result.version };
  },
  listTransfers: (filter, limit, after, auth) => module.api.listTransfers(auth.principal, filter, limit, after),
  overdueSteps: (asOf, auth) => module.api.overdueSteps(auth.principal, asOf),
  awaitingFeedback: (asOf, auth) => module.api.awaitingFeedback(auth.principal, asOf),
  agencyPerformance: (from, to, auth) => module.api.agencyPerformance(auth.principal, from, to),
  transfersOfCase: (caseId, auth) => module.api.transfersOfCase(auth.principal, caseId),
  transferView: (transferId, asOf, auth) => module.api.transferView(auth.principal, transferId, asOf),
});

/** A service's transfer command and query APIs over HTTP (distributed mode). `auth.occurredAt` is not sent. */
export const createHttpTransferClient = (baseUrl: string): TransferClient => ({
  async execute(name, input, auth) {
    return remoteCall<TransferSnapshot>(baseUrl, `/transfer-commands/${name}`, auth, { method: 'POST', body: input });
  },
  listTransfers(filter, limit, after, auth) {
    const params = new URLSearchParams({ direction: filter.direction, limit: String(limit) });
    if (filter.agencyIds) params.set('agencyIds', filter.agencyIds.join(','));
    if (filter.kind) params.set('kind', filter.kind);
    if (filter.status?.length) params.set('status', filter.status.join(','));
    if (filter.overdueAsOf) params.set('overdueAsOf', filter.overdueAsOf);
    if (after) {
      params.set('afterCreatedAt', after.createdAt);
      params.set('afterId', after.id);
    }
    return remoteCall<TransferPage>(baseUrl, `/transfers?${params}`, auth);
  },
  async overdueSteps(asOf, auth) {
    return (await remoteCall<{ items: OverdueStep[] }>(baseUrl, `/transfers/overdue?asOf=${encodeURIComponent(asOf)}`, auth)).items;
  },
  async awaitingFeedback(asOf, auth) {
    const path = `/transfers/awaiting-feedback?asOf=${encodeURIComponent(asOf)}`;
    return (await remoteCall<{ items: AwaitingFeedbackItem[] }>(baseUrl, path, auth)).items;
  },
  async agencyPerformance(from, to, auth) {
    const path = `/transfers/agency-performance?${new URLSearchParams({ from, to })}`;
    return (await remoteCall<{ parts: AgencyPerformancePart[] }>(baseUrl, path, auth)).parts;
  },
  async transfersOfCase(caseId, auth) {
    return (await remoteCall<{ items: TransferRow[] }>(baseUrl, `/cases/${encodeURIComponent(caseId)}/transfers`, auth)).items;
  },
  async transferView(transferId, asOf, auth) {
    const query = asOf ? `?${new URLSearchParams({ asOf })}` : '';
    try {
      return await remoteCall<MergedTransfer>(baseUrl, `/transfers/${encodeURIComponent(transferId)}/view${query}`, auth);
    } catch (error) {
      if ((error as { code?: string }).code === 'NOT_FOUND') return null;
      throw error;
    }
  },
});
