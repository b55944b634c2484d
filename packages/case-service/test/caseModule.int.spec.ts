import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory, integrationEventSchemas, integrationTopic, TransferApproved } from '@xianjie/contracts';
import { createAccessRules, findDemoUser, type Principal } from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry, type Bus, type IntegrationMessage } from '@xianjie/messaging';
import { createTransferModule, type TransferModule } from '@xianjie/transfer-service';
import { createCaseModule, createCaseTransferredReaction, type CaseModule } from '../src/index.ts';

const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles], ...(u.capacity ? { capacity: u.capacity } : {}) };
};
const amrOfficer = principal('u-amr-650100-officer');
const amrSupervisor = principal('u-amr-650100-supervisor');
const healthOfficer = principal('u-health-650000-officer');
const healthSupervisor = principal('u-health-650000-supervisor');

const hospital = { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' };
const criminalMaterials = [
  { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
  { kind: 'INVESTIGATION_REPORT', title: '涉嫌犯罪案件情况的调查报告' },
  { kind: 'SEIZED_ITEMS_LIST', title: '涉案物品清单' },
  { kind: 'TEST_REPORT', title: '药品检验报告书' },
];

/**
 * Two case services (market regulation and health) with their transfer modules on one in-memory
 * PGlite store and one memory bus, as in embedded mode: each acts for its own agencies only, and
 * a case is marked transferred when its transfer is approved.
 */
describe('case module: ownership and the case-transferred reaction (PGlite, memory bus)', () => {
  let store: EventStore;
  let sql: SqlClient;
  let bus: Bus;
  let amr: CaseModule;
  let health: CaseModule;
  let amrTransfers: TransferModule;
  let healthTransfers: TransferModule;
  let clock = '2026-04-01T09:00:00+08:00';
  const published: IntegrationMessage[] = [];

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    const logger = pino({ level: 'silent' });
    bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger });
    const common = { store, sql, bus, directory: demoDirectory, rules: createAccessRules((id) => demoDirectory.get(id)), logger, now: () => clock };
    amr = await createCaseModule({ ...common, serviceName: 'market-regulation', agencyKinds: ['MARKET_REGULATION'], schema: 'market_regulation' });
    health = await createCaseModule({ ...common, serviceName: 'health', agencyKinds: ['HEALTH'], schema: 'health' });
    amrTransfers = await createTransferModule({ ...common, serviceName: 'market-regulation', agencyKinds: ['MARKET_REGULATION'], schema: 'market_regulation' });
    healthTransfers = await createTransferModule({ ...common, serviceName: 'health', agencyKinds: ['HEALTH'], schema: 'health' });
    for (const m of [amr, health, amrTransfers, healthTransfers]) await m.start();
    const tap = await bus.subscribe({
      groupId: 'test-tap',
      topics: [integrationTopic('case')],
      fromBeginning: true,
      handler: async (message) => void published.push(message),
    });
    await tap.ready;
  });
  afterAll(async () => {
    for (const m of [healthTransfers, amrTransfers, health, amr]) await m?.stop();
    await bus?.close();
    await store?.close();
  });

  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
    expect(await check(), what).toBe(true);
  };
  const filedCase = async (module: CaseModule, officer: Principal, supervisor: Principal, violations: string[]) => {
    const { caseId } = await module.cases.execute(
      'registerCase',
      { subject: hospital, source: 'INSPECTION', summary: '医院制剂室', violations, amountInvolvedFen: 8_600_000 },
      { principal: officer },
    );
    await module.cases.execute('fileCase', { caseId }, { principal: supervisor });
    return caseId;
  };

  it('runs a case for its own agencies only: the other service refuses, does not find, project or publish it', async () => {
    clock = '2026-04-01T09:00:00+08:00';
    const registered = await health.cases.execute(
      'registerCase',
      { subject: hospital, source: 'COMPLAINT', summary: '聘用非卫生技术人员', violations: ['UNQUALIFIED_STAFF'] },
      { principal: healthOfficer },
    );
    expect(registered.state).toMatchObject({ status: 'CLUE_REGISTERED', agencyId: 'health-650000' });

    // a market-regulation principal on the health service: a clear FORBIDDEN
    await expect(
      health.cases.execute('registerCase', { subject: hospital, source: 'COMPLAINT', summary: 'x', violations: ['OUT_OF_SCOPE_TRADE'] }, { principal: amrOfficer }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^health runs the cases of HEALTH agencies; .*\(MARKET_REGULATION\) is not one$/) });
    // health's case through the market-regulation service: not found there
    await expect(amr.cases.execute('fileCase', { caseId: registered.caseId }, { principal: amrSupervisor })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await amr.cases.caseAsOf(registered.caseId)).toBeNull();
    expect(await health.cases.caseAsOf(registered.caseId)).toMatchObject({ version: 1, state: { agencyId: 'health-650000' } });

    await amr.projector.catchUp();
    await health.projector.catchUp();
    expect(await amr.queries.getCase(registered.caseId)).toBeNull();
    expect(await health.queries.getCase(registered.caseId)).toMatchObject({ agencyId: 'health-650000', status: 'CLUE_REGISTERED' });

    await until('health publishes its case', async () => published.some((m) => m.subject === registered.streamId));
    await new Promise((r) => setTimeout(r, 100));
    const messages = published.filter((m) => m.subject === registered.streamId);
    expect(messages.map((m) => [m.type, m.source])).toEqual([['xianjie.case.registered.v1', '/xianjie/health']]);
  });

  it('marks the case TRANSFERRED when its CRIMINAL transfer is approved, once, and publishes the fact', async () => {
    clock = '2026-04-02T09:00:00+08:00';
    const caseId = await filedCase(amr, amrOfficer, amrSupervisor, ['UNAPPROVED_PREPARATION']);
    const proposed = await amrTransfers.transfers.execute(
      'proposeTransfer',
      { caseId, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '无证配制医院制剂，涉嫌妨害药品管理罪', materials: criminalMaterials, caseTeam: [{ userId: 'u-amr-650100-officer', name: '帕丽旦·热合曼' }, { userId: 'u-amr-650100-officer2', name: '艾尔肯·吐尔逊' }] },
      { principal: amrOfficer },
    );
    // proposing does not move the case; the head's approval (sent) does
    expect((await amr.cases.caseAsOf(caseId))!.state.status).toBe('FILED');
    clock = '2026-04-03T10:00:00+08:00';
    await amrTransfers.transfers.execute('approveTransfer', { transferId: proposed.transferId }, { principal: amrSupervisor });

    await until('the case is marked transferred', async () => (await amr.cases.caseAsOf(caseId))?.state.status === 'TRANSFERRED');
    const events = await store.readStream(`case-${caseId}`);
    const transferred = events.at(-1)!;
    expect(transferred).toMatchObject({
      type: 'CaseTransferred',
      data: { caseId, transferId: proposed.transferId, kind: 'CRIMINAL', toAgencyId: 'police-650100', transferredAt: clock },
      metadata: {
        actor: { userId: 'system:market-regulation', agencyId: 'amr-650100', roles: [] },
        commandId: `case-transferred:${proposed.transferId}`,
      },
    });
    expect((await amr.cases.caseAsOf(caseId))!.state).toMatchObject({
      transfers: [{ transferId: proposed.transferId, kind: 'CRIMINAL', toAgencyId: 'police-650100' }],
    });

    await amr.projector.catchUp();
    expect(await amr.queries.getCase(caseId)).toMatchObject({ status: 'TRANSFERRED' });
    await until('the fact is published', async () => published.some((m) => m.type === 'xianjie.case.transferred.v1' && m.subject === `case-${caseId}`));
    expect(published.find((m) => m.type === 'xianjie.case.transferred.v1' && m.subject === `case-${caseId}`)).toMatchObject({
      source: '/xianjie/market-regulation',
      data: { caseId, transferId: proposed.transferId, kind: 'CRIMINAL', toAgencyId: 'police-650100' },
    });

    // a replay of the approval (another subscription from the start, or the same fact again) appends nothing
    const approval = TransferApproved.parse((await store.readStream(`transfer-out-${proposed.transferId}`)).find((e) => e.type === 'TransferApproved')!.data);
    expect(await amr.cases.markTransferred(approval)).toMatchObject({ duplicate: true });
    expect(await health.cases.markTransferred(approval)).toBeNull(); // not health's case
    const replay = createCaseTransferredReaction({ serviceName: 'market-regulation-replay', store, cases: amr.cases, logger: pino({ level: 'silent' }) });
    await replay.start();
    await replay.stop();
    expect((await store.readStream(`case-${caseId}`)).length).toBe(events.length);

    // police declined; the agency goes on with the administrative case: evidence, penalty, close
    clock = '2026-04-20T10:00:00+08:00';
    await amr.cases.execute('recordEvidence', { caseId, kind: 'DOCUMENT', title: '不予立案通知书' }, { principal: amrOfficer });
    await amr.cases.execute(
      'decidePenalty',
      { caseId, decisionNumber: '乌市监罚〔2026〕9号', penalties: [{ kind: 'FINE', amountFen: 500_000 }], personsResponsible: [] },
      { principal: amrSupervisor },
    );
    const closed = await amr.cases.execute('closeCase', { caseId }, { principal: amrOfficer });
    expect(closed.state.status).toBe('CLOSED');
    await amr.projector.catchUp();
    // transferred to police: no 以罚代刑 warning although the facts meet a criminal threshold
    expect((await amr.queries.getCase(caseId))!.warnings).not.toContain('PENALTY_INSTEAD_OF_TRANSFER');
  });

  it('records a DISCIPLINARY transfer on the case without moving it', async () => {
    clock = '2026-05-01T09:00:00+08:00';
    const caseId = await filedCase(health, healthOfficer, healthSupervisor, ['ILLEGAL_MEDICAL_PRACTICE']);
    const proposed = await healthTransfers.transfers.execute(
      'proposeTransfer',
      {
        caseId,
        kind: 'DISCIPLINARY',
        toAgencyId: 'cdi-650000',
        reason: '监管人员涉嫌失职',
        materials: [
          { kind: 'CLUE_REPORT', title: '问题线索报告' },
          { kind: 'TRANSFER_LETTER', title: '移送函' },
        ],
        official: { name: '某某', post: '卫生监督员', employer: '某卫生监督所', allegations: ['DERELICTION'] },
      },
      { principal: healthOfficer },
    );
    await healthTransfers.transfers.execute('approveTransfer', { transferId: proposed.transferId }, { principal: healthSupervisor });
    await until('the case records the transfer', async () => ((await health.cases.caseAsOf(caseId))?.state as { transfers?: unknown[] }).transfers?.length === 1);
    expect((await health.cases.caseAsOf(caseId))!.state).toMatchObject({
      status: 'FILED',
      transfers: [{ transferId: proposed.transferId, kind: 'DISCIPLINARY', toAgencyId: 'cdi-650000' }],
    });
    const last = (await store.readStream(`case-${caseId}`)).at(-1)!;
    expect(last.metadata.actor).toMatchObject({ userId: 'system:health', agencyId: 'health-650000' });
  });
});
