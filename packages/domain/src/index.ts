// The public surface of @xianjie/domain: pure deciders per workflow.
export { fold } from './decider.ts';
export type { Decider } from './decider.ts';

export { initialCaseState, decideCase, evolveCase, foldCase, caseDecider } from './case/caseDecider.ts';
export type {
  CaseCommand,
  RegisterCase,
  FileCase,
  DecideNotToFile,
  RecordEvidence,
  DecidePenalty,
  CloseCase,
  CaseState,
  Case,
  EvidenceItem,
  PenaltyDecision,
} from './case/caseDecider.ts';
export { caseWarnings, warningsFor, type CaseWarning, type CaseWarningFacts } from './case/caseWarnings.ts';
