import type { AdministrativeAgencyService } from '../administrativeAgencyService.ts';
import type { CaseCommandName } from '../caseService.ts';
import type { CaseListFilter, CaseCursor, CaseRow } from '../caseReadModel.ts';
import type { CaseState } from '@xianjie/domain';
import type { CaseSnapshot } from '../caseReads.ts';
import { ForbiddenError } from '@xianjie/contracts';
import type { AgencyDirectory, AgencyKind } from '@xianjie/contracts';
import { remoteCall, type CallerAuth } from '@xianjie/http/client';

export type { CaseSnapshot } from '../caseReads.ts';
export type { CallerAuth };


/** What the gateway needs from the case services. Embedded: in-process; distributed: HTTP. */
export interface CaseClient {
  execute(name: CaseCommandName, input: unknown, auth: CallerAuth): Promise<CaseSnapshot>;
  /** The case from its events (optionally as of a time), access-checked, masked and 查询留痕-recorded by the owning service. */
  caseAsOf(caseId: string, asOf: string | undefined, auth: CallerAuth): Promise<CaseSnapshot | null>;
  listCases(filter: CaseListFilter, limit: number, after: CaseCursor | null, auth: CallerAuth): Promise<{ rows: CaseRow[]; hasMore: boolean }>;
}

/** The in-process adapter: the same handlers and the same access-checked reads as the HTTP API. */
export const createInProcessCaseClient = (service: Pick<AdministrativeAgencyService, 'cases' | 'reads'>): CaseClient => ({
  async execute(name, input, auth) {
    const result = await service.cases.execute(name, input, {
      principal: auth.principal,
      correlationId: auth.correlationId,
      ...(auth.occurredAt ? { occurredAt: auth.occurredAt } : {}),
    });
    return { caseId: result.caseId, state: result.state, version: result.version };
  },
  caseAsOf: (caseId, asOf, auth) => service.reads.caseFor(auth, caseId, asOf),
  listCases: (filter, limit, after, auth) => service.reads.listFor(auth, filter, limit, after),
});

/** The HTTP adapter: a case service's command and query APIs (distributed mode). `auth.occurredAt` is not sent. */
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

/**
 * One CaseClient over the case services of the administrative agency kinds (market regulation,
 * health, medical insurance): commands go to the service of the caller's agency kind (only an
 * agency runs its own cases); a case is looked up in the caller's service first, then the others
 * (overseers read across kinds); lists are merged newest first across the services asked.
 */
export const createCaseClientRouter = (
  byKind: Partial<Record<AgencyKind, CaseClient>>,
  directory: AgencyDirectory,
): CaseClient => {
  const kindOf = (agencyId: string) => directory.get(agencyId)?.kind;
  const clientFor = (auth: CallerAuth) => {
    const agency = directory.require(auth.principal.agencyId);
    const client = byKind[agency.kind];
    if (!client) throw new ForbiddenError(`${agency.name} (${agency.kind}) does not handle administrative cases`);
    return client;
  };
  const entries = Object.entries(byKind) as [AgencyKind, CaseClient][];
  return {
    execute: (name, input, auth) => clientFor(auth).execute(name, input, auth),
    async caseAsOf(caseId, asOf, auth) {
      const own = kindOf(auth.principal.agencyId);
      const ordered = [...entries].sort(([a], [b]) => Number(b === own) - Number(a === own));
      for (const [, client] of ordered) {
        const found = await client.caseAsOf(caseId, asOf, auth);
        if (found && found.state.status !== 'NONE') return found;
      }
      return null;
    },
    async listCases(filter, limit, after, auth) {
      const asked = entries.flatMap(([kind, client]) => {
        const agencyIds = filter.agencyIds?.filter((id) => kindOf(id) === kind);
        if (filter.agencyIds && agencyIds!.length === 0) return [];
        return [client.listCases({ ...filter, ...(agencyIds ? { agencyIds } : {}) }, limit, after, auth)];
      });
      const pages = await Promise.all(asked);
      const rows = pages
        .flatMap((p) => p.rows)
        .sort((a, b) => Date.parse(b.registeredAt) - Date.parse(a.registeredAt) || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
      return { rows: rows.slice(0, limit), hasMore: rows.length > limit || pages.some((p) => p.hasMore) };
    },
  };
};
