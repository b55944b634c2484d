// The public surface of @xianjie/contracts. Errors are also reachable as '@xianjie/contracts/errors'.
export {
  XianjieError,
  ValidationError,
  NotFoundError,
  ConcurrencyError,
  InvalidTransitionError,
  ForbiddenError,
  UnauthenticatedError,
  isXianjieError,
  errorFromWire,
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
