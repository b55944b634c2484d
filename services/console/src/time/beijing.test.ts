import { describe, expect, it } from 'vitest';
import {
  beijingWallTime,
  countdown,
  formatDate,
  formatDateTime,
  formatDueAt,
  formatFen,
  formatNumber,
  isoFromBeijingWall,
} from './beijing.ts';

describe('Beijing time', () => {
  it('formats an instant in Beijing whatever its offset', () => {
    expect(formatDateTime('2025-05-01T01:00:00.000Z')).toBe('2025年5月1日 09:00');
    expect(formatDateTime('2025-05-01T09:00:00+08:00')).toBe('2025年5月1日 09:00');
    expect(formatDateTime('2025-04-30T20:30:00-05:00')).toBe('2025年5月1日 09:30');
    expect(formatDate('2025-12-31T16:30:00Z')).toBe('2026年1月1日');
  });

  it('shows a null time as a dash', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDueAt(undefined)).toBe('—');
  });

  it('writes a deadline at 00:00 as 24:00 of the day before', () => {
    expect(formatDueAt('2026-11-19T16:00:00.000Z')).toBe('2026年11月19日 24:00');
    expect(formatDueAt('2026-11-21T00:00:00+08:00')).toBe('2026年11月20日 24:00');
    // Across a month and a year end.
    expect(formatDueAt('2026-12-31T16:00:00Z')).toBe('2026年12月31日 24:00');
    expect(formatDueAt('2026-03-01T00:00:00+08:00')).toBe('2026年2月28日 24:00');
  });

  it('keeps other deadlines, one minute either side of midnight included, as they are', () => {
    expect(formatDueAt('2026-11-19T16:01:00Z')).toBe('2026年11月20日 00:01');
    expect(formatDueAt('2026-11-19T15:59:00Z')).toBe('2026年11月19日 23:59');
    expect(formatDueAt('2026-11-20T09:00:00+08:00')).toBe('2026年11月20日 09:00');
    // A plain time (not a deadline) at midnight stays 00:00.
    expect(formatDateTime('2026-11-19T16:00:00.000Z')).toBe('2026年11月20日 00:00');
  });

  it('reads and builds Beijing wall-clock times', () => {
    expect(beijingWallTime('2026-11-19T16:00:00Z')).toEqual({ year: 2026, month: 11, day: 20, hour: 0, minute: 0, second: 0 });
    const iso = isoFromBeijingWall({ year: 2025, month: 5, day: 1, hour: 9, minute: 0 });
    expect(iso).toBe('2025-05-01T09:00:00+08:00');
    expect(new Date(iso).toISOString()).toBe('2025-05-01T01:00:00.000Z');
  });
});

describe('countdown', () => {
  const now = new Date('2026-11-19T00:00:00Z');

  it('counts days, hours and minutes left', () => {
    expect(countdown('2026-11-21T03:00:00Z', now)).toEqual({ text: '剩余 2 天', tone: 'normal' });
    expect(countdown('2026-11-19T05:30:00Z', now)).toEqual({ text: '剩余 5 小时', tone: 'soon' });
    expect(countdown('2026-11-19T00:20:00Z', now)).toEqual({ text: '剩余 20 分钟', tone: 'soon' });
  });

  it('is orange under 24 hours and not at exactly 24', () => {
    expect(countdown('2026-11-19T23:59:00Z', now).tone).toBe('soon');
    expect(countdown('2026-11-20T00:00:00Z', now)).toEqual({ text: '剩余 1 天', tone: 'normal' });
  });

  it('says how long it is overdue, in red', () => {
    expect(countdown('2026-11-17T00:00:00Z', now)).toEqual({ text: '已超期 2 天', tone: 'overdue' });
    expect(countdown('2026-11-18T21:00:00Z', now)).toEqual({ text: '已超期 3 小时', tone: 'overdue' });
  });
});

describe('numbers', () => {
  it('groups digits and writes fen as yuan', () => {
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatFen(1234560)).toBe('¥12,345.60');
    expect(formatFen(null)).toBe('—');
  });
});
