import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory } from '@xianjie/contracts';
import { createAccessRules, findDemoUser, type Principal } from '@xianjie/auth';
import { createEventStore, type EventStore, type RecordedEvent, type SqlClient } from '@xianjie/event-store';
import { createCaseModule, createCaseProjection, type CaseModule } from '../src/index.ts';

const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const officer = principal('u-amr-650100-officer');
const supervisor = principal('u-amr-650100-supervisor');
const healthOfficer = principal('u-health-650000-officer');
const owner = { agencyKinds: ['MARKET_REGULATION'] as const, directory: demoDirectory };

/** A sent transfer of a case as the sender's TransferApproved says it (the fields the case needs). */
const approval = (caseId: string, transferId: string, kind: 'CRIMINAL' | 'DISCIPLINARY', at: string) => ({
  transferId,
  caseId,
  kind,
  fromAgency: { id: 'amr-650100', kind: 'MARKET_REGULATION' as const, regionCode: '650100' },
  toAgency: kind === 'CRIMINAL'
    ? { id: 'police-650100', kind: 'POLICE' as const, regionCode: '650100' }
    : { id: 'cdi-650100', kind: 'DISCIPLINE_INSPECTION' as const, regionCode: '650100' },
  reason: '移送',
  materials: [{ kind: 'TRANSFER_LETTER' as const, title: '移送书' }],
  official: null,
  proposedAt: at,
  approvalNote: null,
  copiedToProcuratorate: kind === 'CRIMINAL',
  approvedAt: at,
  sentAt: at,
});

/** The batch form of the case projection must leave exactly the rows the event-by-event form does. */
describe('case projection: applyBatch equals apply event by event (PGlite)', () => {
  let store: EventStore;
  let sql: SqlClient;
  let service: CaseModule;
  let health: CaseModule;
  let events: RecordedEvent[];
  let clock = '2026-03-01T09:00:00+08:00';

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    const common = {
      store,
      sql,
      directory: demoDirectory,
      rules: createAccessRules((id) => demoDirectory.get(id)),
      logger: pino({ level: 'silent' }),
      now: () => clock,
    };
    service = await createCaseModule({ ...common, serviceName: 'market-regulation', agencyKinds: ['MARKET_REGULATION'], schema: 'market_regulation' });
    health = await createCaseModule({ ...common, serviceName: 'health', agencyKinds: ['HEALTH'], schema: 'health' });
    const subject = { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' };
    // Closed with a penalty only over a threshold (以罚代刑), a repeat offender, one not filed, one left open.
    for (const [i, at] of ['2026-03-01T09:00:00+08:00', '2026-05-01T09:00:00+08:00'].entries()) {
      clock = at;
      const { caseId } = await service.cases.execute(
        'registerCase',
        { subject, source: 'INSPECTION', summary: `配制 ${i}`, violations: ['UNAPPROVED_PREPARATION'], amountInvolvedFen: 2_000_000 },
        { principal: officer },
      );
      await service.cases.execute('fileCase', { caseId }, { principal: supervisor });
      await service.cases.execute('recordEvidence', { caseId, kind: 'DOCUMENT', title: '配制记录' }, { principal: officer });
      await service.cases.execute(
        'decidePenalty',
        { caseId, decisionNumber: `罚-${i}`, penalties: [{ kind: 'FINE', amountFen: 500_000 }], personsResponsible: [] },
        { principal: supervisor },
      );
      await service.cases.execute('closeCase', { caseId }, { principal: officer });
    }
    const { caseId: notFiled } = await service.cases.execute(
      'registerCase',
      { subject, source: 'COMPLAINT', summary: '不予立案', violations: ['OUT_OF_SCOPE_TRADE'] },
      { principal: officer },
    );
    await service.cases.execute('decideNotToFile', { caseId: notFiled, reason: '证据不足' }, { principal: supervisor });
    await service.cases.execute('registerCase', { subject, source: 'COMPLAINT', summary: '开放', violations: ['OUT_OF_SCOPE_TRADE'] }, { principal: officer });
    // Transferred to police and then decided (police declined: no 以罚代刑), and a clue to the commission.
    clock = '2026-06-01T09:00:00+08:00';
    const { caseId: transferred } = await service.cases.execute(
      'registerCase',
      { subject, source: 'INSPECTION', summary: '移送后处罚', violations: ['UNAPPROVED_PREPARATION'], amountInvolvedFen: 2_000_000 },
      { principal: officer },
    );
    await service.cases.execute('fileCase', { caseId: transferred }, { principal: supervisor });
    await service.cases.markTransferred(approval(transferred, 't-police', 'CRIMINAL', clock));
    await service.cases.execute('recordEvidence', { caseId: transferred, kind: 'DOCUMENT', title: '不予立案通知书' }, { principal: officer });
    await service.cases.execute(
      'decidePenalty',
      { caseId: transferred, decisionNumber: '罚-移送', penalties: [{ kind: 'FINE', amountFen: 500_000 }], personsResponsible: [] },
      { principal: supervisor },
    );
    await service.cases.markTransferred(approval(transferred, 't-cdi', 'DISCIPLINARY', clock));
    await service.cases.execute('closeCase', { caseId: transferred }, { principal: officer });
    // 货值 of unsold 劣药 and a harm fact stated on evidence: the warning holds from the decision on (not closed).
    const { caseId: unsold } = await service.cases.execute(
      'registerCase',
      { subject, source: 'INSPECTION', summary: '库存劣药', violations: ['SUBSTANDARD_DRUG'] },
      { principal: officer },
    );
    await service.cases.execute('fileCase', { caseId: unsold }, { principal: supervisor });
    await service.cases.execute(
      'recordEvidence',
      { caseId: unsold, kind: 'ON_SITE_RECORD', title: '库存清点', unsoldGoodsValueFen: 20_000_000, harmFacts: ['SERIOUS_HEALTH_HARM'] },
      { principal: officer },
    );
    await service.cases.execute(
      'recordEvidence',
      { caseId: unsold, kind: 'DOCUMENT', title: '价格认定结论书', unsoldGoodsValueFen: 15_000_000, illegalGainsFen: 250_000 },
      { principal: officer },
    );
    await service.cases.execute(
      'decidePenalty',
      { caseId: unsold, decisionNumber: '罚-库存', penalties: [{ kind: 'FINE', amountFen: 100_000 }], personsResponsible: [] },
      { principal: supervisor },
    );
    // Another service's case in the same store.
    await health.cases.execute(
      'registerCase',
      { subject, source: 'INSPECTION', summary: '非法行医', violations: ['ILLEGAL_MEDICAL_PRACTICE'] },
      { principal: healthOfficer },
    );
    events = (await store.readAll({ limit: 1000 })).events;
  });
  afterAll(async () => {
    await store.close();
  });

  const rowsOf = async (schema: string) => ({
    cases: (await sql.query(`SELECT * FROM "${schema}".cases ORDER BY id`)).rows,
    decisions: (await sql.query(`SELECT * FROM "${schema}".penalty_decisions ORDER BY case_id`)).rows,
  });

  it('gives the same cases and decisions for the whole history in one batch, in small batches, and replayed twice', async () => {
    const one = createCaseProjection('by_event', owner);
    await one.migrate(sql);
    await sql.transaction(async (tx) => {
      for (const e of events) await one.apply(tx, e);
    });
    const expected = await rowsOf('by_event');
    expect(expected.cases).toHaveLength(6);
    expect(expected.cases.find((c) => c.summary === '库存劣药')).toMatchObject({
      status: 'PENALTY_DECIDED',
      unsold_goods_value_fen: 15_000_000n,
      illegal_gains_fen: 250_000n,
      harm_facts: ['SERIOUS_HEALTH_HARM'],
      warnings: ['REPEAT_OFFENDER', 'PENALTY_INSTEAD_OF_TRANSFER'],
    });
    expect(expected.cases.every((c) => c.agency_id === 'amr-650100')).toBe(true);
    expect(expected.cases.some((c) => (c.warnings as string[]).includes('PENALTY_INSTEAD_OF_TRANSFER'))).toBe(true);
    expect(expected.cases.find((c) => c.summary === '移送后处罚')).toMatchObject({
      status: 'CLOSED',
      transferred_criminal: true,
      warnings: ['REPEAT_OFFENDER'], // the same subject again within 365 days; no PENALTY_INSTEAD_OF_TRANSFER
    });

    const whole = createCaseProjection('whole_batch', owner);
    await whole.migrate(sql);
    await sql.transaction((tx) => whole.applyBatch!(tx, events));
    expect(await rowsOf('whole_batch')).toEqual(expected);

    const small = createCaseProjection('small_batches', owner);
    await small.migrate(sql);
    for (let i = 0; i < events.length; i += 3) await sql.transaction((tx) => small.applyBatch!(tx, events.slice(i, i + 3)));
    expect(await rowsOf('small_batches')).toEqual(expected);

    // Replaying everything on top (at-least-once) changes what apply would change, and nothing else.
    await sql.transaction(async (tx) => {
      for (const e of events) await one.apply(tx, e);
    });
    await sql.transaction((tx) => whole.applyBatch!(tx, events));
    expect(await rowsOf('whole_batch')).toEqual(await rowsOf('by_event'));
  });

  it('keeps every case when no ownership is given (tools reading a whole store)', async () => {
    const all = createCaseProjection('all_cases');
    await all.migrate(sql);
    await sql.transaction((tx) => all.applyBatch!(tx, events));
    const { rows } = await sql.query<{ agency_id: string }>(`SELECT agency_id FROM "all_cases".cases`);
    expect(new Set(rows.map((r) => r.agency_id))).toEqual(new Set(['amr-650100', 'health-650000']));
  });
});
