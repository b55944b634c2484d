import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory, randomSubjectRefOf, type RecordPersonalDataReadInput } from '@xianjie/contracts';
import {
  createAccessRules,
  createTokenVerifier,
  findDemoUser,
  mintDevToken,
  type PersonalDataReadRecorder,
  type Principal,
  type ReaderAuth,
} from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createAdministrativeAgencyService, type AdministrativeAgencyService } from '../src/index.ts';
import { createHttpCaseClient, createInProcessCaseClient, type CaseClient } from '../src/client/index.ts';

/**
 * One contract for both adapters of the case client (in-process and HTTP): the same commands,
 * the same reads, the same access checks, the same masking and the same 查询留痕 (recorded by the
 * owning service through its port to the commission), so the gateway — or anyone calling the
 * service's HTTP API directly — sees the same answers in both modes.
 */
const SECRET = 'test-secret-for-the-case-client-contract-suite';
const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const officer = principal('u-amr-650100-officer');
const otherCityOfficer: Principal = { userId: 'u-amr-650200-officer', name: '克拉玛依执法人员', agencyId: 'amr-650200', roles: ['officer'] };
const policeOfficer = principal('u-police-650100-officer');
const overseer = principal('u-cdi-650000-overseer');
const supervisor = principal('u-amr-650100-supervisor');
const person = { kind: 'PERSON', name: '张某某', idNumber: '650102199001011239' };
const pharmacy = { kind: 'ORGANIZATION', name: '乌鲁木齐安泰大药房有限公司', creditCode: '91650102MA7XJ0012E' };
const responsible = { name: '李某', role: '法定代表人', idNumber: '650102198503122719' };

/** The commission's 查询留痕 as the service's port sees it: what was recorded, and whether it can record now. */
const recorded: { input: RecordPersonalDataReadInput; reader: ReaderAuth }[] = [];
let commissionDown = false;
const recordReads: PersonalDataReadRecorder = async (input, reader) => {
  if (commissionDown) throw new Error('connect ECONNREFUSED (the commission’s service is down)');
  recorded.push({ input, reader });
};
const subjectRefOf = randomSubjectRefOf();
let store: EventStore;
let sql: SqlClient;
let service: AdministrativeAgencyService;
let url: string;
let close: () => void;

beforeAll(async () => {
  ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
  service = await createAdministrativeAgencyService(
    { serviceName: 'market-regulation', agencyKind: 'MARKET_REGULATION' },
    {
      store,
      sql,
      schema: 'market_regulation',
      directory: demoDirectory,
      rules: createAccessRules((id) => demoDirectory.get(id)),
      logger: pino({ level: 'silent' }),
      subjectRefOf,
      recordReads,
    },
  );
  await service.start();
  const app = express();
  app.use(service.router(createTokenVerifier({ mode: 'dev', secret: SECRET })));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(async () => {
  close();
  await service.stop();
  await store.close();
});

const adapters: [string, () => CaseClient][] = [
  ['in-process', () => createInProcessCaseClient(service)],
  ['HTTP', () => createHttpCaseClient(url)],
];

describe.each(adapters)('case client contract: %s', (_name, clientOf) => {
  const auth = async (who: Principal) => ({ principal: who, token: await mintDevToken({ secret: SECRET, ...who }), correlationId: 'contract' });
  let caseId: string;

  beforeAll(async () => {
    const client = clientOf();
    const registered = await client.execute(
      'registerCase',
      { subject: person, source: 'COMPLAINT', summary: '无证经营药品', violations: ['UNLICENSED_DRUG_TRADE'] },
      await auth(officer),
    );
    caseId = registered.caseId;
    expect(registered.state).toMatchObject({ status: 'CLUE_REGISTERED', agencyId: 'amr-650100' });
    await service.caseModule.projector.catchUp();
  });

  it('reads the case to its own agency, with its version', async () => {
    const found = await clientOf().caseAsOf(caseId, undefined, await auth(officer));
    expect(found).toMatchObject({ caseId, version: 1, state: { status: 'CLUE_REGISTERED' } });
  });

  it('reads it to an overseer of the region, the ID number masked and the read recorded once first (issue #12 hole 5)', async () => {
    recorded.length = 0;
    // The attack: an overseer calls the owning service's API directly (no gateway in between).
    const found = await clientOf().caseAsOf(caseId, undefined, await auth(overseer));
    expect(found).toMatchObject({ caseId, state: { subject: { idNumber: '6****************9' } } });
    expect(JSON.stringify(found)).not.toContain(person.idNumber);
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.input).toEqual({
      field: 'case',
      items: [{ caseId, caseAgencyId: 'amr-650100', subjectRef: subjectRefOf({ kind: 'PERSON', idNumber: person.idNumber }) }],
    });
    expect(recorded[0]!.reader).toMatchObject({ principal: { userId: overseer.userId }, token: expect.any(String) });
  });

  it('lists to an overseer masked, the page’s person cases recorded once', async () => {
    recorded.length = 0;
    const page = await clientOf().listCases({ agencyIds: ['amr-650100'] }, 50, null, await auth(overseer));
    const row = page.rows.find((r) => r.id === caseId)!;
    expect(row.idNumber).toBe('6****************9');
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.input.field).toBe('cases');
    expect(recorded[0]!.input.items.map((i) => i.caseId)).toContain(caseId);
  });

  it('refuses an overseer’s read that cannot be recorded (SERVICE_UNAVAILABLE), serving nothing', async () => {
    commissionDown = true;
    try {
      await expect(clientOf().caseAsOf(caseId, undefined, await auth(overseer))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
      await expect(clientOf().listCases({}, 50, null, await auth(overseer))).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    } finally {
      commissionDown = false;
    }
  });

  it('shows the number to its own agency’s supervisor handling it, masked to an officer, and records neither', async () => {
    recorded.length = 0;
    expect(await clientOf().caseAsOf(caseId, undefined, await auth(supervisor))).toMatchObject({ state: { subject: { idNumber: person.idNumber } } });
    expect(await clientOf().caseAsOf(caseId, undefined, await auth(officer))).toMatchObject({ state: { subject: { idNumber: '6****************9' } } });
    expect(recorded).toEqual([]);
  });

  it('records an overseer’s read of an organisation’s case whose penalty names persons (处罚到人, issue #12 hole 8)', async () => {
    const client = clientOf();
    const { caseId: orgCase } = await client.execute(
      'registerCase',
      { subject: pharmacy, source: 'COMPLAINT', summary: '销售假药', violations: ['UNLICENSED_DRUG_TRADE'] },
      await auth(officer),
    );
    recorded.length = 0;
    await client.caseAsOf(orgCase, undefined, await auth(overseer));
    expect(recorded).toEqual([]); // an organisation's data is not personal data
    await client.execute('fileCase', { caseId: orgCase }, await auth(supervisor));
    await client.execute('recordEvidence', { caseId: orgCase, kind: 'DOCUMENT', title: '购销记录' }, await auth(officer));
    await client.execute(
      'decidePenalty',
      { caseId: orgCase, decisionNumber: `罚-${orgCase}`, penalties: [{ kind: 'WARNING' }], personsResponsible: [responsible] },
      await auth(supervisor),
    );
    const found = await client.caseAsOf(orgCase, undefined, await auth(overseer));
    expect(found?.state).toMatchObject({ penalty: { personsResponsible: [{ name: '李某', idNumber: '6****************9' }] } });
    expect(recorded.map((r) => r.input.items.map((i) => i.caseId))).toEqual([[orgCase]]);
  });

  it('serves a case stream’s audit trail to an overseer masked, without hashes, and recorded (issue #12 holes 1, 5)', async () => {
    recorded.length = 0;
    const who = await auth(overseer);
    const trail = await service.auditTrails.read(who, `case-${caseId}`);
    expect(trail?.events[0]).toMatchObject({ type: 'CaseRegistered', hash: null, prevHash: null });
    expect(JSON.stringify(trail)).not.toContain(person.idNumber);
    expect(trail?.verification).toMatchObject({ valid: true });
    expect(recorded.map((r) => r.input.field)).toEqual(['auditTrail']);
    // Over HTTP the same: the route is the owning service's.
    const res = await fetch(`${url}/audit-trails/case-${caseId}`, { headers: { authorization: `Bearer ${who.token}` } });
    const body = (await res.json()) as { events: { hash: string | null }[] };
    expect(body.events.every((e) => e.hash === null)).toBe(true);
    expect(recorded).toHaveLength(2);
  });

  it('does not show it to another agency (not found, as a case that does not exist)', async () => {
    expect(await clientOf().caseAsOf(caseId, undefined, await auth(otherCityOfficer))).toBeNull();
    expect(await clientOf().caseAsOf(caseId, undefined, await auth(policeOfficer))).toBeNull();
    expect(await clientOf().caseAsOf('00000000-0000-4000-8000-000000000000', undefined, await auth(officer))).toBeNull();
  });

  it('lists it to its agency and not to another, whatever agencies the filter names', async () => {
    const own = await clientOf().listCases({}, 50, null, await auth(officer));
    expect(own.rows.map((r) => r.id)).toContain(caseId);
    const other = await clientOf().listCases({ agencyIds: ['amr-650100'] }, 50, null, await auth(otherCityOfficer));
    expect(other.rows.map((r) => r.id)).not.toContain(caseId);
  });

  it('refuses a command by another agency with the same error kind', async () => {
    await expect(clientOf().execute('fileCase', { caseId }, await auth(otherCityOfficer))).rejects.toMatchObject({ code: expect.stringMatching(/^(NOT_FOUND|FORBIDDEN)$/) });
  });

  it('names the field of bad input (BAD_USER_INPUT) and appends nothing', async () => {
    const before = await store.streamVersion(`case-${caseId}`);
    await expect(clientOf().execute('recordEvidence', { caseId, kind: 'NOT_A_KIND', title: '' }, await auth(officer))).rejects.toMatchObject({
      code: 'BAD_USER_INPUT',
    });
    expect(await store.streamVersion(`case-${caseId}`)).toBe(before);
  });
});
