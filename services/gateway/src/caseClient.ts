import type { MarketRegulationService, CaseCommandName, CaseListFilter, CaseCursor, CaseRow } from '@xianjie/market-regulation';
import type { CaseState } from '@xianjie/domain';
import type { Principal } from '@xianjie/auth';

export interface CaseSnapshot {
  caseId: string;
  state: CaseState;
  version: number;
}

/** What the gateway needs from the case services. Embedded: in-process; distributed: HTTP. */
export interface CaseClient {
  execute(name: CaseCommandName, input: unknown, ctx: { principal: Principal; correlationId: string }): Promise<CaseSnapshot>;
  caseAsOf(caseId: string, asOf?: string): Promise<CaseSnapshot | null>;
  listCases(filter: CaseListFilter, limit: number, after?: CaseCursor | null): Promise<{ rows: CaseRow[]; hasMore: boolean }>;
}

export const createInProcessCaseClient = (service: MarketRegulationService): CaseClient => ({
  async execute(name, input, ctx) {
    const result = await service.cases.execute(name, input, ctx);
    return { caseId: result.caseId, state: result.state, version: result.version };
  },
  async caseAsOf(caseId, asOf) {
    const found = await service.cases.caseAsOf(caseId, asOf);
    return found ? { caseId, ...found } : null;
  },
  listCases: (filter, limit, after) => service.queries.listCases(filter, limit, after),
});
