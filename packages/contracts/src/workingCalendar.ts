import { z } from 'zod';
import { ValidationError } from './errors.ts';
import { fieldIssues } from './validation.ts';

/**
 * China's working days: weekends, public holidays and adjusted working days (调休), as data per
 * year from the State Council's notice (国务院办公厅关于…年部分节假日安排的通知). The notice for a year
 * comes out in the autumn before it; an administrator loads it as a JSON file of the same shape
 * (`parseCalendarFile`) and builds the calendar with `createWorkingCalendar([...chinaCalendarFiles, file])`.
 *
 * Counting rule (the one 《刑事诉讼法》第一百零五条, 《民事诉讼法》第八十五条 and 《行政诉讼法》 use): the
 * day (or hour) the clock starts is not counted. A window of n days ends at 24:00 Beijing time
 * (UTC+8) of the n-th day after the starting day; of n working days, at 24:00 of the n-th working
 * day after it. 24:00 of day D is written as `D+1T00:00:00+08:00`. A window of n hours ends
 * exactly n hours after the start, or, when the starting hour is not counted (刑事诉讼法第一百零五条:
 * 期间开始的时不算在期间以内), n hours after the next full hour. Which rule a window follows is the
 * policy's (`endRule`, decision 0014); the calendar only counts.
 *
 * A date in a year whose notice is not loaded throws CalendarYearMissingError naming the year:
 * a working-day deadline is never silently computed as a plain week. A running platform opts in to
 * `provisionalAfterLastYear` instead (commands late in a year open windows into the next one before
 * its notice is out): such a year counts weekends and the fixed-date statutory holidays only,
 * `isProvisional(year)` says so, and the platform warns until the official file is loaded.
 */

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a date is YYYY-MM-DD')
  .refine((date) => toDate(date).toISOString().slice(0, 10) === date, 'not a real calendar date');

export const CalendarFile = z
  .object({
    year: z.number().int().min(2000).max(2100),
    /** The notice the dates come from, e.g. 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号）. */
    source: z.string().trim().min(1),
    /** Every day off of each holiday period (weekend days inside a period may be listed too). */
    holidays: z.array(IsoDate),
    /** Weekend days that are working days (调休上班). */
    workdays: z.array(IsoDate),
  })
  .superRefine((file, ctx) => {
    const holidays = new Set(file.holidays);
    (['holidays', 'workdays'] as const).forEach((field) =>
      file[field].forEach((date, index) => {
        if (!date.startsWith(`${file.year}-`)) {
          ctx.addIssue({ code: 'custom', path: [field, index], message: `${date} is not in ${file.year}` });
        }
      }),
    );
    file.workdays.forEach((date, index) => {
      if (holidays.has(date)) {
        ctx.addIssue({ code: 'custom', path: ['workdays', index], message: `${date} is also a holiday` });
      }
      if (IsoDate.safeParse(date).success && !isWeekend(date)) {
        ctx.addIssue({
          code: 'custom',
          path: ['workdays', index],
          message: `${date} is a weekday; an adjusted working day (调休) is a Saturday or Sunday`,
        });
      }
    });
  });
export type CalendarFile = z.infer<typeof CalendarFile>;

/** Validates a calendar file (JSON text or a parsed value); a ValidationError names each bad field. */
export const parseCalendarFile = (json: unknown): CalendarFile => {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (error) {
      throw new ValidationError([{ path: '', message: `not JSON: ${(error as Error).message}` }]);
    }
  }
  const result = CalendarFile.safeParse(value);
  if (!result.success) throw new ValidationError(fieldIssues(result.error));
  return result.data;
};

export class CalendarYearMissingError extends RangeError {
  readonly year: number;
  constructor(year: number) {
    super(
      `the working calendar has no data for ${year}: load the State Council notice for ${year} ` +
        `(国务院办公厅关于${year}年部分节假日安排的通知) with parseCalendarFile and createWorkingCalendar`,
    );
    this.name = 'CalendarYearMissingError';
    this.year = year;
  }
}

export interface WorkingCalendar {
  /** Years with loaded data, ascending. */
  readonly years: readonly number[];
  /** Whether `year` is counted provisionally (no notice loaded; see `provisionalAfterLastYear`). */
  isProvisional(year: number): boolean;
  /** The notice a year's data comes from. */
  source(year: number): string;
  /** `date` is YYYY-MM-DD, or a date-time whose Beijing date is taken. */
  isWorkingDay(date: string): boolean;
  /** 24:00 Beijing time of the n-th working day after the (Beijing) day of `start`. */
  addWorkingDays(start: string, n: number): string;
  /**
   * 24:00 Beijing time of the n-th day after the day of `start`; with `rollOverNonWorkingDay`,
   * a last day that is not a working day moves to the next working day.
   */
  addCalendarDays(start: string, n: number, options?: { rollOverNonWorkingDay?: boolean }): string;
  /**
   * n hours after `start`, in Beijing time; with `startingHourNotCounted`, n hours after the next
   * full hour (15:20 or 15:00 + 24 hours: 16:00 the next day).
   */
  addHours(start: string, n: number, options?: { startingHourNotCounted?: boolean }): string;
}

// ---------------------------------------------------------------- date arithmetic (UTC+8)

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BEIJING_OFFSET = 8 * HOUR;

function toDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

function isWeekend(date: string): boolean {
  const day = toDate(date).getUTCDay();
  return day === 0 || day === 6;
}

const nextDate = (date: string, days = 1): string =>
  new Date(toDate(date).getTime() + days * DAY).toISOString().slice(0, 10);

const instant = (iso: string): number => {
  const ms = Date.parse(iso);
  if (!/^\d{4}-\d{2}-\d{2}T/.test(iso) || Number.isNaN(ms)) {
    throw new RangeError(`"${iso}" is not an ISO-8601 date-time`);
  }
  return ms;
};

/** An instant as ISO-8601 in Beijing time, e.g. `2025-05-06T00:00:00+08:00` (milliseconds only when present). */
export const formatBeijing = (ms: number): string => {
  const local = new Date(ms + BEIJING_OFFSET).toISOString();
  const millis = local.slice(19, 23);
  return `${local.slice(0, 19)}${millis === '.000' ? '' : millis}+08:00`;
};

/** The Beijing calendar date (YYYY-MM-DD) of an instant. */
export const beijingDate = (iso: string): string =>
  new Date(instant(iso) + BEIJING_OFFSET).toISOString().slice(0, 10);

/** 24:00 Beijing time of `date`, i.e. 00:00 of the next day. */
export const endOfBeijingDay = (date: string): string => `${nextDate(date)}T00:00:00+08:00`;

const checkCount = (n: number): void => {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`a window is a positive whole number, got ${n}`);
};

// ---------------------------------------------------------------- the calendar

export interface WorkingCalendarOptions {
  /**
   * For a year after the last loaded notice: count weekends and the fixed-date statutory holidays
   * (《全国年节及纪念日放假办法》: 元旦 1月1日, 劳动节 5月1日—2日, 国庆节 10月1日—3日) instead of
   * throwing CalendarYearMissingError. The lunar holidays and 调休 of that year are unknown until
   * its notice is loaded, so such deadlines are provisional.
   */
  provisionalAfterLastYear?: boolean;
}

/** The fixed-date statutory holidays (《全国年节及纪念日放假办法》, 2024 revision) of a year. */
const fixedStatutoryHolidays = (year: number): string[] =>
  ['01-01', '05-01', '05-02', '10-01', '10-02', '10-03'].map((md) => `${year}-${md}`);

export const createWorkingCalendar = (files: readonly CalendarFile[], options: WorkingCalendarOptions = {}): WorkingCalendar => {
  // A later file for the same year replaces an earlier one (an official file over the built-in data).
  const byYear = new Map<number, { source: string; holidays: Set<string>; workdays: Set<string> }>();
  for (const file of files.map((f) => CalendarFile.parse(f))) {
    byYear.set(file.year, {
      source: file.source,
      holidays: new Set(file.holidays),
      workdays: new Set(file.workdays),
    });
  }
  const lastYear = Math.max(...byYear.keys());
  const isProvisional = (year: number) => !byYear.has(year) && options.provisionalAfterLastYear === true && year > lastYear;
  const yearData = (year: number) => {
    const data = byYear.get(year);
    if (data) return data;
    if (isProvisional(year)) {
      const provisional = {
        source: `provisional: weekends and fixed-date statutory holidays only, until the State Council notice for ${year} is loaded`,
        holidays: new Set(fixedStatutoryHolidays(year)),
        workdays: new Set<string>(),
      };
      return provisional;
    }
    throw new CalendarYearMissingError(year);
  };

  const isWorkingDay = (date: string): boolean => {
    const day = date.length === 10 ? IsoDate.parse(date) : beijingDate(date);
    const data = yearData(Number(day.slice(0, 4)));
    if (data.workdays.has(day)) return true;
    if (data.holidays.has(day)) return false;
    return !isWeekend(day);
  };

  return {
    years: [...byYear.keys()].sort((a, b) => a - b),
    isProvisional,
    source: (year) => yearData(year).source,
    isWorkingDay,
    addWorkingDays: (start, n) => {
      checkCount(n);
      let day = beijingDate(start);
      for (let counted = 0; counted < n; ) {
        day = nextDate(day);
        if (isWorkingDay(day)) counted += 1;
      }
      return endOfBeijingDay(day);
    },
    addCalendarDays: (start, n, options) => {
      checkCount(n);
      let day = nextDate(beijingDate(start), n);
      if (options?.rollOverNonWorkingDay) while (!isWorkingDay(day)) day = nextDate(day);
      return endOfBeijingDay(day);
    },
    addHours: (start, n, options) => {
      checkCount(n);
      const at = instant(start);
      // Beijing time is a whole number of hours from UTC, so a full hour in UTC is one in Beijing.
      const from = options?.startingHourNotCounted ? Math.floor(at / HOUR) * HOUR + HOUR : at;
      return formatBeijing(from + n * HOUR);
    },
  };
};

// ---------------------------------------------------------------- the State Council's notices

/** Every date from `from` to `to`, both included. */
const period = (from: string, to: string): string[] => {
  const dates: string[] = [];
  for (let day = from; day <= to; day = nextDate(day)) dates.push(day);
  return dates;
};

/**
 * The notices known for certain (checked against the published text). 2024 and 2025 carry their
 * document numbers; 2026's is cited by title and date of publication.
 */
export const chinaCalendarFiles: readonly CalendarFile[] = Object.freeze(
  z.array(CalendarFile).parse([
    {
      year: 2024,
      source: '国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号，2023年10月25日）',
      holidays: [
        '2024-01-01',
        ...period('2024-02-10', '2024-02-17'),
        ...period('2024-04-04', '2024-04-06'),
        ...period('2024-05-01', '2024-05-05'),
        ...period('2024-06-08', '2024-06-10'),
        ...period('2024-09-15', '2024-09-17'),
        ...period('2024-10-01', '2024-10-07'),
      ],
      workdays: ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12'],
    },
    {
      year: 2025,
      source: '国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）',
      holidays: [
        '2025-01-01',
        ...period('2025-01-28', '2025-02-04'),
        ...period('2025-04-04', '2025-04-06'),
        ...period('2025-05-01', '2025-05-05'),
        ...period('2025-05-31', '2025-06-02'),
        ...period('2025-10-01', '2025-10-08'),
      ],
      workdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
    },
    {
      year: 2026,
      source: '国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日，新华社受权发布）',
      holidays: [
        ...period('2026-01-01', '2026-01-03'),
        ...period('2026-02-15', '2026-02-23'),
        ...period('2026-04-04', '2026-04-06'),
        ...period('2026-05-01', '2026-05-05'),
        ...period('2026-06-19', '2026-06-21'),
        ...period('2026-09-25', '2026-09-27'),
        ...period('2026-10-01', '2026-10-07'),
      ],
      workdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
    },
  ]),
);

export const defaultWorkingCalendar: WorkingCalendar = createWorkingCalendar(chinaCalendarFiles);
