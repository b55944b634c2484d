import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  caseStreamId,
  demoDirectory,
  ForbiddenError,
  integrationEventSchemas,
  integrationTopic,
  NotFoundError,
  overdueAsOf,
  ConcurrencyError,
  stableUuid,
  ValidationError,
} from '@xianjie/contracts';
import type { CaseEvent } from '@xianjie/contracts';
import express from 'express';
import type { AddressInfo } from 'node:net';
import { createAccessRules, createTokenVerifier, findDemoUser, mintDevToken } from '@xianjie/auth';
import type { Principal } from '@xianjie/auth';
import { decideCase, foldCase } from '@xianjie/domain';
import type { CaseCommand, Transfer } from '@xianjie/domain';
import { createEventStore } from '@xianjie/event-store';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry } from '@xianjie/messaging';
import type { Bus, IntegrationMessage } from '@xianjie/messaging';
import { createTransferModule } from '../src/index.ts';
import { createInProcessTransferClient } from '../src/client/index.ts';
import type { TransferModule } from '../src/index.ts';

const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles], ...(u.capacity ? { capacity: u.capacity } : {}) };
};
const amrOfficer = principal('u-amr-650100-officer');
const amrSupervisor = principal('u-amr-650100-supervisor');
const otherAmrSupervisor = principal('u-amr-650000-supervisor');
const policeOfficer = principal('u-police-650100-officer');
const policeSupervisor = principal('u-police-650100-supervisor');

/** `YYYY-MM-DDTHH:mm` in Beijing time. */
const bj = (local: string): string => `${local}:00+08:00`;

const criminalMaterials = [
  { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
  { kind: 'INVESTIGATION_REPORT', title: '涉嫌犯罪案件情况的调查报告' },
  { kind: 'SEIZED_ITEMS_LIST', title: '涉案物品清单' },
  { kind: 'TEST_REPORT', title: '药品检验报告书' },
];

/**
 * Two services on one store and one memory bus, each with its own schema, relay and consumer: a
 * market-regulation one (sender) and a police one (receiver), on in-memory PGlite.
 */
describe('transfer service, market regulation → police (PGlite, memory bus)', () => {
  let store: EventStore;
  let sql: SqlClient;
  let bus: Bus;
  let amr: TransferModule;
  let police: TransferModule;
  let clock = bj('2025-04-25T09:00');
  const published: IntegrationMessage[] = [];
  const caseId = 'c-hospital-prep-001';

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    const logger = pino({ level: 'silent' });
    bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger });
    const common = { store, sql, bus, directory: demoDirectory, rules: createAccessRules((id) => demoDirectory.get(id)), logger, now: () => clock };
    amr = await createTransferModule({ ...common, serviceName: 'market-regulation', agencyKinds: ['MARKET_REGULATION'], schema: 'amr_transfers' });
    police = await createTransferModule({ ...common, serviceName: 'police', agencyKinds: ['POLICE'], schema: 'police_transfers' });
    await amr.start();
    await police.start();
    const tap = await bus.subscribe({
      groupId: 'test-tap',
      topics: [integrationTopic('transfer')],
      fromBeginning: true,
      handler: async (message) => void published.push(message),
    });
    await tap.ready;

    // The case the transfer is about, registered and filed by amr-650100 (the case decider, directly).
    const actor = { userId: amrSupervisor.userId, name: amrSupervisor.name, agencyId: 'amr-650100', roles: amrSupervisor.roles };
    const commands = [
      {
        type: 'RegisterCase', caseId, at: bj('2025-04-20T09:00'), actor, agencyId: 'amr-650100', number: '乌市监立〔2025〕1号',
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
  });
  afterAll(async () => {
    await police?.stop();
    await amr?.stop();
    await bus?.close();
    await store?.close();
  });

  const until = async (what: string, check: () => Promise<boolean>) => {
    for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
    expect(await check(), what).toBe(true);
  };
  const types = async (streamId: string) => (await store.readStream(streamId)).map((e) => e.type);
  const hasEvent = (streamId: string, type: string) => async () => (await types(streamId)).includes(type);
  const propose = (commandId?: string, materials = criminalMaterials) =>
    amr.transfers.execute(
      'proposeTransfer',
      { ...(commandId ? { commandId } : {}), caseId, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '无证配制医院制剂，涉嫌妨害药品管理罪', materials, caseTeam: [{ userId: 'u-amr-650100-officer', name: '帕丽旦·热合曼' }, { userId: 'u-amr-650100-officer2', name: '艾尔肯·吐尔逊' }] },
      { principal: amrOfficer },
    );

  it('runs a CRIMINAL transfer end to end: proposal, approval, receipt, acceptance, hand-over, result, close', async () => {
    clock = bj('2025-04-28T09:00');
    const proposed = await propose();
    const id = proposed.transferId;
    expect(proposed.state.status).toBe('PROPOSED');
    const out = `transfer-out-${id}`;
    const into = `transfer-in-${id}`;

    clock = bj('2025-04-29T10:00');
    const approved = await amr.transfers.execute('approveTransfer', { transferId: id, expectedVersion: 1 }, { principal: amrSupervisor });
    expect(approved.state).toMatchObject({ status: 'SENT', copiedToProcuratorate: true });
    await until('police keeps the sent transfer', async () => (await police.transfers.incoming.get(id)) !== null);
    expect((await police.transfers.incoming.listFor(['police-650100'])).map((t) => t.transferId)).toContain(id);

    clock = bj('2025-04-29T15:00');
    const received = await police.transfers.execute('receiveTransfer', { transferId: id }, { principal: policeOfficer });
    expect(received).toMatchObject({ side: 'RECEIVER', streamId: into, version: 1, state: { status: 'RECEIVED' } });
    await until('the sender notes the receipt', hasEvent(out, 'ReceiptNoted'));

    clock = bj('2025-04-30T11:00');
    await police.transfers.execute('acceptTransfer', { transferId: id, documentNumber: '乌公（食药环）立字〔2025〕18号' }, { principal: policeSupervisor });
    await until('the sender notes the acceptance', hasEvent(out, 'AcceptanceNoted'));

    clock = bj('2025-05-01T10:00');
    await amr.transfers.execute(
      'handOverMaterials',
      { transferId: id, materials: [{ kind: 'SEIZED_ITEMS_LIST', title: '涉案制剂交接清单' }] },
      { principal: amrOfficer },
    );
    await until('the receiver notes the hand-over', hasEvent(into, 'HandOverNoted'));

    clock = bj('2025-07-01T10:00');
    await police.transfers.execute('recordTransferResult', { transferId: id, outcome: 'PROSECUTED', result: '已移送审查起诉' }, { principal: policeOfficer });
    await until('the sender notes the result', hasEvent(out, 'ResultNoted'));

    clock = bj('2025-07-02T10:00');
    const closed = await amr.transfers.execute('closeTransfer', { transferId: id }, { principal: amrOfficer });
    expect(closed.state.status).toBe('CLOSED');
    await until('the receiver notes the closure', hasEvent(into, 'ClosureNoted'));

    expect(await types(out)).toEqual([
      'TransferProposed', 'TransferApproved', 'ReceiptNoted', 'AcceptanceNoted', 'MaterialsHandedOver', 'ResultNoted', 'TransferClosed',
    ]);
    expect(await types(into)).toEqual(['TransferReceiptSigned', 'TransferAccepted', 'HandOverNoted', 'TransferResultRecorded', 'ClosureNoted']);
    // notes are recorded by a system actor of the owning agency
    const receiptNoted = (await store.readStream(out)).find((e) => e.type === 'ReceiptNoted')!;
    expect(receiptNoted.metadata.actor).toMatchObject({ userId: 'system:market-regulation', agencyId: 'amr-650100', roles: [] });
    expect(receiptNoted.data).toMatchObject({ receivedAt: bj('2025-04-29T15:00'), notedAt: expect.any(String) });

    const sender = (await amr.transfers.transferAsOf(id, 'SENDER'))!.state;
    const receiver = (await police.transfers.transferAsOf(id, 'RECEIVER'))!.state;
    expect(sender.status).toBe('CLOSED');
    expect(receiver.status).toBe('CLOSED');
    for (const state of [sender, receiver] as Transfer[]) {
      expect(overdueAsOf(state.deadlines, bj('2025-07-03T00:00'))).toEqual([]);
    }
    const byStep = Object.fromEntries(sender.deadlines.map((d) => [d.step, d]));
    for (const step of ['approve', 'decide', 'handOver', 'feedbackResult']) {
      expect(byStep[step], step).toMatchObject({ metAt: expect.any(String), metLate: false });
    }
    // time travel: as of the acceptance the sender saw it accepted, not closed
    expect((await amr.transfers.transferAsOf(id, 'SENDER', bj('2025-04-30T12:00')))!.state.status).toBe('ACCEPTED');

    // the read models: outbox of the sender, inbox of the receiver
    await amr.projector.catchUp();
    await police.projector.catchUp();
    const outgoing = await amr.queries.listTransfers({ agencyIds: ['amr-650100'], direction: 'OUTGOING' }, 10);
    expect(outgoing.rows.find((r) => r.id === id)).toMatchObject({
      side: 'SENDER', kind: 'CRIMINAL', status: 'CLOSED', caseId, fromAgencyId: 'amr-650100', toAgencyId: 'police-650100', version: 7,
    });
    const incoming = await police.queries.listTransfers({ agencyIds: ['police-650100'], direction: 'INCOMING', kind: 'CRIMINAL' }, 10);
    expect(incoming.rows.map((r) => [r.id, r.status])).toEqual([[id, 'CLOSED']]);
    expect(incoming.rows[0]!.deadlines.find((d) => d.step === 'decide')).toMatchObject({ metAt: bj('2025-04-30T11:00') });
    // each service projects only its own streams
    expect(await police.queries.getTransfer(id, 'SENDER')).toBeNull();
    expect(await amr.queries.getTransfer(id, 'RECEIVER')).toBeNull();

    // a redelivered message appends nothing: through the consumer (inbox) and straight to note (commandId)
    const receipt = published.find((m) => m.type === 'xianjie.transfer.receipt-signed.v1' && m.subject === into)!;
    expect(receipt.partitionKey).toBe(id);
    const before = (await store.readStream(out)).length;
    expect(await amr.consumer!.handle(receipt)).toBe('duplicate');
    const again = await amr.transfers.note({
      side: 'SENDER', transferId: id, fact: { type: 'TransferReceiptSigned', data: receipt.data }, messageId: receipt.id, serviceName: 'market-regulation',
    });
    expect(again!.events).toEqual([]);
    await bus.publish(integrationTopic('transfer'), [receipt]);
    await new Promise((r) => setTimeout(r, 200));
    expect((await store.readStream(out)).length).toBe(before);
    // only one message per public fact: each relay publishes its own agencies' events
    expect(published.filter((m) => m.type === 'xianjie.transfer.sent.v1' && (m.data as { transferId: string }).transferId === id)).toHaveLength(1);
  });

  it('refuses the wrong party, an officer approving, missing materials, a stale version and a receipt of nothing', async () => {
    clock = bj('2025-05-10T09:00');
    const missing = await propose(undefined, criminalMaterials.slice(0, 2)).catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(ValidationError);
    expect((missing as ValidationError).code).toBe('BAD_USER_INPUT');
    expect((missing as ValidationError).issues.map((i) => i.path)).toEqual(['materials']);

    const { transferId } = await propose();
    const forbidden = (p: Principal, name: Parameters<TransferModule['transfers']['execute']>[0], module = amr) =>
      module.transfers.execute(name, { transferId }, { principal: p }).catch((e: unknown) => e);
    expect(await forbidden(amrOfficer, 'approveTransfer')).toBeInstanceOf(ForbiddenError); // 负责人审批
    expect(await forbidden(otherAmrSupervisor, 'approveTransfer')).toBeInstanceOf(NotFoundError); // not a party: not disclosed
    expect(await forbidden(policeSupervisor, 'approveTransfer', police)).toBeInstanceOf(ForbiddenError); // police are not the sender
    expect(await forbidden(policeOfficer, 'approveTransfer')).toBeInstanceOf(ForbiddenError); // not this service's agency
    expect(await forbidden(policeOfficer, 'receiveTransfer', police)).toBeInstanceOf(NotFoundError); // not sent yet
    const stale = await amr.transfers
      .execute('approveTransfer', { transferId, expectedVersion: 3 }, { principal: amrSupervisor })
      .catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(ConcurrencyError);
    expect((stale as ConcurrencyError).message).toMatch(/1/);
    const unknownCase = await amr.transfers
      .execute('proposeTransfer', { caseId: 'c-nobody', kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: 'x', materials: criminalMaterials }, { principal: amrOfficer })
      .catch((e: unknown) => e);
    expect(unknownCase).toBeInstanceOf(NotFoundError);
    expect((await store.readStream(`transfer-out-${transferId}`)).map((e) => e.type)).toEqual(['TransferProposed']);
  });

  it('answers a retried commandId with the first result and appends nothing', async () => {
    clock = bj('2025-05-12T09:00');
    const first = await propose('cmd-retry-1');
    clock = bj('2025-05-12T09:05');
    const retry = await propose('cmd-retry-1');
    expect(retry).toMatchObject({ transferId: first.transferId, duplicate: true, version: 1 });
    expect(retry.events.map((e) => e.version)).toEqual([1]);
    expect(await types(`transfer-out-${first.transferId}`)).toEqual(['TransferProposed']);
    const approve = { transferId: first.transferId, commandId: 'cmd-retry-approve' };
    await amr.transfers.execute('approveTransfer', approve, { principal: amrSupervisor });
    const approvedAgain = await amr.transfers.execute('approveTransfer', approve, { principal: amrSupervisor });
    expect(approvedAgain).toMatchObject({ duplicate: true, version: 2, state: { status: 'SENT' } });
    expect(await types(`transfer-out-${first.transferId}`)).toEqual(['TransferProposed', 'TransferApproved']);
  });

  it("replaying another agency's proposeTransfer commandId on POST /transfer-commands/:name answers as a commandId never used: nothing of their transfer", async () => {
    clock = bj('2025-05-13T09:00');
    const theirs = await propose('cmd-replayed-propose');
    const secret = 'transfer-service-int-spec-dev-secret-replay-0123456789';
    const app = express();
    app.use('/amr', amr.httpApi(createTokenVerifier({ mode: 'dev', secret })));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const outsider = findDemoUser('u-amr-650000-officer')!;
      const token = await mintDevToken({ secret, ...outsider, roles: [...outsider.roles] });
      const post = (commandId: string) =>
        fetch(`${base}/amr/transfer-commands/proposeTransfer`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ commandId, caseId, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '重放', materials: criminalMaterials }),
        });
      const replayed = await post('cmd-replayed-propose');
      const fresh = await post('cmd-never-used');
      expect(replayed.status).toBe(fresh.status);
      const text = await replayed.text();
      expect(text).toBe(await fresh.text());
      expect(text).not.toContain(theirs.transferId);
      expect(text).not.toContain('无证配制');
    } finally {
      server.close();
    }
  });

  it('takes occurredAt from a trusted in-process caller as the command time: in the metadata, the data and the deadlines', async () => {
    // The same proposal told at its time (clock there), to compare the deadline with.
    clock = bj('2025-07-01T10:00');
    const told = await propose();
    const toldDue = (told.state as Transfer).deadlines.find((d) => d.step === 'approve')!.dueAt;

    clock = bj('2025-07-03T10:00');
    const client = createInProcessTransferClient(amr);
    const input = { caseId, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '补录两天前的移送', materials: criminalMaterials, caseTeam: [{ userId: 'u-amr-650100-officer', name: '帕丽旦·热合曼' }, { userId: 'u-amr-650100-officer2', name: '艾尔肯·吐尔逊' }] };
    const auth = { principal: amrOfficer, token: null, correlationId: 'import-1', occurredAt: bj('2025-07-01T10:00') };
    const { transferId, state } = await client.execute('proposeTransfer', input, auth);
    const [event] = await store.readStream(`transfer-out-${transferId}`);
    expect(event!.metadata.occurredAt).toBe(bj('2025-07-01T10:00'));
    expect(event!.data).toMatchObject({ proposedAt: bj('2025-07-01T10:00') });
    // The store keeps its own time of recording beside the business time.
    expect(Date.parse(event!.recordedAt)).toBeGreaterThan(Date.parse(bj('2025-07-03T10:00')));
    expect((state as Transfer).deadlines.find((d) => d.step === 'approve')!.dueAt).toBe(toldDue);
    // Without occurredAt the same call is now's.
    const now = await client.execute('proposeTransfer', input, { ...auth, occurredAt: undefined });
    const [nowEvent] = await store.readStream(`transfer-out-${now.transferId}`);
    expect(nowEvent!.metadata.occurredAt).toBe(bj('2025-07-03T10:00'));
  });

  it('refuses an occurredAt after now or without an offset, naming the field, and appends nothing', async () => {
    clock = bj('2025-07-03T10:00');
    for (const occurredAt of [bj('2025-07-03T10:01'), '2025-07-01T10:00:00']) {
      const attempt = amr.transfers.execute(
        'proposeTransfer',
        { commandId: `future-${occurredAt}`, caseId, kind: 'CRIMINAL', toAgencyId: 'police-650100', reason: '未来的移送', materials: criminalMaterials },
        { principal: amrOfficer, occurredAt },
      );
      await expect(attempt).rejects.toBeInstanceOf(ValidationError);
      await expect(attempt).rejects.toMatchObject({ issues: [expect.objectContaining({ path: 'occurredAt' })] });
    }
    expect(await store.readStream(`transfer-out-${stableUuid(`transfer:future-${bj('2025-07-03T10:01')}`)}`)).toEqual([]);
  });

  it('lists an unapproved proposal as overdue one second after the approval window, not one second before', async () => {
    clock = bj('2025-06-02T09:00');
    const { transferId, state } = await propose();
    const approve = (state as Transfer).deadlines.find((d) => d.step === 'approve')!;
    expect(approve.party).toBe('SENDER');
    await amr.projector.catchUp();
    const second = (iso: string, delta: number) => new Date(Date.parse(iso) + delta * 1000).toISOString();
    const before = await amr.queries.overdueSteps(['amr-650100'], second(approve.dueAt, -1));
    expect(before.filter((s) => s.transfer.id === transferId)).toEqual([]);
    const after = await amr.queries.overdueSteps(['amr-650100'], second(approve.dueAt, 1));
    expect(after.filter((s) => s.transfer.id === transferId)).toEqual([
      expect.objectContaining({ step: 'approve', party: 'SENDER', agencyId: 'amr-650100', dueAt: approve.dueAt }),
    ]);
    const listBefore = await amr.queries.listTransfers({ agencyIds: ['amr-650100'], direction: 'OUTGOING', overdueAsOf: second(approve.dueAt, -1) }, 50);
    const listAfter = await amr.queries.listTransfers({ agencyIds: ['amr-650100'], direction: 'OUTGOING', overdueAsOf: second(approve.dueAt, 1) }, 50);
    expect(listBefore.rows.map((r) => r.id)).not.toContain(transferId);
    expect(listAfter.rows.map((r) => r.id)).toContain(transferId);
    // the police see nothing of it: not sent, and not their step
    expect(await police.queries.overdueSteps(['police-650100'], second(approve.dueAt, 1))).toEqual([]);
  });

  it('serves awaitingFeedback and agencyPerformance over HTTP to overseers only, from the read model', async () => {
    clock = bj('2025-06-10T09:00');
    const { transferId: id } = await propose();
    clock = bj('2025-06-10T10:00');
    await amr.transfers.execute('approveTransfer', { transferId: id }, { principal: amrSupervisor });
    await until('police keeps the sent transfer', async () => (await police.transfers.incoming.get(id)) !== null);
    clock = bj('2025-06-10T13:00');
    await police.transfers.execute('receiveTransfer', { transferId: id }, { principal: policeOfficer });
    await until('the sender notes the receipt', hasEvent(`transfer-out-${id}`, 'ReceiptNoted'));
    await amr.projector.catchUp();
    await police.projector.catchUp();

    const secret = 'transfer-service-int-spec-dev-secret-0123456789';
    const verifier = createTokenVerifier({ mode: 'dev', secret });
    const app = express();
    app.use('/amr', amr.httpApi(verifier));
    app.use('/police', police.httpApi(verifier));
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const tokenOf = (id: string) => {
      const u = findDemoUser(id)!;
      return mintDevToken({ secret, ...u, roles: [...u.roles] });
    };
    const overseer = await tokenOf('u-cdi-650000-overseer');
    const get = async (path: string, token = overseer) => {
      const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    try {
      const asOf = encodeURIComponent(bj('2025-06-10T14:00'));
      const awaiting = await get(`/amr/transfers/awaiting-feedback?asOf=${asOf}`);
      expect(awaiting.status).toBe(200);
      const item = (awaiting.body.items as { transfer: { id: string; materials: unknown[] }; stage: string; daysWaiting: number }[]).find(
        (i) => i.transfer.id === id,
      );
      expect(item).toMatchObject({ stage: 'AWAITING_DECISION', daysWaiting: 0, transfer: { materials: [] } });
      // The receiver's service holds no sender rows: nothing to follow up there.
      expect((await get(`/police/transfers/awaiting-feedback?asOf=${asOf}`)).body.items).toEqual([]);

      const period = `from=${encodeURIComponent(bj('2025-06-10T00:00'))}&to=${encodeURIComponent(bj('2025-06-11T00:00'))}`;
      const performance = await get(`/amr/transfers/agency-performance?${period}`);
      expect(performance.status).toBe(200);
      expect(performance.body.parts).toEqual([
        expect.objectContaining({ agencyId: 'amr-650100', sent: 1, received: 0 }),
        expect.objectContaining({ agencyId: 'police-650100', sent: 0, received: 1, hoursToReceipt: [3], hoursToDecision: [] }),
      ]);
      // The receiver's row only adds the steps it owns that were late: none.
      expect((await get(`/police/transfers/agency-performance?${period}`)).body.parts).toEqual([]);

      const officer = await get(`/amr/transfers/agency-performance?${period}`, await tokenOf('u-amr-650100-officer'));
      expect(officer).toMatchObject({ status: 403, body: { error: { code: 'FORBIDDEN' } } });
      expect((await get(`/amr/transfers/awaiting-feedback?asOf=${asOf}`, await tokenOf('u-amr-650100-officer'))).status).toBe(403);
      const backwards = await get(`/amr/transfers/agency-performance?from=${encodeURIComponent(bj('2025-06-11T00:00'))}&to=${encodeURIComponent(bj('2025-06-10T00:00'))}`);
      expect(backwards).toMatchObject({ status: 400, body: { error: { code: 'BAD_USER_INPUT' } } });
      expect(JSON.stringify(backwards.body)).toContain('"to"');
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
