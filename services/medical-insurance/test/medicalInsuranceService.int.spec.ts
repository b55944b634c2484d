import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoDirectory } from '@xianjie/contracts';
import { createAccessRules, findDemoUser, type Principal } from '@xianjie/auth';
import { createEventStore, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createHealthService, type HealthService } from '@xianjie/health';
import { createMedicalInsuranceService, type MedicalInsuranceService } from '../src/index.ts';

const principal = (id: string): Principal => {
  const u = findDemoUser(id)!;
  return { userId: u.userId, name: u.name, agencyId: u.agencyId, roles: [...u.roles] };
};
const officer = principal('u-mi-650000-officer');
const supervisor = principal('u-mi-650000-supervisor');
const hospital = { kind: 'ORGANIZATION', name: '乌鲁木齐天山康宁医院', creditCode: '12650100MB1234567P' };

/** 医保 beside 卫健 on one store (embedded mode, no bus): each keeps to its own cases. */
describe('medical insurance service (PGlite)', () => {
  let store: EventStore;
  let sql: SqlClient;
  let mi: MedicalInsuranceService;
  let health: HealthService;
  const clock = '2026-03-01T09:00:00+08:00';

  beforeAll(async () => {
    ({ store, sql } = (await createEventStore({ kind: 'pglite' })) as { store: EventStore; sql: SqlClient });
    const common = { store, sql, directory: demoDirectory, rules: createAccessRules((id) => demoDirectory.get(id)), logger: pino({ level: 'silent' }), now: () => clock };
    mi = await createMedicalInsuranceService(common);
    health = await createHealthService(common);
    await mi.start();
    await health.start();
  });
  afterAll(async () => {
    await health?.stop();
    await mi?.stop();
    await store?.close();
  });

  it('names itself MEDICAL_INSURANCE in the schema medical_insurance', async () => {
    expect(mi.serviceName).toBe('medical-insurance');
    expect(mi.agencyKinds).toEqual(['MEDICAL_INSURANCE']);
    const { rows } = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'medical_insurance' AND table_name IN ('cases', 'transfers')`);
    expect(rows[0]!.n).toBe(2);
  });

  it('runs a 欺诈骗保 case to its penalty; health neither finds nor projects it', async () => {
    const { caseId } = await mi.cases.execute(
      'registerCase',
      { subject: hospital, source: 'INSPECTION', summary: '虚构医疗服务骗取医保基金', violations: ['INSURANCE_FRAUD', 'FAKE_HOSPITALIZATION'], amountInvolvedFen: 12_000_000 },
      { principal: officer },
    );
    await mi.cases.execute('fileCase', { caseId }, { principal: supervisor });
    await mi.cases.execute('recordEvidence', { caseId, kind: 'DOCUMENT', title: '住院病历与结算单' }, { principal: officer });
    const decided = await mi.cases.execute(
      'decidePenalty',
      { caseId, decisionNumber: '新医保罚〔2026〕1号', penalties: [{ kind: 'FINE', amountFen: 24_000_000 }], personsResponsible: [{ name: '王某', role: '院长' }] },
      { principal: supervisor },
    );
    expect(decided.state).toMatchObject({ status: 'PENALTY_DECIDED', agencyId: 'mi-650000' });
    await mi.projector.catchUp();
    await health.projector.catchUp();
    expect(await mi.queries.getCase(caseId)).toMatchObject({ status: 'PENALTY_DECIDED' });
    expect(await health.queries.getCase(caseId)).toBeNull();
    expect(await health.cases.caseAsOf(caseId)).toBeNull();
  });

  it('refuses a health principal with a clear FORBIDDEN', async () => {
    await expect(
      mi.cases.execute(
        'registerCase',
        { subject: hospital, source: 'COMPLAINT', summary: '欺诈骗保', violations: ['INSURANCE_FRAUD'] },
        { principal: principal('u-health-650000-officer') },
      ),
    ).rejects.toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/^medical-insurance runs the cases of MEDICAL_INSURANCE agencies/) });
  });
});
