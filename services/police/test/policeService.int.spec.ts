import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseStreamId, demoDirectory, integrationEventSchemas, ValidationError } from '@xianjie/contracts';
import type { CaseEvent } from '@xianjie/contracts';
import { createAccessRules, findDemoUser } from '@xianjie/auth';
import type { Principal } from '@xianjie/auth';
import { decideCase, foldCase } from '@xianjie/domain';
import type { CaseCommand } from '@xianjie/domain';
import { createEventStore } from '@xianjie/event-store';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry } from '@xianjie/messaging';
import type { Bus } from '@xianjie/messaging';
import { createTransferModule } from '@xianjie/transfer-service';
import type { TransferModule } from '@xianjie/transfer-service';
import { createPoliceService } from '../src/index.ts';
import type { PoliceService } from '../src/index.ts';

const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles], ...(u.capacity ? { capacity: u.capacity } : {}) };
};
const amrOfficer = principal('u-amr-650100-officer');
const amrSupervisor = principal('u-amr-650100-supervisor');
const policeOfficer = principal('u-police-650100-officer');
const policeSupervisor = principal('u-police-650100-supervisor');
const overseer = principal('u-cdi-650000-overseer');

/** `YYYY-MM-DDTHH:mm` in Beijing time. */
const bj = (local: string): string => `${local}:00+08:00`;

/**
 * The police service beside a market-regulation transfer module on one PGlite store and one memory
 * bus: police receive a criminal transfer, find no crime, and send the case back (反向衔接).
 */
describe('police service (PGlite, memory bus)', () => {
  let store: EventStore;
  let sql: SqlClient;
  let bus: Bus;
  let amr: TransferModule;
  let police: PoliceService;
  let clock = bj('2025-06-02T09:00');
  const caseId = 'c-police-reverse-001';

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    const logger = pino({ level: 'silent' });
    bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger });
    const common = { store, sql, bus, directory: demoDirectory, rules: createAccessRules((id) => demoDirectory.get(id)), logger, now: () => clock };
    amr = await createTransferModule({ ...common, serviceName: 'market-regulation', agencyKinds: ['MARKET_REGULATION'], schema: 'amr' });
    police = await createPoliceService({ ...common, schema: 'police' });
    await amr.start();
    await police.start();
    const actor = { userId: amrSupervisor.userId, name: amrSupervisor.name, agencyId: 'amr-650100', roles: amrSupervisor.roles };
    const commands = [
      {
        type: 'RegisterCase', caseId, at: bj('2025-05-20T09:00'), actor, agencyId: 'amr-650100', number: '乌市监立〔2025〕9号',
        subject: { kind: 'ORGANIZATION', name: '乌鲁木齐仁和堂药店', creditCode: '91650102MA7XJ0012E' },
        source: 'COMPLAINT', summary: '涉嫌销售假药', violations: ['COUNTERFEIT_DRUG'], amountInvolvedFen: 300_000,
      },
      { type: 'FileCase', caseId, at: bj('2025-05-21T09:00'), actor },
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

  it('lists a sent transfer in the police inbox before the receipt, and its receipt overdue to an overseer', async () => {
    clock = bj('2025-06-03T09:00');
    const { transferId: id } = await amr.transfers.execute(
      'proposeTransfer',
      {
        caseId,
        kind: 'CRIMINAL',
        toAgencyId: 'police-650100',
        reason: '销售假药，涉嫌销售假药罪',
        materials: [
          { kind: 'TRANSFER_LETTER', title: '涉嫌犯罪案件移送书' },
          { kind: 'INVESTIGATION_REPORT', title: '调查报告' },
          { kind: 'SEIZED_ITEMS_LIST', title: '涉案物品清单' },
          { kind: 'TEST_REPORT', title: '检验报告' },
        ],
        caseTeam: [{ userId: 'u-amr-650100-officer', name: '帕丽旦·热合曼' }, { userId: 'u-amr-650100-officer2', name: '艾尔肯·吐尔逊' }],
      },
      { principal: amrOfficer },
    );
    clock = bj('2025-06-03T10:00');
    await amr.transfers.execute('approveTransfer', { transferId: id }, { principal: amrSupervisor });
    await until('police keep the sent transfer', async () => (await police.transfers.transfers.incoming.get(id)) !== null);

    const inbox = await police.transfers.api.listTransfers(policeOfficer, { direction: 'INCOMING' }, 10, null);
    expect(inbox.rows.map((r) => [r.id, r.status, r.fromAgencyId])).toEqual([[id, 'SENT', 'amr-650100']]);
    const receipt = inbox.rows[0]!.deadlines.find((d) => d.step === 'signReceipt')!;
    expect(receipt).toMatchObject({ party: 'RECEIVER', metAt: null });
    // another agency's officer sees nothing in that inbox
    expect((await police.transfers.api.listTransfers(amrOfficer, { direction: 'INCOMING' }, 10, null)).rows).toEqual([]);

    // Unsigned past its due time: the overseer sees it against the police, from the sender's stream.
    await amr.projector.catchUp();
    const late = new Date(Date.parse(receipt.dueAt) + 1000).toISOString();
    const onTime = new Date(Date.parse(receipt.dueAt) - 1000).toISOString();
    const overdue = await amr.api.overdueSteps(overseer, late);
    expect(overdue.map((o) => [o.transfer.id, o.step, o.party, o.agencyId])).toEqual([[id, 'signReceipt', 'RECEIVER', 'police-650100']]);
    expect(await amr.api.overdueSteps(overseer, onTime)).toEqual([]);
    expect((await police.transfers.api.listTransfers(policeOfficer, { direction: 'INCOMING', overdueAsOf: late }, 10, null)).rows).toHaveLength(1);
    expect((await police.transfers.api.listTransfers(policeOfficer, { direction: 'INCOMING', overdueAsOf: onTime }, 10, null)).rows).toHaveLength(0);

    // Police sign, find no crime, decline; then send the case back for administrative penalty.
    clock = bj('2025-06-03T15:00');
    await police.transfers.transfers.execute('receiveTransfer', { transferId: id }, { principal: policeOfficer });
    clock = bj('2025-06-05T10:00');
    await police.transfers.transfers.execute(
      'declineTransfer',
      { transferId: id, reasonCategory: 'TOO_MINOR', reason: '涉案货值 3000 元，情节显著轻微，不认为是犯罪' },
      { principal: policeSupervisor },
    );
    await police.transfers.projector.catchUp();
    const inboxAfter = await police.transfers.api.listTransfers(policeOfficer, { direction: 'INCOMING' }, 10, null);
    expect(inboxAfter.rows.map((r) => [r.id, r.status])).toEqual([[id, 'DECLINED']]);

    clock = bj('2025-06-06T10:00');
    const reverse = await police.transfers.transfers.execute(
      'proposeTransfer',
      {
        caseId,
        kind: 'REVERSE',
        toAgencyId: 'amr-650100',
        reason: '不构成犯罪，但违反《药品管理法》，移送行政处罚',
        materials: [
          { kind: 'TRANSFER_LETTER', title: '移送案件通知书' },
          { kind: 'INVESTIGATION_REPORT', title: '侦查终结报告' },
        ],
      },
      { principal: policeOfficer },
    );
    expect(reverse.state).toMatchObject({ status: 'PROPOSED', kind: 'REVERSE', fromAgency: { id: 'police-650100' } });
    clock = bj('2025-06-06T11:00');
    await police.transfers.transfers.execute('approveTransfer', { transferId: reverse.transferId }, { principal: policeSupervisor });
    await until('market regulation keeps the reverse transfer', async () => (await amr.transfers.incoming.get(reverse.transferId)) !== null);
    clock = bj('2025-06-06T16:00');
    const received = await amr.transfers.execute('receiveTransfer', { transferId: reverse.transferId }, { principal: amrOfficer });
    expect(received.state).toMatchObject({ status: 'RECEIVED', kind: 'REVERSE', caseId });
    clock = bj('2025-06-09T10:00');
    const accepted = await amr.transfers.execute('acceptTransfer', { transferId: reverse.transferId, reason: '依法立案处罚' }, { principal: amrSupervisor });
    expect(accepted.state.status).toBe('ACCEPTED');
  });

  it('refuses a REVERSE transfer of a case the police never received, naming caseId', async () => {
    const attempt = police.transfers.transfers.execute(
      'proposeTransfer',
      {
        caseId: 'c-never-transferred',
        kind: 'REVERSE',
        toAgencyId: 'amr-650100',
        reason: '移送行政处罚',
        materials: [
          { kind: 'TRANSFER_LETTER', title: '移送案件通知书' },
          { kind: 'INVESTIGATION_REPORT', title: '侦查终结报告' },
        ],
      },
      { principal: policeOfficer },
    );
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({ issues: [{ path: 'caseId' }] });
  });
});
