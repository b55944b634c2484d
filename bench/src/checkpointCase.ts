/**
 * Case `checkpoint` (decision 0011; opt-in: BENCH_CASES=checkpoint) — the commission's signed
 * checkpoint on a store of 1,000,000 events in 10,000 streams (inserted with generate_series in a
 * throwaway schema: the heads query does not care how the rows came): the heads query (one
 * statement), signing the list, the size of a first and of a one-stream record, and an append's
 * latency while the heads query runs, against the same appends alone.
 */
import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson, checkpointRecord, createCheckpoint, createPgClient, createSqlEventStore } from '@xianjie/event-store';
import type { BenchEnv } from './benchEnv.ts';
import { median, percentile } from './measure.ts';
import { eventMetadata } from './eventShape.ts';

const STREAMS = 10_000;
const PER_STREAM = 100;

export const checkpointCase = async (env: BenchEnv): Promise<void> => {
  const sql = createPgClient({ connectionString: env.databaseUrl, max: 4 });
  const schema = `bench_checkpoint_${env.runId}`;
  try {
    const store = createSqlEventStore({ client: sql, schema });
    await store.migrate();
    env.progress(`seeding ${(STREAMS * PER_STREAM).toLocaleString('en-US')} events in ${schema}`);
    await sql.exec(`INSERT INTO "${schema}".events (stream_id, version, type, data, metadata, hash, prev_hash, hash_algorithm)
      SELECT 'case-' || s, v, 'Step', '{}'::jsonb, '{"actor":{"agencyId":"amr-650100"}}'::jsonb,
             md5(s || ':' || v) || md5(v || ':' || s), NULL, 'sm3'
        FROM generate_series(1, ${STREAMS}) s, generate_series(1, ${PER_STREAM}) v;
      ANALYZE "${schema}".events`);
    const metadata = eventMetadata;
    const appends = async (count: number, streamId: string) => {
      const out: number[] = [];
      for (let i = 0; i < count; i += 1) {
        const start = performance.now();
        await store.appendToStream(streamId, [{ type: 'Probe', data: { i }, metadata }]);
        out.push(performance.now() - start);
      }
      return out;
    };
    const alone: number[] = [];
    const during: number[] = [];
    const heads: number[] = [];
    const signing: number[] = [];
    const privateKey = generateKeyPairSync('ed25519').privateKey;
    let sizes = { first: 0, oneStream: 0 };
    for (let round = 0; round < Math.max(3, env.rounds); round += 1) {
      alone.push(...(await appends(30, `probe-alone-${round}`)));
      const started = performance.now();
      const pending = store.streamHeads();
      const probe = appends(30, `probe-during-${round}`);
      const list = await pending;
      heads.push(performance.now() - started);
      during.push(...(await probe));
      const signStart = performance.now();
      const checkpoint = createCheckpoint({ sequence: 1, takenAt: new Date().toISOString(), hashAlgorithm: 'sm3', heads: list, privateKey });
      signing.push(performance.now() - signStart);
      sizes = {
        first: canonicalJson(checkpointRecord(checkpoint, [])).length,
        oneStream: canonicalJson(checkpointRecord(checkpoint, checkpoint.streams.filter(([id]) => id !== 'case-1'))).length,
      };
    }
    const r = env.results;
    r.add({ name: 'checkpoint: stream heads of 1M events (one query)', unit: 'ms', value: median(heads) });
    r.add({ name: 'checkpoint: sign 10k heads (Ed25519, root)', unit: 'ms', value: median(signing) });
    r.add({ name: 'checkpoint: first record size', unit: 'kB', value: sizes.first / 1000 });
    r.add({ name: 'checkpoint: record after one stream moved', unit: 'kB', value: sizes.oneStream / 1000 });
    r.add({ name: 'checkpoint: append p50 alone', unit: 'ms', value: median(alone) });
    r.compare({ name: 'checkpoint: append p50 during heads query', unit: 'ms', value: median(during) }, 'checkpoint: append p50 alone');
    r.add({ name: 'checkpoint: append p95 alone', unit: 'ms', value: percentile(alone, 95) });
    r.compare({ name: 'checkpoint: append p95 during heads query', unit: 'ms', value: percentile(during, 95) }, 'checkpoint: append p95 alone');
  } finally {
    await sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
    await sql.close();
  }
};
