import { describe, expect, it } from 'vitest';
import type { ValidationError } from './errors.ts';
import {
  beijingDate,
  CalendarYearMissingError,
  chinaCalendarFiles,
  createWorkingCalendar,
  defaultWorkingCalendar as calendar,
  parseCalendarFile,
} from './workingCalendar.ts';

describe('working calendar: the State Council notices', () => {
  it('knows 2024, 2025 and 2026, each with its source notice', () => {
    expect(calendar.years).toEqual([2024, 2025, 2026]);
    expect(calendar.source(2025)).toContain('国办发明电〔2024〕12号');
    expect(calendar.source(2024)).toContain('国办发明电〔2023〕7号');
  });

  it('treats 2025 holidays as days off and 调休 weekend days as working days', () => {
    expect(calendar.isWorkingDay('2025-01-28')).toBe(false); // 除夕
    expect(calendar.isWorkingDay('2025-01-26')).toBe(true); // Sunday, 调休上班
    expect(calendar.isWorkingDay('2025-02-08')).toBe(true); // Saturday, 调休上班
    expect(calendar.isWorkingDay('2025-04-27')).toBe(true); // Sunday before 劳动节
    expect(calendar.isWorkingDay('2025-05-05')).toBe(false); // Monday in 劳动节
    expect(calendar.isWorkingDay('2025-06-02')).toBe(false); // 端午
    expect(calendar.isWorkingDay('2025-09-28')).toBe(true); // Sunday before 国庆/中秋
    expect(calendar.isWorkingDay('2025-10-08')).toBe(false);
    expect(calendar.isWorkingDay('2025-10-11')).toBe(true); // Saturday after 国庆/中秋
    expect(calendar.isWorkingDay('2025-10-12')).toBe(false); // an ordinary Sunday
    expect(calendar.isWorkingDay('2025-10-13')).toBe(true);
  });

  it('knows the 2026 Spring Festival of nine days and its two working Saturdays', () => {
    expect(calendar.isWorkingDay('2026-02-14')).toBe(true);
    expect(calendar.isWorkingDay('2026-02-23')).toBe(false);
    expect(calendar.isWorkingDay('2026-02-28')).toBe(true);
    expect(calendar.isWorkingDay('2026-01-04')).toBe(true);
  });

  it('takes the Beijing date of a date-time', () => {
    expect(beijingDate('2025-09-27T17:00:00Z')).toBe('2025-09-28'); // 01:00 in Beijing, a working Sunday
    expect(calendar.isWorkingDay('2025-09-27T17:00:00Z')).toBe(true);
  });
});

describe('working calendar: counting (the starting day is not counted; 24:00 Beijing time)', () => {
  it('counts working days across 国庆/中秋 2025 with its adjusted Sunday and Saturday', () => {
    // from Fri 09-26: 09-28 1, 09-29 2, 09-30 3, 10-01..08 off, 10-09 4, 10-10 5, 10-11 6 (Saturday)
    expect(calendar.addWorkingDays('2025-09-26T10:00:00+08:00', 6)).toBe('2025-10-12T00:00:00+08:00');
    expect(calendar.addWorkingDays('2025-09-26T10:00:00+08:00', 15)).toBe('2025-10-24T00:00:00+08:00');
  });

  it('counts the adjusted Sunday before 劳动节 2025', () => {
    expect(calendar.addWorkingDays('2025-04-25T16:00:00+08:00', 1)).toBe('2025-04-28T00:00:00+08:00');
    expect(calendar.addWorkingDays('2025-04-30T16:00:00+08:00', 1)).toBe('2025-05-07T00:00:00+08:00');
  });

  it('starts from a non-working day by counting the next working days', () => {
    expect(calendar.addWorkingDays('2025-10-04T10:00:00+08:00', 1)).toBe('2025-10-10T00:00:00+08:00');
  });

  it('counts calendar days, rolling a last non-working day forward only when asked', () => {
    expect(calendar.addCalendarDays('2025-04-29T15:00:00+08:00', 3)).toBe('2025-05-03T00:00:00+08:00');
    expect(calendar.addCalendarDays('2025-04-29T15:00:00+08:00', 3, { rollOverNonWorkingDay: true })).toBe(
      '2025-05-07T00:00:00+08:00',
    );
    expect(calendar.addCalendarDays('2025-04-28T15:00:00+08:00', 3, { rollOverNonWorkingDay: false })).toBe(
      '2025-05-02T00:00:00+08:00',
    );
  });

  it('counts hours exactly and answers in Beijing time', () => {
    expect(calendar.addHours('2025-04-30T20:30:00Z', 24)).toBe('2025-05-02T04:30:00+08:00');
    expect(calendar.addHours('2025-04-30T20:30:00.250+08:00', 24)).toBe('2025-05-01T20:30:00.250+08:00');
  });

  it('leaves the starting hour out when asked (刑事诉讼法第一百零五条): n hours from the next full hour', () => {
    const notCounted = { startingHourNotCounted: true };
    expect(calendar.addHours('2025-04-30T15:20:00+08:00', 24, notCounted)).toBe('2025-05-01T16:00:00+08:00');
    expect(calendar.addHours('2025-04-30T15:00:00+08:00', 24, notCounted)).toBe('2025-05-01T16:00:00+08:00');
    expect(calendar.addHours('2025-04-30T14:59:59.999+08:00', 1, notCounted)).toBe('2025-04-30T16:00:00+08:00');
    // 20:30 UTC is 04:30 in Beijing: from 05:00 Beijing time.
    expect(calendar.addHours('2025-04-30T20:30:00Z', 24, notCounted)).toBe('2025-05-02T05:00:00+08:00');
  });

  it('uses the Beijing day of the start even when given in UTC', () => {
    // 2025-04-29T20:00Z is 04:00 on 04-30 in Beijing
    expect(calendar.addCalendarDays('2025-04-29T20:00:00Z', 1)).toBe('2025-05-02T00:00:00+08:00'); // 24:00 of 05-01
  });

  it('refuses a window that is not a positive whole number', () => {
    expect(() => calendar.addWorkingDays('2025-04-29T15:00:00+08:00', 0)).toThrow(RangeError);
    expect(() => calendar.addHours('2025-04-29T15:00:00+08:00', 1.5)).toThrow(RangeError);
  });
});

describe('working calendar: years not loaded', () => {
  it('throws naming the year instead of treating it as a plain week', () => {
    expect(() => calendar.isWorkingDay('2027-01-04')).toThrow(CalendarYearMissingError);
    expect(() => calendar.addWorkingDays('2026-12-30T10:00:00+08:00', 5)).toThrow(/no data for 2027/);
    expect(() => calendar.isWorkingDay('2023-12-29')).toThrow(/no data for 2023/);
  });

  it('loads an official file, which replaces the built-in data of its year', () => {
    const file = parseCalendarFile(
      JSON.stringify({ year: 2027, source: '国务院办公厅关于2027年部分节假日安排的通知（测试数据）', holidays: ['2027-01-01'], workdays: [] }),
    );
    const loaded = createWorkingCalendar([...chinaCalendarFiles, file]);
    expect(loaded.years).toEqual([2024, 2025, 2026, 2027]);
    expect(loaded.isWorkingDay('2027-01-01')).toBe(false);
    expect(loaded.addWorkingDays('2026-12-30T10:00:00+08:00', 2)).toBe('2027-01-05T00:00:00+08:00');
    const replaced = createWorkingCalendar([...chinaCalendarFiles, { year: 2025, source: 'override', holidays: [], workdays: [] }]);
    expect(replaced.isWorkingDay('2025-10-01')).toBe(true);
  });
});

describe('working calendar: file validation', () => {
  const issues = (json: unknown) => {
    try {
      parseCalendarFile(json);
    } catch (error) {
      return (error as ValidationError).issues;
    }
    throw new Error('expected a ValidationError');
  };

  it('names each bad field', () => {
    expect(
      issues({ year: 2027, source: 'x', holidays: ['2027-02-30', '2026-12-31'], workdays: ['2027-01-05'] }),
    ).toEqual([
      { path: 'holidays.0', message: 'not a real calendar date' },
      { path: 'holidays.1', message: '2026-12-31 is not in 2027' },
      { path: 'workdays.0', message: '2027-01-05 is a weekday; an adjusted working day (调休) is a Saturday or Sunday' },
    ]);
    expect(issues({ year: 2027, holidays: [], workdays: [] })[0]?.path).toBe('source');
    expect(issues('{ not json')[0]?.message).toMatch(/^not JSON/);
  });

  it('refuses a day that is both a holiday and a working day', () =>
    expect(issues({ year: 2027, source: 'x', holidays: ['2027-01-02'], workdays: ['2027-01-02'] })).toEqual([
      { path: 'workdays.0', message: '2027-01-02 is also a holiday' },
    ]));
});

describe('provisional years after the last notice (opt-in for a running platform)', () => {
  const calendar = createWorkingCalendar(chinaCalendarFiles, { provisionalAfterLastYear: true });

  it('counts weekends and the fixed-date statutory holidays, and says it is provisional', () => {
    expect(calendar.isProvisional(2027)).toBe(true);
    expect(calendar.isProvisional(2026)).toBe(false);
    expect(calendar.source(2027)).toMatch(/^provisional/);
    expect(calendar.isWorkingDay('2027-01-01')).toBe(false); // 元旦, a Friday
    expect(calendar.isWorkingDay('2027-01-04')).toBe(true); // a Monday
    expect(calendar.isWorkingDay('2027-10-01')).toBe(false);
    // 2026-12-30 (Wed) + 2 working days: 12-31 (Thu), then 01-01 is 元旦 and 01-02/03 a weekend → 01-04 (Mon)
    expect(calendar.addWorkingDays('2026-12-30T10:00:00+08:00', 2)).toBe('2027-01-05T00:00:00+08:00');
  });

  it('still refuses a year before the first notice, and a loaded file replaces the provisional year', () => {
    expect(() => calendar.isWorkingDay('2023-12-29')).toThrow(CalendarYearMissingError);
    const loaded = createWorkingCalendar(
      [...chinaCalendarFiles, { year: 2027, source: '测试数据', holidays: ['2027-01-01', '2027-01-04'], workdays: [] }],
      { provisionalAfterLastYear: true },
    );
    expect(loaded.isProvisional(2027)).toBe(false);
    expect(loaded.isWorkingDay('2027-01-04')).toBe(false);
  });
});
