import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** One figure of a run; `baseline` names the figure it is compared with, `ratio` = value / baseline's value. */
export interface BenchResult {
  name: string;
  unit: string;
  value: number;
  baseline?: string;
  ratio?: number;
}

/** Collects the figures of a run, printing each as it comes. */
export const createResults = () => {
  const results: BenchResult[] = [];
  const skipped: { name: string; reason: string }[] = [];
  const add = (result: BenchResult) => {
    const rounded: BenchResult = { ...result, value: round(result.value) };
    if (result.ratio !== undefined) rounded.ratio = Math.round(result.ratio * 100) / 100;
    results.push(rounded);
    return rounded;
  };
  return {
    add,
    /** A figure compared with an already recorded one. */
    compare(result: Omit<BenchResult, 'baseline' | 'ratio'>, baseline: string) {
      const base = results.find((r) => r.name === baseline);
      return add({ ...result, ...(base && base.value > 0 ? { baseline, ratio: result.value / base.value } : {}) });
    },
    skip(name: string, reason: string) {
      skipped.push({ name, reason });
    },
    get: (name: string) => results.find((r) => r.name === name),
    all: () => [...results].sort((a, b) => a.name.localeCompare(b.name)),
    skipped: () => [...skipped],
  };
};

export type Results = ReturnType<typeof createResults>;

/** Three significant digits at most for large numbers, two decimals for small ones: stable diffs. */
const round = (value: number): number => {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 1000) return Math.round(value);
  if (Math.abs(value) >= 10) return Math.round(value * 10) / 10;
  return Math.round(value * 100) / 100;
};

export const formatTable = (results: BenchResult[]): string => {
  const rows = results.map((r) => [r.name, formatValue(r.value), r.unit, r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`, r.baseline ?? '']);
  const header = ['case', 'value', 'unit', 'ratio', 'baseline'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 1 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  return [line(header), `|${widths.map((w, i) => (i === 1 || i === 3 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`, ...rows.map(line)].join(
    '\n',
  );
};

const formatValue = (value: number) => (Math.abs(value) >= 1000 ? Math.round(value).toLocaleString('en-US') : String(value));

/**
 * Writes the figures; with `ranCases` (a run of some cases only, BENCH_CASES) the figures of the
 * cases not run are kept from the file, so a partial run never throws away the last full one. A
 * figure's case is the first part of its name (`e2e.…` → e2e): the old figures of a case that ran
 * are dropped, so a renamed figure does not linger.
 */
export const writeResults = (file: string, results: BenchResult[], ranCases?: readonly string[]) => {
  mkdirSync(path.dirname(file), { recursive: true });
  let all = results;
  if (ranCases && existsSync(file)) {
    const ran = new Set(ranCases);
    const kept = (JSON.parse(readFileSync(file, 'utf8')) as BenchResult[]).filter((r) => !ran.has(r.name.split('.')[0]!));
    all = [...kept, ...results].sort((a, b) => a.name.localeCompare(b.name));
  }
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  return all.length;
};
