// The public surface of @xianjie/operations (专项整治).
export { createOperationsService } from './operationsService.ts';
export type { OperationsService, OperationsServiceOptions } from './operationsService.ts';
export { createOperationCommands, operationCommandNames, operationCommandInputs } from './operationCommands.ts';
export type {
  OperationCommands,
  OperationCommandsOptions,
  OperationCommandContext,
  OperationCommandResult,
  CaseFactNote,
} from './operationCommands.ts';
export { createOperationQueries } from './operationQueries.ts';
export type { OperationQueries, OperationQueriesOptions, OperationSummary, LedgerFilter } from './operationQueries.ts';
export {
  operationView,
  groupView,
  inspectionViews,
  problemView,
  canSeeTarget,
  operationFacts,
  groupFacts,
  operationEventView,
} from './operationView.ts';
export { createOperationExportsRouter, xlsxContentType, type OperationExportsOptions } from './exports/operationExports.ts';
export type { OperationView, GroupView, TargetView, InspectionView, ProblemView, OperationResultView, SelfInspectionView } from './operationView.ts';
export { createOperationProjection, createOperationRows } from './operationReadModel.ts';
export type { OperationRow, OperationRows } from './operationReadModel.ts';
export { createOperationIntegrationMessages } from './operationIntegrationMessages.ts';
export { createCaseFactsConsumer } from './caseFactsConsumer.ts';
export type { CaseFactsConsumer, CaseFactsConsumerOptions } from './caseFactsConsumer.ts';
export { createOperationHttpApi } from './operationHttpApi.ts';
export { createJointMeetings, createJointMeetingProjection, jointMeetingCommandNames, jointMeetingCommandInputs, jointMeetingView } from './jointMeetings.ts';
export type {
  JointMeetingsModule,
  JointMeetingsOptions,
  JointMeetingView,
  JointMeetingDecisionView,
  JointMeetingCommandResult,
  JointMeetingCommandContext,
} from './jointMeetings.ts';
export { createJointMeetingApi } from './jointMeetingApi.ts';
export { createCaseConsultations, createCaseConsultationProjection, consultationCommandNames, consultationCommandInputs, caseConsultationView } from './caseConsultations.ts';
export type { CaseConsultationsModule, CaseConsultationsOptions, CaseConsultationView, ConsultationCommandContext } from './caseConsultations.ts';
export { createCaseConsultationApi } from './caseConsultationApi.ts';
export { createClueNotices, createClueNoticeProjection, clueNoticeCommandNames, clueNoticeCommandInputs, clueNoticeView } from './clueNotices.ts';
export type { ClueNoticesModule, ClueNoticesOptions, ClueNoticeView, ClueNoticeCommandContext } from './clueNotices.ts';
export { createClueNoticeApi } from './clueNoticeApi.ts';
