// The public surface of @xianjie/domain: pure deciders per workflow.
export { fold } from './decider.ts';
export type { Decider } from './decider.ts';

export {
  initialCaseState,
  decideCase,
  evolveCase,
  foldCase,
  caseDecider,
  transferredToPolice,
} from './case/caseDecider.ts';
export type {
  CaseCommand,
  RegisterCase,
  FileCase,
  DecideNotToFile,
  RecordEvidence,
  DecidePenalty,
  CloseCase,
  MarkTransferred,
  CaseState,
  Case,
  CaseTransfer,
  EvidenceItem,
  PenaltyDecision,
} from './case/caseDecider.ts';
export {
  caseWarnings,
  caseWarningLabels,
  warningsFor,
  warningDetailsFor,
  caseWarningFactsOf,
  type CaseWarning,
  type CaseWarningFacts,
  type CaseWarningDetail,
} from './case/caseWarnings.ts';
export { finesOf, type CaseFines } from './case/caseFines.ts';

export { initialTransferState } from './transfer/transferState.ts';
export type { Transfer, TransferState, TransferSide, TransferDeciderOptions } from './transfer/transferState.ts';
export { createSenderDecider, decisionCapacity, senderDecider, senderStreamEventTypes } from './transfer/senderDecider.ts';
export type {
  SenderDecider,
  SenderCommand,
  ProposeTransfer,
  ApproveTransfer,
  RefuseTransfer,
  SupplyMaterials,
  RequestReconsideration,
  SuggestProcuratorateSupervision,
  HandOverMaterials,
  CloseTransfer,
  NoteReceiverStep,
} from './transfer/senderDecider.ts';
export { createReceiverDecider, receiverDecider, receiverStreamEventTypes } from './transfer/receiverDecider.ts';
export type {
  ReceiverDecider,
  ReceiverCommand,
  ReceiveTransfer,
  ForwardTransfer,
  ReturnTransfer,
  RequestSupplement,
  AcceptTransfer,
  DeclineTransfer,
  ExtendDeadline,
  DecideReconsideration,
  DisposeClue,
  RecordTransferResult,
  RecordProcuratorateInquiry,
  ExplainNonFiling,
  RecordProcuratorateFilingOrder,
  NoteSenderStep,
} from './transfer/receiverDecider.ts';

export {
  initialOperationState,
  decideOperation,
  evolveOperation,
  foldOperation,
  operationDecider,
  caseAgencyKinds,
  groupPeople,
  officePeople,
  samePerson,
  findingsOf,
  rectificationDueAt,
  isRectificationOverdue,
  selfInspectionPhase,
  selfInspectionDueAt,
  targetsWithoutSelfInspection,
} from './operation/operationDecider.ts';
export type {
  OperationCommand,
  PlanOperation,
  FormInspectionGroup,
  AssignTargets,
  LaunchOperation,
  RecordInspection,
  RegisterProblem,
  ReportRectification,
  VerifyRectification,
  ScheduleFollowUp,
  RecordSelfInspection,
  AcknowledgeOperationReport,
  EvaluateOperationReport,
  SelfInspection,
  ReportReview,
  ReportResult,
  CloseOperation,
  LinkFindingCase,
  NoteFindingCaseTransferred,
  OperationState,
  Operation,
  InspectionGroup,
  OperationTarget,
  Inspection,
  Problem,
  FollowUp,
} from './operation/operationDecider.ts';
export { isTargetPlaceDisclosed, operationProgress, operationFigures, overdueRectifications } from './operation/operationProgress.ts';
export type { OperationProgress, Coverage, OverdueRectification } from './operation/operationProgress.ts';

export {
  initialCaseSupervisionState,
  decideCaseSupervision,
  evolveCaseSupervision,
  foldCaseSupervision,
  caseSupervisionDecider,
  supervisionDueAt,
  isSupervisionOverdue,
} from './oversight/caseSupervisionDecider.ts';
export type {
  CaseSupervisionCommand,
  SuperviseCase,
  LiftCaseSupervision,
  CaseSupervisionState,
  CaseSupervision,
  SupervisedCaseFacts,
} from './oversight/caseSupervisionDecider.ts';
export {
  initialJointMeetingState,
  decideJointMeeting,
  evolveJointMeeting,
  foldJointMeeting,
  jointMeetingDecider,
  isJointMeetingDecisionOverdue,
} from './meeting/jointMeetingDecider.ts';
export type {
  JointMeetingCommand,
  ConveneJointMeeting,
  RecordJointMeetingMinutes,
  ReportJointMeetingDecision,
  VerifyJointMeetingDecision,
  CloseJointMeeting,
  JointMeeting,
  JointMeetingDecision,
  JointMeetingState,
} from './meeting/jointMeetingDecider.ts';
export {
  initialCaseConsultationState,
  decideCaseConsultation,
  evolveCaseConsultation,
  foldCaseConsultation,
  caseConsultationDecider,
  consultationDueAt,
  isConsultationOverdue,
} from './meeting/caseConsultationDecider.ts';
export type {
  CaseConsultationCommand,
  AskCaseConsultation,
  AnswerCaseConsultation,
  CaseConsultation,
  CaseConsultationState,
} from './meeting/caseConsultationDecider.ts';
export {
  initialClueNoticeState,
  decideClueNotice,
  evolveClueNotice,
  foldClueNotice,
  clueNoticeDecider,
  clueNoticeDueAt,
  isClueNoticeOverdue,
} from './meeting/clueNoticeDecider.ts';
export type {
  ClueNoticeCommand,
  SendClueNotice,
  AcknowledgeClueNotice,
  ReplyClueNotice,
  ClueNotice,
  ClueNoticeState,
} from './meeting/clueNoticeDecider.ts';
export { foldTransferSide, mergeTransferSides, partyOf, versionFor } from './transfer/transferMerge.ts';
export type { MergedTransfer, SideStreamEvent, TransferMergeOptions, TransferSideFold } from './transfer/transferMerge.ts';

export {
  createFilingSupervisionDecider,
  evolveFilingSupervision,
  foldFilingSupervision,
  filingSupervisionDuty,
  initialFilingSupervisionState,
} from './filingSupervision/filingSupervisionDecider.ts';
export type {
  CopiedTransferFacts,
  DecideNonFilingReasons,
  FilingSupervision,
  FilingSupervisionCommand,
  FilingSupervisionDeciderOptions,
  FilingSupervisionState,
  NoteNonFilingExplanation,
  NotePoliceFiling,
  RequestNonFilingExplanation,
} from './filingSupervision/filingSupervisionDecider.ts';
