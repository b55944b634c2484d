/**
 * Case 3 — catch-up: the market-regulation case projection (createCaseProjection +
 * createSqlProjector, the service's own settings) rebuilt from zero over the case events of the
 * shared 1,000,000-event store (millionStore.ts: 988,000 on case streams, the rest on transfer
 * streams, which the projection's stream filter skips), events/s. Leaves the read model built for case 5.
 */
import { createPgClient, createSqlEventStore, createSqlProjector } from '@xianjie/event-store';
import { createCaseProjection } from '@xianjie/market-regulation';
import type { BenchEnv } from './benchEnv.ts';
import { CASES_SCHEMA, CASE_STREAM_EVENTS, STORE_SCHEMA, TOTAL_EVENTS, ensureMillionStore } from './millionStore.ts';

export const catchUpCase = async (env: BenchEnv) => {
  await ensureMillionStore(env);
  const sql = createPgClient({ connectionString: env.databaseUrl });
  const store = createSqlEventStore({ client: sql, schema: STORE_SCHEMA });
  const projector = createSqlProjector({
    store,
    sql,
    projection: createCaseProjection(CASES_SCHEMA),
    schema: CASES_SCHEMA,
    onBatch: (() => {
      let applied = 0;
      return ({ count }) => {
        applied += count;
        if (applied % 200_000 < count) env.progress(`  projected ${applied.toLocaleString('en-US')} events`);
      };
    })(),
  });
  try {
    await projector.migrate();
    env.progress(`catchup: rebuilding the case projection from the ${CASE_STREAM_EVENTS.toLocaleString('en-US')} case events of ${TOTAL_EVENTS.toLocaleString('en-US')}`);
    const started = performance.now();
    const applied = await projector.rebuild();
    const seconds = (performance.now() - started) / 1000;
    if (applied !== CASE_STREAM_EVENTS) throw new Error(`the rebuild applied ${applied} events, expected ${CASE_STREAM_EVENTS}`);
    env.results.add({ name: 'catchup.caseProjection.postgres', unit: 'events/s', value: applied / seconds });
    env.progress(`catchup: ${applied.toLocaleString('en-US')} events in ${seconds.toFixed(1)} s`);
  } finally {
    await store.close();
    await sql.close();
  }
};
