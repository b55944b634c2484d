import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory, integrationEventSchemas, integrationTopic } from '@xianjie/contracts';
import { createAccessRules, findDemoUser, type Principal } from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry, type Bus, type IntegrationMessage } from '@xianjie/messaging';
import { createMarketRegulationService, type MarketRegulationService } from '@xianjie/market-regulation';
import { createHealthService, type HealthService } from '../src/index.ts';

const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const officer = principal('u-health-650000-officer');
const supervisor = principal('u-health-650000-supervisor');
const clinic = { kind: 'ORGANIZATION', name: '乌鲁木齐某某诊所', creditCode: '12650100MB1234567P' };

/** 卫健 beside 市场监管 on one store and one bus (embedded mode): each keeps to its own cases. */
describe('health service (PGlite, memory bus)', () => {
  let store: EventStore;
  let sql: SqlClient;
  let bus: Bus;
  let health: HealthService;
  let amr: MarketRegulationService;
  const published: IntegrationMessage[] = [];
  const clock = '2026-03-01T09:00:00+08:00';

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    const logger = pino({ level: 'silent' });
    bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger });
    const common = { store, sql, bus, directory: demoDirectory, rules: createAccessRules((id) => demoDirectory.get(id)), logger, now: () => clock };
    health = await createHealthService(common);
    amr = await createMarketRegulationService(common);
    await health.start();
    await amr.start();
    await (
      await bus.subscribe({ groupId: 'test-tap', topics: [integrationTopic('case')], fromBeginning: true, handler: async (m) => void published.push(m) })
    ).ready;
  });
  afterAll(async () => {
    await amr?.stop();
    await health?.stop();
    await bus?.close();
    await store?.close();
  });

  it('names itself HEALTH in the schema health', async () => {
    expect(health.serviceName).toBe('health');
    expect(health.agencyKinds).toEqual(['HEALTH']);
    const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'health' AND table_name IN ('cases', 'transfers')`);
    expect(rows[0]!.n).toBe(2);
  });

  it('lets a health officer register and file a case; market regulation neither finds, projects nor publishes it', async () => {
    const { caseId, state } = await health.cases.execute(
      'registerCase',
      { subject: clinic, source: 'COMPLAINT', summary: '无《医疗机构执业许可证》开展诊疗活动', violations: ['ILLEGAL_MEDICAL_PRACTICE'] },
      { principal: officer },
    );
    expect(state).toMatchObject({ status: 'CLUE_REGISTERED', agencyId: 'health-650000', number: 'HEALTH650000〔2026〕00001号' });
    await health.cases.execute('fileCase', { caseId }, { principal: supervisor });

    await health.projector.catchUp();
    await amr.projector.catchUp();
    expect(await health.queries.getCase(caseId)).toMatchObject({ status: 'FILED', agencyId: 'health-650000' });
    expect(await amr.queries.getCase(caseId)).toBeNull();
    expect(await amr.cases.caseAsOf(caseId)).toBeNull();

    for (let i = 0; i < 200 && published.filter((m) => m.subject === `case-${caseId}`).length < 2; i++) await new Promise((r) => setTimeout(r, 25));
    await new Promise((r) => setTimeout(r, 100));
    expect(published.filter((m) => m.subject === `case-${caseId}`).map((m) => [m.type, m.source])).toEqual([
      ['xianjie.case.registered.v1', '/xianjie/health'],
      ['xianjie.case.filed.v1', '/xianjie/health'],
    ]);
  });

  it('refuses a market-regulation principal, and a violation health does not charge', async () => {
    await expect(
      health.cases.execute(
        'registerCase',
        { subject: clinic, source: 'COMPLAINT', summary: '超范围经营', violations: ['OUT_OF_SCOPE_TRADE'] },
        { principal: principal('u-amr-650100-officer') },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^health runs the cases of HEALTH agencies/) });
    await expect(
      health.cases.execute('registerCase', { subject: clinic, source: 'COMPLAINT', summary: '超范围经营', violations: ['OUT_OF_SCOPE_TRADE'] }, { principal: officer }),
    ).rejects.toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'violations.0' }] });
  });
});
