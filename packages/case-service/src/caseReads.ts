import type { AccessRules, Principal } from '@xianjie/auth';
import type { CaseState } from '@xianjie/domain';
import type { CaseService } from './caseService.ts';
import type { CaseCursor, CaseListFilter, CaseQueries, CaseRow } from './caseReadModel.ts';

/** A case as its events hold it (optionally as of a time). */
export interface CaseSnapshot {
  caseId: string;
  state: CaseState;
  version: number;
}

/**
 * The case reads of a service with the access rules applied, the one place both its adapters
 * (in-process and HTTP) read through, so the two can never disagree: a case the caller may not
 * read is not there (null, as for a case that does not exist); a list covers only the agencies
 * the caller may read, within the agencies asked for.
 */
export const createCaseReads = (deps: {
  cases: Pick<CaseService, 'caseAsOf'>;
  queries: Pick<CaseQueries, 'listCases'>;
  rules: AccessRules;
  /** The agencies whose cases this service holds. */
  agencyIds: () => string[];
}) => ({
  async caseFor(principal: Principal, caseId: string, asOf?: string): Promise<CaseSnapshot | null> {
    const found = await deps.cases.caseAsOf(caseId, asOf);
    const agencyId = found && found.state.status !== 'NONE' ? found.state.agencyId : null;
    if (!found || !agencyId || !deps.rules.canReadCase(principal, { agencyId }).allowed) return null;
    return { caseId, state: found.state, version: found.version };
  },
  listFor(principal: Principal, filter: CaseListFilter, limit: number, after: CaseCursor | null): Promise<{ rows: CaseRow[]; hasMore: boolean }> {
    const readable = deps.agencyIds().filter((id) => deps.rules.canReadCase(principal, { agencyId: id }).allowed);
    const agencyIds = filter.agencyIds ? readable.filter((id) => filter.agencyIds!.includes(id)) : readable;
    return deps.queries.listCases({ ...filter, agencyIds }, limit, after);
  },
});

export type CaseReads = ReturnType<typeof createCaseReads>;
