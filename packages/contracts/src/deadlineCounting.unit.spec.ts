import { describe, expect, it } from 'vitest';
import { computeDeadlines, statusAsOf, windowDueAt } from './deadlines.ts';
import type { Deadline } from './deadlines.ts';
import type { TransferEvent } from './transfer.ts';
import { stepWindow, TransferPolicy, transferPolicies } from './transferPolicies.ts';
import type { TransferStep } from './transferPolicies.ts';
import { defaultWorkingCalendar as calendar } from './workingCalendar.ts';

/**
 * Days counted as the law counts them (decision 0014), to the second, on the 2025 notice
 * (劳动节 5-1..5-5; 国庆节、中秋节 10-1..10-8, 9-28 and 10-11 working days).
 */

const criminal = transferPolicies.CRIMINAL;
const due = (step: TransferStep, startedAt: string, policy: TransferPolicy = criminal): string =>
  windowDueAt(stepWindow(policy, step)!, startedAt, calendar);
const instant = (iso: string) => new Date(iso).toISOString();

const declined = (declinedAt: string): TransferEvent => ({
  type: 'TransferDeclined',
  data: { transferId: 't-1', agencyId: 'police-650100', reasonCategory: 'NO_OFFENCE', reason: '没有犯罪事实', declinedAt },
});
const reconsiderationWindow = (declinedAt: string): Deadline =>
  computeDeadlines(criminal, [declined(declinedAt)], calendar).find((d) => d.step === 'requestReconsideration')!;

describe('the 2025 May Day case (issue 14)', () => {
  it("moves the agency's 复议 window from 5-3 (a holiday) to 24:00 of 5-6, the first working day", () => {
    const window = reconsiderationWindow('2025-04-30T15:00:00+08:00');
    expect(window.dueAt).toBe('2025-05-07T00:00:00+08:00');
    expect(instant(window.dueAt)).toBe('2025-05-06T16:00:00.000Z');
    expect(statusAsOf(window, '2025-05-03T23:59:59+08:00')).toBe('PENDING');
    expect(statusAsOf(window, '2025-05-06T09:00:00+08:00')).toBe('PENDING'); // a request on 5-6 is in time
    expect(statusAsOf(window, '2025-05-06T23:59:59+08:00')).toBe('PENDING');
    expect(statusAsOf(window, '2025-05-07T00:00:01+08:00')).toBe('LAPSED'); // on 5-7 it is not
  });

  it('moves approval, supply, hand-over and the supervision suggestion alike, and the police windows as before', () => {
    const start = '2025-04-30T15:00:00+08:00';
    for (const step of ['approve', 'supplyMaterials', 'handOver', 'suggestSupervision', 'decide', 'decideReconsideration'] as const) {
      expect([step, due(step, start)]).toEqual([step, '2025-05-07T00:00:00+08:00']);
    }
    // Not overdue in the holiday: the officer owes nothing until 5-6 ends.
    const approve: Deadline = { ...reconsiderationWindow(start), step: 'approve', obligation: 'DUTY', dueAt: due('approve', start) };
    expect(statusAsOf(approve, '2025-05-04T10:00:00+08:00')).toBe('PENDING');
    expect(statusAsOf(approve, '2025-05-07T00:00:01+08:00')).toBe('OVERDUE');
  });

  it('leaves a window whose last day is a working day where it is, and counts the 5-day notice from the next day', () => {
    expect(due('handOver', '2025-04-25T18:00:00+08:00')).toBe('2025-04-29T00:00:00+08:00'); // 4-26, 4-27 (调休), 4-28
    // 7 days from 4-28: 4-29..5-5, last day in the holiday, so 5-6.
    expect(due('explainNonFiling', '2025-04-28T09:00:00+08:00')).toBe('2025-05-07T00:00:00+08:00');
  });

  it('extends the police decision the same way (COMPLEX: 10 days)', () => {
    const window = stepWindow(criminal, 'decide')!;
    const complex = window.extensions.find((e) => e.code === 'COMPLEX')!;
    // 4-24 + 10 days = 5-4 (holiday): 24:00 of 5-6.
    expect(windowDueAt(window, '2025-04-24T10:00:00+08:00', calendar, complex)).toBe('2025-05-07T00:00:00+08:00');
  });
});

describe('the 2025 National Day case', () => {
  it('moves a window ending on 10-2 to 24:00 of 10-9, the first working day after 10-1..10-8', () => {
    const window = reconsiderationWindow('2025-09-29T10:00:00+08:00');
    expect(window.dueAt).toBe('2025-10-10T00:00:00+08:00');
    expect(instant(window.dueAt)).toBe('2025-10-09T16:00:00.000Z');
    expect(statusAsOf(window, '2025-10-09T23:59:59+08:00')).toBe('PENDING');
    expect(statusAsOf(window, '2025-10-10T00:00:01+08:00')).toBe('LAPSED');
    for (const step of ['approve', 'supplyMaterials', 'handOver', 'decide'] as const) {
      expect([step, due(step, '2025-09-29T10:00:00+08:00')]).toEqual([step, '2025-10-10T00:00:00+08:00']);
    }
  });

  it('does not move a window ending on an adjusted working day (调休: Saturday 10-11, Sunday 9-28)', () => {
    // Started 10-8 (a holiday: the starting day is not counted anyway): 10-9, 10-10, 10-11.
    expect(due('requestReconsideration', '2025-10-08T15:00:00+08:00')).toBe('2025-10-12T00:00:00+08:00');
    expect(due('decide', '2025-09-25T15:00:00+08:00')).toBe('2025-09-29T00:00:00+08:00');
  });

  it('counts the 90-day feedback in calendar days and moves it off a holiday too', () => {
    // 2025-07-05 + 90 days = 10-3 (holiday): 24:00 of 10-9.
    expect(due('feedbackResult', '2025-07-05T10:00:00+08:00')).toBe('2025-10-10T00:00:00+08:00');
    expect(due('feedbackResult', '2025-07-05T10:00:00+08:00', transferPolicies.ADMINISTRATIVE)).toBe('2025-10-10T00:00:00+08:00');
  });
});

describe('a window ending on an ordinary weekend', () => {
  it('moves from Saturday 2025-03-15 to 24:00 of Monday 03-17 (a weekend day is a 节假日 / 法定休假日)', () => {
    for (const step of ['requestReconsideration', 'approve', 'handOver', 'decide'] as const) {
      expect([step, due(step, '2025-03-12T10:00:00+08:00')]).toEqual([step, '2025-03-18T00:00:00+08:00']);
    }
    expect(instant(due('decide', '2025-03-12T10:00:00+08:00'))).toBe('2025-03-17T16:00:00.000Z');
  });
});

describe('hour windows', () => {
  it("leave the police's starting hour out: 15:20 + 24 hours ends at 16:00 the next day", () => {
    expect(due('signReceipt', '2025-04-30T15:20:00+08:00')).toBe('2025-05-01T16:00:00+08:00');
    expect(due('forwardOrReturn', '2025-04-30T15:20:00+08:00')).toBe('2025-05-01T16:00:00+08:00');
    expect(due('requestSupplement', '2025-04-30T15:59:59.999+08:00')).toBe('2025-05-01T16:00:00+08:00');
    // On the hour, the hour 15时 is still the starting hour.
    expect(due('requestSupplement', '2025-04-30T15:00:00+08:00')).toBe('2025-05-01T16:00:00+08:00');
    expect(instant(due('requestSupplement', '2025-04-30T07:20:00Z'))).toBe('2025-05-01T08:00:00.000Z');
  });

  it("count the agency's send window from the approval itself (民法典 art. 201(2)) and never move an hour window off a holiday", () => {
    expect(due('send', '2025-04-30T15:20:00+08:00')).toBe('2025-05-01T15:20:00+08:00');
    expect(due('signReceipt', '2025-10-01T09:10:00+08:00')).toBe('2025-10-02T10:00:00+08:00');
  });
});

describe('working-day windows', () => {
  it('forward a clue for another commission within 5 working days (监察法实施条例 art. 171)', () => {
    const forward = stepWindow(transferPolicies.DISCIPLINARY, 'forwardOrReturn')!;
    expect(forward).toMatchObject({ amount: 5, unit: 'workingDays', endRule: 'exact', authority: 'STATUTE' });
    expect(forward.legalBasis).toContain('《监察法实施条例》第一百七十一条');
    // Signed Fri 9-26: 9-28 (调休), 9-29, 9-30, 10-9, 10-10.
    expect(due('forwardOrReturn', '2025-09-26T10:00:00+08:00', transferPolicies.DISCIPLINARY)).toBe('2025-10-11T00:00:00+08:00');
  });

  it('need no shift: the last counted day is a working day', () => {
    // 15 working days from 4-30: 5-6..5-9, 5-12..5-16, 5-19..5-23, 5-26.
    expect(due('decide', '2025-04-30T15:00:00+08:00', transferPolicies.REVERSE)).toBe('2025-05-27T00:00:00+08:00');
  });
});

describe('the policy table', () => {
  it('says for every window how it is counted and why, and whether a statute or a local rule fixes it', () => {
    for (const policy of Object.values(transferPolicies)) {
      for (const window of policy.windows) {
        expect(window.countingBasis.length).toBeGreaterThan(10);
        if (window.unit === 'calendarDays') expect([policy.kind, window.step, window.endRule]).toEqual([policy.kind, window.step, 'nextWorkingDayIfHoliday']);
        if (window.unit === 'workingDays') expect(window.endRule).toBe('exact');
        if (window.authority === 'LOCAL_RULE') expect(window.legalBasis).toContain('地方规则');
      }
    }
    expect(stepWindow(criminal, 'decide')!.countingBasis).toContain('《刑事诉讼法》第一百零五条');
    expect(stepWindow(criminal, 'requestReconsideration')!.countingBasis).toContain('《民法典》第二百零一条、第二百零三条');
    expect(stepWindow(criminal, 'signReceipt')).toMatchObject({ endRule: 'startingHourNotCounted', authority: 'LOCAL_RULE' });
    expect(stepWindow(criminal, 'feedbackResult')).toMatchObject({ authority: 'LOCAL_RULE' });
    expect(stepWindow(transferPolicies.DISCIPLINARY, 'decide')).toMatchObject({ amount: 15, authority: 'LOCAL_RULE' });
    expect(stepWindow(transferPolicies.DISCIPLINARY, 'feedbackResult')).toMatchObject({ amount: 60, authority: 'LOCAL_RULE' });
  });

  it('refuses an end rule that does not fit the unit, naming the step', () => {
    const windows = criminal.windows.map((w) => (w.step === 'send' ? { ...w, endRule: 'nextWorkingDayIfHoliday' as const } : w));
    const result = TransferPolicy.safeParse({ ...criminal, windows });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['windows', 1, 'endRule'],
      message: 'send: only a calendar-day window moves to the next working day (hours is not calendarDays)',
    });
  });
});
