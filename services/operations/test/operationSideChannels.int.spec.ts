import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar, demoDirectory, integrationEventSchemas } from '@xianjie/contracts';
import { createAccessRules, createTokenVerifier, findDemoUser, mintDevToken } from '@xianjie/auth';
import type { Principal } from '@xianjie/auth';
import { createEventStore } from '@xianjie/event-store';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry } from '@xianjie/messaging';
import type { Bus } from '@xianjie/messaging';
import { createOperationsService } from '../src/index.ts';
import { createHttpOperationsClient } from '../src/client/index.ts';
import type { OperationsService } from '../src/index.ts';

/**
 * Side channels around the operation access rules (issue #12): refusals that name hidden targets
 * (hole 2), a replayed commandId of another agency (hole 6), and progress by region that places
 * an unannounced group's uninspected targets (hole 12).
 */
const demo = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const who = (userId: string, name: string, agencyId: string, role: 'officer' | 'supervisor'): Principal => ({ userId, name, agencyId, roles: [role] });

const leadHead = demo('u-amr-650000-supervisor');
const cityHead = demo('u-amr-650100-supervisor');
const overseer = demo('u-cdi-650000-overseer');
const policeOfficer = demo('u-police-650100-officer');
const office = who('u-sc-office', '田海峰', 'amr-650000', 'officer');
const g1Leader = who('u-sc-g1-leader', '刘洪亮', 'amr-650000', 'officer');
const g1Deputy = who('u-sc-g1-deputy', '谢丽娜', 'health-650000', 'officer');
const g2Leader = who('u-sc-g2-leader', '王忠', 'amr-650000', 'officer');
const g2Deputy = who('u-sc-g2-deputy', '周钢', 'amr-650000', 'officer');

const personOf = (p: Principal, title: string, phone?: string) => ({ name: p.name, agencyId: p.agencyId, title, userId: p.userId, ...(phone ? { phone } : {}) });
const creditCode = (region: string, n: number) => {
  const first17 = `12${region}MB${String(n).padStart(7, '0')}`;
  return `${first17}${creditCodeCheckChar(first17)}`;
};
const yili = { name: '伊犁州某医院制剂室', creditCode: creditCode('654000', 1), regionCode: '654000' };
const hidden = { name: '阿勒泰地区某医院制剂室', creditCode: creditCode('654300', 2) };
const urumqi = { name: '乌鲁木齐市某中医医院制剂室', creditCode: creditCode('650100', 3), regionCode: '650100' };
const nowhere = creditCode('650100', 9);
const bj = (local: string): string => `${local}:00+08:00`;

const plan = (commandId: string) => ({
  commandId,
  title: '全区医疗机构制剂室专项整治',
  legalBasis: ['《中华人民共和国药品管理法》'],
  participantAgencyIds: ['health-650000'],
  startsOn: '2025-04-20',
  endsOn: '2025-07-31',
  phases: [{ kind: 'SUPERVISORY_INSPECTION', startsOn: '2025-05-01', endsOn: '2025-05-31' }],
  focusItems: [{ title: '是否存在无证配制、无文号配制、文号过期配制的行为' }],
  leadingGroup: { leader: personOf(leadHead, '局长'), deputies: [], members: [personOf(office, '处长')] },
  office: { hostUnit: '药品生产监督管理处', director: personOf(office, '处长'), members: [] },
  duties: [{ unit: '药品生产监督管理处', agencyId: 'amr-650000', duty: '牵头负责监督检查' }],
  targets: [yili, urumqi],
});
const checklist = [{ itemId: 'F1', result: 'COMPLIANT' }];

describe('operation side channels (PGlite)', () => {
  let store: EventStore;
  let bus: Bus;
  let ops: OperationsService;
  let clock = bj('2025-04-15T10:00');

  /** An operation launched with G1 (unannounced: 伊犁, 阿勒泰) and G2 (announced: 乌鲁木齐); the hidden target of G1 in `hiddenRegion`. */
  const launched = async (key: string, hiddenRegion: string): Promise<string> => {
    clock = bj('2025-04-15T10:00');
    const { operationId } = await ops.operations.execute('planOperation', plan(key), { principal: leadHead });
    const run = (name: Parameters<OperationsService['operations']['execute']>[0], input: Record<string, unknown>, principal: Principal) =>
      ops.operations.execute(name, { operationId, ...input }, { principal });
    const group = { phaseId: 'P1', regions: ['654000', '654300'] };
    await run('formInspectionGroup', { ...group, name: '第一检查组', leader: personOf(g1Leader, '副局长'), deputy: personOf(g1Deputy, '中药师', '13800000001') }, office);
    await run('formInspectionGroup', { ...group, name: '第二检查组', regions: ['650100'], unannounced: false, leader: personOf(g2Leader, '副局长'), deputy: personOf(g2Deputy, '主任科员', '13800000002') }, office);
    await run('assignTargets', { groupId: 'G1', targets: [yili, { ...hidden, regionCode: hiddenRegion }] }, office);
    await run('assignTargets', { groupId: 'G2', targets: [urumqi] }, office);
    clock = bj('2025-04-30T10:00');
    await run('launchOperation', {}, leadHead);
    clock = bj('2025-05-06T18:00');
    await run('recordInspection', { groupId: 'G1', targetCreditCode: yili.creditCode, inspectedAt: bj('2025-05-06T09:30'), checklist }, g1Deputy);
    return operationId;
  };

  let operationId = '';
  let twinId = '';

  beforeAll(async () => {
    const created = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient };
    store = created.store;
    const logger = pino({ level: 'silent' });
    bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger });
    ops = await createOperationsService({
      store,
      sql: created.sql,
      bus,
      directory: demoDirectory,
      rules: createAccessRules((id) => demoDirectory.get(id)),
      logger,
      now: () => clock,
      schema: 'operations_side_channels',
    });
    await ops.start();
    operationId = await launched('sc-plan-654300', '654300');
    twinId = await launched('sc-plan-654000', '654000');
  });
  afterAll(async () => {
    await ops?.stop();
    await bus?.close();
    await store?.close();
  });

  const refusal = async (attempt: Promise<unknown>) => {
    const error = (await attempt.then(
      () => null,
      (e: unknown) => e,
    )) as { code: string; message: string; details: Record<string, unknown> } | null;
    expect(error).not.toBeNull();
    return error!;
  };
  /** What a caller receives of a refusal (code, message, details), with the id or code it sent replaced. */
  const wire = (error: { code: string; message: string; details: Record<string, unknown> }, sent: string) =>
    JSON.stringify({ code: error.code, message: error.message, ...error.details }).replaceAll(sent, '<sent>');

  it('recordInspection of another group’s hidden target by a group member names neither the target nor its group, as for an unknown one (hole 2)', async () => {
    const attempt = (code: string) =>
      ops.operations.execute('recordInspection', { operationId, groupId: 'G2', targetCreditCode: code, checklist }, { principal: g2Deputy });
    const hiddenOne = await refusal(attempt(hidden.creditCode));
    const unknownOne = await refusal(attempt(nowhere));
    expect(hiddenOne.code).toBe('BAD_USER_INPUT');
    expect(hiddenOne.message).not.toContain(hidden.name);
    expect(hiddenOne.message).not.toContain('第一检查组');
    expect(hiddenOne.message).not.toContain('G1');
    expect(wire(hiddenOne, hidden.creditCode)).toBe(wire(unknownOne, nowhere));
    // A target the member may see (inspected, so revealed) is refused with the clear message.
    const visible = await refusal(attempt(yili.creditCode));
    expect(visible.message).toContain(yili.name);
    expect(visible.message).toContain('第一检查组');
  });

  it('assignTargets of a target hidden in another group does not name it or its group to the lead agency’s head (hole 2)', async () => {
    const attempt = (p: Principal) =>
      ops.operations.execute('assignTargets', { operationId, groupId: 'G2', targets: [{ ...hidden, regionCode: '650100' }] }, { principal: p });
    const told = await refusal(attempt(leadHead));
    expect(told.code).toBe('BAD_USER_INPUT');
    expect(told.message).not.toContain(hidden.name);
    expect(told.message).not.toContain('第一检查组');
    // the office sees the plan of every group: it is told which group has it
    expect((await refusal(attempt(office))).message).toContain('第一检查组');
  });

  it('assignTargets with a planned day outside an unannounced group’s work does not tell the lead agency’s head the group’s period (hole 2)', async () => {
    const late = { name: '新增对象', creditCode: creditCode('654000', 5), regionCode: '654000', plannedOn: '2025-06-15' };
    const attempt = (p: Principal) => ops.operations.execute('assignTargets', { operationId, groupId: 'G1', targets: [late] }, { principal: p });
    const told = await refusal(attempt(leadHead));
    expect(told.code).toBe('BAD_USER_INPUT');
    expect(told.message).not.toContain('2025-05-01');
    expect(told.message).not.toContain('2025-05-31');
    // the office sees the group's schedule: it is told the period
    expect((await refusal(attempt(office))).message).toContain('2025-05-01–2025-05-31');
  });

  it('an outsider’s command or query on an operation is refused exactly as on an unknown id: NOT_FOUND, nothing named (hole 2)', async () => {
    const unknownId = '00000000-0000-4000-8000-000000000000';
    const same = async (run: (id: string) => Promise<unknown>) => {
      const real = await refusal(run(operationId));
      const none = await refusal(run(unknownId));
      expect(real.code).toBe('NOT_FOUND');
      expect(real.message).not.toContain('amr-650000');
      expect(wire(real, operationId)).toBe(wire(none, unknownId));
    };
    await same((id) => ops.queries.operation(policeOfficer, id));
    await same((id) => ops.queries.progress(policeOfficer, id));
    await same((id) => ops.queries.targets(policeOfficer, id));
    await same((id) => ops.operations.execute('recordInspection', { operationId: id, groupId: 'G1', targetCreditCode: hidden.creditCode, checklist }, { principal: policeOfficer }));
    await same((id) => ops.operations.execute('closeOperation', { operationId: id }, { principal: cityHead }));
  });

  it('replaying another agency’s planOperation commandId plans the caller’s own operation, and tells nothing of the other (hole 6)', async () => {
    clock = bj('2025-04-16T10:00');
    const mine = { ...plan('sc-plan-654300'), participantAgencyIds: ['amr-650000', 'health-650000'], leadingGroup: { leader: personOf(cityHead, '局长'), deputies: [], members: [] } };
    const replayed = await ops.operations.execute('planOperation', mine, { principal: cityHead });
    expect(replayed.duplicate).toBe(false);
    expect(replayed.operationId).not.toBe(operationId);
    expect(replayed.view).toMatchObject({ leadAgencyId: 'amr-650100', version: 1 });
  });

  it('over HTTP: a replayed planOperation commandId of another agency plans the caller’s own; an outsider’s recordInspection is a 404 like an unknown id (holes 2, 6)', async () => {
    const secret = 'operations-side-channels-secret-at-least-32-bytes';
    const app = express();
    app.use(ops.router(createTokenVerifier({ mode: 'dev', secret })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const post = async (name: string, body: unknown, p: Principal) =>
      fetch(`${url}/operation-commands/${name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintDevToken({ secret, ...p, roles: [...p.roles] })}` },
        body: JSON.stringify(body),
      });
    try {
      clock = bj('2025-04-16T10:00');
      const mine = { ...plan('sc-plan-654000'), participantAgencyIds: ['amr-650000', 'health-650000'], leadingGroup: { leader: personOf(cityHead, '局长'), deputies: [], members: [] } };
      const replayed = await post('planOperation', mine, cityHead);
      expect(replayed.status).toBe(201);
      const body = (await replayed.json()) as { operationId: string; duplicate: boolean; operation: { leadAgencyId: string } };
      expect(body).toMatchObject({ duplicate: false, operation: { leadAgencyId: 'amr-650100' } });
      expect(body.operationId).not.toBe(twinId);

      const unknownId = '00000000-0000-4000-8000-000000000000';
      const record = (id: string) => post('recordInspection', { operationId: id, groupId: 'G1', targetCreditCode: hidden.creditCode, checklist }, policeOfficer);
      const real = await record(twinId);
      const none = await record(unknownId);
      expect(real.status).toBe(404);
      expect((await real.text()).replaceAll(twinId, '<id>')).toBe((await none.text()).replaceAll(unknownId, '<id>'));
    } finally {
      server.close();
    }
  });

  it('progress by region is the same for an outsider whichever region the hidden target is in; the group sees where it is (hole 12)', async () => {
    const without = (p: Awaited<ReturnType<OperationsService['queries']['progress']>>) => ({ ...p, operationId: '<id>' });
    const asOf = bj('2025-05-07T10:00');
    for (const reader of [g2Deputy, leadHead, overseer]) {
      const a = await ops.queries.progress(reader, operationId, asOf);
      const b = await ops.queries.progress(reader, twinId, asOf);
      expect(without(a)).toEqual(without(b));
      expect(a.byRegion).toEqual([
        { regionCode: '650100', assigned: 1, inspected: 0, coverage: 0 },
        { regionCode: '654000', assigned: 1, inspected: 1, coverage: 1 },
      ]);
      // counted, never placed
      expect(a.targets).toEqual({ assigned: 3, inspected: 1, coverage: 1 / 3 });
    }
    // G1's own members (and the office) see it in its region
    expect((await ops.queries.progress(g1Deputy, operationId, asOf)).byRegion.map((r) => r.regionCode)).toEqual(['650100', '654000', '654300']);
    expect((await ops.queries.progress(office, twinId, asOf)).byRegion.find((r) => r.regionCode === '654000')).toMatchObject({ assigned: 2 });
  });
  it('over HTTP: the commission’s supervisor reads the result report (not the operation), the commission acknowledges it; outsiders get 404', async () => {
    const secret = 'operations-side-channels-secret-at-least-32-bytes';
    const app = express();
    app.use(ops.router(createTokenVerifier({ mode: 'dev', secret })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    const client = createHttpOperationsClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const auth = async (p: Principal) => ({ principal: p, token: await mintDevToken({ secret, ...p, roles: [...p.roles] }), correlationId: 'c-result' });
    const cdiHead = demo('u-cdi-650000-supervisor');
    try {
      clock = bj('2025-07-20T10:00');
      await ops.operations.execute('reportResult', { operationId: twinId, summary: '检查医疗机构制剂室1家，未发现问题' }, { principal: leadHead });
      await expect(client.operation(twinId, undefined, await auth(cdiHead))).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await client.result(twinId, await auth(cdiHead))).toMatchObject({
        operationId: twinId,
        status: 'REPORTED',
        resultRecipientAgencyId: 'cdi-650000',
        report: { toAgencyId: 'cdi-650000', acknowledgement: null, evaluation: null, figures: { selfInspectionsReported: 0 } },
      });
      await ops.projector.catchUp();
      expect((await client.results({ status: ['REPORTED'] }, await auth(cdiHead))).map((r) => r.operationId)).toEqual([twinId]);
      expect(await client.results({}, await auth(policeOfficer))).toEqual([]);
      await expect(client.result(twinId, await auth(policeOfficer))).rejects.toMatchObject({ code: 'NOT_FOUND' });

      clock = bj('2025-07-22T10:00');
      const acknowledged = await client.execute('acknowledgeOperationReport', { operationId: twinId, note: '已收悉' }, await auth(cdiHead));
      // the supervisor gets the report back, not the operation it may not read
      expect(acknowledged.operation).toBeNull();
      expect(acknowledged.result.report!.acknowledgement).toEqual({
        agencyId: 'cdi-650000',
        by: { userId: cdiHead.userId, name: cdiHead.name },
        note: '已收悉',
        acknowledgedAt: bj('2025-07-22T10:00'),
      });
      await expect(
        client.execute('evaluateOperationReport', { operationId: twinId, grade: 'GOOD', evaluation: '评估' }, await auth(overseer)),
      ).rejects.toMatchObject({ code: 'FORBIDDEN' });
      await expect(
        client.execute('acknowledgeOperationReport', { operationId: twinId }, await auth(policeOfficer)),
      ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    } finally {
      server.close();
    }
  });
});
