/**
 * Case 1 — append throughput, events/s, in alternating slices:
 * - PostgreSQL: our `postgres` adapter (hash chain, one prepared statement per append) vs the limit
 *   (the same rows inserted with `pg`, one prepared multi-row INSERT, no event-store logic) vs
 *   Emmett's PostgreSQL event store on the same database (its own tables in `public`);
 * - PGlite (in memory): our `pglite` adapter vs the same rows inserted through PGlite directly.
 * Shapes: 1 and 16 writers (PGlite: 1), 1 and 100 events per append; each writer has its own stream.
 */
import pg from 'pg';
import { getPostgreSQLEventStore } from '@event-driven-io/emmett-postgresql';
import { createPgClient, createPgliteClient, createSqlEventStore } from '@xianjie/event-store';
import type { BenchEnv } from './benchEnv.ts';
import { alternate, type Writer } from './measure.ts';
import { EVENT_TYPE, dataJson, eventData, eventMetadata, fakeHash, metadataJson, newEvents } from './eventShape.ts';

const COLUMNS = 'stream_id, version, type, data, metadata, hash, prev_hash, hash_algorithm';

/** `INSERT … VALUES (…), (…)` of `count` event rows, 8 parameters each. */
const rawInsert = (schema: string, count: number) =>
  `INSERT INTO "${schema}".events (${COLUMNS}) VALUES ${Array.from({ length: count }, (_, i) => {
    const p = i * 8;
    return `($${p + 1}, $${p + 2}, $${p + 3}, $${p + 4}::jsonb, $${p + 5}::jsonb, $${p + 6}, $${p + 7}, $${p + 8})`;
  }).join(', ')}`;

/** Parameters for `count` rows continuing a stream at `version`. */
const rawParams = (streamId: string, version: number, count: number): unknown[] => {
  const params: unknown[] = [];
  for (let i = 0; i < count; i += 1) {
    const v = version + i;
    params.push(streamId, v, EVENT_TYPE, dataJson, metadataJson, fakeHash, v === 1 ? null : fakeHash, 'sm3');
  }
  return params;
};

const shapes = [
  { writers: 1, perAppend: 1 },
  { writers: 16, perAppend: 1 },
  { writers: 1, perAppend: 100 },
  { writers: 16, perAppend: 100 },
];

export const appendCase = async (env: BenchEnv) => {
  const { results } = env;
  const ours = `bench_append_xianjie_${env.runId}`;
  const raw = `bench_append_raw_${env.runId}`;
  const sql = createPgClient({ connectionString: env.databaseUrl, max: 16 });
  const store = createSqlEventStore({ client: sql, schema: ours });
  await store.migrate();
  // The limit writes into an identical table (same columns, constraints and indexes).
  await createSqlEventStore({ client: sql, schema: raw }).migrate();
  const pool = new pg.Pool({ connectionString: env.databaseUrl, max: 16 });
  const emmettPool = new pg.Pool({ connectionString: env.databaseUrl, max: 16 });
  const emmett = getPostgreSQLEventStore(env.databaseUrl, { connectionOptions: { pool: emmettPool } });
  await emmett.schema.migrate();
  const emmettEvents = (count: number) =>
    Array.from({ length: count }, () => ({ type: EVENT_TYPE, data: eventData, metadata: { ...eventMetadata } }));

  try {
    for (const { writers, perAppend } of shapes) {
      const prefix = `append.postgres.w${String(writers).padStart(2, '0')}.e${String(perAppend).padStart(3, '0')}`;
      env.progress(`${prefix}: xianjie / raw pg / emmett, ${env.rounds} alternating slices of ${env.sliceMs} ms`);
      const insert = rawInsert(raw, perAppend);
      const statement = `bench_raw_${perAppend}`;
      const events = newEvents(perAppend);
      const forEmmett = emmettEvents(perAppend);
      const modes: Record<string, (sliceId: string) => Writer> = {
        raw: (sliceId) => async (w, i) => {
          await pool.query({ name: statement, text: insert, values: rawParams(`${sliceId}-${w}`, i * perAppend + 1, perAppend) });
        },
        xianjie: (sliceId) => async (w) => {
          await store.appendToStream(`${sliceId}-${w}`, events);
        },
        emmett: (sliceId) => async (w) => {
          await emmett.appendToStream(`${sliceId}-${w}`, forEmmett);
        },
      };
      const rates = await alternate(modes, { writers, rounds: env.rounds, sliceMs: env.sliceMs, label: prefix });
      results.add({ name: `${prefix}.raw`, unit: 'events/s', value: rates.raw! * perAppend });
      results.add({ name: `${prefix}.emmett`, unit: 'events/s', value: rates.emmett! * perAppend });
      results.compare({ name: `${prefix}.xianjie`, unit: 'events/s', value: rates.xianjie! * perAppend }, `${prefix}.raw`);
      const emmettRate = rates.emmett! * perAppend;
      results.add({
        name: `${prefix}.xianjieOverEmmett`,
        unit: 'ratio',
        value: (rates.xianjie! * perAppend) / emmettRate,
        baseline: `${prefix}.emmett`,
        ratio: (rates.xianjie! * perAppend) / emmettRate,
      });
    }
  } finally {
    await sql.exec(`DROP SCHEMA IF EXISTS "${ours}" CASCADE; DROP SCHEMA IF EXISTS "${raw}" CASCADE`);
    // Emmett keeps its tables in `public`; only this bench writes there, so empty them for the next run.
    await emmett.schema.dangerous.truncate({ resetSequences: true }).catch(() => {});
    await emmett.close().catch(() => {});
    await pool.end();
    await emmettPool.end().catch(() => {});
    await store.close();
    await sql.close();
  }
  await pgliteAppend(env);
};

/** PGlite in memory: the adapter against raw inserts through the same PGlite instance. */
const pgliteAppend = async (env: BenchEnv) => {
  // The raw inserts go through the same client (a thin pass-through to PGlite's query).
  const client = await createPgliteClient();
  const store = createSqlEventStore({ client, schema: 'bench_ours' });
  await store.migrate();
  await createSqlEventStore({ client, schema: 'bench_raw' }).migrate();
  try {
    for (const perAppend of [1, 100]) {
      const prefix = `append.pglite.w01.e${String(perAppend).padStart(3, '0')}`;
      env.progress(`${prefix}: xianjie / raw PGlite, ${env.rounds} alternating slices of ${env.sliceMs} ms`);
      const insert = rawInsert('bench_raw', perAppend);
      const events = newEvents(perAppend);
      const rates = await alternate(
        {
          raw: (sliceId) => async (w, i) => {
            await client.query(insert, rawParams(`${sliceId}-${w}`, i * perAppend + 1, perAppend));
          },
          xianjie: (sliceId) => async (w) => {
            await store.appendToStream(`${sliceId}-${w}`, events);
          },
        },
        { writers: 1, rounds: env.rounds, sliceMs: env.sliceMs, label: prefix },
      );
      env.results.add({ name: `${prefix}.raw`, unit: 'events/s', value: rates.raw! * perAppend });
      env.results.compare({ name: `${prefix}.xianjie`, unit: 'events/s', value: rates.xianjie! * perAppend }, `${prefix}.raw`);
    }
  } finally {
    await client.close();
  }
};
