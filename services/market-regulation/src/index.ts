// The public surface of @xianjie/market-regulation (市场监管/药监). The case layer lives in
// @xianjie/case-service; its names are re-exported here for the gateway and the benches.
import { createCaseIntegrationMessages } from '@xianjie/case-service';
import type { SubjectRefOf } from '@xianjie/contracts';

export {
  createMarketRegulationService,
  type MarketRegulationService,
  type MarketRegulationServiceOptions,
} from './marketRegulationService.ts';
export {
  createCaseService,
  caseCommandNames,
  caseCommandInputs,
  createCaseQueries,
  createCaseProjection,
  createCommandApi,
  createCaseQueryApi,
  type CaseService,
  type CaseCommandName,
  type CaseCommandResult,
  type CaseRow,
  type CaseQueries,
  type CaseListFilter,
  type CaseCursor,
} from '@xianjie/case-service';

export const MARKET_REGULATION_SOURCE = '/xianjie/market-regulation';

/**
 * The public mapping of every case event of a store (no ownership filter), for tools that feed a
 * model straight from the store (benches). The service's own relay publishes its agencies' only.
 */
export const caseIntegrationMessagesWith = (subjectRefOf: SubjectRefOf) =>
  createCaseIntegrationMessages({ source: MARKET_REGULATION_SOURCE, subjectRefOf });
