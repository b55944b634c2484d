// The public surface of @xianjie/contracts. Errors are also reachable as '@xianjie/contracts/errors'.
export {
  XianjieError,
  ValidationError,
  NotFoundError,
  ConcurrencyError,
  InvalidTransitionError,
  ForbiddenError,
  UnauthenticatedError,
  ServiceUnavailableError,
  isXianjieError,
  errorFromWire,
  errorToWire,
  httpStatusOf,
} from './errors.ts';
export type { ErrorCode, FieldIssue } from './errors.ts';

export { IsoDateTime, Fen, Id, CommandId, ExpectedVersion } from './scalars.ts';
export { Actor } from './actor.ts';
export { parseInput, fieldIssues } from './validation.ts';

export {
  AgencyKind,
  Agency,
  RegionCode,
  agencyKindLabels,
  agencySlugs,
  agencyId,
  regionLevel,
  isWithinRegion,
  parentRegionCode,
} from './agencies.ts';
export type { RegionLevel } from './agencies.ts';
export { createAgencyDirectory } from './agencyDirectory.ts';
export type { AgencyDirectory } from './agencyDirectory.ts';
export { demoRegion, demoCities, demoAgencies, demoDirectory, demoDirectoryFile } from './demoDirectory.ts';
export { AgencyDirectoryFile, loadAgencyDirectory, type LoadedDirectory } from './agencyDirectoryFile.ts';

export {
  ViolationCode,
  ViolationDomain,
  Violation,
  violations,
  violation,
  violationLabels,
  violationsFor,
} from './violations.ts';

export {
  SubjectKind,
  SubjectInput,
  Subject,
  CreditCode,
  IdNumber,
  creditCodeCheckChar,
  creditCodeProblem,
  isValidCreditCode,
  idNumberCheckChar,
  idNumberProblem,
  isValidIdNumber,
  maskIdNumber,
  toSubject,
  subjectKey,
} from './subject.ts';
export type { SubjectIdentity } from './subject.ts';

export {
  CaseSource,
  CaseStatus,
  PenaltyKind,
  EvidenceKind,
  caseSourceLabels,
  caseStatusLabels,
  penaltyKindLabels,
  evidenceKindLabels,
  commonResponsibleRoles,
  RegisterCaseInput,
  CaseStepInput,
  DecideNotToFileInput,
  RecordEvidenceInput,
  PenaltyInput,
  PersonResponsibleInput,
  DecidePenaltyInput,
  Penalty,
  PersonResponsible,
  CaseOrigin,
  CaseRegistered,
  CaseFiled,
  CaseNotFiled,
  EvidenceRecorded,
  PenaltyDecided,
  CaseClosed,
  CaseTransferred,
  caseEventSchemas,
  CaseEvent,
  caseStreamId,
} from './case.ts';
export type { CaseEventType, CaseEventOf } from './case.ts';

export {
  integrationEvents,
  integrationEventFor,
  integrationEventNamed,
  PublicSubject,
  PublicCaseRegistered,
  toPublicSubject,
  integrationTopic,
  integrationEventSchemas,
} from './integrationEvents.ts';
export type { IntegrationEvent, PublicContext } from './integrationEvents.ts';
export { createSubjectRefOf, randomSubjectRefOf, noSubjectRefs, SUBJECT_REF_KEY_BYTES } from './subjectRef.ts';
export type { SubjectRefOf } from './subjectRef.ts';

export {
  RepeatOffenderPolicy,
  repeatOffenderPolicy,
  CriminalThreshold,
  criminalThresholds,
  criminalThresholdsMet,
  meetsCriminalThreshold,
  ThresholdMeasure,
  SOLD_AMOUNT_WEIGHT_FOR_GOODS_VALUE,
} from './policies.ts';
export type { ThresholdFacts } from './policies.ts';
export { HarmFact, HarmFactList, harmFactLabels } from './harmFacts.ts';

export {
  TransferKind,
  TransferStatus,
  MaterialKind,
  DeclineReason,
  TransferOutcome,
  ClueDisposition,
  transferKindLabels,
  transferStatusLabels,
  materialKindLabels,
  declineReasonLabels,
  transferOutcomeLabels,
  clueDispositionLabels,
  AgencyRef,
  MaterialInput,
  OfficialInput,
  ProposeTransferInput,
  TransferStepInput,
  RefuseTransferInput,
  ReturnTransferInput,
  RequestReconsiderationInput,
  SuggestSupervisionInput,
  RecordProcuratorateInquiryInput,
  ExplainNonFilingInput,
  RecordProcuratorateFilingOrderInput,
  AcceptTransferInput,
  DeclineTransferInput,
  ForwardTransferInput,
  RequestSupplementInput,
  SupplementMaterialsInput,
  HandOverMaterialsInput,
  ExtendDeadlineInput,
  DecideReconsiderationInput,
  DisposeClueInput,
  RecordTransferResultInput,
  Material,
  Official,
  TransferProposed,
  TransferApproved,
  TransferRefused,
  TransferReceiptSigned,
  TransferForwarded,
  TransferReturned,
  SupplementRequested,
  MaterialsSupplemented,
  TransferAccepted,
  TransferDeclined,
  ReconsiderationRequested,
  ReconsiderationDecided,
  ProcuratorateSupervisionSuggested,
  ProcuratorateInquiryRecorded,
  NonFilingExplained,
  ProcuratorateFilingOrderRecorded,
  MaterialsHandedOver,
  ClueDisposed,
  TransferResultRecorded,
  TransferClosed,
  DeadlineExtended,
  transferFactSchemas,
  TransferFactType,
  transferFactTimeFields,
  senderFactTypes,
  receiverFactTypes,
  notedEventFacts,
  transferEventSchemas,
  TransferEvent,
  factOf,
  factTime,
  transferStreamId,
  transferReceiverStreamId,
} from './transfer.ts';
export type {
  SenderFactType,
  ReceiverFactType,
  NotedEventType,
  TransferEventType,
  TransferEventOf,
  TransferFact,
  TransferFactOf,
} from './transfer.ts';
export { transferIntegrationEvents } from './transferIntegrationEvents.ts';

export {
  LocalDate,
  OperationStatus,
  OperationPhaseKind,
  ChecklistResult,
  InspectionKind,
  ProblemDisposition,
  CaseOpeningDisposition,
  SuspendedActivity,
  ProblemStatus,
  operationStatusLabels,
  operationPhaseKindLabels,
  checklistResultLabels,
  inspectionKindLabels,
  problemDispositionLabels,
  suspendedActivityLabels,
  problemStatusLabels,
  caseOpeningDispositions,
  Phone,
  PersonInput,
  LiaisonInput,
  PhaseInput,
  FocusItemInput,
  LeadingGroupInput,
  OfficeInput,
  DutyInput,
  TargetInput,
  AssignedTargetInput,
  PlanOperationInput,
  OperationStepInput,
  FormInspectionGroupInput,
  AssignTargetsInput,
  ChecklistEntryInput,
  FindingInput,
  RecordInspectionInput,
  RegisterProblemInput,
  ReportRectificationInput,
  VerifyRectificationInput,
  ScheduleFollowUpInput,
  ReportResultInput,
  Person,
  Phase,
  FocusItem,
  LeadingGroup,
  Office,
  Duty,
  Target,
  AssignedTarget,
  ChecklistEntry,
  Finding,
  ReferredSubject,
  DispositionFigures,
  OperationFigures,
  OperationPlanned,
  InspectionGroupFormed,
  TargetsAssigned,
  OperationLaunched,
  InspectionRecorded,
  ProblemRegistered,
  FindingReferred,
  RectificationReported,
  ProblemRectified,
  RectificationRejected,
  FollowUpScheduled,
  FindingCaseLinked,
  FindingCaseTransferred,
  OperationResultReported,
  OperationClosed,
  operationEventSchemas,
  OperationEvent,
  operationStreamId,
} from './operation.ts';
export type { OperationEventType, OperationEventOf } from './operation.ts';
export { operationIntegrationEvents } from './operationIntegrationEvents.ts';

export {
  SuperviseCaseInput,
  LiftCaseSupervisionInput,
  CaseSupervised,
  CaseSupervisionLifted,
  caseSupervisionEventSchemas,
  CaseSupervisionEvent,
  caseSupervisionStreamId,
} from './caseSupervision.ts';
export type { CaseSupervisionEventType } from './caseSupervision.ts';

export {
  PersonalDataReadField,
  PersonalDataReadItem,
  RecordPersonalDataReadInput,
  PersonalDataRead,
  personalDataReadEventSchemas,
  beijingMonthOf,
  personalDataReadStreamPrefix,
  personalDataReadStreamId,
  readCaseOf,
  type ReadCase,
} from './personalDataReads.ts';

export {
  TransferStep,
  transferStepLabels,
  WindowUnit,
  EndRule,
  WindowAuthority,
  Obligation,
  TransferParty,
  Trigger,
  DeadlineExtension,
  StepWindow,
  TransferRoute,
  RequiredMaterial,
  TransferPolicy,
  transferPolicies,
  transferPolicy,
  transferRoute,
  missingMaterials,
  stepWindow,
} from './transferPolicies.ts';

export {
  CalendarFile,
  parseCalendarFile,
  CalendarYearMissingError,
  createWorkingCalendar,
  chinaCalendarFiles,
  defaultWorkingCalendar,
  formatBeijing,
  beijingDate,
  endOfBeijingDay,
} from './workingCalendar.ts';
export type { WorkingCalendar, WorkingCalendarOptions } from './workingCalendar.ts';

export { LocalRuleWindow, LocalRulesFile, parseLocalRulesFile, applyLocalRules } from './localRules.ts';
export { statusAsOf, overdueAsOf, windowDueAt, advanceDeadlines, computeDeadlines } from './deadlines.ts';
export type { Deadline, DeadlineStatus } from './deadlines.ts';
export { idForCommand, stableUuid } from './stableIds.ts';
export { commandTime } from './commandTime.ts';
