import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory, integrationEventSchemas, integrationTopic, randomSubjectRefOf } from '@xianjie/contracts';
import { createAccessRules, findDemoUser, type Principal } from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createMemoryBus, createMessageRegistry, type Bus, type DeadLetter, type IntegrationMessage } from '@xianjie/messaging';
import { createDisciplineInspectionService, type DisciplineInspectionService } from '../src/index.ts';

// The bus carries keyed references; a test's own key stands in for the platform's.
const subjectRef = randomSubjectRefOf();

const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const subject = { kind: 'ORGANIZATION' as const, name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P', idNumber: null };

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

/** The commission's service on PGlite and the memory bus: facts from public events, once each. */
describe('discipline inspection service', () => {
  let sql: SqlClient;
  let bus: Bus;
  let service: DisciplineInspectionService;
  const topic = integrationTopic('case');
  const deadLetters: DeadLetter[] = [];

  beforeAll(async () => {
    let store: EventStore;
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    bus = createMemoryBus({ registry: createMessageRegistry(integrationEventSchemas()), logger: pino({ level: 'silent' }) });
    service = await createDisciplineInspectionService({
      store,
      sql,
      bus,
      directory: demoDirectory,
      rules: createAccessRules((id) => demoDirectory.get(id)),
      logger: pino({ level: 'silent' }),
    });
    await service.start();
    await (await bus.subscribeDeadLetters({ groupId: 'test-dlq', topic, handler: async (d) => void deadLetters.push(d), fromBeginning: true })).ready;
  });
  afterAll(async () => {
    await service.stop();
    await bus.close();
    await sql.close();
  });

  const caseMessages = (caseId: string, amountInvolvedFen: number, violations: string[]) => [
    message(caseId, 1, 'xianjie.case.registered.v1', {
      caseId, number: `N-${caseId}`, agencyId: 'amr-650100', source: 'INSPECTION', summary: 's', violations, amountInvolvedFen,
      registeredAt: '2026-03-01T01:00:00.000Z',
      subject: { kind: 'ORGANIZATION', name: subject.name, creditCode: subject.creditCode, idNumberMasked: null, subjectRef: subjectRef(subject) },
    }, '2026-03-01T01:00:00.000Z'),
    message(caseId, 2, 'xianjie.case.filed.v1', { caseId, reason: null, filedAt: '2026-03-02T01:00:00.000Z' }, '2026-03-02T01:00:00.000Z'),
    message(caseId, 3, 'xianjie.case.penalty-decided.v1', {
      caseId, decisionNumber: 'D1', penalties: [{ kind: 'FINE', amountFen: 100_000, description: null }], personsResponsible: [], repeatOffender: false,
      priorViolationsInWindow: 0, reason: null, decidedAt: '2026-03-05T01:00:00.000Z',
    }, '2026-03-05T01:00:00.000Z'),
    message(caseId, 4, 'xianjie.case.closed.v1', { caseId, reason: null, closedAt: '2026-03-06T01:00:00.000Z' }, '2026-03-06T01:00:00.000Z'),
  ];

  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
    expect(await check()).toBe(true);
  };

  it('warns of 以罚代刑 for a penalty-only case meeting a criminal threshold, and applies a redelivery once', async () => {
    const messages = caseMessages('a1', 8_600_000, ['UNAPPROVED_PREPARATION']);
    await bus.publish(topic, messages);
    await bus.publish(topic, [messages[3]!, messages[2]!]); // at-least-once: delivered again
    const overseer = principal('u-cdi-650000-overseer');
    await until(async () => (await service.queries.penaltyInsteadOfTransfer(service.overseenAgencies(overseer))).length === 1);
    const [warning] = await service.queries.penaltyInsteadOfTransfer(service.overseenAgencies(overseer));
    expect(warning).toMatchObject({
      caseId: 'a1',
      number: 'N-a1',
      agencyId: 'amr-650100',
      violations: ['UNAPPROVED_PREPARATION'],
      subjectKind: 'ORGANIZATION',
      subjectRef: subjectRef(subject),
    });
    const { rows } = await sql.query<{ n: bigint }>(`SELECT count(*) AS n FROM "discipline_inspection".penalty_decisions`);
    expect(Number(rows[0]!.n)).toBe(1);
  });

  it('lists repeat offenders across cases within the window', async () => {
    await bus.publish(topic, caseMessages('a2', 10_000, ['OUT_OF_SCOPE_TRADE']));
    const overseer = principal('u-cdi-650000-overseer');
    const query = () =>
      service.queries.repeatOffenders({ agencyIds: service.overseenAgencies(overseer), windowDays: 365, minViolations: 2, asOf: '2026-06-01T00:00:00Z' });
    await until(async () => (await query()).length === 1);
    expect((await query())[0]).toMatchObject({
      subjectName: subject.name,
      subjectKind: 'ORGANIZATION',
      decisions: 2,
      caseIds: ['a1', 'a2'],
      cases: [
        { caseId: 'a1', agencyId: 'amr-650100' },
        { caseId: 'a2', agencyId: 'amr-650100' },
      ],
    });
  });

  // after the repeat-offender count: these cases are of the same subject
  it('warns of no 以罚代刑 for a case transferred to police (xianjie.case.transferred.v1), but does for a clue only', async () => {
    const transferred = (caseId: string, version: number, kind: string) =>
      message(caseId, version, 'xianjie.case.transferred.v1', {
        caseId, transferId: `t-${caseId}`, kind, toAgencyId: kind === 'CRIMINAL' ? 'police-650100' : 'cdi-650100', transferredAt: '2026-03-03T01:00:00.000Z',
      }, '2026-03-03T01:00:00.000Z');
    // registered, filed, sent to police (declined there), penalty, closed: over the threshold, yet transferred
    const [registered, filed, decided, closed] = caseMessages('t1', 8_600_000, ['UNAPPROVED_PREPARATION']);
    await bus.publish(topic, [registered!, filed!, transferred('t1', 3, 'CRIMINAL'), { ...decided!, id: 'case-t1:4:0' }, { ...closed!, id: 'case-t1:5:0' }]);
    // the same facts with a clue to the commission only: still 以罚代刑
    const [r2, f2, d2, c2] = caseMessages('t2', 8_600_000, ['UNAPPROVED_PREPARATION']);
    await bus.publish(topic, [r2!, f2!, transferred('t2', 3, 'DISCIPLINARY'), { ...d2!, id: 'case-t2:4:0' }, { ...c2!, id: 'case-t2:5:0' }]);
    const facts = async (caseId: string) =>
      (await sql.query<{ status: string; transferred_to_police: boolean; warnings: string[] }>(
        `SELECT status, transferred_to_police, warnings FROM "discipline_inspection".case_facts WHERE case_id = $1`, [caseId],
      )).rows[0];
    await until(async () => (await facts('t1'))?.status === 'CLOSED' && (await facts('t2'))?.status === 'CLOSED');
    expect(await facts('t1')).toEqual({ status: 'CLOSED', transferred_to_police: true, warnings: [] });
    expect(await facts('t2')).toEqual({ status: 'CLOSED', transferred_to_police: false, warnings: ['PENALTY_INSTEAD_OF_TRANSFER'] });
    const overseer = principal('u-cdi-650000-overseer');
    const warned = (await service.queries.penaltyInsteadOfTransfer(service.overseenAgencies(overseer))).map((w) => w.caseId);
    expect(warned).toContain('t2');
    expect(warned).not.toContain('t1');
  });

  it('warns from the penalty decision on, with the harm fact recorded on evidence, the subject kind and each rule with its source', async () => {
    const evidence = (caseId: string, version: number, facts: Record<string, unknown>) =>
      message(caseId, version, 'xianjie.case.evidence-recorded.v1', {
        caseId, evidenceId: `${caseId}-E${version}`, kind: 'SAMPLE_TEST_REPORT', title: '检验报告', description: null,
        recordedAt: '2026-03-03T01:00:00.000Z', ...facts,
      }, '2026-03-03T01:00:00.000Z');
    // 劣药 sold for 300 yuan, with 严重危害 established: decided, not closed
    const [registered, filed, decided] = caseMessages('h1', 30_000, ['SUBSTANDARD_DRUG']);
    await bus.publish(topic, [
      registered!,
      filed!,
      evidence('h1', 3, {}), // as evidence was published before the facts existed
      evidence('h1', 4, { harmFacts: ['SERIOUS_HEALTH_HARM'] }),
      { ...decided!, id: 'case-h1:5:0' },
    ]);
    // an organisation's 非法经营 of 60 000 yuan is under the organisation threshold (500 000 yuan), and so
    // are illegal gains of 20 000 yuan (100 000 yuan); the same gains of an organisation at 100 000 yuan are over it
    const [r2, f2, d2] = caseMessages('o1', 6_000_000, ['UNLICENSED_DRUG_TRADE']);
    await bus.publish(topic, [r2!, f2!, evidence('o1', 3, { illegalGainsFen: 2_000_000 }), { ...d2!, id: 'case-o1:4:0' }]);
    const [r3, f3, d3] = caseMessages('o2', 6_000_000, ['UNLICENSED_DRUG_TRADE']);
    await bus.publish(topic, [r3!, f3!, evidence('o2', 3, { illegalGainsFen: 10_000_000 }), { ...d3!, id: 'case-o2:4:0' }]);
    const overseer = principal('u-cdi-650000-overseer');
    const list = () => service.queries.penaltyInsteadOfTransfer(service.overseenAgencies(overseer));
    await until(async () => (await list()).some((w) => w.caseId === 'h1'));
    const warning = (await list()).find((w) => w.caseId === 'h1')!;
    expect(warning).toMatchObject({ harmFacts: ['SERIOUS_HEALTH_HARM'], closedAt: null, decidedAt: '2026-03-05T01:00:00.000Z' });
    expect(warning.warningDetails).toHaveLength(1);
    expect(warning.warningDetails[0]).toMatchObject({ code: 'PENALTY_INSTEAD_OF_TRANSFER', label: '以罚代刑', ruleId: 'SUBSTANDARD_DRUG.HARM_FACT' });
    expect(warning.warningDetails[0]!.legalBasis).toContain('高检发释字〔2022〕1号');
    const status = async (caseId: string) =>
      (await sql.query<{ status: string }>(`SELECT status FROM "discipline_inspection".case_facts WHERE case_id = $1`, [caseId])).rows[0]?.status;
    await until(async () => (await status('o1')) === 'PENALTY_DECIDED');
    await until(async () => (await list()).some((w) => w.caseId === 'o2'));
    expect((await list()).map((w) => w.caseId)).not.toContain('o1');
    expect((await list()).find((w) => w.caseId === 'o2')!.warningDetails.map((d) => d.ruleId)).toEqual([
      'UNLICENSED_DRUG_TRADE.ORGANIZATION.ILLEGAL_GAINS',
    ]);
  });

  it('sends a malformed message to the dead-letter topic with its reason and goes on', async () => {
    await bus.publishRaw(topic, [
      { key: 'bad', value: '{"not":"a case"}', headers: { ce_id: 'bad-1', ce_type: 'xianjie.case.closed.v1', ce_source: '/x', ce_specversion: '1.0', ce_time: '2026-03-06T01:00:00Z', 'content-type': 'application/json' } },
    ]);
    await until(async () => deadLetters.length > 0);
    expect(deadLetters[0]!.reason).toMatch(/caseId|closedAt/);
    await bus.publish(topic, caseMessages('a3', 10, ['OUT_OF_SCOPE_TRADE']).slice(0, 1));
    await until(async () => (await sql.query(`SELECT 1 FROM "discipline_inspection".case_facts WHERE case_id = 'a3'`)).rows.length === 1);
  });

  it('answers oversight only to overseers', () => {
    expect(() => service.overseenAgencies(principal('u-amr-650100-officer'))).toThrow(/overseer|oversight/i);
    expect(service.overseenAgencies(principal('u-cdi-650100-overseer'))).not.toContain('amr-650000');
  });
});
