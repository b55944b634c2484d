import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory, integrationEventSchemas, integrationTopic, randomSubjectRefOf } from '@xianjie/contracts';
import { createAccessRules, createTokenVerifier, findDemoUser, mintDevToken, type Principal } from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry, type Bus, type IntegrationMessage } from '@xianjie/messaging';
import { createDisciplineInspectionService, type DisciplineInspectionService } from '../src/index.ts';
import { createInProcessOversightClient } from '../src/client/index.ts';

// The bus carries keyed references; a test's own key stands in for the platform's.
const subjectRef = randomSubjectRefOf();

const SECRET = 'test-secret-of-at-least-32-bytes-long!!';
const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const citySupervisor = principal('u-cdi-650100-supervisor');
const cityOverseer = principal('u-cdi-650100-overseer');
const provinceSupervisor = principal('u-cdi-650000-supervisor');
const provinceOverseer = principal('u-cdi-650000-overseer');
const amrOfficer = principal('u-amr-650100-officer');
const healthOfficer = principal('u-health-650100-officer');

const subject = { kind: 'ORGANIZATION' as const, name: '乌鲁木齐某某大药房有限公司', creditCode: '91650102MA79B1NX4U', idNumber: null };
const message = (caseId: string, version: number, type: string, data: unknown, time: string): IntegrationMessage => ({
  id: `case-${caseId}:${version}:0`,
  source: '/xianjie/market-regulation',
  type,
  specversion: '1.0',
  time,
  subject: `case-${caseId}`,
  datacontenttype: 'application/json',
  data,
  partitionKey: caseId,
});
const registered = (caseId: string, agencyId: string) =>
  message(caseId, 1, 'xianjie.case.registered.v1', {
    caseId, number: `N-${caseId}`, agencyId, source: 'COMPLAINT', summary: '群众举报销售假药', violations: ['COUNTERFEIT_DRUG'],
    amountInvolvedFen: 120_000, registeredAt: '2025-05-01T02:00:00.000Z',
    subject: { kind: 'ORGANIZATION', name: subject.name, creditCode: subject.creditCode, idNumberMasked: null, subjectRef: subjectRef(subject) },
  }, '2025-05-01T02:00:00.000Z');
const closed = (caseId: string, closedAt: string) =>
  message(caseId, 2, 'xianjie.case.closed.v1', { caseId, reason: null, closedAt }, closedAt);

/** 挂牌督办 on the commission's service: PGlite, the memory bus, a fixed clock. */
describe('discipline inspection: 挂牌督办 (listed supervision)', () => {
  let store: EventStore;
  let sql: SqlClient;
  let bus: Bus;
  let service: DisciplineInspectionService;
  let url: string;
  let close: () => void;
  let clock = '2025-05-06T10:00:00+08:00';
  const topic = integrationTopic('case');

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger: pino({ level: 'silent' }) });
    service = await createDisciplineInspectionService({
      store,
      sql,
      bus,
      directory: demoDirectory,
      rules: createAccessRules((id) => demoDirectory.get(id)),
      logger: pino({ level: 'silent' }),
      now: () => clock,
    });
    await service.start();
    const app = express();
    app.use(service.router(createTokenVerifier({ mode: 'dev', secret: SECRET })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((r) => server.once('listening', () => r()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    close = () => server.close();
    // Cases of the city (乌鲁木齐), of a sibling city (克拉玛依) and of the region, as the agencies publish them.
    await bus.publish(topic, [registered('k1', 'amr-650100'), registered('k2', 'amr-650100'), registered('far', 'amr-650200'), registered('r1', 'amr-650000')]);
    await until(async () => (await service.supervision.caseFacts('r1')) !== null && (await service.supervision.caseFacts('far')) !== null);
  });
  afterAll(async () => {
    close?.();
    await service?.stop();
    await bus?.close();
    await store?.close();
  });

  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
    expect(await check()).toBe(true);
  };
  const refusal = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      return error as Error & { code?: string };
    }
    throw new Error('expected a refusal');
  };
  const supervise = (who: Principal, input: Record<string, unknown>) =>
    service.supervision.execute('superviseCase', { dueDate: '2025-06-30', reason: '群众多次举报，社会影响大', ...input }, { principal: who });
  const listed = (who: Principal, asOf: string) => service.supervision.list(who, asOf);

  it('lists a case of its city for supervision: one hash-chained event with the actor, due at 24:00 Beijing time', async () => {
    const result = await supervise(citySupervisor, { caseId: 'k1', requirements: '依法从严查处', commandId: 'sup-k1' });
    expect(result).toMatchObject({ version: 1, duplicate: false });
    expect(result.item).toEqual({
      caseId: 'k1',
      streamId: 'supervision-k1',
      caseNumber: 'N-k1',
      caseAgencyId: 'amr-650100',
      caseStatus: 'CLUE_REGISTERED',
      commissionId: 'cdi-650100',
      reason: '群众多次举报，社会影响大',
      requirements: '依法从严查处',
      dueDate: '2025-06-30',
      dueAt: '2025-06-30T16:00:00.000Z',
      supervisedAt: '2025-05-06T02:00:00.000Z',
      overdue: false,
      closedAt: null,
      liftedAt: null,
      liftReason: null,
      version: 1,
    });
    const events = await store.readStream('supervision-k1');
    expect(events.map((e) => [e.type, e.metadata.actor.userId, e.metadata.commandId])).toEqual([['CaseSupervised', citySupervisor.userId, 'sup-k1']]);
    expect(await store.verify('supervision-k1')).toMatchObject({ valid: true, checked: 1, brokenAt: null });
  });

  it('a retry with the same commandId answers as the first time and appends nothing', async () => {
    const again = await supervise(citySupervisor, { caseId: 'k1', requirements: '依法从严查处', commandId: 'sup-k1' });
    expect(again).toMatchObject({ version: 1, duplicate: true });
    expect(again.item.commissionId).toBe('cdi-650100');
    expect(await store.streamVersion('supervision-k1')).toBe(1);
  });

  it('refuses a second supervision of the same case, saying by whom and until when, and appends nothing', async () => {
    const error = await refusal(() => supervise(provinceSupervisor, { caseId: 'k1' }));
    expect(error.code).toBe('INVALID_TRANSITION');
    expect(error.message).toMatch(/already under supervision \(挂牌督办\) by cdi-650100 .* due 2025-06-30/);
    expect(await store.streamVersion('supervision-k1')).toBe(1);
  });

  it('reports a case outside the region, or unknown, as not found; non-heads as forbidden', async () => {
    expect((await refusal(() => supervise(citySupervisor, { caseId: 'far' }))).code).toBe('NOT_FOUND');
    expect((await refusal(() => supervise(citySupervisor, { caseId: 'r1' }))).code).toBe('NOT_FOUND');
    expect((await refusal(() => supervise(citySupervisor, { caseId: 'never-registered' }))).code).toBe('NOT_FOUND');
    expect((await refusal(() => supervise(cityOverseer, { caseId: 'k2' }))).code).toBe('FORBIDDEN');
    expect((await refusal(() => supervise(amrOfficer, { caseId: 'k2' }))).code).toBe('FORBIDDEN');
    // bad input names the field, before anything is looked up
    const bad = await refusal(() => supervise(citySupervisor, { caseId: 'k2', dueDate: '2025-05-05' }));
    expect(bad).toMatchObject({ code: 'BAD_USER_INPUT', issues: [{ path: 'dueDate' }] });
    for (const id of ['far', 'r1', 'never-registered', 'k2']) expect(await store.streamVersion(`supervision-${id}`)).toBe(0);
  });

  it('lists the supervised cases of the region to its overseers and supervisors, overdue flipping after the due time', async () => {
    await supervise(provinceSupervisor, { caseId: 'r1', dueDate: '2025-06-15', reason: '自治区纪委监委挂牌督办' });
    await until(async () => (await listed(provinceOverseer, clock)).length === 2);
    // earliest due first; the province sees its own and the city's
    expect((await listed(provinceOverseer, clock)).map((i) => [i.caseId, i.commissionId])).toEqual([
      ['r1', 'cdi-650000'],
      ['k1', 'cdi-650100'],
    ]);
    expect((await listed(cityOverseer, clock)).map((i) => i.caseId)).toEqual(['k1']);
    expect((await listed(citySupervisor, clock)).map((i) => i.caseId)).toEqual(['k1']);
    const overdueAt = async (asOf: string) => (await listed(cityOverseer, asOf)).find((i) => i.caseId === 'k1')!.overdue;
    expect(await overdueAt('2025-06-30T23:59:59+08:00')).toBe(false);
    expect(await overdueAt('2025-07-01T00:00:00+08:00')).toBe(false);
    expect(await overdueAt('2025-07-01T00:00:01+08:00')).toBe(true);
    expect((await refusal(() => listed(amrOfficer, clock))).code).toBe('FORBIDDEN');
  });

  it('shows the handling agency its own case’s supervision, and no other agency', async () => {
    expect(await service.supervision.ofCase(amrOfficer, 'k1', clock)).toMatchObject({ caseId: 'k1', dueDate: '2025-06-30', commissionId: 'cdi-650100' });
    expect(await service.supervision.ofCase(healthOfficer, 'k1', clock)).toBeNull();
    expect(await service.supervision.ofCase(amrOfficer, 'k2', clock)).toBeNull();
  });

  it('a case closed before its due time is not overdue, and shows when it closed', async () => {
    await bus.publish(topic, [closed('k1', '2025-06-20T02:00:00.000Z')]);
    await until(async () => (await service.supervision.caseFacts('k1'))?.status === 'CLOSED');
    const [item] = await listed(cityOverseer, '2025-08-01T00:00:00+08:00');
    expect(item).toMatchObject({ caseId: 'k1', caseStatus: 'CLOSED', closedAt: '2025-06-20T02:00:00.000Z', overdue: false });
  });

  it('解除督办: only the supervising commission or one above it lifts; a closed case is not listed again', async () => {
    clock = '2025-06-21T10:00:00+08:00';
    const lift = (who: Principal, caseId: string) =>
      service.supervision.execute('liftCaseSupervision', { caseId, reason: '已依法办结' }, { principal: who });
    // r1 is a case of the region's agency: outside the city commission's region, so not found
    expect((await refusal(() => lift(citySupervisor, 'r1'))).code).toBe('NOT_FOUND');
    expect((await refusal(() => lift(cityOverseer, 'k1'))).code).toBe('FORBIDDEN');
    expect((await refusal(() => lift(citySupervisor, 'k2'))).code).toBe('INVALID_TRANSITION');
    const lifted = await lift(provinceSupervisor, 'k1');
    expect(lifted.item).toMatchObject({ liftedAt: '2025-06-21T02:00:00.000Z', liftReason: '已依法办结', version: 2 });
    await until(async () => !(await listed(provinceOverseer, clock)).some((i) => i.caseId === 'k1'));
    expect(await service.supervision.ofCase(amrOfficer, 'k1', clock)).toBeNull();
    expect((await refusal(() => lift(provinceSupervisor, 'k1'))).code).toBe('INVALID_TRANSITION');
    // k1 is closed by now: nothing left to supervise
    expect((await refusal(() => supervise(citySupervisor, { caseId: 'k1', dueDate: '2025-07-31' }))).message).toMatch(/is closed \(已结案\)/);
    expect(await store.verify('supervision-k1')).toMatchObject({ valid: true, checked: 2 });
  });

  it("another commission reusing a commandId of this one's supervision on its own case supervises that case, not a 'duplicate' of ours (HTTP)", async () => {
    // 'sup-k1' is cdi-650100's supervision of k1; the region's commission sends the same commandId for a case of another city.
    const sibling = provinceSupervisor;
    const ours = await store.streamVersion('supervision-k1');
    const res = await fetch(`${url}/supervision-commands/superviseCase`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintDevToken({ secret: SECRET, ...sibling })}` },
      body: JSON.stringify({ caseId: 'far', dueDate: '2025-07-20', reason: '群众举报', commandId: 'sup-k1' }),
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ duplicate: false, version: 1 });
    expect(JSON.stringify(body)).not.toContain('k1');
    expect(await store.streamVersion('supervision-far')).toBe(1);
    expect(await store.streamVersion('supervision-k1')).toBe(ours);
  });

  it('serves the same over HTTP (distributed mode), errors in their wire form', async () => {
    const call = async (path: string, who: Principal, body?: unknown) => {
      const res = await fetch(`${url}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await mintDevToken({ secret: SECRET, ...who })}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, json: (await res.json()) as Record<string, unknown> };
    };
    const created = await call('/supervision-commands/superviseCase', citySupervisor, { caseId: 'k2', dueDate: '2025-07-10', reason: '久拖不决', commandId: 'http-k2' });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ version: 1, duplicate: false, events: ['CaseSupervised'], item: { caseId: 'k2', dueAt: '2025-07-10T16:00:00.000Z' } });
    const retried = await call('/supervision-commands/superviseCase', citySupervisor, { caseId: 'k2', dueDate: '2025-07-10', reason: '久拖不决', commandId: 'http-k2' });
    expect(retried).toMatchObject({ status: 200, json: { duplicate: true, version: 1 } });
    const duplicate = await call('/supervision-commands/superviseCase', citySupervisor, { caseId: 'k2', dueDate: '2025-07-10', reason: '再次督办' });
    expect(duplicate).toMatchObject({ status: 422, json: { error: { code: 'INVALID_TRANSITION', command: 'superviseCase', state: 'SUPERVISED' } } });
    const forbidden = await call('/supervision-commands/superviseCase', amrOfficer, { caseId: 'k2', dueDate: '2025-07-10', reason: 'x' });
    expect(forbidden).toMatchObject({ status: 403, json: { error: { code: 'FORBIDDEN' } } });
    const bad = await call('/supervision-commands/superviseCase', citySupervisor, { caseId: 'k2', dueDate: 'soon', reason: 'x' });
    expect(bad).toMatchObject({ status: 400, json: { error: { code: 'BAD_USER_INPUT', field: 'dueDate' } } });
    await until(async () => ((await call('/oversight/supervised-cases?asOf=2025-07-11T00:00:01%2B08:00', cityOverseer)).json.items as unknown[]).length === 1);
    const list = await call('/oversight/supervised-cases?asOf=2025-07-11T00:00:01%2B08:00', cityOverseer);
    expect(list.json.items).toMatchObject([{ caseId: 'k2', overdue: true }]);
    expect((await call('/case-supervisions/k2', amrOfficer)).json).toMatchObject({ supervision: { caseId: 'k2', overdue: false } });
    expect((await call('/case-supervisions/k2', healthOfficer)).json).toEqual({ supervision: null });
    expect((await call('/oversight/supervised-cases', amrOfficer)).status).toBe(403);
  });

  it('takes occurredAt from a trusted in-process caller as the supervision time: metadata, supervisedAt and the due-date check', async () => {
    await bus.publish(topic, [registered('k3', 'amr-650100')]);
    await until(async () => (await service.supervision.caseFacts('k3')) !== null);
    clock = '2025-08-20T10:00:00+08:00';
    const twoDaysAgo = '2025-08-18T10:00:00+08:00';
    const client = createInProcessOversightClient(service);
    const input = { caseId: 'k3', dueDate: '2025-08-19', reason: '补录两天前的挂牌督办', commandId: 'sup-k3' };
    const auth = { principal: citySupervisor, token: null, correlationId: 'import-sup' };
    // Told now, a due date of yesterday is in the past; told two days ago, it is the next day.
    expect(await refusal(() => client.executeSupervision('superviseCase', input, auth))).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [expect.objectContaining({ path: 'dueDate' })],
    });
    const told = await client.executeSupervision('superviseCase', input, { ...auth, occurredAt: twoDaysAgo });
    expect(told.item).toMatchObject({ supervisedAt: '2025-08-18T02:00:00.000Z', dueDate: '2025-08-19', overdue: false });
    const [event] = await store.readStream('supervision-k3');
    expect(event!.metadata.occurredAt).toBe(twoDaysAgo);
    expect(event!.data).toMatchObject({ supervisedAt: twoDaysAgo });
    // As of now it is overdue (due 24:00 yesterday).
    await until(async () => (await service.supervision.ofCase(cityOverseer, 'k3')) !== null);
    expect(await service.supervision.ofCase(cityOverseer, 'k3')).toMatchObject({ overdue: true });
    // Never after now.
    const lift = { caseId: 'k3', reason: '已查处' };
    expect(await refusal(() => client.executeSupervision('liftCaseSupervision', lift, { ...auth, occurredAt: '2025-08-20T10:00:01+08:00' }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      issues: [expect.objectContaining({ path: 'occurredAt' })],
    });
    expect(await store.readStream('supervision-k3')).toHaveLength(1);
  });
});
