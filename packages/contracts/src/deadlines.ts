import { factOf, factTime } from './transfer.ts';
import type { TransferEvent, TransferFact } from './transfer.ts';
import type {
  Obligation,
  StepWindow,
  TransferParty,
  TransferPolicy,
  TransferStep,
  Trigger,
  DeadlineExtension,
} from './transferPolicies.ts';
import type { WorkingCalendar } from './workingCalendar.ts';

/**
 * Deadlines of a transfer, derived from its facts and the policy of its kind. Pure: the same
 * events, policy and calendar give the same deadlines; whether a deadline is met, pending or
 * overdue is a function of the deadline and a time (`statusAsOf`), never of a clock.
 */

export interface Deadline {
  step: TransferStep;
  /** Who owns the step. */
  party: TransferParty;
  obligation: Obligation;
  /** Business time of the fact that started the clock. */
  startedAt: string;
  dueAt: string;
  /** Business time of the fact that met the window, or null. */
  metAt: string | null;
  /** Met after dueAt: late steps are allowed (except RIGHTs, refused by the deciders) and shown. */
  metLate: boolean;
  /** The extension in force (complex case), with its recorded reason. */
  extension: { code: string; reason: string } | null;
  legalBasis: string;
}

/**
 * As of a time: MET when met at or before it; otherwise PENDING until dueAt inclusive; after it
 * OVERDUE for a DUTY, LAPSED for a CONDITIONAL step or a RIGHT (not acting was allowed).
 */
export type DeadlineStatus = 'PENDING' | 'MET' | 'OVERDUE' | 'LAPSED';

const ms = (iso: string): number => Date.parse(iso);

export const statusAsOf = (deadline: Deadline, asOf: string): DeadlineStatus => {
  const at = ms(asOf);
  if (Number.isNaN(at)) throw new RangeError(`"${asOf}" is not an ISO-8601 date-time`);
  if (deadline.metAt !== null && ms(deadline.metAt) <= at) return 'MET';
  if (at <= ms(deadline.dueAt)) return 'PENDING';
  return deadline.obligation === 'DUTY' ? 'OVERDUE' : 'LAPSED';
};

/** The DUTY deadlines overdue at `asOf` (what oversight lists). */
export const overdueAsOf = (deadlines: readonly Deadline[], asOf: string): Deadline[] =>
  deadlines.filter((deadline) => statusAsOf(deadline, asOf) === 'OVERDUE');

/**
 * The due time of a window (or its extension) started at `startedAt`, counted by the window's
 * `endRule` (decision 0014): calendar days end at 24:00 of the last day, moved to the first working
 * day after it under `nextWorkingDayIfHoliday`; working days end at 24:00 of the n-th working day;
 * hours run from the start, or from the next full hour under `startingHourNotCounted`.
 */
export const windowDueAt = (
  window: Pick<StepWindow, 'amount' | 'unit' | 'endRule'>,
  startedAt: string,
  calendar: WorkingCalendar,
  extension?: Pick<DeadlineExtension, 'amount' | 'unit'>,
): string => {
  const { amount, unit } = extension ?? window;
  switch (unit) {
    case 'hours':
      return calendar.addHours(startedAt, amount, {
        startingHourNotCounted: window.endRule === 'startingHourNotCounted',
      });
    case 'calendarDays':
      return calendar.addCalendarDays(startedAt, amount, {
        rollOverNonWorkingDay: window.endRule === 'nextWorkingDayIfHoliday',
      });
    case 'workingDays':
      return calendar.addWorkingDays(startedAt, amount);
  }
};

const matches = (triggers: readonly Trigger[], fact: TransferFact): boolean =>
  triggers.some(
    (trigger) =>
      trigger.event === fact.type &&
      Object.entries(trigger.where ?? {}).every(
        ([field, value]) => (fact.data as Record<string, unknown>)[field] === value,
      ),
  );

const openIndex = (deadlines: readonly Deadline[], step: TransferStep): number =>
  deadlines.findLastIndex((deadline) => deadline.step === step && deadline.metAt === null);

/**
 * The deadlines after one more event. For each window of the policy: the event meets the open
 * window of the step, or voids it (the step no longer applies), or starts a new one (replacing an
 * open one); a DeadlineExtended event moves the open window of its step to the extension's length.
 */
export const advanceDeadlines = (
  deadlines: readonly Deadline[],
  policy: TransferPolicy,
  event: TransferEvent,
  calendar: WorkingCalendar,
): Deadline[] => {
  const fact = factOf(event);
  const at = factTime(fact);
  let next = [...deadlines];

  if (fact.type === 'DeadlineExtended') {
    const window = policy.windows.find((w) => w.step === fact.data.step);
    const extension = window?.extensions.find((e) => e.code === fact.data.extension);
    const index = window ? openIndex(next, window.step) : -1;
    if (window && extension && index >= 0) {
      const open = next[index]!;
      next[index] = {
        ...open,
        dueAt: windowDueAt(window, open.startedAt, calendar, extension),
        extension: { code: extension.code, reason: fact.data.reason },
        legalBasis: `${window.legalBasis}；延长：${extension.legalBasis}`,
      };
    }
    return next;
  }

  for (const window of policy.windows) {
    const index = openIndex(next, window.step);
    if (index >= 0 && matches(window.until, fact)) {
      const open = next[index]!;
      next[index] = { ...open, metAt: at, metLate: ms(at) > ms(open.dueAt) };
    } else if (index >= 0 && matches(window.voidedBy, fact)) {
      next = next.filter((_, i) => i !== index);
    }
    if (matches(window.from, fact)) {
      const stillOpen = openIndex(next, window.step);
      if (stillOpen >= 0) next = next.filter((_, i) => i !== stillOpen);
      const dueAt = windowDueAt(window, at, calendar);
      const metNow = matches(window.until, fact);
      next.push({
        step: window.step,
        party: window.party,
        obligation: window.obligation,
        startedAt: at,
        dueAt,
        metAt: metNow ? at : null,
        metLate: false,
        extension: null,
        legalBasis: window.legalBasis,
      });
    }
  }
  return next;
};

/** The deadlines of a transfer whose stream (either side's, or both merged in order) holds `events`. */
export const computeDeadlines = (
  policy: TransferPolicy,
  events: readonly TransferEvent[],
  calendar: WorkingCalendar,
): Deadline[] =>
  events.reduce<Deadline[]>((deadlines, event) => advanceDeadlines(deadlines, policy, event, calendar), []);
