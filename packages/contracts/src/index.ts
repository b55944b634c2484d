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
export { demoRegion, demoCities, demoAgencies, demoDirectory } from './demoDirectory.ts';

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
  CaseRegistered,
  CaseFiled,
  CaseNotFiled,
  EvidenceRecorded,
  PenaltyDecided,
  CaseClosed,
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
  subjectRef,
  toPublicSubject,
  integrationTopic,
  integrationEventSchemas,
} from './integrationEvents.ts';
export type { IntegrationEvent } from './integrationEvents.ts';

export {
  RepeatOffenderPolicy,
  repeatOffenderPolicy,
  CriminalThreshold,
  criminalThresholds,
  meetsCriminalThreshold,
} from './policies.ts';

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
  TransferStep,
  transferStepLabels,
  WindowUnit,
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
export type { WorkingCalendar } from './workingCalendar.ts';

export { statusAsOf, overdueAsOf, windowDueAt, advanceDeadlines, computeDeadlines } from './deadlines.ts';
export type { Deadline, DeadlineStatus } from './deadlines.ts';
