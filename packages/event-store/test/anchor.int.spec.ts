import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { announceSkip, resolvePostgres, uniqueSchema } from '@xianjie/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { createPgClient, createPgliteClient, type SqlClient } from '../src/sql/sqlClient.ts';
import { createSqlEventStore, type SqlEventStore } from '../src/sql/sqlEventStore.ts';
import { hashEvent } from '../src/hashChain.ts';
import {
  checkpointRecord,
  checkpointSignatureValid,
  foldCheckpointRecords,
  compareWithCheckpoint,
  createCheckpoint,
  nextCheckpointDue,
  nextRoundDelay,
  type Checkpoint,
} from '../src/anchor/checkpoint.ts';
import { readStreamHeads } from '../src/anchor/streamHeads.ts';
import { scanStore } from '../src/anchor/storeScan.ts';
import { checkReadModel } from '../src/projections/readModelCheck.ts';
import type { SqlProjection } from '../src/projections/sqlProjector.ts';
import { createSqlProjector } from '../src/projections/sqlProjector.ts';
import type { EventStore } from '../src/eventStore.ts';

/**
 * Decision 0011: what the chain alone misses (a stream cut at its end, deleted, or rewritten with
 * fresh hashes; an edited read model) is caught against a signed checkpoint of every stream's head.
 * Tampering is done directly in SQL, as an attacker with database access would.
 */
const metadata = (agencyId: string) => ({
  actor: { userId: 'u-1', name: '张三', agencyId, roles: ['officer'] },
  occurredAt: '2025-03-01T09:30:00+08:00',
  correlationId: 'c-1',
});
const key = () => generateKeyPairSync('ed25519').privateKey;

/** The store compared with a checkpoint, as the commission's verification does it. */
const problemsAgainst = async (store: EventStore, checkpoint: Checkpoint) => {
  const streams = new Map<string, Awaited<ReturnType<EventStore['readStream']>>>();
  for (const [streamId] of checkpoint.streams) streams.set(streamId, await store.readStream(streamId));
  return compareWithCheckpoint(checkpoint, (id) => {
    const events = streams.get(id) ?? [];
    return { version: events.at(-1)?.version ?? 0, hashAt: (v) => events.find((e) => e.version === v)?.hash };
  });
};

const suite = (name: string, open: () => Promise<{ sql: SqlClient; store: SqlEventStore }>) =>
  describe(`anchored chains (${name})`, () => {
    let privateKey: KeyObject;
    const setUp = async () => {
      const { sql, store } = await open();
      for (const id of ['case-a', 'case-b', 'case-c', 'case-d'])
        await store.appendToStream(id, [1, 2, 3].map((n) => ({ type: 'Step', data: { n }, metadata: metadata('amr-650100') })));
      await store.appendToStream('transfer-x', [{ type: 'Proposed', data: {}, metadata: metadata('hlth-650100') }]);
      privateKey = key();
      const checkpoint = createCheckpoint({
        sequence: 1,
        takenAt: '2025-03-01T10:00:00.000Z',
        hashAlgorithm: store.hashAlgorithm,
        heads: await readStreamHeads(store),
        privateKey,
      });
      return { sql, store, checkpoint, t: `"${store.schema}".events` };
    };

    it('reads every stream head in one query, with the agency that opened the stream', async () => {
      const { store } = await setUp();
      const heads = (await store.streamHeads()).sort((a, b) => a.streamId.localeCompare(b.streamId));
      expect(heads.map((h) => [h.streamId, h.version, h.ownerAgencyId])).toEqual([
        ['case-a', 3, 'amr-650100'],
        ['case-b', 3, 'amr-650100'],
        ['case-c', 3, 'amr-650100'],
        ['case-d', 3, 'amr-650100'],
        ['transfer-x', 1, 'hlth-650100'],
      ]);
      expect(heads[0]!.hash).toBe((await store.readStream('case-a')).at(-1)!.hash);
    });

    it('without an adapter query (EventStoreDB), the heads come from a fold of readAll, the same', async () => {
      const { store } = await setUp();
      const folded = await readStreamHeads({ ...store, streamHeads: undefined } as EventStore);
      const byId = (a: { streamId: string }, b: { streamId: string }) => a.streamId.localeCompare(b.streamId);
      expect(folded.sort(byId)).toEqual((await store.streamHeads()).sort(byId));
    });

    it('an untouched store (with later appends) matches its checkpoint', async () => {
      const { store, checkpoint } = await setUp();
      await store.appendToStream('case-a', [{ type: 'Step', data: { n: 4 }, metadata: metadata('amr-650100') }]);
      expect(checkpointSignatureValid(checkpoint, privateKey)).toBe(true);
      expect(await problemsAgainst(store, checkpoint)).toEqual([]);
    });

    it('attack: deleting the last event of a stream (its chain still verifies) is TRUNCATED', async () => {
      const { sql, store, checkpoint, t } = await setUp();
      await sql.query(`DELETE FROM ${t} WHERE stream_id = 'case-b' AND version = 3`);
      expect((await store.verify('case-b')).valid).toBe(true); // what the chain alone says
      const problems = await problemsAgainst(store, checkpoint);
      expect(problems).toEqual([expect.objectContaining({ streamId: 'case-b', kind: 'TRUNCATED', checkpointSequence: 1 })]);
    });

    it('attack: deleting a whole stream is STREAM_MISSING', async () => {
      const { sql, store, checkpoint, t } = await setUp();
      await sql.query(`DELETE FROM ${t} WHERE stream_id = 'transfer-x'`);
      const problems = await problemsAgainst(store, checkpoint);
      expect(problems).toEqual([
        expect.objectContaining({ streamId: 'transfer-x', kind: 'STREAM_MISSING', ownerAgencyId: 'hlth-650100' }),
      ]);
    });

    it('attack: rewriting a stream and recomputing every hash with hashEvent (a valid chain) is REWRITTEN', async () => {
      const { sql, store, checkpoint, t } = await setUp();
      const events = await store.readStream('case-c');
      let prevHash: string | null = null;
      for (const e of events) {
        const data = { n: e.version * 100 };
        const hash = hashEvent({ streamId: e.streamId, version: e.version, type: e.type, data, metadata: e.metadata, prevHash }, e.hashAlgorithm);
        await sql.query(`UPDATE ${t} SET data = $1::jsonb, hash = $2, prev_hash = $3 WHERE stream_id = 'case-c' AND version = $4`, [
          JSON.stringify(data),
          hash,
          prevHash,
          e.version,
        ]);
        prevHash = hash;
      }
      expect((await store.verify('case-c')).valid).toBe(true); // the chain alone misses it
      expect(await problemsAgainst(store, checkpoint)).toEqual([
        expect.objectContaining({ streamId: 'case-c', kind: 'REWRITTEN', checkpointSequence: 1 }),
      ]);
    });

    it('one pass over the store verifies every chain and finds each anchored hash (a middle event deleted: broken there)', async () => {
      const { sql, store, checkpoint, t } = await setUp();
      await sql.query(`DELETE FROM ${t} WHERE stream_id = 'case-d' AND version = 2`);
      const anchored = new Map(checkpoint.streams.map(([id, v]) => [id, v]));
      const scanned = await scanStore(store, anchored, 2);
      expect(scanned.get('case-d')).toMatchObject({ version: 3, brokenAt: 2, ownerAgencyId: 'amr-650100' });
      expect(scanned.get('case-a')).toMatchObject({ version: 3, brokenAt: null, anchoredHash: checkpoint.streams[0]![2] });
      expect(scanned.get('transfer-x')).toMatchObject({ version: 1, brokenAt: null, ownerAgencyId: 'hlth-650100' });
    });

    it('attack: a checkpoint signed with another key, or with its list edited, is refused', async () => {
      const { checkpoint } = await setUp();
      const forged = createCheckpoint({ ...checkpoint, heads: [], privateKey: key() });
      expect(checkpointSignatureValid(forged, privateKey)).toBe(false);
      // The forger names the service's key id and public key: the signature still fails.
      expect(checkpointSignatureValid({ ...forged, keyId: checkpoint.keyId, publicKey: checkpoint.publicKey }, privateKey)).toBe(false);
      const edited = { ...checkpoint, streams: checkpoint.streams.filter(([id]) => id !== 'case-d') };
      expect(checkpointSignatureValid({ ...edited, streamCount: edited.streams.length }, privateKey)).toBe(false);
    });

    it('attack: an edited read model row is reported; the untouched one is consistent', async () => {
      const { sql, store } = await setUp();
      const schema = uniqueSchema('rm_check');
      const projectionFor = (s: string): SqlProjection => ({
        name: `${s}.steps`,
        version: 1,
        streamPrefixes: ['case-'],
        async migrate(db) {
          await db.exec(`CREATE SCHEMA IF NOT EXISTS "${s}"; CREATE TABLE IF NOT EXISTS "${s}".steps (stream_id text, version int, n int, PRIMARY KEY (stream_id, version))`);
        },
        async reset(tx) {
          await tx.exec(`TRUNCATE "${s}".steps`);
        },
        async apply(tx, e) {
          await tx.query(`INSERT INTO "${s}".steps VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [e.streamId, e.version, (e.data as { n: number }).n]);
        },
      });
      const projector = createSqlProjector({ store, sql, schema, projection: projectionFor(schema) });
      await projector.migrate();
      await projector.catchUp();
      expect(await checkReadModel({ store, sql, schema, projectionFor })).toEqual({
        name: `${schema}.steps`,
        consistent: true,
        rows: 12,
        expectedRows: 12,
        divergentTables: [],
      });
      await sql.query(`UPDATE "${schema}".steps SET n = 99 WHERE stream_id = 'case-a' AND version = 2`);
      expect(await checkReadModel({ store, sql, schema, projectionFor })).toMatchObject({ consistent: false, rows: 12, expectedRows: 12, divergentTables: ['steps'] });
      await sql.query(`DELETE FROM "${schema}".steps WHERE stream_id = 'case-b'`);
      expect(await checkReadModel({ store, sql, schema, projectionFor })).toMatchObject({ consistent: false, rows: 9, expectedRows: 12 });
      // The scratch schemas are gone.
      const { rows } = await sql.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name LIKE $1`, [`${schema}_check_%`]);
      expect(rows).toEqual([]);
    });
  });

describe('checkpoint records (only what moved)', () => {
  it('fold back to the full signed checkpoint; a record with an entry dropped does not verify', () => {
    const privateKey = key();
    const head = (streamId: string, version: number) => ({ streamId, version, hash: `h-${streamId}-${version}`, ownerAgencyId: 'amr-650100' });
    const one = createCheckpoint({ sequence: 1, takenAt: 't1', hashAlgorithm: 'sha256', heads: [head('b', 1), head('a', 2)], privateKey });
    const two = createCheckpoint({ sequence: 2, takenAt: 't2', hashAlgorithm: 'sha256', heads: [head('a', 2), head('b', 3), head('c', 1)], privateKey });
    const records = [checkpointRecord(one, null), checkpointRecord(two, one.streams)];
    expect(records[0]!.full).toBe(true);
    expect(records[1]!.changes.map(([id, v]) => [id, v])).toEqual([['b', 3], ['c', 1]]);
    const folded = foldCheckpointRecords(records)!;
    expect(folded).toEqual(two);
    expect(checkpointSignatureValid(folded, privateKey)).toBe(true);
    const dropped = foldCheckpointRecords([records[0]!, { ...records[1]!, changes: records[1]!.changes.slice(1) }])!;
    expect(checkpointSignatureValid(dropped, privateKey)).toBe(false);
    // A full record starts the fold again: entries of the records before it do not leak in.
    const three = createCheckpoint({ sequence: 3, takenAt: 't3', hashAlgorithm: 'sha256', heads: [head('a', 2)], privateKey, invalidCheckpoints: [2] });
    const restarted = foldCheckpointRecords([...records, checkpointRecord(three, null)])!;
    expect(restarted.streams.map(([id]) => id)).toEqual(['a']);
    expect(checkpointSignatureValid(restarted, privateKey)).toBe(true);
    expect(checkpointSignatureValid({ ...restarted, invalidCheckpoints: [] }, privateKey)).toBe(false);
  });
});

describe('nextCheckpointDue', () => {
  it('is an interval after the last stored checkpoint (so a restart keeps the schedule), or after start when none', () => {
    expect(nextCheckpointDue('2025-03-01T10:00:00.000Z', '2025-03-01T10:05:00.000Z', 600_000)).toBe('2025-03-01T10:10:00.000Z');
    expect(nextCheckpointDue(null, '2025-03-01T10:05:00.000Z', 600_000)).toBe('2025-03-01T10:15:00.000Z');
  });

  it('a timed round that found nothing to sign waits an interval, though the stored schedule is past (no spinning)', () => {
    expect(nextRoundDelay('2025-03-01T10:10:00.000Z', null, '2025-03-01T10:05:00.000Z', 600_000)).toBe(300_000);
    expect(nextRoundDelay('2025-03-01T10:10:00.000Z', '2025-03-01T10:20:00.000Z', '2025-03-01T10:20:00.000Z', 600_000)).toBe(600_000);
    expect(nextRoundDelay('2025-03-01T10:10:00.000Z', '2025-03-01T10:00:00.000Z', '2025-03-01T10:20:00.000Z', 600_000)).toBe(0);
  });
});

const pglite = await createPgliteClient();
afterAll(() => pglite.close());
suite('pglite', async () => {
  const store = createSqlEventStore({ client: pglite, schema: uniqueSchema('anchor') });
  await store.migrate();
  return { sql: pglite, store };
});

const server = await resolvePostgres();
if (!server.available) announceSkip('postgres anchored chains', server.reason);
const pgClient = server.available ? createPgClient({ connectionString: server.url, max: 4 }) : null;
afterAll(async () => {
  await pgClient?.close();
  if (server.available) await server.stop();
});
if (pgClient) {
  suite('postgres', async () => {
    const store = createSqlEventStore({ client: pgClient, schema: uniqueSchema('anchor') });
    await store.migrate();
    return { sql: pgClient, store };
  });
}
