import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createEventStore } from '../src/createEventStore.ts';
import { createPgliteClient } from '../src/sql/sqlClient.ts';
import { createSqlEventStore } from '../src/sql/sqlEventStore.ts';
import { eventStoreContract } from '../src/testing/eventStoreContract.ts';

// One in-memory PGlite for the file (start-up is the slow part); a fresh schema per test.
const client = await createPgliteClient();
afterAll(() => client.close());
let n = 0;

eventStoreContract('pglite (in memory)', async () => {
  const schema = `t${++n}`;
  const open = async () => {
    const store = createSqlEventStore({ client, schema });
    await store.migrate();
    return store;
  };
  const store = await open();
  return {
    store,
    openAnother: open,
    tamper: async (streamId, version, newData) => {
      await client.query(
        `UPDATE ${schema}.events SET data = $1::jsonb WHERE stream_id = $2 AND version = $3`,
        [JSON.stringify(newData), streamId, version],
      );
    },
    cleanup: async () => {
      await store.close();
      await client.exec(`DROP SCHEMA ${schema} CASCADE`);
    },
  };
});

describe('pglite with a data directory', () => {
  it('keeps events across close and reopen', { timeout: 60_000 }, async () => {
    const dataDir = join(await mkdtemp(join(tmpdir(), 'xianjie-pglite-')), 'nested', 'data');
    try {
      const metadata = {
        actor: { userId: 'u1', name: '王五', agencyId: 'a1', roles: [] },
        occurredAt: '2024-03-01T10:00:00+08:00',
        correlationId: 'c1',
      };
      const first = await createEventStore({ kind: 'pglite', dataDir });
      await first.store.appendToStream(
        'case-1',
        [{ type: 'CaseRegistered', data: { summary: '非法行医' }, metadata }],
        { commandId: 'cmd-1' },
      );
      await first.store.close();

      const second = await createEventStore({ kind: 'pglite', dataDir });
      try {
        const events = await second.store.readStream('case-1');
        expect(events.map((e) => [e.version, e.type, e.data])).toEqual([
          [1, 'CaseRegistered', { summary: '非法行医' }],
        ]);
        expect(await second.store.verify('case-1')).toMatchObject({ valid: true, checked: 1 });
        const retry = await second.store.appendToStream(
          'case-1',
          [{ type: 'CaseRegistered', data: {}, metadata }],
          { commandId: 'cmd-1' },
        );
        expect(retry.duplicate).toBe(true);
      } finally {
        await second.store.close();
      }
    } finally {
      await rm(dataDir.replace(/\/nested\/data$/, ''), { recursive: true, force: true });
    }
  });
});
