export { createMarketRegulationService, type MarketRegulationService, type MarketRegulationServiceOptions } from './marketRegulationService.ts';
export { createCaseService, caseCommandNames, caseCommandInputs, type CaseService, type CaseCommandName, type CaseCommandResult } from './caseService.ts';
export { createCaseQueries, createCaseProjection, type CaseRow, type CaseQueries, type CaseListFilter, type CaseCursor } from './caseReadModel.ts';
export { createCommandApi } from './commandApi.ts';
export { createCaseQueryApi } from './queryApi.ts';
export { caseIntegrationMessages, MARKET_REGULATION_SOURCE } from './caseIntegrationMessages.ts';
