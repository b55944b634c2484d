// The public surface of @xianjie/case-service: the administrative case workflow's application layer.
export { createCaseModule } from './caseModule.ts';
export type { CaseModule, CaseModuleOptions } from './caseModule.ts';
export { createCaseService, caseCommandNames, caseCommandInputs } from './caseService.ts';
export type { CaseService, CaseServiceOptions, CaseCommandName, CaseCommandResult, CommandContext } from './caseService.ts';
export { createCaseQueries, createCaseProjection } from './caseReadModel.ts';
export type { CaseRow, CaseQueries, CaseListFilter, CaseCursor, CasePage, CaseOwnership } from './caseReadModel.ts';
export { createCaseNumbers } from './caseNumbers.ts';
export type { CaseNumbers } from './caseNumbers.ts';
export { createCaseIntegrationMessages } from './caseIntegrationMessages.ts';
export type { CaseIntegrationMessagesOptions } from './caseIntegrationMessages.ts';
export { createCaseTransferredReaction } from './caseTransferredReaction.ts';
export type { CaseTransferredReaction, CaseTransferredReactionOptions } from './caseTransferredReaction.ts';
export { createCommandApi } from './commandApi.ts';
export { createCaseQueryApi } from './queryApi.ts';
export { createOperationFindingConsumer } from './operationFindingConsumer.ts';
export type { OperationFindingConsumer, OperationFindingConsumerOptions } from './operationFindingConsumer.ts';
export { createAdministrativeAgencyService } from './administrativeAgencyService.ts';
export type { AdministrativeAgencyService, AdministrativeAgencyServiceOptions } from './administrativeAgencyService.ts';
