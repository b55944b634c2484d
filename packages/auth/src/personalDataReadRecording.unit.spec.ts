import { describe, expect, it, vi } from 'vitest';
import { demoDirectory, randomSubjectRefOf, readCaseOf, type ReadCase } from '@xianjie/contracts';
import { createAccessRules } from './accessRules.ts';
import type { Principal } from './principal.ts';
import { personalDataReadItems, recordPersonalDataReadsFirst, refusingPersonalDataReadRecorder } from './personalDataReadRecording.ts';

const rules = createAccessRules((id) => demoDirectory.get(id));
const who = (agencyId: string, ...roles: Principal['roles']): Principal => ({ userId: `u-${agencyId}-${roles.join('-')}`, name: '测试', agencyId, roles });
const overseer = who('cdi-650000', 'overseer');
const subjectRefOf = randomSubjectRefOf();
const idNumber = '650102198503122719';
const organization = { kind: 'ORGANIZATION' as const, name: '乌鲁木齐某某大药房有限公司', creditCode: '91650102MA79B1NX4U', idNumber: null };
const personCase = readCaseOf('p1', 'amr-650100', { kind: 'PERSON', name: '张某', creditCode: null, idNumber }, subjectRefOf);
const orgCase = readCaseOf('o1', 'amr-650100', organization, subjectRefOf);
const personRef = subjectRefOf({ kind: 'PERSON', idNumber });

describe('查询留痕: which reads are recorded', () => {
  it('an overseer reading another agency’s PERSON case: recorded once, with the keyed subjectRef the bus carries', () => {
    expect(personalDataReadItems(rules, overseer, [personCase, orgCase, personCase])).toEqual([
      { caseId: 'p1', caseAgencyId: 'amr-650100', subjectRef: personRef },
    ]);
  });

  it('an organisation’s case whose penalty names persons (处罚到人) is recorded (issue #12 hole 8)', () => {
    expect(personalDataReadItems(rules, overseer, [{ ...orgCase, namesPersons: true }])).toEqual([
      { caseId: 'o1', caseAgencyId: 'amr-650100', subjectRef: subjectRefOf(organization) },
    ]);
  });

  it('a row whose subject kind is not known is counted as a person (recorded)', () => {
    const unknown: ReadCase = { caseId: 'u1', agencyId: 'amr-650100', subjectKind: null, subjectRef: personRef };
    expect(personalDataReadItems(rules, overseer, [unknown])).toEqual([{ caseId: 'u1', caseAgencyId: 'amr-650100', subjectRef: personRef }]);
  });

  it.each<[string, Principal, readonly ReadCase[]]>([
    ['an ORGANIZATION subject naming no person (not personal data)', overseer, [orgCase]],
    ['the owning agency’s own officer', who('amr-650100', 'officer'), [personCase]],
    ['the owning agency’s own supervisor', who('amr-650100', 'supervisor'), [personCase]],
    ['nothing read', overseer, []],
  ])('%s: nothing to record', (_label, principal, cases) => {
    expect(personalDataReadItems(rules, principal, cases)).toEqual([]);
  });
});

describe('查询留痕: fail closed', () => {
  const reader = { principal: overseer, token: 'token', correlationId: 'corr-1' };

  it('sends the record with the reader, its token and correlation id', async () => {
    const recorder = vi.fn(async () => undefined);
    await recordPersonalDataReadsFirst({ rules, recorder }, reader, 'case', [personCase]);
    expect(recorder).toHaveBeenCalledWith({ field: 'case', items: [{ caseId: 'p1', caseAgencyId: 'amr-650100', subjectRef: personRef }] }, reader);
  });

  it('refuses the read with SERVICE_UNAVAILABLE when the record cannot be written, or no recorder is wired', async () => {
    const failing = vi.fn(async () => {
      throw new Error('connection refused');
    });
    await expect(recordPersonalDataReadsFirst({ rules, recorder: failing }, reader, 'auditTrail', [personCase])).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(/could not be recorded, so it is not served.*connection refused/),
    });
    await expect(
      recordPersonalDataReadsFirst({ rules, recorder: refusingPersonalDataReadRecorder }, reader, 'case', [personCase]),
    ).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
  });

  it('asks nothing of the commission when nothing is to be recorded', async () => {
    const recorder = vi.fn(async () => undefined);
    await recordPersonalDataReadsFirst({ rules, recorder }, reader, 'case', [orgCase]);
    await recordPersonalDataReadsFirst({ rules, recorder }, { principal: who('amr-650100', 'officer') }, 'case', [personCase]);
    expect(recorder).not.toHaveBeenCalled();
  });
});
