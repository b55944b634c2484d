import { statusAsOf } from '@xianjie/contracts';
import type { Deadline } from '@xianjie/contracts';
import type { Transfer } from '@xianjie/domain';

/**
 * 首办负责制 (no 一转了之): the sender follows a transfer it sent until the receiver feeds the
 * result back (结果反馈). Which transfers were waiting as of a time, and on what, judged from the
 * business timestamps of the sender's state (its own facts and the receiver's facts it noted).
 * Pure: rows and a time in, items out.
 */

/** What a transfer sent and not yet fed back waits on, as of a time. */
export const feedbackStages = [
  'AWAITING_RECEIPT',
  'AWAITING_DECISION',
  'DECLINED',
  'IN_RECONSIDERATION',
  'SUPERVISION_SUGGESTED',
  'AWAITING_RESULT',
] as const;
export type FeedbackStage = (typeof feedbackStages)[number];

export const feedbackStageLabels: Readonly<Record<FeedbackStage, string>> = {
  AWAITING_RECEIPT: '待签收',
  AWAITING_DECISION: '待立案/受理决定',
  DECLINED: '不予立案/不予受理（待移送机关提请复议或办结）',
  IN_RECONSIDERATION: '复议中',
  SUPERVISION_SUGGESTED: '已建议检察院立案监督',
  AWAITING_RESULT: '已立案/受理，待结果反馈',
};

/** The timestamps the stage is judged from (a `Transfer` of either side has them all). */
export type FeedbackFacts = Pick<
  Transfer,
  | 'sentAt'
  | 'receivedAt'
  | 'refusal'
  | 'returned'
  | 'acceptance'
  | 'decline'
  | 'reconsideration'
  | 'supervision'
  | 'dispositions'
  | 'result'
  | 'closed'
>;

const ms = (iso: string): number => Date.parse(iso);
/** Whether a fact with business time `at` had happened as of `asOf` (at or before it, as statusAsOf counts). */
const by = (at: string | null | undefined, asOf: number): at is string => at != null && ms(at) <= asOf;

/**
 * The stage of a transfer as of `asOf`, or null when it was not waiting for feedback then: not
 * yet sent (sentAt after asOf or none), refused, returned to the sender (退回), result fed back or
 * closed (办结) at or before asOf.
 *
 * - AWAITING_RECEIPT — sent, not signed for (签收);
 * - AWAITING_DECISION — signed for, neither accepted (立案/受理, or a clue disposed) nor declined;
 * - DECLINED — declined (不予立案), or the decline upheld on reconsideration: the sender's move
 *   (提请复议, 建议检察院立案监督 or 办结);
 * - IN_RECONSIDERATION — reconsideration requested (提请复议), not decided;
 * - SUPERVISION_SUGGESTED — the sender suggested procuratorate supervision (建议检察院立案监督);
 * - AWAITING_RESULT — accepted (on reconsideration too) or the clue disposed, no result fed back.
 *
 * A forward (转送) resets the receipt in the state: before the new receiver signs for it the
 * transfer is AWAITING_RECEIPT again; the state keeps no earlier receipt time, so an asOf before
 * the forward is judged with the current receiver's receipt.
 */
export const feedbackStageAsOf = (facts: FeedbackFacts, asOf: string): FeedbackStage | null => {
  const at = ms(asOf);
  if (Number.isNaN(at)) throw new RangeError(`"${asOf}" is not an ISO-8601 date-time`);
  if (!by(facts.sentAt, at)) return null;
  if (by(facts.refusal?.refusedAt, at)) return null;
  if (by(facts.returned?.returnedAt, at)) return null;
  if (by(facts.result?.recordedAt, at)) return null;
  if (by(facts.closed?.closedAt, at)) return null;
  if (by(facts.acceptance?.acceptedAt, at) || by(facts.dispositions[0]?.disposedAt, at)) return 'AWAITING_RESULT';
  if (by(facts.supervision?.suggestedAt, at)) return 'SUPERVISION_SUGGESTED';
  const reconsideration = facts.reconsideration;
  if (by(reconsideration?.requestedAt, at)) {
    // Accepted on reconsideration is an acceptance (acceptedAt = decidedAt), handled above.
    return by(reconsideration.decision?.decidedAt, at) ? 'DECLINED' : 'IN_RECONSIDERATION';
  }
  if (by(facts.decline?.declinedAt, at)) return 'DECLINED';
  if (by(facts.receivedAt, at)) return 'AWAITING_DECISION';
  return 'AWAITING_RECEIPT';
};

/** Whole calendar days (24-hour periods, not working days) from `from` to `to`; 0 when `to` is earlier. */
export const wholeDaysBetween = (from: string, to: string): number =>
  Math.max(0, Math.floor((ms(to) - ms(from)) / 86_400_000));

/** The DUTY steps of `deadlines` overdue at `asOf` (statusAsOf), each step named once. */
export const overdueStepNames = (deadlines: readonly Deadline[], asOf: string): string[] => [
  ...new Set(deadlines.filter((d) => d.obligation === 'DUTY' && statusAsOf(d, asOf) === 'OVERDUE').map((d) => d.step)),
];

/** A transfer awaiting feedback as of a time, from the sender's row. */
export interface AwaitingFeedback<R> {
  transfer: R;
  sentAt: string;
  /** Whole calendar days from sentAt to asOf. */
  daysWaiting: number;
  stage: FeedbackStage;
  /** The DUTY steps overdue at asOf on the sender's row (either party's). */
  overdueSteps: string[];
}

/** The item of a sender's row as of `asOf`, or null when it was not awaiting feedback then. */
export const awaitingFeedbackOf = <R extends { side: string; deadlines: Deadline[] }>(
  row: R,
  state: FeedbackFacts,
  asOf: string,
): AwaitingFeedback<R> | null => {
  if (row.side !== 'SENDER') return null;
  const stage = feedbackStageAsOf(state, asOf);
  if (stage === null || state.sentAt === null) return null;
  return {
    transfer: row,
    sentAt: state.sentAt,
    daysWaiting: wholeDaysBetween(state.sentAt, asOf),
    stage,
    overdueSteps: overdueStepNames(row.deadlines, asOf),
  };
};

/** Oldest sentAt first, then by transfer id. */
export const byOldestSent = <R extends { id: string }>(a: AwaitingFeedback<R>, b: AwaitingFeedback<R>): number =>
  ms(a.sentAt) - ms(b.sentAt) || a.transfer.id.localeCompare(b.transfer.id);
