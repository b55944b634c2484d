import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteClient } from '../src/sql/sqlClient.ts';
import { createSqlEventStore } from '../src/sql/sqlEventStore.ts';
import { createSqlProjector } from '../src/projections/sqlProjector.ts';
import type { SqlProjection } from '../src/projections/sqlProjector.ts';

/**
 * A projector is woken by its store's appends to the streams it follows: with a poll interval far
 * longer than the test, the read model still follows an append, and an append to other streams
 * leaves it asleep (its poll would be the only way to notice).
 */
const client = await createPgliteClient();
afterAll(() => client.close());

const metadata = { actor: { userId: 'u-1', name: '张三', agencyId: 'amr-650100', roles: ['officer'] }, occurredAt: '2025-03-01T09:30:00+08:00', correlationId: 'c-1' };

describe('projector wake-up on append', () => {
  it('applies an append to its streams at once, without waiting for its (hour-long) poll; ignores other streams', { timeout: 30_000 }, async () => {
    const store = createSqlEventStore({ client, schema: 'wake_store' });
    await store.migrate();
    const reads: string[][] = [];
    const projection: SqlProjection = {
      name: 'wake-test',
      version: 1,
      streamPrefixes: ['case-'],
      async migrate(sql) {
        await sql.exec('CREATE TABLE IF NOT EXISTS wake_rm.seen (stream_id text PRIMARY KEY)');
      },
      async reset(tx) {
        await tx.exec('TRUNCATE wake_rm.seen');
      },
      async apply(tx, event) {
        await tx.query('INSERT INTO wake_rm.seen VALUES ($1) ON CONFLICT DO NOTHING', [event.streamId]);
      },
    };
    let readAllCalls = 0;
    const counting = { ...store, readAll: (options?: Parameters<typeof store.readAll>[0]) => ((readAllCalls += 1), store.readAll(options)) };
    const projector = createSqlProjector({
      store: counting,
      sql: client,
      schema: 'wake_rm',
      projection,
      pollIntervalMs: 3_600_000,
      onBatch: ({ count }) => reads.push([String(count)]),
    });
    await projector.migrate();
    projector.start();
    const seen = async () => (await client.query<{ stream_id: string }>('SELECT stream_id FROM wake_rm.seen ORDER BY 1')).rows.map((r) => r.stream_id);
    const until = async (done: (rows: string[]) => boolean) => {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const rows = await seen();
        if (done(rows) || Date.now() > deadline) return rows;
        await new Promise((r) => setTimeout(r, 20));
      }
    };
    try {
      await store.appendToStream('case-1', [{ type: 'CaseRegistered', data: { n: 1 }, metadata }]);
      expect(await until((rows) => rows.includes('case-1'))).toEqual(['case-1']);
      // An append to a stream it does not follow does not wake it: no read in the next 400 ms.
      await new Promise((r) => setTimeout(r, 200));
      const readsBefore = readAllCalls;
      await store.appendToStream('transfer-1', [{ type: 'TransferProposed', data: { n: 1 }, metadata }]);
      await new Promise((r) => setTimeout(r, 400));
      expect(readAllCalls).toBe(readsBefore);
      const batches = reads.length;
      await store.appendToStream('case-2', [{ type: 'CaseRegistered', data: { n: 2 }, metadata }]);
      expect(await until((rows) => rows.includes('case-2'))).toEqual(['case-1', 'case-2']);
      expect(reads.length).toBe(batches + 1);
    } finally {
      await projector.stop();
      await store.close();
    }
  });
});
