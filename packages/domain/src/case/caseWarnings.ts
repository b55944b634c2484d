import { meetsCriminalThreshold, type ViolationCode } from '@xianjie/contracts';
import { transferredToPolice, type Case } from './caseDecider.ts';

/** Warnings an overseer sees on a case; one rule each, computed from case facts only. */
export const caseWarnings = {
  /** 从严从重: the subject already had a decided violation within the policy window. */
  REPEAT_OFFENDER: 'REPEAT_OFFENDER',
  /** 以罚代刑: closed with an administrative penalty only although the facts meet a criminal threshold. */
  PENALTY_INSTEAD_OF_TRANSFER: 'PENALTY_INSTEAD_OF_TRANSFER',
} as const;
export type CaseWarning = (typeof caseWarnings)[keyof typeof caseWarnings];

export interface CaseWarningFacts {
  status: string;
  repeatOffender: boolean;
  penaltyDecided: boolean;
  /** A CRIMINAL transfer of the case was sent (CaseTransferred), so the case did go to police. */
  transferredToPolice: boolean;
  violations: readonly string[];
  amountInvolvedFen: number | null;
}

export const warningsFor = (facts: CaseWarningFacts): CaseWarning[] => {
  const warnings: CaseWarning[] = [];
  if (facts.repeatOffender) warnings.push(caseWarnings.REPEAT_OFFENDER);
  if (
    facts.status === 'CLOSED' &&
    facts.penaltyDecided &&
    !facts.transferredToPolice &&
    meetsCriminalThreshold(facts.violations as ViolationCode[], facts.amountInvolvedFen).length > 0
  ) {
    warnings.push(caseWarnings.PENALTY_INSTEAD_OF_TRANSFER);
  }
  return warnings;
};

/** The warning facts of a case folded from its events (fresh reads, `asOf`). */
export const caseWarningFactsOf = (state: Case): CaseWarningFacts => ({
  status: state.status,
  repeatOffender: state.repeatOffender,
  penaltyDecided: state.penalty !== null,
  transferredToPolice: transferredToPolice(state),
  violations: state.violations,
  amountInvolvedFen: state.amountInvolvedFen ?? null,
});
