import { announceSkip, resolvePostgres, uniqueSchema } from '@xianjie/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgClient } from '../src/sql/sqlClient.ts';
import { createSqlEventStore } from '../src/sql/sqlEventStore.ts';
import { eventStoreContract } from '../src/testing/eventStoreContract.ts';

const server = await resolvePostgres();
if (!server.available) announceSkip('postgres event store contract', server.reason);

// One pool for the file; a fresh schema per test.
const client = server.available ? createPgClient({ connectionString: server.url, max: 12 }) : null;
afterAll(async () => {
  await client?.close();
  if (server.available) await server.stop();
});

eventStoreContract(
  'postgres',
  async () => {
    const sql = client!;
    const schema = uniqueSchema('es_contract');
    const open = async () => {
      const store = createSqlEventStore({ client: sql, schema });
      await store.migrate();
      return store;
    };
    const store = await open();
    return {
      store,
      openAnother: open,
      tamper: async (streamId, version, newData) => {
        await sql.query(
          `UPDATE ${schema}.events SET data = $1::jsonb WHERE stream_id = $2 AND version = $3`,
          [JSON.stringify(newData), streamId, version],
        );
      },
      cleanup: async () => {
        await store.close();
        await sql.exec(`DROP SCHEMA ${schema} CASCADE`);
      },
    };
  },
  server.available ? {} : { skip: server.reason },
);

describe.skipIf(!server.available)('postgres readAll with transactions committing out of order', () => {
  it('holds back a later commit until an earlier transaction ends, and then skips nothing', async () => {
    const sql = client!;
    const schema = uniqueSchema('es_order');
    const store = createSqlEventStore({ client: sql, schema });
    await store.migrate();
    const metadata = {
      actor: { userId: 'u', name: 'n', agencyId: 'a', roles: [] },
      occurredAt: '2024-03-01T10:00:00+08:00',
      correlationId: 'c',
    };
    try {
      await store.appendToStream('case-0', [{ type: 'Before', data: {}, metadata }]);
      const start = await store.readAll();
      expect(start.events.map((e) => e.type)).toEqual(['Before']);

      // A slow writer takes its transaction id and position first and commits last.
      await sql.transaction(async (slow) => {
        await slow.query(
          `INSERT INTO ${schema}.events (stream_id, version, type, data, metadata, hash, prev_hash, hash_algorithm)
           VALUES ('case-slow', 1, 'Slow', '{}', $1::jsonb, 'h', NULL, 'sm3')`,
          [JSON.stringify(metadata)],
        );
        await store.appendToStream('case-fast', [{ type: 'Fast', data: {}, metadata }]);
        const during = await store.readAll({ after: start.checkpoint });
        // Returning 'Fast' now would move the checkpoint past 'Slow' for good.
        expect(during.events).toEqual([]);
        expect(during.checkpoint).toBe(start.checkpoint);
      });

      const after = await store.readAll({ after: start.checkpoint });
      expect(after.events.map((e) => e.type)).toEqual(['Slow', 'Fast']);
    } finally {
      await store.close();
      await sql.exec(`DROP SCHEMA ${schema} CASCADE`);
    }
  });
});
