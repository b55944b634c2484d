// The public surface of @xianjie/transfer-service: the transfer workflow's application layer.
export { createTransferModule } from './transferModule.ts';
export type { TransferModule, TransferModuleOptions } from './transferModule.ts';
export { createTransferService, transferCommandNames, transferCommandInputs, streamIdOf } from './transferService.ts';
export type {
  TransferService,
  TransferServiceOptions,
  TransferCommandName,
  TransferCommandResult,
  TransferCommandContext,
  NoteRequest,
} from './transferService.ts';
export { createIncomingTransfers } from './incomingTransfers.ts';
export type { IncomingTransfer, IncomingTransfers } from './incomingTransfers.ts';
export { createTransferConsumer } from './transferConsumer.ts';
export type { TransferConsumer, TransferConsumerOptions } from './transferConsumer.ts';
export { createTransferIntegrationMessages } from './transferIntegrationMessages.ts';
export type { TransferIntegrationMessagesOptions } from './transferIntegrationMessages.ts';
export { createTransferProjection, createTransferQueries } from './transferReadModel.ts';
export type {
  TransferRow,
  TransferListFilter,
  TransferCursor,
  TransferPage,
  OverdueStep,
  AwaitingFeedbackItem,
  TransferQueries,
  TransferProjectionOptions,
} from './transferReadModel.ts';
export { createTransferAccess } from './transferAccess.ts';
export { createTransferViews } from './transferViews.ts';
export type { TransferViews, TransferViewsOptions } from './transferViews.ts';
export type { TransferAccess, TransferAccessOptions } from './transferAccess.ts';
export { createTransferHttpApi } from './transferHttpApi.ts';
export {
  feedbackStages,
  feedbackStageLabels,
  feedbackStageAsOf,
  awaitingFeedbackOf,
  wholeDaysBetween,
  overdueStepNames,
  byOldestSent,
} from './awaitingFeedback.ts';
export type { FeedbackStage, FeedbackFacts, AwaitingFeedback } from './awaitingFeedback.ts';
export {
  checkPerformanceRange,
  maxPerformanceRangeDays,
  performanceParts,
  mergePerformanceParts,
  median,
} from './agencyPerformance.ts';
export type {
  AgencyPerformance,
  AgencyPerformancePart,
  PerformanceFacts,
  PerformancePeriod,
  PerformanceRow,
} from './agencyPerformance.ts';
