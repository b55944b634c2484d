import { ValidationError } from '@xianjie/contracts';
import type { Deadline } from '@xianjie/contracts';
import type { Transfer, TransferSide } from '@xianjie/domain';

/**
 * Agency performance (DESIGN §3.4: transfers out and in, acceptance and decline rates, time to
 * receipt and decision, overdue counts) over a period [from, to), from the transfer read models.
 * Pure: rows in, figures out. Each service computes partial figures (`performanceParts`) from the
 * rows it holds; the gateway adds the parts of every service up (`mergePerformanceParts`).
 *
 * Nothing is counted twice across services because every figure is read from exactly one row:
 * - the transfer figures (sent, received, accepted, …, durations) from the SENDER's row (one per
 *   transfer, held by the sender's service; it notes every receiver fact with its business time,
 *   and it exists before the receipt, when the receiver has no row yet);
 * - an overdue step from the row of its owner (the sender's for sender steps, the receiver's for
 *   receiver steps) except `signReceipt`, read from the sender's row only: it is due before the
 *   receiver's row exists, and a forward (转送) would otherwise put it on both rows.
 * So an agency's figures come from several services (what it sent from its own, what it received
 * from the senders'), and medians are merged from the raw durations, never from medians.
 */

/** Longest period a query may span. */
export const maxPerformanceRangeDays = 366;

/** Throws a ValidationError (BAD_USER_INPUT) naming the field unless from < to within the cap. */
export const checkPerformanceRange = (from: string, to: string, maxDays = maxPerformanceRangeDays): void => {
  const start = Date.parse(from);
  const end = Date.parse(to);
  if (Number.isNaN(start)) throw new ValidationError([{ path: 'from', message: `"${from}" is not an ISO-8601 date-time` }]);
  if (Number.isNaN(end)) throw new ValidationError([{ path: 'to', message: `"${to}" is not an ISO-8601 date-time` }]);
  if (end <= start) throw new ValidationError([{ path: 'to', message: `must be after from (${from}); got ${to}` }]);
  if (end - start > maxDays * 86_400_000) {
    throw new ValidationError([
      { path: 'to', message: `the period may span at most ${maxDays} days; ${from} to ${to} is longer: ask period by period` },
    ]);
  }
};

/** The facts performance reads from a row's state. */
export type PerformanceFacts = Pick<
  Transfer,
  'sentAt' | 'receivedAt' | 'acceptance' | 'decline' | 'dispositions' | 'returned' | 'result' | 'forwards'
>;

export interface PerformanceRow {
  side: TransferSide;
  fromAgencyId: string;
  /** The current receiver. */
  toAgencyId: string;
  deadlines: readonly Deadline[];
  state: PerformanceFacts;
}

/** One service's figures for one agency (counts and raw durations): add the parts up to get the whole. */
export interface AgencyPerformancePart {
  agencyId: string;
  sent: number;
  received: number;
  accepted: number;
  declined: number;
  returned: number;
  resultsFedBack: number;
  overdueSteps: number;
  /** Hours from sentAt to receivedAt, one per transfer received and signed for by `to`. */
  hoursToReceipt: number[];
  /** Hours from receivedAt to the first decision, one per transfer decided by `to`. */
  hoursToDecision: number[];
}

export interface AgencyPerformance {
  agencyId: string;
  sent: number;
  received: number;
  accepted: number;
  declined: number;
  returned: number;
  /** accepted / (accepted + declined); null when none was decided. */
  acceptanceRate: number | null;
  /** declined / (accepted + declined); null when none was decided. */
  declineRate: number | null;
  medianHoursToReceipt: number | null;
  medianHoursToDecision: number | null;
  overdueSteps: number;
  resultsFedBack: number;
}

export interface PerformancePeriod {
  /** The agencies figures are wanted for (the caller's scope); others are left out. */
  agencyIds: readonly string[];
  from: string;
  to: string;
}

const ms = (iso: string): number => Date.parse(iso);
const HOUR = 3_600_000;

const emptyPart = (agencyId: string): AgencyPerformancePart => ({
  agencyId,
  sent: 0,
  received: 0,
  accepted: 0,
  declined: 0,
  returned: 0,
  resultsFedBack: 0,
  overdueSteps: 0,
  hoursToReceipt: [],
  hoursToDecision: [],
});

/**
 * The receiver when a step's clock started at `at`: the agency that forwarded the transfer next
 * after `at`, else the current receiver (a forward starts the new receiver's receipt clock).
 */
const receiverAt = (row: PerformanceRow, at: string): string =>
  row.state.forwards.find((f) => ms(f.forwardedAt) > ms(at))?.fromAgencyId ?? row.toAgencyId;

/** Whether the row is the one a deadline is read from (see the module comment). */
const ownsDeadline = (row: PerformanceRow, deadline: Deadline): boolean =>
  deadline.step === 'signReceipt' ? row.side === 'SENDER' : deadline.party === row.side;

/**
 * A DUTY step counts as overdue in the period when it was due in [from, to) and was met late or
 * not met at `to` (statusAsOf's rule: met at its due time is on time).
 */
const overdueInPeriod = (deadline: Deadline, from: number, to: number): boolean =>
  deadline.obligation === 'DUTY' &&
  ms(deadline.dueAt) >= from &&
  ms(deadline.dueAt) < to &&
  (deadline.metAt === null || ms(deadline.metAt) > ms(deadline.dueAt));

/**
 * Figures per agency of `period.agencyIds` from the rows one service holds.
 * - sent: SENDER rows of the agency with sentAt in [from, to);
 * - received: SENDER rows sent to it (its current receiver) with sentAt in [from, to), signed for or not;
 * - of those received, as of `to` (facts at or before it): accepted (立案/受理, on reconsideration too,
 *   or a clue disposed), else declined (不予立案/不予受理), returned (退回), resultsFedBack (结果反馈);
 *   hoursToReceipt (sentAt → receivedAt) and hoursToDecision (receivedAt → the first acceptance,
 *   decline or disposal);
 * - overdueSteps: DUTY steps the agency owns, due in [from, to), met late or unmet at `to`.
 * Agencies with nothing counted are left out.
 */
export const performanceParts = (rows: readonly PerformanceRow[], period: PerformancePeriod): AgencyPerformancePart[] => {
  const wanted = new Set(period.agencyIds);
  const from = ms(period.from);
  const to = ms(period.to);
  const parts = new Map<string, AgencyPerformancePart>();
  const part = (agencyId: string) => {
    let found = parts.get(agencyId);
    if (!found) parts.set(agencyId, (found = emptyPart(agencyId)));
    return found;
  };
  const by = (at: string | null | undefined): at is string => at != null && ms(at) <= to;

  for (const row of rows) {
    const { state } = row;
    const sentAt = state.sentAt;
    if (row.side === 'SENDER' && sentAt !== null && ms(sentAt) >= from && ms(sentAt) < to) {
      if (wanted.has(row.fromAgencyId)) part(row.fromAgencyId).sent += 1;
      if (wanted.has(row.toAgencyId)) {
        const receiver = part(row.toAgencyId);
        receiver.received += 1;
        const accepted = by(state.acceptance?.acceptedAt) || by(state.dispositions[0]?.disposedAt);
        if (accepted) receiver.accepted += 1;
        else if (by(state.decline?.declinedAt)) receiver.declined += 1;
        if (by(state.returned?.returnedAt)) receiver.returned += 1;
        if (by(state.result?.recordedAt)) receiver.resultsFedBack += 1;
        const receivedAt = state.receivedAt;
        if (by(receivedAt)) {
          receiver.hoursToReceipt.push((ms(receivedAt) - ms(sentAt)) / HOUR);
          const decisions = [state.acceptance?.acceptedAt, state.decline?.declinedAt, state.dispositions[0]?.disposedAt]
            .filter(by)
            .map(ms);
          if (decisions.length > 0) receiver.hoursToDecision.push((Math.min(...decisions) - ms(receivedAt)) / HOUR);
        }
      }
    }
    for (const deadline of row.deadlines) {
      if (!ownsDeadline(row, deadline) || !overdueInPeriod(deadline, from, to)) continue;
      const agencyId = deadline.party === 'SENDER' ? row.fromAgencyId : receiverAt(row, deadline.startedAt);
      if (wanted.has(agencyId)) part(agencyId).overdueSteps += 1;
    }
  }
  return [...parts.values()].sort((a, b) => a.agencyId.localeCompare(b.agencyId));
};

/** The median of the values; null for none. */
export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

const round2 = (value: number | null): number | null => (value === null ? null : Math.round(value * 100) / 100);

/**
 * The whole figures from the parts of every service: counts added, durations pooled, then the
 * rates (of the decided ones) and medians (in hours, rounded to 0.01). Agencies by id.
 */
export const mergePerformanceParts = (parts: readonly AgencyPerformancePart[]): AgencyPerformance[] => {
  const pooled = new Map<string, AgencyPerformancePart>();
  for (const p of parts) {
    const sum = pooled.get(p.agencyId) ?? emptyPart(p.agencyId);
    pooled.set(p.agencyId, {
      agencyId: p.agencyId,
      sent: sum.sent + p.sent,
      received: sum.received + p.received,
      accepted: sum.accepted + p.accepted,
      declined: sum.declined + p.declined,
      returned: sum.returned + p.returned,
      resultsFedBack: sum.resultsFedBack + p.resultsFedBack,
      overdueSteps: sum.overdueSteps + p.overdueSteps,
      hoursToReceipt: [...sum.hoursToReceipt, ...p.hoursToReceipt],
      hoursToDecision: [...sum.hoursToDecision, ...p.hoursToDecision],
    });
  }
  return [...pooled.values()]
    .sort((a, b) => a.agencyId.localeCompare(b.agencyId))
    .map((p) => {
      const decided = p.accepted + p.declined;
      return {
        agencyId: p.agencyId,
        sent: p.sent,
        received: p.received,
        accepted: p.accepted,
        declined: p.declined,
        returned: p.returned,
        acceptanceRate: decided === 0 ? null : p.accepted / decided,
        declineRate: decided === 0 ? null : p.declined / decided,
        medianHoursToReceipt: round2(median(p.hoursToReceipt)),
        medianHoursToDecision: round2(median(p.hoursToDecision)),
        overdueSteps: p.overdueSteps,
        resultsFedBack: p.resultsFedBack,
      };
    });
};
