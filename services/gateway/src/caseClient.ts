import type { MarketRegulationService, CaseCommandName, CaseListFilter, CaseCursor, CaseRow } from '@xianjie/market-regulation';
import type { CaseState } from '@xianjie/domain';
import type { Principal } from '@xianjie/auth';
import { remoteCall } from './remoteCall.ts';

export interface CaseSnapshot {
  caseId: string;
  state: CaseState;
  version: number;
}

/** Who asks: the verified principal, and its token to forward to a remote service. */
export interface CallerAuth {
  principal: Principal;
  token: string | null;
  correlationId: string;
}

/** What the gateway needs from the case services. Embedded: in-process; distributed: HTTP. */
export interface CaseClient {
  execute(name: CaseCommandName, input: unknown, auth: CallerAuth): Promise<CaseSnapshot>;
  /** The case from its events (optionally as of a time); the gateway applies access rules on the result. */
  caseAsOf(caseId: string, asOf: string | undefined, auth: CallerAuth): Promise<CaseSnapshot | null>;
  listCases(filter: CaseListFilter, limit: number, after: CaseCursor | null, auth: CallerAuth): Promise<{ rows: CaseRow[]; hasMore: boolean }>;
}

export const createInProcessCaseClient = (service: MarketRegulationService): CaseClient => ({
  async execute(name, input, auth) {
    const result = await service.cases.execute(name, input, { principal: auth.principal, correlationId: auth.correlationId });
    return { caseId: result.caseId, state: result.state, version: result.version };
  },
  async caseAsOf(caseId, asOf) {
    const found = await service.cases.caseAsOf(caseId, asOf);
    return found ? { caseId, ...found } : null;
  },
  listCases: (filter, limit, after) => service.queries.listCases(filter, limit, after),
});

/** The market regulation service's command and query APIs over HTTP (distributed mode). */
export const createHttpCaseClient = (baseUrl: string): CaseClient => ({
  async execute(name, input, auth) {
    const body = await remoteCall<{ caseId: string; state: CaseState; version: number }>(baseUrl, `/commands/${name}`, auth, {
      method: 'POST',
      body: input,
    });
    return { caseId: body.caseId, state: body.state, version: body.version };
  },
  async caseAsOf(caseId, asOf, auth) {
    try {
      return await remoteCall<CaseSnapshot>(baseUrl, `/cases/${encodeURIComponent(caseId)}${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`, auth);
    } catch (error) {
      if ((error as { code?: string }).code === 'NOT_FOUND') return null;
      throw error;
    }
  },
  listCases: (filter, limit, after, auth) => {
    const params = new URLSearchParams({ limit: String(limit) });
    if (filter.agencyIds) params.set('agencyIds', filter.agencyIds.join(','));
    if (filter.status?.length) params.set('status', filter.status.join(','));
    if (filter.violation) params.set('violation', filter.violation);
    if (filter.warning) params.set('warning', filter.warning);
    if (filter.search) params.set('search', filter.search);
    if (after) {
      params.set('afterRegisteredAt', after.registeredAt);
      params.set('afterId', after.id);
    }
    return remoteCall(baseUrl, `/cases?${params}`, auth);
  },
});
