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

describe('pglite readAll across transaction ids of different lengths', () => {
  // A fresh PGlite starts near transaction id 700: a thousand appends cross from 3 to 4 digits.
  // Ordering by the text form of the id once put '1000' before '738' and lost events in paging.
  it('pages through every event in commit order', { timeout: 60_000 }, async () => {
    const fresh = await createPgliteClient();
    const store = createSqlEventStore({ client: fresh, schema: 'digits' });
    await store.migrate();
    const actor = { userId: 'u', name: 'n', agencyId: 'amr-650000', roles: ['officer'] };
    const total = 1_100;
    for (let i = 0; i < total; i++) {
      await store.appendToStream(`case-${i % 7}`, [
        { type: 'Counted', data: { i }, metadata: { actor, occurredAt: '2026-01-01T00:00:00Z', correlationId: 'c' } },
      ]);
    }
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await store.readAll({ after, limit: 97 });
      seen.push(...page.events.map((e) => Number(e.data.i)));
      after = page.checkpoint;
      if (page.isEnd) break;
    }
    expect(seen).toEqual(Array.from({ length: total }, (_, i) => i));
    await store.close();
    await fresh.close();
  });
});

describe('pglite data directory lock', () => {
  it('refuses a second open of a directory in use, and frees it on close', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'xianjie-lock-'));
    try {
      const first = await createPgliteClient({ dataDir });
      await expect(createPgliteClient({ dataDir })).rejects.toThrow(/is in use by process \d+; PGlite allows one process per directory/);
      await first.close();
      const again = await createPgliteClient({ dataDir });
      await again.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('takes over a lock left by a process that no longer runs', { timeout: 60_000 }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'xianjie-lock-'));
    try {
      const { writeFile } = await import('node:fs/promises');
      await writeFile(`${dataDir}.xianjie.lock`, '2147483646');
      const client = await createPgliteClient({ dataDir });
      await client.close();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
