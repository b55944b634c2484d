import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory, integrationEventSchemas, randomSubjectRefOf } from '@xianjie/contracts';
import {
  createAccessRules,
  createTokenVerifier,
  findDemoUser,
  mintDevToken,
  type Principal,
} from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry, type Bus } from '@xianjie/messaging';
import { serviceSignatureHeader, serviceSignatureOf, serviceTimestampHeader } from '@xianjie/http/client';
import { createDisciplineInspectionService, type DisciplineInspectionService } from '../src/index.ts';

// The bus carries keyed references; a test's own key stands in for the platform's.
const subjectRef = randomSubjectRefOf();

const SECRET = 'test-secret-of-at-least-32-bytes-long!!';
const SERVICE_KEY = 'test-service-key-of-at-least-32-bytes!!';
const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const provinceOverseer = principal('u-cdi-650000-overseer');
const cityOverseer = principal('u-cdi-650100-overseer');
const provinceSupervisor = principal('u-cdi-650000-supervisor');
const citySupervisor = principal('u-cdi-650100-supervisor');
const amrOfficer = principal('u-amr-650100-officer');

const person = { kind: 'PERSON' as const, name: '张某', creditCode: null, idNumber: '650102198503122719' };
const item = (caseId: string) => ({ caseId, caseAgencyId: 'amr-650100', subjectRef: subjectRef(person) });

/** 查询留痕 on the commission's service: PGlite, the memory bus, a fixed clock. */
describe('discipline inspection: 查询留痕 (records of overseers reading personal data)', () => {
  let store: EventStore;
  let sql: SqlClient;
  let bus: Bus;
  let service: DisciplineInspectionService;
  let url: string;
  let close: () => void;
  let clock = '2025-09-30T23:59:00+08:00';

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    bus = createMemoryBus({
      registry: createMessageRegistry(integrationEventSchemas()),
      logger: pino({ level: 'silent' }),
    });
    service = await createDisciplineInspectionService({
      store,
      sql,
      bus,
      directory: demoDirectory,
      rules: createAccessRules((id) => demoDirectory.get(id)),
      logger: pino({ level: 'silent' }),
      now: () => clock,
      serviceKey: SERVICE_KEY,
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

  const listed = async (who: Principal, query: Record<string, string>, count: number) => {
    for (let i = 0; i < 400; i++) {
      const rows = await service.personalDataReads.list(who, query);
      if (rows.length >= count) return rows;
      await new Promise((r) => setTimeout(r, 25));
    }
    return service.personalDataReads.list(who, query);
  };
  const refusal = async (run: () => Promise<unknown>) => {
    try {
      await run();
    } catch (error) {
      return error as Error & { code?: string };
    }
    throw new Error('expected a refusal');
  };
  const month = { from: '2025-09-01T00:00:00+08:00', to: '2025-11-01T00:00:00+08:00' };

  it('records each read on the reader commission’s stream of the Beijing month, hash-chained, the reader as actor', async () => {
    const first = await service.personalDataReads.record(
      { field: 'case', items: [item('p1')] },
      { principal: provinceOverseer, correlationId: 'corr-1' },
    );
    expect(first).toEqual({ streamId: 'data-reads-cdi-650000-202509', version: 1, readAt: clock });
    clock = '2025-10-01T00:00:00+08:00'; // Beijing midnight: a new month's stream
    const second = await service.personalDataReads.record(
      { field: 'auditTrail', items: [item('p1')] },
      { principal: provinceOverseer },
    );
    expect(second.streamId).toBe('data-reads-cdi-650000-202510');
    await service.personalDataReads.record(
      { field: 'cases', items: [item('p1'), item('p2')] },
      { principal: cityOverseer, correlationId: 'corr-3' },
    );
    const events = await store.readStream('data-reads-cdi-650000-202509');
    expect(events.map((e) => [e.type, e.metadata.actor.userId, e.metadata.correlationId])).toEqual([
      ['PersonalDataRead', provinceOverseer.userId, 'corr-1'],
    ]);
    expect(events[0]!.data).toMatchObject({
      field: 'case',
      items: [item('p1')],
      reader: { userId: provinceOverseer.userId, agencyId: 'cdi-650000' },
    });
    expect(await store.verify('data-reads-cdi-650000-202509')).toMatchObject({ valid: true, checked: 1 });
  });

  it('refuses a record without a case, or with an ID number for a subjectRef, appending nothing', async () => {
    const before = await store.streamVersion('data-reads-cdi-650000-202510');
    expect(
      (
        await refusal(() =>
          service.personalDataReads.record({ field: 'case', items: [] }, { principal: provinceOverseer }),
        )
      ).code,
    ).toBe('BAD_USER_INPUT');
    const bare = { caseId: 'p1', caseAgencyId: 'amr-650100', subjectRef: person.idNumber };
    expect(
      (
        await refusal(() =>
          service.personalDataReads.record({ field: 'case', items: [bare] }, { principal: provinceOverseer }),
        )
      ).code,
    ).toBe('BAD_USER_INPUT');
    expect(await store.streamVersion('data-reads-cdi-650000-202510')).toBe(before);
  });

  it('lists the reads to the commission’s supervisors, for its own and lower commissions; not to overseers', async () => {
    const province = await listed(provinceSupervisor, month, 3);
    expect(province.map((r) => [r.reader.userId, r.field, r.items.map((i) => i.caseId)])).toEqual([
      [provinceOverseer.userId, 'case', ['p1']],
      [provinceOverseer.userId, 'auditTrail', ['p1']],
      [cityOverseer.userId, 'cases', ['p1', 'p2']],
    ]);
    expect(province[0]).toMatchObject({
      correlationId: 'corr-1',
      readAt: '2025-09-30T15:59:00.000Z',
      streamId: 'data-reads-cdi-650000-202509',
      version: 1,
    });
    // The city commission sees its own overseer only; a window and a reader narrow the list.
    expect((await service.personalDataReads.list(citySupervisor, month)).map((r) => r.reader.userId)).toEqual(
      [cityOverseer.userId],
    );
    expect(
      (
        await service.personalDataReads.list(provinceSupervisor, { ...month, readerId: cityOverseer.userId })
      ).map((r) => r.field),
    ).toEqual(['cases']);
    const september = await service.personalDataReads.list(provinceSupervisor, {
      from: month.from,
      to: '2025-10-01T00:00:00+08:00',
    });
    expect(september.map((r) => r.field)).toEqual(['case']);
    expect((await refusal(() => service.personalDataReads.list(provinceOverseer, month))).code).toBe(
      'FORBIDDEN',
    );
    expect((await refusal(() => service.personalDataReads.list(amrOfficer, month))).code).toBe('FORBIDDEN');
    expect(
      (
        await refusal(() =>
          service.personalDataReads.list(provinceSupervisor, { from: month.to, to: month.from }),
        )
      ).code,
    ).toBe('BAD_USER_INPUT');
  });

  const call = async (path: string, who: Principal, body?: unknown, signWith: string | null = SERVICE_KEY, at = Date.now()) => {
    const method = body === undefined ? 'GET' : 'POST';
    const text = body === undefined ? '' : JSON.stringify(body);
    const res = await fetch(`${url}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        'x-correlation-id': 'corr-http',
        authorization: `Bearer ${await mintDevToken({ secret: SECRET, ...who })}`,
        // As a service of the platform signs its internal calls (ADR 0008).
        ...(signWith && method === 'POST'
          ? {
              [serviceTimestampHeader]: String(at),
              [serviceSignatureHeader]: serviceSignatureOf(signWith, method, path, String(at), text),
            }
          : {}),
      },
      ...(body === undefined ? {} : { body: text }),
    });
    return { status: res.status, json: (await res.json()) as Record<string, unknown> };
  };

  it('refuses a record posted with a user’s token alone, a wrong key or an old signature, appending nothing (issue #12 hole 8)', async () => {
    const before = await store.readStream('data-reads-cdi-650100-202510');
    const forged = { field: 'case', items: [item('forged')] };
    // The attack: an overseer (or anyone signed in) writes records of reads that never happened, or floods them.
    expect(await call('/personal-data-reads', cityOverseer, forged, null)).toMatchObject({
      status: 401,
      json: { error: { code: 'UNAUTHENTICATED' } },
    });
    expect((await call('/personal-data-reads', amrOfficer, forged, null)).status).toBe(401);
    expect((await call('/personal-data-reads', cityOverseer, forged, 'a-guessed-key-of-at-least-32-bytes-long!')).status).toBe(401);
    expect((await call('/personal-data-reads', cityOverseer, forged, SERVICE_KEY, Date.now() - 10 * 60 * 1000)).status).toBe(401);
    expect(await store.readStream('data-reads-cdi-650100-202510')).toHaveLength(before.length);
  });

  it('serves the same over HTTP (distributed mode), a record only from a signed service call', async () => {
    const created = await call('/personal-data-reads', cityOverseer, {
      field: 'oversight.repeatOffenders',
      items: [item('p3')],
    });
    expect(created).toMatchObject({
      status: 201,
      json: { streamId: 'data-reads-cdi-650100-202510', version: 2 },
    });
    expect(
      await call('/personal-data-reads', cityOverseer, { field: 'nothing', items: [item('p3')] }),
    ).toMatchObject({
      status: 400,
      json: { error: { code: 'BAD_USER_INPUT', field: 'field' } },
    });
    const params = new URLSearchParams({ ...month, readerId: cityOverseer.userId });
    await listed(citySupervisor, { ...month, readerId: cityOverseer.userId }, 2);
    const list = await call(`/oversight/personal-data-reads?${params}`, citySupervisor);
    expect(
      (list.json.items as { field: string; correlationId: string }[]).map((r) => [r.field, r.correlationId]),
    ).toEqual([
      ['cases', 'corr-3'],
      ['oversight.repeatOffenders', 'corr-http'],
    ]);
    expect((await call(`/oversight/personal-data-reads?${params}`, cityOverseer)).status).toBe(403);
  });
});
