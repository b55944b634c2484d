import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory } from '@xianjie/contracts';
import { createAccessRules, createTokenVerifier, findDemoUser, mintDevToken, type Principal } from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createAdministrativeAgencyService, type AdministrativeAgencyService } from '../src/index.ts';
import { createHttpCaseClient, createInProcessCaseClient, type CaseClient } from '../src/client/index.ts';

/**
 * One contract for both adapters of the case client (in-process and HTTP): the same commands,
 * the same reads and the same access checks, so the gateway sees the same answers in both modes.
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
const person = { kind: 'PERSON', name: '张某某', idNumber: '650102199001011239' };

let store: EventStore;
let sql: SqlClient;
let service: AdministrativeAgencyService;
let url: string;
let close: () => void;

beforeAll(async () => {
  ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
  service = await createAdministrativeAgencyService(
    { serviceName: 'market-regulation', agencyKind: 'MARKET_REGULATION' },
    { store, sql, schema: 'market_regulation', directory: demoDirectory, rules: createAccessRules((id) => demoDirectory.get(id)), logger: pino({ level: 'silent' }) },
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

  it('reads it to an overseer of the region', async () => {
    expect(await clientOf().caseAsOf(caseId, undefined, await auth(overseer))).toMatchObject({ caseId });
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
