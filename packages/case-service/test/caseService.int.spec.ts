import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory, idForCommand } from '@xianjie/contracts';
import { createAccessRules, createTokenVerifier, findDemoUser, mintDevToken, type Principal } from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createCommandApi, createCaseModule, type CaseModule } from '../src/index.ts';
import { createInProcessCaseClient } from '../src/client/index.ts';

const SECRET = 'test-secret-for-the-case-service-http-api';
const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const officer = principal('u-amr-650100-officer');
const supervisor = principal('u-amr-650100-supervisor');
const pharmacy = { kind: 'ORGANIZATION', name: '乌鲁木齐安泰大药房有限公司', creditCode: '91650102MA7XJ0012E' };

/** The case module of market regulation on an in-memory PGlite store, with a controllable clock. */
describe('case service (market regulation, PGlite)', () => {
  let store: EventStore;
  let sql: SqlClient;
  let service: CaseModule;
  let clock = '2026-03-01T09:00:00+08:00';
  const directory = demoDirectory;

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    service = await createCaseModule({
      serviceName: 'market-regulation',
      agencyKinds: ['MARKET_REGULATION'],
      store,
      sql,
      schema: 'market_regulation',
      directory,
      rules: createAccessRules((id) => directory.get(id)),
      logger: pino({ level: 'silent' }),
      now: () => clock,
    });
    await service.start();
  });
  afterAll(async () => {
    await service.stop();
    await store.close();
  });

  const decidedCase = async (at: string, violations = ['OUT_OF_SCOPE_TRADE']) => {
    clock = at;
    const { caseId } = await service.cases.execute('registerCase', { subject: pharmacy, source: 'COMPLAINT', summary: '超范围经营', violations }, { principal: officer });
    await service.cases.execute('fileCase', { caseId }, { principal: supervisor });
    await service.cases.execute('recordEvidence', { caseId, kind: 'DOCUMENT', title: '购销记录' }, { principal: officer });
    const decided = await service.cases.execute(
      'decidePenalty',
      { caseId, decisionNumber: `罚-${at}`, penalties: [{ kind: 'WARNING' }], personsResponsible: [] },
      { principal: supervisor },
    );
    return decided;
  };

  it('flags a repeat offender when the same subject had a decision within 365 days, and not after', async () => {
    const first = await decidedCase('2026-03-01T09:00:00+08:00');
    expect(first.state).toMatchObject({ status: 'PENALTY_DECIDED', repeatOffender: false });
    const second = await decidedCase('2026-09-01T09:00:00+08:00');
    expect(second.state).toMatchObject({ repeatOffender: true });
    // More than 365 days after both: a clean record again.
    const third = await decidedCase('2027-09-10T09:00:00+08:00');
    expect(third.state).toMatchObject({ repeatOffender: false });
    await service.projector.catchUp();
    const row = await service.queries.getCase(second.caseId);
    expect(row?.warnings).toEqual(['REPEAT_OFFENDER']);
  });

  it('takes occurredAt from a trusted in-process caller as the command time: metadata, data, number year and the 365-day window', async () => {
    const clinic = { kind: 'ORGANIZATION', name: '乌鲁木齐仁济诊所', creditCode: '91650102MA7XJ0099C' };
    const client = createInProcessCaseClient(service);
    const as = (p: Principal, occurredAt?: string) => ({ principal: p, token: null, correlationId: 'import-1', ...(occurredAt ? { occurredAt } : {}) });
    const decided = async (occurredAt?: string) => {
      const register = { subject: clinic, source: 'COMPLAINT', summary: '超范围经营', violations: ['OUT_OF_SCOPE_TRADE'] };
      const { caseId } = await client.execute('registerCase', register, as(officer, occurredAt));
      await client.execute('fileCase', { caseId }, as(supervisor, occurredAt));
      await client.execute('recordEvidence', { caseId, kind: 'DOCUMENT', title: '购销记录' }, as(officer, occurredAt));
      const penalty = { caseId, decisionNumber: `罚-${caseId}`, penalties: [{ kind: 'WARNING' }], personsResponsible: [] };
      return client.execute('decidePenalty', penalty, as(supervisor, occurredAt));
    };
    clock = '2030-01-10T10:00:00+08:00';
    await decided();

    // 366 days later, told now: the earlier decision is outside the window.
    clock = '2031-01-11T10:00:00+08:00';
    expect((await decided()).state).toMatchObject({ repeatOffender: false });
    // Told as two days ago, it is within (364 days before).
    const twoDaysAgo = '2031-01-09T10:00:00+08:00';
    const past = await decided(twoDaysAgo);
    expect(past.state).toMatchObject({ status: 'PENALTY_DECIDED', repeatOffender: true, registeredAt: twoDaysAgo });
    const events = await store.readStream(`case-${past.caseId}`);
    expect(events.map((e) => e.metadata.occurredAt)).toEqual(events.map(() => twoDaysAgo));
    expect(events[0]!.data).toMatchObject({ registeredAt: twoDaysAgo });

    // The case number counts in the year the case was registered, not the year it was recorded.
    clock = '2032-01-01T10:00:00+08:00';
    const lastYear = await client.execute(
      'registerCase',
      { subject: clinic, source: 'COMPLAINT', summary: '补录', violations: ['OUT_OF_SCOPE_TRADE'] },
      as(officer, '2031-12-30T10:00:00+08:00'),
    );
    expect(lastYear.state).toMatchObject({ number: expect.stringContaining('〔2031〕') });
  });

  it('refuses an occurredAt after now, naming the field, and appends nothing', async () => {
    clock = '2032-02-01T10:00:00+08:00';
    const attempt = service.cases.execute(
      'registerCase',
      { commandId: 'future-1', subject: pharmacy, source: 'COMPLAINT', summary: '未来', violations: ['OUT_OF_SCOPE_TRADE'] },
      { principal: officer, occurredAt: '2032-02-01T10:00:01+08:00' },
    );
    await expect(attempt).rejects.toMatchObject({ code: 'BAD_USER_INPUT', issues: [expect.objectContaining({ path: 'occurredAt' })] });
    expect(await service.cases.caseAsOf(idForCommand('case', officer.agencyId, 'future-1'))).toBeNull();
  });

  it('numbers cases per agency and year without gaps', async () => {
    clock = '2028-01-05T10:00:00+08:00';
    const a = await service.cases.execute('registerCase', { subject: pharmacy, source: 'COMPLAINT', summary: 'a', violations: ['OUT_OF_SCOPE_TRADE'] }, { principal: officer });
    const b = await service.cases.execute('registerCase', { subject: pharmacy, source: 'COMPLAINT', summary: 'b', violations: ['OUT_OF_SCOPE_TRADE'] }, { principal: officer });
    expect(a.state).toMatchObject({ number: 'AMR650100〔2028〕00001号' });
    expect(b.state).toMatchObject({ number: 'AMR650100〔2028〕00002号' });
  });

  it('rebuilds the read model from zero to the same rows', async () => {
    await service.projector.catchUp();
    const before = await service.queries.listCases({}, 100);
    const applied = await service.projector.rebuild();
    expect(applied).toBeGreaterThan(0);
    const after = await service.queries.listCases({}, 100);
    expect(after.rows).toEqual(before.rows);
  });

  it('refuses cases from agencies that do not handle them', async () => {
    await expect(
      service.cases.execute('registerCase', { subject: pharmacy, source: 'COMPLAINT', summary: 'x', violations: ['OUT_OF_SCOPE_TRADE'] }, { principal: principal('u-police-650100-officer') }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/market-regulation runs the cases of MARKET_REGULATION agencies/) });
  });

  describe('over HTTP', () => {
    let url: string;
    let close: () => void;
    beforeAll(async () => {
      const app = express();
      app.use(createCommandApi({ cases: service.cases, verifier: createTokenVerifier({ mode: 'dev', secret: SECRET }), logger: pino({ level: 'silent' }) }));
      app.use('/module', service.httpApi(createTokenVerifier({ mode: 'dev', secret: SECRET })));
      const server = app.listen(0, '127.0.0.1');
      await new Promise<void>((r) => server.once('listening', () => r()));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      close = () => server.close();
    });
    afterAll(() => close());

    const post = async (name: string, body: unknown, who?: Principal) =>
      fetch(`${url}/commands/${name}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(who ? { authorization: `Bearer ${await mintDevToken({ secret: SECRET, ...who })}` } : {}),
        },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });

    it('runs a command and answers 201 with the case; the retry answers 200 with the same case', async () => {
      clock = '2028-02-01T10:00:00+08:00';
      const body = { commandId: 'http-1', subject: pharmacy, source: 'COMPLAINT', summary: 'HTTP', violations: ['OUT_OF_SCOPE_TRADE'] };
      const first = await post('registerCase', body, officer);
      expect(first.status).toBe(201);
      const json = (await first.json()) as { caseId: string; version: number };
      expect(json.version).toBe(1);
      const retry = await post('registerCase', body, officer);
      expect(retry.status).toBe(200);
      expect(((await retry.json()) as { caseId: string }).caseId).toBe(json.caseId);
    });

    it("replaying another agency's commandId on POST /commands/:name neither returns nor reveals that agency's case", async () => {
      clock = '2028-02-02T10:00:00+08:00';
      const theirs = { commandId: 'replayed-1', subject: pharmacy, source: 'COMPLAINT', summary: '他局线索', violations: ['OUT_OF_SCOPE_TRADE'] };
      const registered = (await (await post('registerCase', theirs, officer)).json()) as { caseId: string };
      const filed = await post('fileCase', { caseId: registered.caseId, commandId: 'replayed-2' }, supervisor);
      expect(filed.status).toBe(201);

      // Another market regulation agency replays the registerCase commandId: its own new case, not theirs.
      const outsider = principal('u-amr-650000-officer');
      const mine = { commandId: 'replayed-1', subject: { ...pharmacy, name: '另一家药房' }, source: 'COMPLAINT', summary: '本局线索', violations: ['OUT_OF_SCOPE_TRADE'] };
      const replayed = await post('registerCase', mine, outsider);
      expect(replayed.status).toBe(201);
      const body = (await replayed.json()) as { caseId: string; duplicate: boolean; state: { agencyId: string; summary: string } };
      expect(body).toMatchObject({ duplicate: false, state: { agencyId: 'amr-650000', summary: '本局线索' } });
      expect(body.caseId).not.toBe(registered.caseId);
      expect(JSON.stringify(body)).not.toContain('他局线索');

      // Replaying their fileCase (caseId and commandId known): NOT_FOUND, answered as for an unknown case.
      const outsiderHead = principal('u-amr-650000-supervisor');
      const stolen = await post('fileCase', { caseId: registered.caseId, commandId: 'replayed-2' }, outsiderHead);
      const unknownId = '00000000-0000-4000-8000-000000000000';
      const unknown = await post('fileCase', { caseId: unknownId, commandId: 'replayed-2' }, outsiderHead);
      expect(stolen.status).toBe(404);
      expect(unknown.status).toBe(404);
      const stolenText = await stolen.text();
      expect(stolenText).not.toContain('他局线索');
      expect(stolenText).not.toContain('amr-650100');
      expect(stolenText.replaceAll(registered.caseId, '<id>')).toBe((await unknown.text()).replaceAll(unknownId, '<id>'));
    });

    it('maps errors to statuses with the same codes as GraphQL', async () => {
      expect((await post('registerCase', {}, undefined)).status).toBe(401);
      const bad = await post('registerCase', { subject: { ...pharmacy, creditCode: 'X' }, source: 'COMPLAINT', summary: 's', violations: ['OUT_OF_SCOPE_TRADE'] }, officer);
      expect(bad.status).toBe(400);
      expect(await bad.json()).toMatchObject({ error: { code: 'BAD_USER_INPUT', field: 'subject.creditCode' } });
      expect((await post('registerCase', '{not json', officer)).status).toBe(400);
      expect((await post('noSuchCommand', {}, officer)).status).toBe(404);
      const created = (await (await post('registerCase', { subject: pharmacy, source: 'COMPLAINT', summary: 's', violations: ['OUT_OF_SCOPE_TRADE'] }, officer)).json()) as { caseId: string };
      expect((await post('fileCase', { caseId: created.caseId }, officer)).status).toBe(403);
      expect((await post('fileCase', { caseId: created.caseId, expectedVersion: 3 }, supervisor)).status).toBe(409);
      expect((await post('closeCase', { caseId: created.caseId }, officer)).status).toBe(422);
    });

    it('serves commands and queries together on the module router, the list limited to its own agencies', async () => {
      clock = '2028-03-01T10:00:00+08:00';
      const token = `Bearer ${await mintDevToken({ secret: SECRET, ...officer })}`;
      const created = await fetch(`${url}/module/commands/registerCase`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: token },
        body: JSON.stringify({ subject: pharmacy, source: 'COMPLAINT', summary: '模块路由', violations: ['OUT_OF_SCOPE_TRADE'] }),
      });
      expect(created.status).toBe(201);
      const { caseId } = (await created.json()) as { caseId: string };
      const one = await fetch(`${url}/module/cases/${caseId}`, { headers: { authorization: token } });
      expect(one.status).toBe(200);
      expect(await one.json()).toMatchObject({ caseId, state: { status: 'CLUE_REGISTERED', agencyId: 'amr-650100' } });
      await service.projector.catchUp();
      const list = (await (await fetch(`${url}/module/cases?limit=500`, { headers: { authorization: token } })).json()) as { rows: { id: string; agencyId: string }[] };
      expect(list.rows.map((r) => r.id)).toContain(caseId);
      expect(new Set(list.rows.map((r) => r.agencyId))).toEqual(new Set(['amr-650100']));
    });
  });
});
