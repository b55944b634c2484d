import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { demoDirectory, integrationEventSchemas, randomSubjectRefOf } from '@xianjie/contracts';
import { createAccessRules, createTokenVerifier, findDemoUser, mintDevToken, type Principal } from '@xianjie/auth';
import {
  CHECKPOINT_EVENT_TYPE,
  checkpointRecord,
  createCheckpoint,
  createEventStore,
  hashEvent,
  readStreamHeads,
  type EventStore,
  type SqlClient,
} from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry, type Bus } from '@xianjie/messaging';
import { createHttpOversightClient } from '../src/client/index.ts';
import { CHECKPOINT_STREAM, createDisciplineInspectionService, type DisciplineInspectionService } from '../src/index.ts';

/**
 * Issue #12 hole 10 (decision 0011): tampering the chain alone does not show — the last event of a
 * stream deleted, a stream deleted, a stream rewritten with every hash recomputed, a read model row
 * edited — is reported by the commission's integrity check against its signed checkpoints.
 * Tampering is done in SQL, as someone with database access would.
 */
const SECRET = 'test-secret-of-at-least-32-bytes-long!!';
const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const provinceOverseer = principal('u-cdi-650000-overseer');
const cityOverseer = principal('u-cdi-650100-overseer');
const citySupervisor = principal('u-cdi-650100-supervisor');
const admin = principal('u-admin');
const amrOfficer = principal('u-amr-650100-officer');

const meta = (agencyId: string) => ({
  actor: { userId: `u-${agencyId}`, name: '执法人员', agencyId, roles: ['officer'] },
  occurredAt: '2025-09-01T10:00:00+08:00',
  correlationId: 'c-1',
});
const person = { kind: 'PERSON' as const, name: '张某', creditCode: null, idNumber: '650102198503122719' };

interface Platform {
  store: EventStore;
  sql: SqlClient;
  bus: Bus;
  service: DisciplineInspectionService;
  events: string;
}
const opened: Platform[] = [];
afterEach(async () => {
  for (const p of opened.splice(0)) {
    await p.service.stop();
    await p.bus.close();
    await p.store.close();
  }
});

const open = async (
  options: { key?: KeyObject; store?: { store: EventStore; sql: SqlClient }; now?: () => string; intervalMs?: number } = {},
): Promise<Platform> => {
  const { store, sql } = options.store ?? ((await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
  const bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger: pino({ level: 'silent' }) });
  const service = await createDisciplineInspectionService({
    store,
    sql,
    bus,
    directory: demoDirectory,
    rules: createAccessRules((id) => demoDirectory.get(id)),
    logger: pino({ level: 'silent' }),
    now: options.now ?? (() => '2025-09-30T12:00:00+08:00'),
    ...(options.key ? { checkpointKey: () => options.key! } : {}),
    ...(options.intervalMs ? { checkpointIntervalMs: options.intervalMs } : {}),
  });
  await service.start();
  const platform = { store, sql, bus, service, events: '"xianjie".events' };
  opened.push(platform);
  return platform;
};

const subjectRefOf = randomSubjectRefOf();

/** Streams of a city agency (in the city commission's region) and of another city's, one personal data read, then a checkpoint. */
const seeded = async (options: Parameters<typeof open>[0] = {}) => {
  const p = await open(options);
  for (const id of ['case-c1', 'case-c2', 'case-c3'])
    await p.store.appendToStream(id, [1, 2, 3].map((n) => ({ type: 'Step', data: { n }, metadata: meta('amr-650100') })));
  await p.store.appendToStream('case-k1', [1, 2].map((n) => ({ type: 'Step', data: { n }, metadata: meta('amr-650200') })));
  await p.service.personalDataReads.record(
    { field: 'case', items: [{ caseId: 'c1', caseAgencyId: 'amr-650100', subjectRef: subjectRefOf(person) }] },
    { principal: cityOverseer },
  );
  await p.service.personalDataReads.projector.catchUp();
  const checkpoint = await p.service.anchor.take({ principal: citySupervisor });
  return { ...p, checkpoint };
};

const refusal = async (run: () => Promise<unknown>) => {
  try {
    await run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'no error';
};

describe('discipline inspection: signed checkpoints and the integrity check (tamper evidence beyond the chain)', () => {
  it('an untouched store verifies: the checkpoint, every chain, the commission’s read models', async () => {
    const p = await seeded();
    expect(p.checkpoint).toMatchObject({ sequence: 1, streamCount: 5 });
    const report = await p.service.anchor.verify(admin);
    expect(report).toMatchObject({ valid: true, problems: [], hiddenProblems: [], checkpoint: { sequence: 1 } });
    expect(report.readModels).toEqual([
      expect.objectContaining({ consistent: true, rows: 1, expectedRows: 1 }),
      expect.objectContaining({ consistent: true, rows: 0, expectedRows: 0 }),
    ]);
  });

  it('a checkpoint stores only the heads that moved since the one before; the signed root is over the full list', async () => {
    const p = await seeded();
    await p.store.appendToStream('case-c1', [{ type: 'Step', data: { n: 4 }, metadata: meta('amr-650100') }]);
    const second = await p.service.anchor.take({ principal: cityOverseer });
    expect(second).toMatchObject({ sequence: 2, streamCount: 6 });
    const [record] = await p.store.readStream(CHECKPOINT_STREAM, { fromVersion: 2 });
    expect((record!.data as { changes: [string, number][] }).changes.map(([id, v]) => [id, v])).toEqual([
      ['case-c1', 4],
      [CHECKPOINT_STREAM, 1],
    ]);
    await p.sql.query(`DELETE FROM ${p.events} WHERE stream_id = 'case-c3'`);
    const report = await p.service.anchor.verify(admin);
    expect(report.checkpoint?.sequence).toBe(2);
    expect(report.problems).toEqual([expect.objectContaining({ streamId: 'case-c3', kind: 'STREAM_MISSING', checkpointSequence: 2 })]);
  });

  it('attack: tampering before the next checkpoint is not laundered by it (the anchored heads are kept and still reported)', async () => {
    const p = await seeded();
    await p.sql.query(`DELETE FROM ${p.events} WHERE stream_id = 'case-c2' AND version = 3`);
    await p.sql.query(`DELETE FROM ${p.events} WHERE stream_id = 'case-k1'`);
    await p.store.appendToStream('case-c1', [{ type: 'Step', data: { n: 4 }, metadata: meta('amr-650100') }]);
    const second = await p.service.anchor.take({ principal: citySupervisor });
    expect(second).toMatchObject({ sequence: 2, streamCount: 6 });
    const report = await p.service.anchor.verify(admin);
    expect(report.checkpoint?.sequence).toBe(2);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ streamId: 'case-c2', kind: 'TRUNCATED', checkpointSequence: 2 }),
        expect.objectContaining({ streamId: 'case-k1', kind: 'STREAM_MISSING', checkpointSequence: 2 }),
      ]),
    );
    expect(report.problems).toHaveLength(2);
  });

  it('attack: the last event of a stream deleted in SQL (its chain still valid) is TRUNCATED', async () => {
    const p = await seeded();
    await p.sql.query(`DELETE FROM ${p.events} WHERE stream_id = 'case-c2' AND version = 3`);
    expect((await p.store.verify('case-c2')).valid).toBe(true);
    const report = await p.service.anchor.verify(cityOverseer);
    expect(report.valid).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ streamId: 'case-c2', kind: 'TRUNCATED', checkpointSequence: 1 })]);
  });

  it('attack: a whole stream deleted in SQL is STREAM_MISSING', async () => {
    const p = await seeded();
    await p.sql.query(`DELETE FROM ${p.events} WHERE stream_id = 'case-c3'`);
    const report = await p.service.anchor.verify(provinceOverseer);
    expect(report.problems).toEqual([expect.objectContaining({ streamId: 'case-c3', kind: 'STREAM_MISSING' })]);
  });

  it('attack: a stream rewritten with every hash recomputed by hashEvent (a valid chain) is REWRITTEN', async () => {
    const p = await seeded();
    let prevHash: string | null = null;
    for (const e of await p.store.readStream('case-c1')) {
      const data = { n: 1000 + e.version };
      const hash = hashEvent({ streamId: e.streamId, version: e.version, type: e.type, data, metadata: e.metadata, prevHash }, e.hashAlgorithm);
      await p.sql.query(`UPDATE ${p.events} SET data = $1::jsonb, hash = $2, prev_hash = $3 WHERE stream_id = 'case-c1' AND version = $4`, [
        JSON.stringify(data),
        hash,
        prevHash,
        e.version,
      ]);
      prevHash = hash;
    }
    expect((await p.store.verify('case-c1')).valid).toBe(true);
    const report = await p.service.anchor.verify(admin);
    expect(report.problems).toEqual([expect.objectContaining({ streamId: 'case-c1', kind: 'REWRITTEN', checkpointSequence: 1 })]);
  });

  it('attack: an event edited in the middle of a stream is CHAIN_BROKEN (its anchored head untouched)', async () => {
    const p = await seeded();
    await p.sql.query(`UPDATE ${p.events} SET data = '{"n": 7}'::jsonb WHERE stream_id = 'case-c2' AND version = 2`);
    const report = await p.service.anchor.verify(admin);
    expect(report.problems).toEqual([expect.objectContaining({ streamId: 'case-c2', kind: 'CHAIN_BROKEN' })]);
  });

  it('attack: an edited read model row (查询留痕) is reported as divergent', async () => {
    const p = await seeded();
    await p.sql.query(`UPDATE "discipline_inspection".personal_data_reads SET reader_user_id = 'someone-else'`);
    const report = await p.service.anchor.verify(admin);
    expect(report.valid).toBe(false);
    expect(report.problems).toEqual([]);
    expect(report.readModels[0]).toEqual({
      name: 'discipline_inspection.personal_data_reads',
      consistent: false,
      rows: 1,
      expectedRows: 1,
      divergentTables: ['personal_data_reads'],
    });
    // Row counts would count records an overseer may not read: admins only.
    expect((await p.service.anchor.verify(cityOverseer)).readModels[0]).toMatchObject({ consistent: false, rows: null, expectedRows: null });
  });

  it('a tampered stream the caller may not read is counted by owning agency, never named', async () => {
    const p = await seeded();
    await p.sql.query(`DELETE FROM ${p.events} WHERE stream_id = 'case-k1' AND version = 2`);
    const city = await p.service.anchor.verify(cityOverseer);
    expect(city.valid).toBe(false);
    expect(city.problems).toEqual([]);
    expect(city.hiddenProblems).toEqual([{ ownerAgencyId: 'amr-650200', kind: 'TRUNCATED', count: 1 }]);
    expect(JSON.stringify(city)).not.toContain('case-k1');
    const province = await p.service.anchor.verify(provinceOverseer);
    expect(province.problems).toEqual([expect.objectContaining({ streamId: 'case-k1', kind: 'TRUNCATED' })]);
  });

  it('attack: a checkpoint signed with another key is refused (SIGNATURE_INVALID); the store is compared with the last good one', async () => {
    const p = await seeded();
    // The attacker rewrites case-c1 and anchors the new heads with a checkpoint of their own.
    await p.sql.query(`DELETE FROM ${p.events} WHERE stream_id = 'case-c1' AND version = 3`);
    const forged = createCheckpoint({
      sequence: 2,
      takenAt: '2025-09-30T05:00:00.000Z',
      hashAlgorithm: p.store.hashAlgorithm,
      heads: await readStreamHeads(p.store),
      privateKey: generateKeyPairSync('ed25519').privateKey,
    });
    await p.store.appendToStream(CHECKPOINT_STREAM, [
      {
        type: CHECKPOINT_EVENT_TYPE,
        data: { ...checkpointRecord(forged, null), keyId: p.checkpoint!.keyId } as unknown as Record<string, unknown>,
        metadata: meta('cdi-650100'),
      },
    ]);
    const report = await p.service.anchor.verify(admin);
    expect(report.checkpoint?.sequence).toBe(1);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ streamId: CHECKPOINT_STREAM, kind: 'SIGNATURE_INVALID', checkpointSequence: 2 }),
        expect.objectContaining({ streamId: 'case-c1', kind: 'TRUNCATED', checkpointSequence: 1 }),
      ]),
    );
  });

  it('attack: the checkpoint history rewritten in SQL (a deleted stream dropped from it, chain re-hashed) stays reported after restarts and later checkpoints', async () => {
    const key = generateKeyPairSync('ed25519').privateKey;
    const p = await seeded({ key });
    await p.sql.query(`DELETE FROM ${p.events} WHERE stream_id = 'case-c3'`);
    const [record] = await p.store.readStream(CHECKPOINT_STREAM);
    const data = { ...(record!.data as { changes: [string][] }) };
    data.changes = data.changes.filter(([id]) => id !== 'case-c3');
    const hash = hashEvent({ streamId: CHECKPOINT_STREAM, version: 1, type: record!.type, data, metadata: record!.metadata, prevHash: null }, record!.hashAlgorithm);
    await p.sql.query(`UPDATE ${p.events} SET data = $1::jsonb, hash = $2 WHERE stream_id = $3 AND version = 1`, [JSON.stringify(data), hash, CHECKPOINT_STREAM]);
    await p.service.stop();
    // A restarted service (no memory of what it signed) takes the next checkpoints.
    await p.bus.close();
    const again = await open({ key, store: { store: p.store, sql: p.sql } });
    opened.splice(opened.indexOf(p), 1); // its store is closed with the new service's
    await again.service.anchor.take({ principal: citySupervisor });
    await again.store.appendToStream('case-c1', [{ type: 'Step', data: { n: 4 }, metadata: meta('amr-650100') }]);
    await again.service.anchor.take({ principal: citySupervisor });
    const report = await again.service.anchor.verify(admin);
    expect(report.checkpoint?.sequence).toBe(3);
    expect(report.valid).toBe(false);
    expect(report.problems).toEqual([expect.objectContaining({ streamId: CHECKPOINT_STREAM, kind: 'SIGNATURE_INVALID', checkpointSequence: 1 })]);
  });

  it('while it runs, the service keeps what it signed: a rewritten history does not drop the deleted stream', async () => {
    const p = await seeded();
    await p.sql.query(`DELETE FROM ${p.events} WHERE stream_id = 'case-c3'`);
    const [record] = await p.store.readStream(CHECKPOINT_STREAM);
    const data = { ...(record!.data as { changes: [string][] }) };
    data.changes = data.changes.filter(([id]) => id !== 'case-c3');
    await p.sql.query(`UPDATE ${p.events} SET data = $1::jsonb WHERE stream_id = $2 AND version = 1`, [JSON.stringify(data), CHECKPOINT_STREAM]);
    await p.service.anchor.take({ principal: citySupervisor });
    const report = await p.service.anchor.verify(admin);
    expect(report.checkpoint?.sequence).toBe(2);
    expect(report.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ streamId: 'case-c3', kind: 'STREAM_MISSING', checkpointSequence: 2 }),
        expect.objectContaining({ streamId: CHECKPOINT_STREAM, kind: 'SIGNATURE_INVALID', checkpointSequence: 1 }),
      ]),
    );
  });

  it('only a commission’s overseers and supervisors, and admins, verify or take checkpoints', async () => {
    const p = await open();
    expect(await refusal(() => p.service.anchor.verify(amrOfficer))).toBe('FORBIDDEN');
    expect(await refusal(() => p.service.anchor.take({ principal: amrOfficer }))).toBe('FORBIDDEN');
    expect(await p.store.streamVersion(CHECKPOINT_STREAM)).toBe(0);
  });

  it('checkpoints survive a restart: the next one is due an interval after the stored last one, and still verifies under the same key', async () => {
    const key = generateKeyPairSync('ed25519').privateKey;
    const p = await seeded({ key, intervalMs: 600_000 });
    const takenAt = p.checkpoint!.takenAt;
    await p.service.stop();
    // A new service on the same store, started 5 minutes later.
    const again = await open({ key, store: { store: p.store, sql: p.sql }, now: () => '2025-09-30T12:05:00+08:00', intervalMs: 600_000 });
    expect(await again.service.anchor.nextDueAt()).toBe(new Date(Date.parse(takenAt) + 600_000).toISOString());
    expect(await again.service.anchor.verify(admin)).toMatchObject({ valid: true, checkpoint: { sequence: 1 } });
    await again.service.stop();
    await again.bus.close();
    opened.splice(opened.indexOf(again), 1); // its store is the first's, closed with it
  });

  it('the timer takes a checkpoint when due (from the stored schedule), and none when nothing changed', async () => {
    const p = await open({ now: () => new Date().toISOString(), intervalMs: 50 });
    await p.store.appendToStream('case-t1', [{ type: 'Step', data: {}, metadata: meta('amr-650100') }]);
    for (let i = 0; i < 400 && (await p.store.streamVersion(CHECKPOINT_STREAM)) < 1; i++) await new Promise((r) => setTimeout(r, 25));
    expect(await p.store.streamVersion(CHECKPOINT_STREAM)).toBeGreaterThanOrEqual(1);
    const [first] = await p.store.readStream(CHECKPOINT_STREAM, { toVersion: 1 });
    expect(first!.metadata.actor.userId).toBe('discipline-inspection');
    // Nothing else appended: a scheduled round appends nothing.
    const taken = await p.service.anchor.take({ onlyIfChanged: true });
    expect(taken).toBeNull();
  });

  it('over HTTP: the report, a checkpoint on demand, the public key', async () => {
    const p = await seeded();
    const app = express();
    app.use(p.service.router(createTokenVerifier({ mode: 'dev', secret: SECRET })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const token = async (who: Principal) => mintDevToken({ secret: SECRET, ...who });
      const auth = async (who: Principal) => ({ authorization: `Bearer ${await token(who)}`, 'content-type': 'application/json' });
      const taken = await fetch(`${url}/integrity-checkpoints`, { method: 'POST', headers: await auth(citySupervisor), body: '{}' });
      expect(taken.status).toBe(201);
      expect(await taken.json()).toMatchObject({ sequence: 2 });
      const report = await fetch(`${url}/oversight/integrity`, { headers: await auth(cityOverseer) });
      expect(await report.json()).toMatchObject({ valid: true, checkpoint: { sequence: 2 } });
      const key = (await (await fetch(`${url}/checkpoint-public-key`, { headers: await auth(amrOfficer) })).json()) as { keyId: string; publicKey: string };
      expect(key).toMatchObject({ algorithm: 'Ed25519', keyId: p.checkpoint!.keyId });
      expect(key.publicKey).toContain('BEGIN PUBLIC KEY');
      expect((await fetch(`${url}/oversight/integrity`, { headers: await auth(amrOfficer) })).status).toBe(403);
      // The gateway's HTTP client (distributed mode) over the same routes.
      const client = createHttpOversightClient(url);
      const as = async (who: Principal) => ({ principal: who, token: await token(who), correlationId: 'c-http' });
      expect(await client.takeIntegrityCheckpoint(await as(cityOverseer))).toMatchObject({ sequence: 3 });
      expect(await client.integrity(await as(provinceOverseer))).toMatchObject({ valid: true, checkpoint: { sequence: 3 } });
      expect(await client.checkpointPublicKey(await as(amrOfficer))).toMatchObject({ keyId: p.checkpoint!.keyId });
    } finally {
      server.close();
    }
  });
});
