/**
 * Appends/s of the PostgreSQL adapter against plain `pg` INSERTs of the same rows, one event per
 * append, 1 and 16 concurrent writers (each on its own stream), a few seconds each.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pnpm exec tsx scripts/appendThroughput.ts [seconds]
 */
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import type { EventMetadata } from '../src/eventStore.ts';
import { createPgClient } from '../src/sql/sqlClient.ts';
import { createSqlEventStore } from '../src/sql/sqlEventStore.ts';

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Seconds per measured slice; modes alternate slice by slice so background load hits them alike. */
const slice = Number(process.argv[2] ?? 1);
const rounds = Number(process.argv[3] ?? 7);
const writerCounts = [1, 16];
const suffix = Date.now().toString(36);

// ~300 bytes of data and ~200 bytes of metadata, like a TransferProposed event.
const data = {
  caseId: 'case-3301022024000123',
  kind: 'CRIMINAL',
  toAgencyId: 'police-330102',
  reason: '涉嫌生产销售假药，涉案金额超过立案追诉标准',
  materials: [
    { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
    { kind: 'INVESTIGATION_REPORT', title: '案件调查报告' },
  ],
  amountInvolvedFen: 1250000,
};
const metadata: EventMetadata = {
  actor: { userId: 'user-0042', name: '张三', agencyId: 'amr-330102', roles: ['officer'] },
  occurredAt: '2024-03-01T10:00:00+08:00',
  correlationId: '6f1c1d7e-3f7b-4d8e-9a51-0d2b7c1e9f00',
};
const dataJson = JSON.stringify(data);
const metadataJson = JSON.stringify(metadata);
const fakeHash = 'f'.repeat(64);

type Writer = (writer: number, iteration: number) => Promise<void>;

/** Runs `writers` loops for one slice after a short warm-up; returns appends per second. */
const run = async (writers: number, write: Writer): Promise<number> => {
  let stop = false;
  let counting = false;
  let count = 0;
  const loops = Array.from({ length: writers }, async (_, w) => {
    for (let i = 0; !stop; i += 1) {
      await write(w, i);
      if (counting) count += 1;
    }
  });
  await sleep(200);
  counting = true;
  const started = performance.now();
  const cpu = process.cpuUsage();
  const pgCpu = postgresCpuMs();
  await sleep(slice * 1000);
  const rate = count / ((performance.now() - started) / 1000);
  if (process.env.BENCH_CPU) {
    const used = process.cpuUsage(cpu);
    const nodeUs = (used.user + used.system) / count;
    const pgUs = ((postgresCpuMs() - pgCpu) * 1000) / count;
    console.log(`    node ${nodeUs.toFixed(0)} µs + postgres ${pgUs.toFixed(0)} µs CPU per append`);
  }
  stop = true;
  await Promise.all(loops);
  return rate;
};

/** CPU time of the local postgres processes (Linux /proc), for BENCH_CPU=1 runs. */
const postgresCpuMs = (): number => {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      total += (Number(fields[11]) + Number(fields[12])) * 10; // utime + stime in clock ticks (100 Hz)
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};

const main = async () => {
  const rawSchema = `bench_raw_${suffix}`;
  const storeSchema = `bench_store_${suffix}`;
  const sql = createPgClient({ connectionString: url, max: 16 });
  const store = createSqlEventStore({ client: sql, schema: storeSchema });
  await store.migrate();
  await createSqlEventStore({ client: sql, schema: rawSchema }).migrate();
  const pool = new pg.Pool({ connectionString: url, max: 16 });
  const insert = `INSERT INTO "${rawSchema}".events (stream_id, version, type, data, metadata, hash, prev_hash, hash_algorithm)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;

  const insertWithCommand = `WITH cmd AS (INSERT INTO "${rawSchema}".commands (command_id, stream_id, first_version, last_version) VALUES ($9, $1, $2, $2))
                  INSERT INTO "${rawSchema}".events (stream_id, version, type, data, metadata, hash, prev_hash, hash_algorithm)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
  const modes: Record<string, (runId: string) => Writer> = {
    'raw pg INSERT': (runId) => async (w, i) => {
      await pool.query(insert, [
        `${runId}-${w}`,
        i + 1,
        'TransferProposed',
        dataJson,
        metadataJson,
        fakeHash,
        i === 0 ? null : fakeHash,
        'sm3',
      ]);
    },
    'raw pg INSERT + command row': (runId) => async (w, i) => {
      await pool.query(insertWithCommand, [
        `${runId}-${w}`,
        i + 1,
        'TransferProposed',
        dataJson,
        metadataJson,
        fakeHash,
        i === 0 ? null : fakeHash,
        'sm3',
        randomUUID(),
      ]);
    },
    'adapter (no commandId)': (runId) => async (w) => {
      await store.appendToStream(`${runId}-${w}`, [{ type: 'TransferProposed', data, metadata }]);
    },
    'adapter (with commandId)': (runId) => async (w) => {
      await store.appendToStream(`${runId}-${w}`, [{ type: 'TransferProposed', data, metadata }], {
        commandId: randomUUID(),
      });
    },
  };

  console.log(
    `append throughput, PostgreSQL at ${url.replace(/\/\/[^@]*@/, '//')}: one event (~${Buffer.byteLength(dataJson)} B data, ` +
      `~${Buffer.byteLength(metadataJson)} B metadata) per append, hash sm3; ${rounds} alternating slices of ${slice}s per mode, medians;\n` +
      'ratios: adapter / raw INSERT of the same event row; with commandId / raw INSERT of the same event and command rows',
  );
  try {
    for (const writers of writerCounts) {
      const rates: Record<string, number[]> = {};
      const names = Object.keys(modes);
      for (let round = 0; round < rounds; round += 1) {
        // Rotate the order so no mode always runs right after another.
        const order = names.map((_, i) => names[(i + round) % names.length] as string);
        for (const name of order) {
          const make = modes[name] as (runId: string) => Writer;
          const rate = await run(writers, make(`bench-${writers}-${round}-${name.replace(/\W+/g, '')}`));
          (rates[name] ??= []).push(rate);
        }
      }
      const raw = median(rates['raw pg INSERT'] as number[]);
      const rawWithCommand = median(rates['raw pg INSERT + command row'] as number[]);
      console.log(`\n${writers} writer${writers > 1 ? 's' : ''}:`);
      for (const [name, values] of Object.entries(rates)) {
        const rate = median(values);
        // Compare like with like: an idempotent append writes the command row too.
        const baseline =
          name === 'adapter (with commandId)' || name === 'raw pg INSERT + command row'
            ? rawWithCommand
            : raw;
        const spread = `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
        console.log(
          `  ${name.padEnd(28)} ${rate.toFixed(0).padStart(6)} appends/s  (range ${spread.padEnd(11)})  ratio ${(rate / baseline).toFixed(2)}`,
        );
      }
    }
  } finally {
    await sql.exec(`DROP SCHEMA "${rawSchema}" CASCADE; DROP SCHEMA "${storeSchema}" CASCADE`);
    await pool.end();
    await store.close();
    await sql.close();
  }
};

await main();
