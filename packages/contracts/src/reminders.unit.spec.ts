import { describe, expect, it } from 'vitest';
import { computeDeadlines, windowDueAt } from './deadlines.ts';
import type { Deadline } from './deadlines.ts';
import { ReminderRule, reminderRules, reminderSchedule, remindersStillToSend } from './reminders.ts';
import { stepWindow, transferPolicies } from './transferPolicies.ts';
import type { TransferStep } from './transferPolicies.ts';
import type { TransferEvent } from './transfer.ts';
import { defaultWorkingCalendar as calendar } from './workingCalendar.ts';

/** Reminders to the second (decision 0018), on the 2025 notice (劳动节 5-1..5-5). */

const criminal = transferPolicies.CRIMINAL;
const windowOf = (step: TransferStep) => stepWindow(criminal, step)!;
const deadline = (step: TransferStep, startedAt: string): Deadline => {
  const window = windowOf(step);
  return {
    step,
    party: window.party,
    obligation: window.obligation,
    startedAt,
    dueAt: windowDueAt(window, startedAt, calendar),
    metAt: null,
    metLate: false,
    extension: null,
    legalBasis: window.legalBasis,
  };
};
const at = (schedule: ReturnType<typeof reminderSchedule>) => schedule.map((r) => [r.stage, r.recipient, r.fireAt]);

describe('reminderSchedule', () => {
  it('a 3-day window: 24 h ahead, at the due time, the head a day after, the commission 3 days after', () => {
    // A report on Mon 2025-03-10 15:00: the head approves by 24:00 of 3-13 (Thursday, a working day).
    const approve = deadline('approve', '2025-03-10T15:00:00+08:00');
    expect(approve.dueAt).toBe('2025-03-14T00:00:00+08:00');
    expect(at(reminderSchedule(approve, windowOf('approve')))).toEqual([
      ['AHEAD', 'OWNER', '2025-03-12T16:00:00.000Z'],
      ['DUE', 'OWNER', '2025-03-13T16:00:00.000Z'],
      ['ESCALATE', 'HEAD', '2025-03-14T16:00:00.000Z'],
      ['WARN', 'COMMISSION', '2025-03-16T16:00:00.000Z'],
    ]);
  });

  it('the May Day shift moves every reminder with the due time (report on 4-30 15:00, due 24:00 of 5-6)', () => {
    const approve = deadline('approve', '2025-04-30T15:00:00+08:00');
    expect(approve.dueAt).toBe('2025-05-07T00:00:00+08:00');
    expect(at(reminderSchedule(approve, windowOf('approve')))).toEqual([
      ['AHEAD', 'OWNER', '2025-05-05T16:00:00.000Z'], // 24:00 of 5-5, not of 5-2
      ['DUE', 'OWNER', '2025-05-06T16:00:00.000Z'],
      ['ESCALATE', 'HEAD', '2025-05-07T16:00:00.000Z'],
      ['WARN', 'COMMISSION', '2025-05-09T16:00:00.000Z'],
    ]);
    // Unshifted, the window would end at 24:00 of 5-3 and its reminder fall at 24:00 of 5-2, in the holiday.
    const unshifted = { ...approve, dueAt: '2025-05-04T00:00:00+08:00' };
    expect(reminderSchedule(unshifted, windowOf('approve'))[0]!.fireAt).toBe('2025-05-02T16:00:00.000Z');
  });

  it('a 24-hour police window: 4 h ahead, at the due time, the head 4 h after, the commission a day after', () => {
    // Sent 15:20: the starting hour is not counted, receipt due 16:00 the next day (decision 0014).
    const receipt = deadline('signReceipt', '2025-03-10T15:20:00+08:00');
    expect(receipt.dueAt).toBe('2025-03-11T16:00:00+08:00');
    expect(at(reminderSchedule(receipt, windowOf('signReceipt')))).toEqual([
      ['AHEAD', 'OWNER', '2025-03-11T04:00:00.000Z'],
      ['DUE', 'OWNER', '2025-03-11T08:00:00.000Z'],
      ['ESCALATE', 'HEAD', '2025-03-11T12:00:00.000Z'],
      ['WARN', 'COMMISSION', '2025-03-12T08:00:00.000Z'],
    ]);
  });

  it('a RIGHT (复议) gets the owner reminders only: nobody is overdue on a right', () => {
    const declined: TransferEvent = {
      type: 'TransferDeclined',
      data: { transferId: 't-1', agencyId: 'police-650100', reasonCategory: 'NO_OFFENCE', reason: '没有犯罪事实', declinedAt: '2025-04-30T15:00:00+08:00' },
    };
    const window = computeDeadlines(criminal, [declined], calendar).find((d) => d.step === 'requestReconsideration')!;
    expect(window.obligation).toBe('RIGHT');
    expect(at(reminderSchedule(window, windowOf('requestReconsideration')))).toEqual([
      ['AHEAD', 'OWNER', '2025-05-05T16:00:00.000Z'],
      ['DUE', 'OWNER', '2025-05-06T16:00:00.000Z'],
    ]);
  });

  it('a met step gets none; a long window is reminded at most 3 days ahead', () => {
    const approve = deadline('approve', '2025-03-10T15:00:00+08:00');
    expect(reminderSchedule({ ...approve, metAt: '2025-03-11T09:00:00+08:00' }, windowOf('approve'))).toEqual([]);
    const feedback = deadline('feedbackResult', '2025-03-10T15:00:00+08:00');
    const ahead = reminderSchedule(feedback, windowOf('feedbackResult'))[0]!;
    expect(ahead.stage).toBe('AHEAD');
    expect(Date.parse(feedback.dueAt) - Date.parse(ahead.fireAt)).toBe(3 * 24 * 3600_000);
  });

  it('derived late, only the latest reminder already due is kept; the rest to come are all kept', () => {
    const schedule = reminderSchedule(deadline('approve', '2025-03-10T15:00:00+08:00'), windowOf('approve'));
    expect(remindersStillToSend(schedule, '2025-03-14T20:00:00+08:00').map((r) => r.stage)).toEqual(['DUE', 'ESCALATE', 'WARN']);
    expect(remindersStillToSend(schedule, '2025-03-01T00:00:00+08:00')).toEqual(schedule);
  });

  it('every rule of the table names its basis; the schema refuses an AHEAD rule that fires after the due time', () => {
    for (const rule of reminderRules) {
      expect(rule.timingBasis).toContain('地方规则');
      expect(rule.recipientBasis.length).toBeGreaterThan(0);
    }
    const result = ReminderRule.safeParse({ ...reminderRules[0], fractionOfWindow: 0.5 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['fractionOfWindow']);
  });
});
