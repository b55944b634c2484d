import { afterAll, describe, expect, it } from 'vitest';
import { createPgliteClient } from '../src/sql/sqlClient.ts';
import { createSqlEventStore } from '../src/sql/sqlEventStore.ts';
import { createSqlProjector } from '../src/projections/sqlProjector.ts';
import type { SqlProjection } from '../src/projections/sqlProjector.ts';

/** A read model whose code version differs from the stored one is reset and projected again on start. */
const client = await createPgliteClient();
afterAll(() => client.close());

const metadata = { actor: { userId: 'u-1', name: '张三', agencyId: 'amr-650100', roles: ['officer'] }, occurredAt: '2025-03-01T09:30:00+08:00', correlationId: 'c-1' };

const countingProjection = (version: number, resets: string[]): SqlProjection => ({
  name: 'versioned',
  version,
  streamPrefixes: ['case-'],
  async migrate(sql) {
    await sql.exec('CREATE TABLE IF NOT EXISTS version_rm.seen (stream_id text PRIMARY KEY, events integer NOT NULL)');
  },
  async reset(tx) {
    resets.push(`v${version}`);
    await tx.exec('TRUNCATE version_rm.seen');
  },
  async apply(tx, event) {
    // Not idempotent on purpose: an event applied twice would show in the count.
    await tx.query(
      'INSERT INTO version_rm.seen VALUES ($1, 1) ON CONFLICT (stream_id) DO UPDATE SET events = version_rm.seen.events + 1',
      [event.streamId],
    );
  },
});

describe('projection versions', () => {
  it('rebuilds a read model projected at version 1 when started at version 2, ending with the same rows', async () => {
    const store = createSqlEventStore({ client, schema: 'version_store' });
    await store.migrate();
    for (const id of ['case-1', 'case-2', 'case-1']) await store.appendToStream(id, [{ type: 'CaseRegistered', data: {}, metadata }]);
    const rows = async () => (await client.query('SELECT stream_id, events FROM version_rm.seen ORDER BY 1')).rows;
    const resets: string[] = [];
    const changes: unknown[] = [];

    const v1 = createSqlProjector({ store, sql: client, schema: 'version_rm', projection: countingProjection(1, resets) });
    await v1.migrate();
    expect(await v1.catchUp()).toBe(3);
    const atV1 = await rows();
    expect(atV1).toEqual([{ stream_id: 'case-1', events: 2 }, { stream_id: 'case-2', events: 1 }]);

    // Same version again: nothing is reset or re-applied.
    const again = createSqlProjector({ store, sql: client, schema: 'version_rm', projection: countingProjection(1, resets) });
    await again.migrate();
    expect(await again.catchUp()).toBe(0);
    expect(resets).toEqual([]);

    const v2 = createSqlProjector({
      store,
      sql: client,
      schema: 'version_rm',
      projection: countingProjection(2, resets),
      onVersionChange: (info) => changes.push(info),
    });
    await v2.migrate();
    expect(changes).toEqual([{ projection: 'versioned', stored: 1, current: 2 }]);
    expect(resets).toEqual(['v2']);
    expect(await v2.catchUp()).toBe(3);
    expect(await rows()).toEqual(atV1);
    const { rows: stored } = await client.query('SELECT version FROM version_rm.projection_checkpoints WHERE projection = $1', ['versioned']);
    expect(stored).toEqual([{ version: 2 }]);
    await store.close();
  });
});
