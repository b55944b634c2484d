import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory, integrationEventSchemas } from '@xianjie/contracts';
import { createAccessRules, createTokenVerifier, findDemoUser, mintDevToken, type Principal } from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry, type Bus } from '@xianjie/messaging';
import { createMarketRegulationService, type MarketRegulationService } from '../src/index.ts';

const SECRET = 'test-secret-for-the-market-regulation-service';
const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles], ...(u.capacity ? { capacity: u.capacity } : {}) };
};
const officer = principal('u-amr-650100-officer');
const supervisor = principal('u-amr-650100-supervisor');
const pharmacy = { kind: 'ORGANIZATION', name: '乌鲁木齐安泰大药房有限公司', creditCode: '91650102MA7XJ0012E' };
const criminalMaterials = [
  { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
  { kind: 'INVESTIGATION_REPORT', title: '涉嫌犯罪案件情况的调查报告' },
  { kind: 'SEIZED_ITEMS_LIST', title: '涉案物品清单' },
  { kind: 'TEST_REPORT', title: '药品检验报告书' },
];

/** 市场监管: the case and transfer workflows of one service over its HTTP router (PGlite, memory bus). */
describe('market regulation service', () => {
  let store: EventStore;
  let sql: SqlClient;
  let bus: Bus;
  let service: MarketRegulationService;
  let url: string;
  let close: () => void;
  let clock = '2026-03-01T09:00:00+08:00';

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    const logger = pino({ level: 'silent' });
    bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger });
    service = await createMarketRegulationService({
      store,
      sql,
      bus,
      directory: demoDirectory,
      rules: createAccessRules((id) => demoDirectory.get(id)),
      logger,
      now: () => clock,
    });
    await service.start();
    const app = express();
    app.use(service.router(createTokenVerifier({ mode: 'dev', secret: SECRET })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
  });
  afterAll(async () => {
    close?.();
    await service?.stop();
    await bus?.close();
    await store?.close();
  });

  const call = async (path: string, who: Principal, body?: unknown) => {
    const res = await fetch(`${url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintDevToken({ secret: SECRET, ...who })}` },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };
  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
    expect(await check(), what).toBe(true);
  };

  it('names itself and its kind, and keeps the schema market_regulation', async () => {
    expect(service.serviceName).toBe('market-regulation');
    expect(service.agencyKinds).toEqual(['MARKET_REGULATION']);
    const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'market_regulation' AND table_name IN ('cases', 'transfers')`);
    expect(rows[0]!.n).toBe(2);
  });

  it('runs a case to a CRIMINAL transfer over one router: case commands, transfer commands, the case marked TRANSFERRED', async () => {
    const registered = await call('/commands/registerCase', officer, {
      subject: pharmacy, source: 'COMPLAINT', summary: '销售假药', violations: ['COUNTERFEIT_DRUG'],
    });
    expect(registered.status).toBe(201);
    const caseId = String(registered.json.caseId);
    expect((await call('/commands/fileCase', supervisor, { caseId })).status).toBe(201);
    clock = '2026-03-02T09:00:00+08:00';
    const proposed = await call('/transfer-commands/proposeTransfer', officer, {
      caseId, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '涉嫌生产、销售假药罪', materials: criminalMaterials,
      caseTeam: [{ userId: 'u-amr-650100-officer', name: '帕丽旦·热合曼' }, { userId: 'u-amr-650100-officer2', name: '艾尔肯·吐尔逊' }],
    });
    expect(proposed.status).toBe(201);
    const transferId = String(proposed.json.transferId);
    expect((await call('/transfer-commands/approveTransfer', supervisor, { transferId })).status).toBe(201);

    await until('the case is marked transferred', async () => (await service.cases.caseAsOf(caseId))?.state.status === 'TRANSFERRED');
    const asRead = await call(`/cases/${caseId}`, officer);
    expect(asRead.json).toMatchObject({ caseId, state: { status: 'TRANSFERRED', transfers: [{ transferId, kind: 'CRIMINAL' }] } });
    await service.transfers.projector.catchUp();
    const ofCase = await call(`/cases/${caseId}/transfers`, officer);
    expect((ofCase.json.items as { id: string }[]).map((t) => t.id)).toEqual([transferId]);
  });

  it('refuses principals of another agency kind with a clear FORBIDDEN', async () => {
    const res = await call('/commands/registerCase', principal('u-health-650000-officer'), {
      subject: pharmacy, source: 'COMPLAINT', summary: 'x', violations: ['ILLEGAL_MEDICAL_PRACTICE'],
    });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ error: { code: 'FORBIDDEN', message: expect.stringMatching(/market-regulation runs the cases of MARKET_REGULATION agencies/) } });
  });
});
