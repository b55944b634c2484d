import { announceSkip, resolvePostgres, uniqueSchema } from '@xianjie/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgClient, createPgliteClient } from '../src/sql/sqlClient.ts';
import type { SqlClient } from '../src/sql/sqlClient.ts';
import { createSqlEventStore } from '../src/sql/sqlEventStore.ts';
import { createSqlTimers, type Timer } from '../src/sql/sqlTimers.ts';
import { NO_CONCURRENCY_CHECK } from '../src/eventStore.ts';

/** Durable timers (decision 0018): exactly once across processes, nothing lost over a restart, cancelled and moved by sync. */

const server = await resolvePostgres();
if (!server.available) announceSkip('postgres timers', server.reason);

// Two pools = two processes as far as the database can tell.
const processA = server.available ? createPgClient({ connectionString: server.url, max: 4 }) : null;
const processB = server.available ? createPgClient({ connectionString: server.url, max: 4 }) : null;
afterAll(async () => {
  await processA?.close();
  await processB?.close();
  if (server.available) await server.stop();
});

const metadata = (at: string) => ({
  actor: { userId: 'system', name: '系统', agencyId: 'platform', roles: [] },
  occurredAt: at,
  correlationId: 'timers-test',
  causationId: null,
});

/** What a reminder does when it fires: one event, keyed by the timer (idempotent). */
const appendFired = (sql: SqlClient, schema: string) => {
  const store = createSqlEventStore({ client: sql, schema });
  return {
    store,
    fire: async (timer: Timer<{ n: number }>) => {
      await store.appendToStream('fired-timers', [{ type: 'TimerFired', data: { key: timer.key, n: timer.payload.n }, metadata: metadata(timer.fireAt) }], {
        expectedVersion: NO_CONCURRENCY_CHECK,
        commandId: timer.key,
      });
    },
  };
};

const due = (i: number) => new Date(Date.parse('2025-05-06T16:00:00Z') + i * 1000).toISOString();

describe.skipIf(!server.available)('timers on PostgreSQL', () => {
  it('two schedulers on one database fire each timer once', async () => {
    const schema = uniqueSchema('timers_once');
    const a = appendFired(processA!, schema);
    const b = appendFired(processB!, schema);
    await a.store.migrate();
    const timersA = createSqlTimers<{ n: number }>({ client: processA!, schema });
    const timersB = createSqlTimers<{ n: number }>({ client: processB!, schema });
    await Promise.all([timersA.migrate(), timersB.migrate()]);
    await processA!.transaction((tx) =>
      timersA.sync(tx, 'g', Array.from({ length: 60 }, (_, i) => ({ key: `k-${i}`, fireAt: due(i), payload: { n: i } }))),
    );
    const now = '2025-05-07T00:00:00Z';
    // Both race, in small batches, until nothing is left.
    const run = async (timers: typeof timersA, fire: typeof a.fire, claimant: string) => {
      let total = 0;
      for (;;) {
        const fired = await timers.fireDue({ now, claimant, limit: 7, fire });
        if (fired === 0) return total;
        total += fired;
      }
    };
    const [firedA, firedB] = await Promise.all([run(timersA, a.fire, 'A'), run(timersB, b.fire, 'B')]);
    expect(firedA + firedB).toBe(60);
    expect(firedA).toBeGreaterThan(0);
    expect(firedB).toBeGreaterThan(0);
    const events = await a.store.readStream('fired-timers');
    expect(events).toHaveLength(60);
    expect(new Set(events.map((e) => e.data.key)).size).toBe(60);
    expect(await timersA.pending()).toEqual([]);
    await a.store.close();
    await processA!.exec(`DROP SCHEMA ${schema} CASCADE`);
  });

  it('a process that dies after firing and before marking loses nothing and records nothing twice', async () => {
    const schema = uniqueSchema('timers_restart');
    const a = appendFired(processA!, schema);
    await a.store.migrate();
    const timersA = createSqlTimers<{ n: number }>({ client: processA!, schema, leaseSeconds: 1 });
    await timersA.migrate();
    await processA!.transaction((tx) => timersA.sync(tx, 'g', [{ key: 'k-1', fireAt: due(0), payload: { n: 1 } }]));
    // Process A appends, then dies before it marks the timer fired.
    let errors = 0;
    expect(
      await timersA.fireDue({
        now: due(5),
        claimant: 'A',
        fire: async (t) => {
          await a.fire(t);
          throw new Error('killed');
        },
        onError: () => errors++,
      }),
    ).toBe(0);
    expect(errors).toBe(1);
    // A fresh process (another pool) sees it held until the lease ends, then takes it over.
    const b = appendFired(processB!, schema);
    const timersB = createSqlTimers<{ n: number }>({ client: processB!, schema, leaseSeconds: 1 });
    expect(await timersB.fireDue({ now: due(5), claimant: 'B', fire: b.fire })).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await timersB.fireDue({ now: due(5), claimant: 'B', fire: b.fire })).toBe(1);
    expect(await a.store.readStream('fired-timers')).toHaveLength(1);
    expect(await timersB.pending()).toEqual([]);
    await a.store.close();
    await processA!.exec(`DROP SCHEMA ${schema} CASCADE`);
  });
});

describe('timers on PGlite', () => {
  it('sync schedules, moves and cancels unfired timers and leaves fired ones; a timer is not due before its time', async () => {
    const sql = await createPgliteClient();
    const timers = createSqlTimers<{ n: number }>({ client: sql, schema: 'svc' });
    await timers.migrate();
    await sql.transaction((tx) =>
      timers.sync(tx, 'step-1', [
        { key: 'ahead', fireAt: due(0), payload: { n: 1 } },
        { key: 'due', fireAt: due(10), payload: { n: 2 } },
      ]),
    );
    const fired: string[] = [];
    expect(await timers.fireDue({ now: due(5), claimant: 'p', fire: async (t) => void fired.push(t.key) })).toBe(1);
    expect(fired).toEqual(['ahead']);
    // The due time moved (a holiday shift): 'ahead' stays fired, 'due' moves.
    await sql.transaction((tx) =>
      timers.sync(tx, 'step-1', [
        { key: 'ahead', fireAt: due(100), payload: { n: 1 } },
        { key: 'due', fireAt: due(200), payload: { n: 2 } },
      ]),
    );
    expect((await timers.pending('step-1')).map((t) => [t.key, t.fireAt])).toEqual([['due', due(200)]]);
    expect(await timers.fireDue({ now: due(150), claimant: 'p', fire: async (t) => void fired.push(t.key) })).toBe(0);
    // The step was done: its timers are cancelled.
    await sql.transaction((tx) => timers.sync(tx, 'step-1', []));
    expect(await timers.pending()).toEqual([]);
    expect(await timers.fireDue({ now: due(1000), claimant: 'p', fire: async (t) => void fired.push(t.key) })).toBe(0);
    expect(fired).toEqual(['ahead']);
    await sql.close();
  });
});
