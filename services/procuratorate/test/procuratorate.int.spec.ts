import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory, integrationEventSchemas, integrationTopic } from '@xianjie/contracts';
import { createAccessRules, findDemoUser, type Principal } from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry, type Bus, type IntegrationMessage } from '@xianjie/messaging';
import { createProcuratorateService, type ProcuratorateService } from '../src/index.ts';

const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const procurator = principal('u-procuratorate-650100-officer');
const head = principal('u-procuratorate-650100-supervisor');
const provinceProcurator = principal('u-procuratorate-650000-officer');
const amrSupervisor = principal('u-amr-650100-supervisor');

const ref = (id: string) => {
  const a = demoDirectory.require(id);
  return { id: a.id, kind: a.kind, regionCode: a.regionCode };
};
let n = 0;
/** A public transfer message as the parties' relays publish it. */
const message = (transferId: string, type: string, data: Record<string, unknown>, time: string): IntegrationMessage => ({
  id: `transfer-x-${transferId}:${++n}:0`,
  source: '/xianjie/test',
  type,
  specversion: '1.0',
  time,
  subject: `transfer-out-${transferId}`,
  datacontenttype: 'application/json',
  data: { transferId, ...data },
  partitionKey: transferId,
});
const sent = (transferId: string, copied = true, kind = 'CRIMINAL') =>
  message(
    transferId,
    'xianjie.transfer.sent.v1',
    {
      caseId: `case-${transferId}`,
      kind,
      fromAgency: ref('amr-650100'),
      toAgency: ref('police-650100'),
      reason: '涉嫌生产、销售假药罪',
      materials: [{ kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书（机密材料）' }],
      official: null,
      proposedAt: '2025-03-03T01:00:00.000Z',
      approvalNote: null,
      copiedToProcuratorate: copied,
      approvedAt: '2025-03-03T02:00:00.000Z',
      sentAt: '2025-03-03T02:00:00.000Z',
    },
    '2025-03-03T02:00:00.000Z',
  );
const declined = (transferId: string) =>
  message(
    transferId,
    'xianjie.transfer.declined.v1',
    { agencyId: 'police-650100', reasonCategory: 'INSUFFICIENT_EVIDENCE', reason: '证据不足', declinedAt: '2025-03-04T02:00:00.000Z' },
    '2025-03-04T02:00:00.000Z',
  );

/** The procuratorate's service on PGlite and the memory bus, fed the parties' messages. */
describe('procuratorate: 抄送 and 立案监督', () => {
  let store: EventStore;
  let sql: SqlClient;
  let bus: Bus;
  let service: ProcuratorateService;
  const clock = '2025-03-05T10:00:00+08:00';
  const published: IntegrationMessage[] = [];

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger: pino({ level: 'silent' }) });
    service = await createProcuratorateService({
      store,
      sql,
      bus,
      directory: demoDirectory,
      rules: createAccessRules((id) => demoDirectory.get(id)),
      logger: pino({ level: 'silent' }),
      now: () => clock,
    });
    await service.start();
    const watcher = await bus.subscribe({
      groupId: 'test.watcher',
      topics: [integrationTopic('transfer')],
      fromBeginning: true,
      handler: async (m) => void published.push(m),
    });
    await watcher.ready;
  });
  afterAll(async () => {
    await service?.stop();
    await bus?.close();
    await store?.close();
  });

  it('keeps a copy of a criminal transfer sent with a copy, its progress without materials; not of one sent without', async () => {
    expect(await service.handle(sent('t1'))).toBe('applied');
    expect(await service.handle(declined('t1'))).toBe('applied');
    expect(await service.handle(sent('t0', false))).toBe('skipped');
    const copy = await service.copies.get(procurator, 't1');
    expect(copy).toMatchObject({ transferId: 't1', fromAgencyId: 'amr-650100', toAgencyId: 'police-650100', declined: true, lastStep: 'TransferDeclined' });
    expect(copy?.progress).toEqual([
      { step: 'TransferApproved', at: '2025-03-03T02:00:00.000Z' },
      { step: 'TransferDeclined', at: '2025-03-04T02:00:00.000Z' },
    ]);
    expect(JSON.stringify(copy)).not.toContain('机密材料');
    expect(await service.copies.get(procurator, 't0')).toBeNull();
    expect((await service.copies.list(provinceProcurator)).map((c) => c.transferId)).toEqual(['t1']);
    await expect(service.copies.list(amrSupervisor)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('a redelivered message changes nothing', async () => {
    const again = declined('t1');
    await service.handle(again);
    expect(await service.handle(again)).toBe('duplicate');
    expect((await service.copies.get(procurator, 't1'))?.progress).toHaveLength(3);
  });

  it('asks the police to explain, once per commandId, and publishes the notice on xianjie.transfer keyed by the transfer', async () => {
    const first = await service.supervision.execute(
      'requestNonFilingExplanation',
      { transferId: 't1', documentNumber: '乌检刑监要说〔2025〕3号', reason: '依职权审查', commandId: 'ask-1' },
      { principal: procurator },
    );
    expect(first).toMatchObject({ version: 1, duplicate: false, item: { status: 'EXPLANATION_REQUESTED', onSuggestion: false } });
    // Wed 5 March + 7 days = Wed 12 March: due at its 24:00, Beijing time.
    expect(first.item.explanationDueAt).toBe('2025-03-13T00:00:00+08:00');
    const retried = await service.supervision.execute(
      'requestNonFilingExplanation',
      { transferId: 't1', documentNumber: '乌检刑监要说〔2025〕3号', reason: '依职权审查', commandId: 'ask-1' },
      { principal: procurator },
    );
    expect(retried).toMatchObject({ version: 1, duplicate: true });
    for (let i = 0; i < 200 && !published.some((m) => m.type === 'xianjie.transfer.non-filing-explanation-requested.v1'); i++) await new Promise((r) => setTimeout(r, 25));
    const notice = published.find((m) => m.type === 'xianjie.transfer.non-filing-explanation-requested.v1')!;
    expect(notice).toMatchObject({ partitionKey: 't1', id: 'filing-supervision-t1:1:0', data: { policeAgencyId: 'police-650100', documentNumber: '乌检刑监要说〔2025〕3号' } });
    // The head decides, not a procurator; and not before the explanation.
    await expect(service.supervision.execute('decideNonFilingReasons', { transferId: 't1', reasonsHold: true, reason: '成立' }, { principal: procurator })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(service.supervision.execute('decideNonFilingReasons', { transferId: 't1', reasonsHold: true, reason: '成立' }, { principal: head })).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    // A transfer it has no copy of does not exist to it; nor to the sender.
    await expect(service.supervision.execute('requestNonFilingExplanation', { transferId: 't0', documentNumber: 'x', reason: 'y' }, { principal: procurator })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(service.supervision.execute('requestNonFilingExplanation', { transferId: 't1', documentNumber: 'x', reason: 'y' }, { principal: amrSupervisor })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('notes the police’s explanation once, then notifies filing (15 days) and notes the filing', async () => {
    const explained = message('t1', 'xianjie.transfer.non-filing-explained.v1', { agencyId: 'police-650100', explanation: '不构成犯罪', explainedAt: '2025-03-06T02:00:00.000Z' }, '2025-03-06T02:00:00.000Z');
    expect(await service.handle(explained)).toBe('applied');
    expect(await service.handle(explained)).toBe('duplicate');
    expect(await service.supervision.ofTransfer(procurator, 't1')).toMatchObject({ status: 'EXPLANATION_RECEIVED', explanation: '不构成犯罪', version: 2 });
    const notified = await service.supervision.execute(
      'decideNonFilingReasons',
      { transferId: 't1', reasonsHold: false, reason: '理由不能成立', documentNumber: '乌检刑监通立〔2025〕1号' },
      { principal: head },
    );
    // Wed 5 March + 15 days = Thu 20 March: due at its 24:00.
    expect(notified.item).toMatchObject({ status: 'FILING_NOTIFIED', filingDueAt: '2025-03-21T00:00:00+08:00', policeDuty: { step: 'FILE', overdue: false } });
    const filed = message('t1', 'xianjie.transfer.accepted.v1', { agencyId: 'police-650100', documentNumber: '乌公立字〔2025〕5号', reason: null, acceptedAt: '2025-03-10T02:00:00.000Z' }, '2025-03-10T02:00:00.000Z');
    expect(await service.handle(filed)).toBe('applied');
    expect(await service.supervision.ofTransfer(amrSupervisor, 't1')).toMatchObject({ status: 'FILED', filingDocumentNumber: '乌公立字〔2025〕5号', version: 4 });
    expect(await service.copies.get(procurator, 't1')).toMatchObject({ accepted: true, declined: false });
    // The trail: who did what, the police's answers by the system, the chain valid.
    const events = await store.readStream('filing-supervision-t1');
    expect(events.map((e) => [e.type, e.metadata.actor.userId])).toEqual([
      ['NonFilingExplanationRequested', procurator.userId],
      ['NonFilingExplanationReceived', 'system:procuratorate'],
      ['FilingNoticeIssued', head.userId],
      ['PoliceFilingReceived', 'system:procuratorate'],
    ]);
    expect((await store.verify('filing-supervision-t1')).valid).toBe(true);
  });
});
