/**
 * Every time the console shows is Beijing time (Asia/Shanghai), whatever the browser's zone: the
 * law's deadlines and the records are kept in it. One formatter here; components never call
 * toLocaleString themselves.
 */

export const beijingZone = 'Asia/Shanghai';

const partsFormat = new Intl.DateTimeFormat('zh-CN', {
  timeZone: beijingZone,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  second: 'numeric',
  hourCycle: 'h23',
});

/** The wall-clock reading of an instant in Beijing. */
export interface BeijingWallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const toDate = (value: string | Date): Date => (value instanceof Date ? value : new Date(value));

export const beijingWallTime = (value: string | Date): BeijingWallTime => {
  const parts = Object.fromEntries(
    partsFormat.formatToParts(toDate(value)).map((part) => [part.type, part.value] as const),
  ) as Record<string, string>;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
};

const pad = (n: number): string => String(n).padStart(2, '0');
const dateText = (t: Pick<BeijingWallTime, 'year' | 'month' | 'day'>): string => `${t.year}年${t.month}月${t.day}日`;

/** 2026年11月20日 09:00 (Beijing). */
export const formatDateTime = (value: string | Date | null | undefined): string => {
  if (value == null) return '—';
  const t = beijingWallTime(value);
  return `${dateText(t)} ${pad(t.hour)}:${pad(t.minute)}`;
};

/** 2026年11月20日 (Beijing). */
export const formatDate = (value: string | Date | null | undefined): string =>
  value == null ? '—' : dateText(beijingWallTime(value));

const dayMs = 24 * 60 * 60 * 1000;

/**
 * A deadline: one that falls exactly at 00:00 Beijing is written as 24:00 of the day before, as
 * the law counts it (期限届满日的二十四时), so 2026-11-19T16:00:00Z is 2026年11月19日 24:00.
 */
export const formatDueAt = (value: string | Date | null | undefined): string => {
  if (value == null) return '—';
  const date = toDate(value);
  const t = beijingWallTime(date);
  if (t.hour === 0 && t.minute === 0 && t.second === 0 && date.getUTCMilliseconds() === 0) {
    return `${dateText(beijingWallTime(new Date(date.getTime() - dayMs)))} 24:00`;
  }
  return `${dateText(t)} ${pad(t.hour)}:${pad(t.minute)}`;
};

/** The instant of a Beijing wall-clock time (what a date picker shows), as ISO-8601 with +08:00. */
export const isoFromBeijingWall = (t: Omit<BeijingWallTime, 'second'> & { second?: number }): string =>
  `${t.year}-${pad(t.month)}-${pad(t.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second ?? 0)}+08:00`;

export type CountdownTone = 'overdue' | 'soon' | 'normal';

export interface Countdown {
  /** 剩余 5 小时 / 剩余 2 天 / 已超期 2 天 */
  text: string;
  /** overdue: red; soon (under 24 h): orange */
  tone: CountdownTone;
}

const hourMs = 60 * 60 * 1000;
const minuteMs = 60 * 1000;

const span = (ms: number): string => {
  if (ms >= dayMs) return `${formatNumber(Math.floor(ms / dayMs))} 天`;
  if (ms >= hourMs) return `${formatNumber(Math.floor(ms / hourMs))} 小时`;
  return `${formatNumber(Math.max(1, Math.floor(ms / minuteMs)))} 分钟`;
};

/** The time left until a due time (or past it), as of `now`. */
export const countdown = (dueAt: string | Date, now: Date = new Date()): Countdown => {
  const left = toDate(dueAt).getTime() - now.getTime();
  if (left < 0) return { text: `已超期 ${span(-left)}`, tone: 'overdue' };
  return { text: `剩余 ${span(left)}`, tone: left < dayMs ? 'soon' : 'normal' };
};

const numberFormat = new Intl.NumberFormat('zh-CN');
const yuanFormat = new Intl.NumberFormat('zh-CN', { style: 'currency', currency: 'CNY' });

export const formatNumber = (n: number): string => numberFormat.format(n);

/** An amount kept in fen (分) as yuan: ¥12,345.60. */
export const formatFen = (fen: number | null | undefined): string => (fen == null ? '—' : yuanFormat.format(fen / 100));

/** A 0..1 ratio as a percentage: 66.7%. */
export const formatRate = (rate: number | null | undefined): string =>
  rate == null ? '—' : new Intl.NumberFormat('zh-CN', { style: 'percent', maximumFractionDigits: 1 }).format(rate);
