import {
  criminalThresholdsMet,
  repeatOffenderPolicy,
  type CriminalThreshold,
  type HarmFact,
  type SubjectKind,
  type ViolationCode,
} from '@xianjie/contracts';
import { transferredToPolice, type Case } from './caseDecider.ts';

/** Warnings an overseer sees on a case; one rule each, computed from case facts only. */
export const caseWarnings = {
  /** 从严从重: the subject already had a decided violation within the policy window. */
  REPEAT_OFFENDER: 'REPEAT_OFFENDER',
  /**
   * 以罚代刑: a penalty was decided (from that moment, not only at closing) although the facts meet a
   * criminal threshold, and the case was not transferred to police.
   */
  PENALTY_INSTEAD_OF_TRANSFER: 'PENALTY_INSTEAD_OF_TRANSFER',
} as const;
export type CaseWarning = (typeof caseWarnings)[keyof typeof caseWarnings];

export const caseWarningLabels: Readonly<Record<CaseWarning, string>> = {
  REPEAT_OFFENDER: '多次违法（从严从重）',
  PENALTY_INSTEAD_OF_TRANSFER: '以罚代刑',
};

export interface CaseWarningFacts {
  /** Kept for callers and read models; no rule reads it any more (the warning holds from the decision on). */
  status: string;
  repeatOffender: boolean;
  penaltyDecided: boolean;
  /** A CRIMINAL transfer of the case was sent (CaseTransferred), so the case did go to police. */
  transferredToPolice: boolean;
  violations: readonly string[];
  amountInvolvedFen: number | null;
  /** PERSON or ORGANIZATION; null or absent when not known (then every kind's rule applies). */
  subjectKind?: SubjectKind | null;
  /** 货值金额 of the goods not yet sold, fen. */
  unsoldGoodsValueFen?: number | null;
  /** 违法所得, fen. */
  illegalGainsFen?: number | null;
  harmFacts?: readonly HarmFact[];
}

/** One warning as an overseer reads it: which warning, under which rule, on which legal source. */
export interface CaseWarningDetail {
  code: CaseWarning;
  label: string;
  /** Stable id of the rule (a threshold rule's id, or REPEAT_OFFENDER). */
  ruleId: string;
  /** The rule in words. */
  rule: string;
  legalBasis: string;
}

/** The threshold rules behind a 以罚代刑 warning; empty when there is none. */
const penaltyInsteadOfTransferRules = (facts: CaseWarningFacts): CriminalThreshold[] =>
  facts.penaltyDecided && !facts.transferredToPolice
    ? criminalThresholdsMet({
        violations: facts.violations as ViolationCode[],
        subjectKind: facts.subjectKind ?? null,
        amountInvolvedFen: facts.amountInvolvedFen,
        unsoldGoodsValueFen: facts.unsoldGoodsValueFen ?? null,
        illegalGainsFen: facts.illegalGainsFen ?? null,
        harmFacts: facts.harmFacts ?? [],
      })
    : [];

/** Each warning with the rule and source that raise it (one entry per threshold rule met). */
export const warningDetailsFor = (facts: CaseWarningFacts): CaseWarningDetail[] => {
  const details: CaseWarningDetail[] = [];
  if (facts.repeatOffender) {
    details.push({
      code: caseWarnings.REPEAT_OFFENDER,
      label: caseWarningLabels.REPEAT_OFFENDER,
      ruleId: 'REPEAT_OFFENDER',
      rule: `同一当事人${repeatOffenderPolicy.windowDays}日内第${repeatOffenderPolicy.minViolations}次及以上被作出处罚决定，从严从重`,
      legalBasis: repeatOffenderPolicy.legalBasis,
    });
  }
  for (const threshold of penaltyInsteadOfTransferRules(facts)) {
    details.push({
      code: caseWarnings.PENALTY_INSTEAD_OF_TRANSFER,
      label: caseWarningLabels.PENALTY_INSTEAD_OF_TRANSFER,
      ruleId: threshold.id,
      rule: `${threshold.crime}：${threshold.condition}`,
      legalBasis: `${threshold.legalBasis}；《行政执法机关移送涉嫌犯罪案件的规定》（2020）第三条、第十一条`,
    });
  }
  return details;
};

export const warningsFor = (facts: CaseWarningFacts): CaseWarning[] => [
  ...new Set(warningDetailsFor(facts).map((detail) => detail.code)),
];

/** The warning facts of a case folded from its events (fresh reads, `asOf`). */
export const caseWarningFactsOf = (state: Case): CaseWarningFacts => ({
  status: state.status,
  repeatOffender: state.repeatOffender,
  penaltyDecided: state.penalty !== null,
  transferredToPolice: transferredToPolice(state),
  violations: state.violations,
  amountInvolvedFen: state.amountInvolvedFen ?? null,
  subjectKind: state.subject.kind,
  unsoldGoodsValueFen: state.unsoldGoodsValueFen ?? null,
  illegalGainsFen: state.illegalGainsFen ?? null,
  harmFacts: state.harmFacts ?? [],
});
