import { describe, expect, it } from 'vitest';
import { windowDueAt } from './deadlines.ts';
import { ValidationError } from './errors.ts';
import { applyLocalRules, parseLocalRulesFile } from './localRules.ts';
import { stepWindow, transferPolicies } from './transferPolicies.ts';
import { defaultWorkingCalendar as calendar } from './workingCalendar.ts';

const file = {
  province: '650000',
  source: '（示例）自治区行政执法与刑事司法衔接工作实施办法',
  windows: [
    { kind: 'CRIMINAL', step: 'signReceipt', amount: 12, unit: 'hours', legalBasis: '第十条（公安机关应当在十二小时内签收）' },
    {
      kind: 'CRIMINAL',
      step: 'feedbackResult',
      amount: 30,
      unit: 'workingDays',
      endRule: 'exact',
      countingBasis: '以工作日计算，期满日为工作日',
      legalBasis: '第十六条（三十个工作日内反馈）',
    },
    { kind: 'DISCIPLINARY', step: 'decide', amount: 10, unit: 'workingDays', legalBasis: '第二十条（十个工作日内处置）' },
  ],
};

const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('expected a ValidationError');
};

describe('local rules (地方规则) per province', () => {
  it('replace the platform defaults of the windows no statute fixes, saying where each value comes from', () => {
    const policies = applyLocalRules(transferPolicies, parseLocalRulesFile(JSON.stringify(file)));
    const receipt = stepWindow(policies.CRIMINAL, 'signReceipt')!;
    expect(receipt).toMatchObject({ amount: 12, unit: 'hours', endRule: 'startingHourNotCounted', authority: 'LOCAL_RULE' });
    expect(receipt.legalBasis).toBe('地方规则：第十条（公安机关应当在十二小时内签收）（（示例）自治区行政执法与刑事司法衔接工作实施办法）');
    expect(windowDueAt(receipt, '2025-04-30T15:20:00+08:00', calendar)).toBe('2025-05-01T04:00:00+08:00');
    const feedback = stepWindow(policies.CRIMINAL, 'feedbackResult')!;
    // 30 working days from 04-30: 05-06..05-09 (4), four full weeks to 05-30 (19), 端午 05-31..06-02
    // off, 06-03..06-06 (23), 06-09..06-13 (28), 06-16, 06-17 (30): 24:00 of 06-17.
    expect(windowDueAt(feedback, '2025-04-30T15:00:00+08:00', calendar)).toBe('2025-06-18T00:00:00+08:00');
    expect(stepWindow(policies.DISCIPLINARY, 'decide')).toMatchObject({ amount: 10, unit: 'workingDays' });
    // Untouched: the statute's windows and the built-in table itself.
    expect(stepWindow(policies.CRIMINAL, 'decide')).toEqual(stepWindow(transferPolicies.CRIMINAL, 'decide'));
    expect(stepWindow(transferPolicies.CRIMINAL, 'signReceipt')!.amount).toBe(24);
  });

  it('refuse a window a statute fixes, naming the field', () => {
    const statutory = { ...file, windows: [{ kind: 'CRIMINAL', step: 'decide', amount: 7, unit: 'calendarDays', legalBasis: '第九条' }] };
    const issues = issuesOf(() => applyLocalRules(transferPolicies, parseLocalRulesFile(statutory)));
    expect(issues).toEqual([{ path: 'windows.0.step', message: expect.stringMatching(/^CRIMINAL decide is fixed by statute \(.*第一百八十条/) }]);
    const forward = { ...file, windows: [{ kind: 'DISCIPLINARY', step: 'forwardOrReturn', amount: 3, unit: 'workingDays', legalBasis: 'x' }] };
    expect(issuesOf(() => applyLocalRules(transferPolicies, parseLocalRulesFile(forward)))[0]!.message).toContain('《监察法实施条例》第一百七十一条');
  });

  it('refuse a unit change without its end rule, and an end rule that does not fit the unit', () => {
    const noRule = { ...file, windows: [{ kind: 'CRIMINAL', step: 'signReceipt', amount: 1, unit: 'workingDays', legalBasis: 'x' }] };
    expect(issuesOf(() => applyLocalRules(transferPolicies, parseLocalRulesFile(noRule)))).toEqual([
      { path: 'windows.0.endRule', message: expect.stringContaining('changes unit from hours to workingDays') },
    ]);
    const misfit = {
      ...file,
      windows: [{ kind: 'CRIMINAL', step: 'signReceipt', amount: 1, unit: 'workingDays', endRule: 'nextWorkingDayIfHoliday', countingBasis: 'y', legalBasis: 'x' }],
    };
    expect(issuesOf(() => applyLocalRules(transferPolicies, parseLocalRulesFile(misfit)))).toEqual([
      { path: 'windows.0.endRule', message: 'signReceipt: only a calendar-day window moves to the next working day (workingDays is not calendarDays)' },
    ]);
  });

  it('validate the file itself: the province code, the fields, duplicates, an end rule without its source', () => {
    expect(issuesOf(() => parseLocalRulesFile({ ...file, province: '650100' }))).toEqual([
      { path: 'province', message: 'a province is a 6-digit 行政区划代码 ending in 0000' },
    ]);
    expect(issuesOf(() => parseLocalRulesFile({ ...file, windows: [{ ...file.windows[0], amount: 0 }] }))[0]!.path).toBe('windows.0.amount');
    expect(issuesOf(() => parseLocalRulesFile({ ...file, windows: [{ ...file.windows[0], step: 'sign' }] }))[0]!.path).toBe('windows.0.step');
    expect(issuesOf(() => parseLocalRulesFile({ ...file, windows: [file.windows[0], file.windows[0]] }))).toEqual([
      { path: 'windows.1.step', message: 'CRIMINAL signReceipt is set twice' },
    ]);
    expect(issuesOf(() => parseLocalRulesFile({ ...file, windows: [{ ...file.windows[1], countingBasis: undefined }] }))).toEqual([
      { path: 'windows.0.countingBasis', message: 'an endRule needs its countingBasis (the source of the rule)' },
    ]);
    expect(issuesOf(() => parseLocalRulesFile('{'))[0]!.message).toMatch(/^not JSON/);
  });
});
