import type { AddressInfo } from 'node:net';
import express from 'express';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStreamId, demoDirectory, integrationEventSchemas } from '@xianjie/contracts';
import type { CaseEvent } from '@xianjie/contracts';
import { createAccessRules, createTokenVerifier, findDemoUser, mintDevToken, type Principal } from '@xianjie/auth';
import { decideCase, foldCase, type CaseCommand } from '@xianjie/domain';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry, type Bus } from '@xianjie/messaging';
import { createTransferModule, type TransferModule } from '../src/index.ts';
import { createHttpTransferClient, createInProcessTransferClient, type TransferClient } from '../src/client/index.ts';

/**
 * One contract for both adapters of the transfer client (in-process and HTTP): the same commands,
 * the same view of a transfer from the caller's own service, the same access checks.
 */
const SECRET = 'test-secret-for-the-transfer-client-contract';
const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles], ...(u.capacity ? { capacity: u.capacity } : {}) };
};
const amrOfficer = principal('u-amr-650100-officer');
const amrSupervisor = principal('u-amr-650100-supervisor');
const policeOfficer = principal('u-police-650100-officer');
const otherPolice = principal('u-police-650000-officer');
const bj = (local: string): string => `${local}:00+08:00`;
const materials = [
  { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
  { kind: 'INVESTIGATION_REPORT', title: '涉嫌犯罪案件情况的调查报告' },
  { kind: 'SEIZED_ITEMS_LIST', title: '涉案物品清单' },
  { kind: 'TEST_REPORT', title: '药品检验报告书' },
];

let store: EventStore;
let sql: SqlClient;
let bus: Bus;
let amr: TransferModule;
let police: TransferModule;
let urls: { amr: string; police: string };
let close: () => void;
let clock = bj('2025-04-25T09:00');

const until = async (what: string, check: () => Promise<boolean>) => {
  for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
  expect(await check(), what).toBe(true);
};

beforeAll(async () => {
  ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
  const logger = pino({ level: 'silent' });
  bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger });
  const common = { store, sql, bus, directory: demoDirectory, rules: createAccessRules((id) => demoDirectory.get(id)), logger, now: () => clock };
  amr = await createTransferModule({ ...common, serviceName: 'market-regulation', agencyKinds: ['MARKET_REGULATION'], schema: 'amr_transfers' });
  police = await createTransferModule({ ...common, serviceName: 'police', agencyKinds: ['POLICE'], schema: 'police_transfers' });
  await amr.start();
  await police.start();
  const verifier = createTokenVerifier({ mode: 'dev', secret: SECRET });
  const app = express();
  app.use('/amr', amr.httpApi(verifier));
  app.use('/police', police.httpApi(verifier));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((r) => server.once('listening', () => r()));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  urls = { amr: `${base}/amr`, police: `${base}/police` };
  close = () => server.close();
});
afterAll(async () => {
  close();
  await police.stop();
  await amr.stop();
  await bus.close();
  await store.close();
});

/** A case of amr-650100, registered and filed (through the case decider, as its service would). */
const filedCase = async (caseId: string) => {
  const actor = { userId: amrSupervisor.userId, name: amrSupervisor.name, agencyId: 'amr-650100', roles: amrSupervisor.roles };
  const commands = [
    {
      type: 'RegisterCase', caseId, at: bj('2025-04-20T09:00'), actor, agencyId: 'amr-650100', number: `乌市监立〔2025〕${caseId}号`,
      subject: { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' },
      source: 'INSPECTION', summary: '医院制剂室无证配制药品', violations: ['UNAPPROVED_PREPARATION'], amountInvolvedFen: 8_600_000,
    },
    { type: 'FileCase', caseId, at: bj('2025-04-21T09:00'), actor },
  ] as CaseCommand[];
  let events: CaseEvent[] = [];
  for (const command of commands) {
    const decided = decideCase(command, foldCase(events));
    await store.appendToStream(
      caseStreamId(caseId),
      decided.map((e) => ({ type: e.type, data: e.data as Record<string, unknown>, metadata: { actor, occurredAt: command.at, correlationId: 'seed' } })),
    );
    events = [...events, ...decided];
  }
};

const adapters: [string, () => { amr: TransferClient; police: TransferClient }][] = [
  ['in-process', () => ({ amr: createInProcessTransferClient(amr), police: createInProcessTransferClient(police) })],
  ['HTTP', () => ({ amr: createHttpTransferClient(urls.amr), police: createHttpTransferClient(urls.police) })],
];

describe.each(adapters)('transfer client contract: %s', (name, clientsOf) => {
  const auth = async (who: Principal) => ({ principal: who, token: await mintDevToken({ secret: SECRET, ...who }), correlationId: 'contract' });
  const caseId = `c-contract-${name}`;
  let transferId: string;

  beforeAll(async () => {
    await filedCase(caseId);
    clock = bj('2025-04-28T09:00');
    const proposed = await clientsOf().amr.execute(
      'proposeTransfer',
      { caseId, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '无证配制医院制剂，涉嫌妨害药品管理罪', materials, caseTeam: [{ userId: 'u-amr-650100-officer', name: '帕丽旦·热合曼' }, { userId: 'u-amr-650100-officer2', name: '艾尔肯·吐尔逊' }] },
      await auth(amrOfficer),
    );
    transferId = proposed.transferId;
    expect(proposed).toMatchObject({ side: 'SENDER', version: 1, state: { status: 'PROPOSED' } });
  });

  it('shows a proposal to its sender only: the receiver does not know it yet', async () => {
    expect(await clientsOf().amr.transferView(transferId, undefined, await auth(amrOfficer))).toMatchObject({ status: 'PROPOSED', senderVersion: 1 });
    expect(await clientsOf().police.transferView(transferId, undefined, await auth(policeOfficer))).toBeNull();
  });

  it('shows a sent transfer to the police exactly when their service can sign for it', async () => {
    clock = bj('2025-04-29T10:00');
    await clientsOf().amr.execute('approveTransfer', { transferId, expectedVersion: 1 }, await auth(amrSupervisor));
    await until('police keep the sent transfer', async () => (await police.transfers.incoming.get(transferId)) !== null);
    const seen = await clientsOf().police.transferView(transferId, undefined, await auth(policeOfficer));
    expect(seen).toMatchObject({ status: 'SENT', receiverVersion: 0, senderVersion: null, materials: expect.arrayContaining([expect.objectContaining({ kind: 'TRANSFER_LETTER' })]) });
    expect(seen?.deadlines.map((d) => d.step)).toContain('signReceipt');
    clock = bj('2025-04-29T15:00');
    const received = await clientsOf().police.execute('receiveTransfer', { transferId, expectedVersion: seen!.receiverVersion! }, await auth(policeOfficer));
    expect(received).toMatchObject({ side: 'RECEIVER', version: 1, state: { status: 'RECEIVED' } });
    expect(await clientsOf().police.transferView(transferId, undefined, await auth(policeOfficer))).toMatchObject({ status: 'RECEIVED', receiverVersion: 1 });
  });

  it('shows the past as of a time from the caller\'s own streams', async () => {
    const before = await clientsOf().police.transferView(transferId, bj('2025-04-29T12:00'), await auth(policeOfficer));
    expect(before).toMatchObject({ status: 'SENT' });
    expect(await clientsOf().police.transferView(transferId, bj('2025-04-28T12:00'), await auth(policeOfficer))).toBeNull();
  });

  it('is not found to anyone but its parties, through either service', async () => {
    expect(await clientsOf().police.transferView(transferId, undefined, await auth(otherPolice))).toBeNull();
    expect(await clientsOf().amr.transferView(transferId, undefined, await auth(otherPolice))).toBeNull();
    await expect(clientsOf().police.execute('acceptTransfer', { transferId, documentNumber: 'x' }, await auth(otherPolice))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('lists the transfer in the receiver\'s inbox and not in another agency\'s', async () => {
    await police.projector.catchUp();
    const inbox = await clientsOf().police.listTransfers({ direction: 'INCOMING' }, 50, null, await auth(policeOfficer));
    expect(inbox.rows.map((r) => r.id)).toContain(transferId);
    const other = await clientsOf().police.listTransfers({ direction: 'INCOMING' }, 50, null, await auth(otherPolice));
    expect(other.rows.map((r) => r.id)).not.toContain(transferId);
  });
});
