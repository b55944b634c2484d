/**
 * `pnpm bench`: runs the cases in order, prints a progress line per step and a table, and writes
 * bench/results/latest.json. BENCH_CASES=append,command,catchup,e2e,queries,console picks cases;
 * DATABASE_URL, KAFKA_BROKERS, BENCH_SLICE_MS, BENCH_ROUNDS override the defaults (see README).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_DATABASE_URL, DEFAULT_KAFKA_BROKERS, type BenchEnv } from './benchEnv.ts';
import { appendCase } from './appendCase.ts';
import { commandCase } from './commandCase.ts';
import { catchUpCase } from './catchUpCase.ts';
import { endToEndCase } from './endToEndCase.ts';
import { queriesCase } from './queriesCase.ts';
import { checkpointCase } from './checkpointCase.ts';
import { consoleCase } from './consoleCase.ts';
import { checkAims } from './aims.ts';
import { createResults, formatTable, writeResults } from './results.ts';
import { withTimeout } from './measure.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const outFile = path.resolve(here, '../results/latest.json');
const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s`;

const results = createResults();
const env: BenchEnv = {
  databaseUrl: process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL,
  kafkaBrokers: process.env.KAFKA_BROKERS ?? DEFAULT_KAFKA_BROKERS,
  runId: `${Date.now().toString(36)}${process.pid.toString(36)}`,
  sliceMs: Number(process.env.BENCH_SLICE_MS ?? 1000),
  rounds: Number(process.env.BENCH_ROUNDS ?? 3),
  results,
  progress: (message) => console.log(`[${elapsed()}] ${message}`),
};

/**
 * Each case with its time budget, and the whole run's: a case gets at most what is left of the
 * run's, so `pnpm bench` ends within 11 minutes even on a slow first seed (the 1M store is seeded
 * by the first of catchup and queries that runs).
 */
const cases = [
  { key: 'append', run: appendCase, budgetMs: 150_000 },
  { key: 'command', run: commandCase, budgetMs: 60_000 },
  { key: 'catchup', run: catchUpCase, budgetMs: 240_000 },
  { key: 'e2e', run: endToEndCase, budgetMs: 180_000 },
  { key: 'queries', run: queriesCase, budgetMs: 150_000 },
  { key: 'console', run: consoleCase, budgetMs: 90_000 },
  // Opt-in (BENCH_CASES=checkpoint): it seeds its own 1M rows, outside the run's 10 minutes.
  { key: 'checkpoint', run: checkpointCase, budgetMs: 180_000, optIn: true },
];
const RUN_BUDGET_MS = 660_000;
const only = process.env.BENCH_CASES?.split(',').map((s) => s.trim());
const failures: string[] = [];

console.log(`xianjie bench — PostgreSQL ${env.databaseUrl.replace(/\/\/[^@]*@/, '//')}, Kafka ${env.kafkaBrokers}`);
for (const c of cases) {
  if (only ? !only.includes(c.key) : 'optIn' in c) continue;
  env.progress(`── ${c.key}`);
  const left = RUN_BUDGET_MS - (performance.now() - started);
  try {
    if (left < 10_000) throw new Error(`not run: the run's ${RUN_BUDGET_MS / 1000} s are spent`);
    await withTimeout(`case ${c.key}`, Math.min(c.budgetMs, left), () => c.run(env));
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    failures.push(`${c.key}: ${message.split('\n')[0]}`);
    console.error(`[${elapsed()}] !! case ${c.key} failed: ${message}`);
  }
}

const all = results.all();
console.log(`\n${formatTable(all)}\n`);
for (const s of results.skipped()) console.log(`skipped ${s.name}: ${s.reason}`);
console.log(checkAims(all).join('\n'));
if (all.length > 0) {
  const written = writeResults(outFile, all, only ? cases.map((c) => c.key).filter((key) => only.includes(key)) : undefined);
  console.log(
    `\nwrote ${path.relative(process.cwd(), outFile)} (${all.length} figures${only ? `, merged with the other cases' last figures: ${written}` : ''}) in ${elapsed().trim()}`,
  );
}
if (failures.length) {
  console.error(`\n${failures.length} case(s) failed:\n  ${failures.join('\n  ')}`);
  process.exitCode = 1;
}
// Open handles of failed cases (sockets, timers) must not keep the process alive.
process.exit();
