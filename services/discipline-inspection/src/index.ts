export {
  createDisciplineInspectionService,
  type DisciplineInspectionService,
  type DisciplineInspectionServiceOptions,
} from './disciplineInspectionService.ts';
export { createOversightQueries, type OversightQueries, type PenaltyInsteadOfTransferRow, type RepeatOffenderRow } from './oversightQueries.ts';
export { createCaseOversightModel } from './caseOversightModel.ts';
export { createOversightQueryApi } from './queryApi.ts';
export { createOperationReports, type OperationReports, type OperationReportItem } from './operationReports.ts';
export { createOperationReportApi } from './operationReportApi.ts';
export {
  createCaseSupervision,
  createCaseSupervisionProjection,
  supervisionCommandNames,
  type CaseSupervisionModule,
  type CaseSupervisionOptions,
  type SupervisedCaseItem,
  type SupervisionCommandResult,
} from './caseSupervision.ts';
export { createCaseSupervisionApi } from './caseSupervisionApi.ts';
export {
  createPersonalDataReads,
  createPersonalDataReadProjection,
  PersonalDataReadsQuery,
  type PersonalDataReads,
  type PersonalDataReadsOptions,
  type PersonalDataReadRecord,
  type RecordedPersonalDataRead,
} from './personalDataReads.ts';
export { createPersonalDataReadApi } from './personalDataReadApi.ts';
export {
  CHECKPOINT_STREAM,
  DEFAULT_CHECKPOINT_INTERVAL_MS,
  createChainAnchor,
  type ChainAnchor,
  type ChainAnchorOptions,
  type CheckpointSummary,
  type IntegrityReport,
  type PublishedCheckpointKey,
  type ReadModelReport,
} from './chainAnchor.ts';
export { createChainAnchorApi } from './chainAnchorApi.ts';
export {
  createReminders,
  commissionOf,
  beijingTimeLabel,
  NotificationsQuery,
  MarkNotificationsReadInput,
  NotificationPreferencesInput,
  afterQuietHours,
  type NotificationPreferences,
  type NotificationRecord,
  type Reminders,
  type RemindersOptions,
  type ReminderTimerPayload,
} from './reminders.ts';
export { createNotificationApi } from './notificationApi.ts';
