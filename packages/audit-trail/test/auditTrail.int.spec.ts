import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccessRules, createTokenVerifier, findDemoUser, mintDevToken, type Principal, type ReaderAuth } from '@xianjie/auth';
import { demoDirectory, idNumberCheckChar, maskIdNumber, randomSubjectRefOf, type RecordPersonalDataReadInput } from '@xianjie/contracts';
import { createEventStore, hashEvent, type EventStore, type RecordedEvent, type SqlClient } from '@xianjie/event-store';
import { createAuditTrailReader, createAuditTrailRoute, ownedByAgencyKinds, type AuditTrailView } from '../src/index.ts';

/**
 * The audit trail reader against a real store (PGlite in memory): who gets a trail, what its
 * events show, and that nothing shown lets a hidden value be confirmed (issue #12 holes 1, 2, 7).
 */
const SECRET = 'test-secret-for-the-audit-trail-suite-0123';
const rules = createAccessRules((id) => demoDirectory.get(id));
const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const officer = principal('u-amr-650100-officer');
const supervisor = principal('u-amr-650100-supervisor');
const overseer = principal('u-cdi-650000-overseer');
const policeOfficer = principal('u-police-650100-officer');
const otherOfficer: Principal = { userId: 'u-amr-650200-officer', name: '克拉玛依执法人员', agencyId: 'amr-650200', roles: ['officer'] };
const as = (who: Principal): ReaderAuth => ({ principal: who, token: 'token', correlationId: 'audit-test' });

const idNumber = '650102198503122719';
const metadataOf = (who: Principal) => ({
  actor: { userId: who.userId, name: who.name, agencyId: who.agencyId, roles: [...who.roles] },
  occurredAt: '2025-03-01T10:00:00+08:00',
  correlationId: 'c-1',
  causationId: null,
  commandId: null,
});

let store: EventStore;
let sql: SqlClient;
const recorded: RecordPersonalDataReadInput[] = [];
const owns = ownedByAgencyKinds(demoDirectory, ['MARKET_REGULATION']);
const reader = () =>
  createAuditTrailReader({
    store,
    rules,
    owns,
    subjectRefOf: randomSubjectRefOf(),
    recordReads: async (input) => {
      recorded.push(input);
    },
  });

beforeAll(async () => {
  ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
  await store.appendToStream('case-c1', [
    {
      type: 'CaseRegistered',
      data: { caseId: 'c1', agencyId: 'amr-650100', subject: { kind: 'PERSON', name: '张某', creditCode: null, idNumber }, summary: '无证经营药品' },
      metadata: metadataOf(officer),
    },
    { type: 'CaseFiled', data: { caseId: 'c1', filedAt: '2025-03-02T10:00:00+08:00' }, metadata: metadataOf(supervisor) },
  ]);
  // A transfer sent by amr-650100 to the police (approved: the receiver is a party).
  const transfer = { transferId: 't1', caseId: 'c1', fromAgency: { id: 'amr-650100' }, toAgency: { id: 'police-650100' } };
  await store.appendToStream('transfer-out-t1', [
    { type: 'TransferProposed', data: { ...transfer, reason: '涉嫌犯罪', materials: [{ title: '询问笔录（张某）' }] }, metadata: metadataOf(officer) },
    { type: 'TransferApproved', data: transfer, metadata: metadataOf(supervisor) },
  ]);
});
afterAll(async () => {
  await store.close();
});

/** The attack of issue #12: hash every candidate ID number into the event and compare with the hash shown. */
const confirmByHash = (shown: AuditTrailView['events'][number], stored: RecordedEvent, candidates: string[]): string[] =>
  candidates.filter((candidate) => {
    if (shown.hash === null) return false;
    const data = { ...stored.data, subject: { ...(stored.data.subject as object), idNumber: candidate } };
    // Generous to the attacker: the whole stored metadata is assumed known.
    return hashEvent({ ...stored, data, prevHash: shown.prevHash }, stored.hashAlgorithm as never) === shown.hash;
  });

/** Every valid number born in March 1985 in 650102 (the part the old mask left to guess). */
const candidates = (): string[] => {
  const out: string[] = [];
  for (let day = 1; day <= 31; day++) {
    for (let seq = 0; seq < 1000; seq += 1) {
      const first17 = `65010219850${3}${String(day).padStart(2, '0')}${String(seq).padStart(3, '0')}`;
      out.push(first17 + idNumberCheckChar(first17));
    }
  }
  return out;
};

describe('audit trail: no hash that lets a hidden value be confirmed (issue #12 hole 1)', () => {
  it('an overseer of another agency cannot confirm a guessed ID number by recomputing a CaseRegistered hash', async () => {
    const trail = (await reader().read(as(overseer), 'case-c1'))!;
    const [stored] = await store.readStream('case-c1');
    const registered = trail.events[0]!;
    expect(registered.data).toMatchObject({ subject: { idNumber: maskIdNumber(idNumber) } });
    expect(registered.hash).toBeNull();
    expect(confirmByHash(registered, stored!, candidates())).toEqual([]);
    // Nor by the next event's prevHash (it is the CaseRegistered hash).
    expect(trail.events[1]).toMatchObject({ hash: null, prevHash: null });
    expect(JSON.stringify(trail)).not.toContain(stored!.hash);
    // The chain is still verified for them, on the server.
    expect(trail.verification).toEqual({ valid: true, checked: 2, brokenAt: null, reason: null });
  });

  it('an officer of the owning agency (masked view) gets no hash either; the supervisor handling it sees all', async () => {
    const masked = (await reader().read(as(officer), 'case-c1'))!;
    expect(masked.events.map((e) => e.hash)).toEqual([null, null]);
    const full = (await reader().read(as(supervisor), 'case-c1'))!;
    const stored = await store.readStream('case-c1');
    expect(full.events.map((e) => [e.hash, e.prevHash])).toEqual(stored.map((e) => [e.hash, e.prevHash]));
    // The positive control of the attack: with the hash shown, the number is found among the candidates.
    expect(confirmByHash(full.events[0]!, stored[0]!, candidates())).toEqual([idNumber]);
  });

  it('an event redacted by `show` (四不两直) has no hash, nor any later event (each chains it)', async () => {
    await store.appendToStream('operation-o1', [
      { type: 'OperationPlanned', data: { agencyId: 'amr-650100', targets: [{ creditCode: 'HIDDEN' }] }, metadata: metadataOf(supervisor) },
      { type: 'OperationStarted', data: { agencyId: 'amr-650100' }, metadata: metadataOf(supervisor) },
      { type: 'OperationNoted', data: { agencyId: 'amr-650100', hiddenTargets: 0 }, metadata: metadataOf(supervisor) },
    ]);
    const operations = createAuditTrailReader({
      store,
      rules,
      owns: () => true,
      describe: () => ({
        ownerAgencyId: 'amr-650100',
        partyAgencyIds: [],
        // As operations hides a group's targets from a participant outside the group.
        show: (events) => events.map((e) => (e.type === 'OperationPlanned' ? { ...e, data: { ...e.data, targets: [], hiddenTargets: 1 } } : e)),
      }),
    });
    const trail = (await operations.read(as(officer), 'operation-o1'))!;
    const stored = await store.readStream('operation-o1');
    expect(trail.events.map((e) => [e.version, e.hash, e.prevHash])).toEqual([
      [1, null, null],
      [2, null, null],
      [3, null, null],
    ]);
    // The attack through a later hash: hash the candidate first event, then chain the second onto it.
    const chained = (first: RecordedEvent) =>
      hashEvent({ ...stored[1]!, prevHash: hashEvent({ ...first, prevHash: null }, first.hashAlgorithm as never) }, stored[1]!.hashAlgorithm as never);
    expect(trail.events.some((e) => e.hash === chained(stored[0]!))).toBe(false);
    // A participant who sees the group's targets sees every hash.
    const insider = createAuditTrailReader({ store, rules, owns: () => true, describe: () => ({ ownerAgencyId: 'amr-650100', partyAgencyIds: [] }) });
    const all = (await insider.read(as(officer), 'operation-o1'))!;
    expect(all.events.map((e) => e.hash)).toEqual(stored.map((e) => e.hash));
    expect(all.events[1]!.hash).toBe(chained(stored[0]!)); // the control: the attack works where hashes are shown
    expect(trail.verification.valid).toBe(true);
  });

  it('still tells an overseer that a stored event was altered', async () => {
    await store.appendToStream('case-c2', [
      {
        type: 'CaseRegistered',
        data: { caseId: 'c2', agencyId: 'amr-650100', subject: { kind: 'ORGANIZATION', name: '某药房', creditCode: '91650102MA7XJ0012E', idNumber: null } },
        metadata: metadataOf(officer),
      },
    ]);
    await sql.query(`UPDATE xianjie.events SET data = jsonb_set(data, '{subject,name}', '"另一药房"') WHERE stream_id = 'case-c2'`);
    expect((await reader().read(as(overseer), 'case-c2'))!.verification).toMatchObject({ valid: false, brokenAt: 1 });
  });
});

describe('audit trail: not found and not yours look the same (issue #12 hole 2)', () => {
  it('answers null for another agency’s stream, as for one that does not exist', async () => {
    expect(await reader().read(as(otherOfficer), 'case-c1')).toBeNull();
    expect(await reader().read(as(otherOfficer), 'case-nothing')).toBeNull();
  });

  it('over HTTP: the same NOT_FOUND, naming no agency', async () => {
    const app = express();
    app.use(createAuditTrailRoute({ reader: reader(), verifier: createTokenVerifier({ mode: 'dev', secret: SECRET }), logger: pino({ level: 'silent' }) }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const get = async (streamId: string) => {
        const res = await fetch(`${url}/audit-trails/${streamId}`, {
          headers: { authorization: `Bearer ${await mintDevToken({ secret: SECRET, ...otherOfficer })}` },
        });
        return { status: res.status, body: (await res.json()) as { error: { code: string; message: string } } };
      };
      const hidden = await get('case-c1');
      const missing = await get('case-c9');
      expect(hidden.status).toBe(404);
      expect(missing.status).toBe(404);
      expect(hidden.body.error.code).toBe('NOT_FOUND');
      expect(hidden.body.error.message.replace('case-c1', 'case-c9')).toBe(missing.body.error.message);
      expect(JSON.stringify(hidden.body)).not.toMatch(/amr-650100|市场监督/);
    } finally {
      server.close();
    }
  });
});

describe('audit trail of a transfer: the rule of transfer(id) (issue #12 hole 7)', () => {
  it('an overseer not party to the transfer gets nothing (no reason, materials or names), as transfer(id) gives them', async () => {
    recorded.length = 0;
    expect(await reader().read(as(overseer), 'transfer-out-t1')).toBeNull();
    expect(recorded).toEqual([]);
  });

  it('the parties read it: the sender and, once approved, the receiver', async () => {
    expect((await reader().read(as(officer), 'transfer-out-t1'))?.events).toHaveLength(2);
    expect((await reader().read(as(policeOfficer), 'transfer-out-t1'))?.events).toHaveLength(2);
    expect(await reader().read(as(otherOfficer), 'transfer-out-t1')).toBeNull();
  });
});
