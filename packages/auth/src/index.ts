export { roles, principalFromClaims, tokenClaimsSchema, hasRole } from './principal.ts';
export type { Principal, Role, TokenClaims } from './principal.ts';
export { createTokenVerifier } from './tokenVerifier.ts';
export type {
  TokenVerifier,
  TokenVerifierOptions,
  DevTokenVerifierOptions,
  JwksTokenVerifierOptions,
  PublicKeyTokenVerifierOptions,
} from './tokenVerifier.ts';
export { mintDevToken } from './devTokens.ts';
export type { MintDevTokenOptions } from './devTokens.ts';
export { devTokenIssuer, devTokenAudience, minDevSecretBytes } from './devSecret.ts';
export { demoStaff, demoUsers, demoOperationUsers, findDemoUser } from './demoUsers.ts';
export type { DemoUser } from './demoUsers.ts';
export {
  createAccessRules,
  assertAllowed,
  caseCommandRoles,
  transferCommandRoles,
  operationCommandRoles,
  supervisionCommandRoles,
  jointMeetingCommandRoles,
  consultationCommandRoles,
  filingSupervisionCommandRoles,
  clueNoticeCommandRoles,
} from './accessRules.ts';
export type {
  AccessRules,
  AccessDecision,
  CaseCommand,
  TransferCommand,
  OperationCommandName,
  SupervisionCommandName,
  JointMeetingCommandName,
  JointMeetingFacts,
  ConsultationCommandName,
  FilingSupervisionCommandName,
  ClueNoticeCommandName,
  OperationParty,
  OperationFacts,
  InspectionGroupFacts,
  PersonalDataPurpose,
  PersonalDataUse,
} from './accessRules.ts';
export type { AgencyKind, AgencyRef, AgencyLookup } from './agencyRef.ts';
export { isWithinRegion } from './isWithinRegion.ts';
export {
  personalDataReadItems,
  recordPersonalDataReadsFirst,
  refusingPersonalDataReadRecorder,
} from './personalDataReadRecording.ts';
export type { PersonalDataReadRecorder, ReaderAuth } from './personalDataReadRecording.ts';
