import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory } from '@xianjie/contracts';
import { createAccessRules, findDemoUser, type Principal } from '@xianjie/auth';
import { createEventStore, type EventStore, type RecordedEvent, type SqlClient } from '@xianjie/event-store';
import { createCaseProjection, createMarketRegulationService, type MarketRegulationService } from '../src/index.ts';

const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const officer = principal('u-amr-650100-officer');
const supervisor = principal('u-amr-650100-supervisor');

/** The batch form of the case projection must leave exactly the rows the event-by-event form does. */
describe('case projection: applyBatch equals apply event by event (PGlite)', () => {
  let store: EventStore;
  let sql: SqlClient;
  let service: MarketRegulationService;
  let events: RecordedEvent[];
  let clock = '2026-03-01T09:00:00+08:00';

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    service = await createMarketRegulationService({
      store,
      sql,
      directory: demoDirectory,
      rules: createAccessRules((id) => demoDirectory.get(id)),
      logger: pino({ level: 'silent' }),
      now: () => clock,
    });
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
    const one = createCaseProjection('by_event');
    await one.migrate(sql);
    await sql.transaction(async (tx) => {
      for (const e of events) await one.apply(tx, e);
    });
    const expected = await rowsOf('by_event');
    expect(expected.cases).toHaveLength(4);
    expect(expected.cases.some((c) => (c.warnings as string[]).includes('PENALTY_INSTEAD_OF_TRANSFER'))).toBe(true);

    const whole = createCaseProjection('whole_batch');
    await whole.migrate(sql);
    await sql.transaction((tx) => whole.applyBatch!(tx, events));
    expect(await rowsOf('whole_batch')).toEqual(expected);

    const small = createCaseProjection('small_batches');
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
});
