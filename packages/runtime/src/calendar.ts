import { readFileSync } from 'node:fs';
import { beijingDate, chinaCalendarFiles, createWorkingCalendar, parseCalendarFile, ValidationError } from '@xianjie/contracts';
import type { WorkingCalendar } from '@xianjie/contracts';
import type { Config } from './config.ts';
import { ConfigError } from './config.ts';

/**
 * The working-day calendar the deadlines count with: the built-in State Council notices, with the
 * years of `XIANJIE_CALENDAR_FILE` (one calendar file or an array of them, JSON) replacing or adding
 * to them — how an administrator loads the official notice of a new year without a release. A
 * year after the last notice counts provisionally (weekends and fixed-date holidays) rather than
 * refusing every command whose window reaches into it; `calendarWarnings` says so at start-up.
 */
export const loadWorkingCalendar = (config: Pick<Config, 'XIANJIE_CALENDAR_FILE'>): WorkingCalendar => {
  const file = config.XIANJIE_CALENDAR_FILE;
  if (!file) return createWorkingCalendar(chinaCalendarFiles, { provisionalAfterLastYear: true });
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError([`XIANJIE_CALENDAR_FILE: cannot read ${file} (${(error as Error).message})`]);
  }
  try {
    const parsed: unknown = JSON.parse(text);
    const files = (Array.isArray(parsed) ? parsed : [parsed]).map((f) => parseCalendarFile(f));
    return createWorkingCalendar([...chinaCalendarFiles, ...files], { provisionalAfterLastYear: true });
  } catch (error) {
    const detail =
      error instanceof ValidationError
        ? error.issues.map((i) => `${i.path || '(file)'}: ${i.message}`).join('; ')
        : (error as Error).message;
    throw new ConfigError([`XIANJIE_CALENDAR_FILE: ${file} is not a valid calendar file (${detail})`]);
  }
};

/** Warnings for the log: this year or the next is counted provisionally (its notice is not loaded). */
export const calendarWarnings = (calendar: WorkingCalendar, now = new Date()): string[] => {
  const year = Number(beijingDate(now.toISOString()).slice(0, 4));
  return [year, year + 1]
    .filter((y) => calendar.isProvisional(y))
    .map(
      (y) =>
        `no State Council holiday notice loaded for ${y}: working-day deadlines in ${y} count weekends and fixed-date ` +
        `statutory holidays only; load the official notice with XIANJIE_CALENDAR_FILE`,
    );
};
