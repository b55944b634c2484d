import { transferredToPolice, type Case } from './caseDecider.ts';

/**
 * Fines on a case and what a court must offset. 《行政处罚法》第三十五条第一款: where the violation
 * is a crime and the court imposes a criminal fine (罚金), a fine (罚款) the agency already imposed
 * is offset against it (应当折抵相应罚金). Confiscation (没收) is not a fine and is not counted.
 * The platform records the decision, not the payment: the amounts are the fines decided.
 */
export interface CaseFines {
  /** Total of the fines decided on the case, fen (0 when none). */
  finesDecidedFen: number;
  /** 可折抵罚金: the fines decided, once the case went to police (CRIMINAL transfer); null before or without fines. */
  offsettableFineFen: number | null;
}

export const finesOf = (state: Case): CaseFines => {
  const finesDecidedFen = (state.penalty?.penalties ?? [])
    .filter((penalty) => penalty.kind === 'FINE')
    .reduce((total, penalty) => total + (penalty.amountFen ?? 0), 0);
  return {
    finesDecidedFen,
    offsettableFineFen: finesDecidedFen > 0 && transferredToPolice(state) ? finesDecidedFen : null,
  };
};
