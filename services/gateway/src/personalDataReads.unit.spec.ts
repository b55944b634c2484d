import { describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { demoDirectory, readCaseOf, subjectRef, type ReadCase } from '@xianjie/contracts';
import { createAccessRules, type Principal } from '@xianjie/auth';
import type { GatewayContext, Platform } from './context.ts';
import { personalDataReadItems, recordPersonalDataReads } from './personalDataReads.ts';

const rules = createAccessRules((id) => demoDirectory.get(id));
const who = (agencyId: string, ...roles: Principal['roles']): Principal => ({
  userId: `u-${agencyId}-${roles.join('-')}`,
  name: '测试',
  agencyId,
  roles,
});
const overseer = who('cdi-650000', 'overseer');
const idNumber = '650102198503122719';
const organization = {
  kind: 'ORGANIZATION' as const,
  name: '乌鲁木齐某某大药房有限公司',
  creditCode: '91650102MA79B1NX4U',
  idNumber: null,
};
const personCase = readCaseOf('p1', 'amr-650100', {
  kind: 'PERSON',
  name: '张某',
  creditCode: null,
  idNumber,
});
const orgCase = readCaseOf('o1', 'amr-650100', organization);
const personRef = subjectRef({ kind: 'PERSON', name: '张某', creditCode: null, idNumber });

describe('查询留痕: which reads are recorded', () => {
  it('an overseer reading another agency’s PERSON case: recorded once, with the subjectRef the bus carries', () => {
    expect(personalDataReadItems(rules, overseer, [personCase, orgCase, personCase])).toEqual([
      { caseId: 'p1', caseAgencyId: 'amr-650100', subjectRef: personRef },
    ]);
  });

  it('keys each case by the subjectRef the bus carries (organisations too)', () => {
    expect(personCase.subjectRef).toBe(personRef);
    expect(orgCase).toEqual({
      caseId: 'o1',
      agencyId: 'amr-650100',
      subjectKind: 'ORGANIZATION',
      subjectRef: subjectRef(organization),
    });
  });

  it('a row whose subject kind is not known is counted as a person (recorded)', () => {
    const unknown: ReadCase = {
      caseId: 'u1',
      agencyId: 'amr-650100',
      subjectKind: null,
      subjectRef: personRef,
    };
    expect(personalDataReadItems(rules, overseer, [unknown])).toEqual([
      { caseId: 'u1', caseAgencyId: 'amr-650100', subjectRef: personRef },
    ]);
  });

  it.each<[string, Principal, readonly ReadCase[]]>([
    ['an ORGANIZATION subject (not personal data)', overseer, [orgCase]],
    ['the owning agency’s own officer', who('amr-650100', 'officer'), [personCase]],
    ['the owning agency’s own supervisor', who('amr-650100', 'supervisor'), [personCase]],
    ['nothing read', overseer, []],
  ])('%s: nothing to record', (_label, principal, cases) => {
    expect(personalDataReadItems(rules, principal, cases)).toEqual([]);
  });
});

describe('查询留痕: fail closed', () => {
  const contextWith = (
    recordPersonalDataRead: (...args: unknown[]) => Promise<unknown>,
    principal: Principal = overseer,
  ): GatewayContext => ({
    platform: {
      rules,
      logger: pino({ level: 'silent' }),
      oversight: { recordPersonalDataRead },
    } as unknown as Platform,
    principal,
    token: 'token',
    correlationId: 'corr-1',
  });

  it('sends the record with the caller and the request’s correlation id', async () => {
    const record = vi.fn(async () => ({
      streamId: 'data-reads-cdi-650000-202509',
      version: 1,
      readAt: '2025-09-01T00:00:00Z',
    }));
    await recordPersonalDataReads(contextWith(record), 'case', [personCase]);
    expect(record).toHaveBeenCalledWith(
      { field: 'case', items: [{ caseId: 'p1', caseAgencyId: 'amr-650100', subjectRef: personRef }] },
      { principal: overseer, token: 'token', correlationId: 'corr-1' },
    );
  });

  it('refuses the read with SERVICE_UNAVAILABLE when the record cannot be written', async () => {
    const failing = vi.fn(async () => {
      throw new Error('connection refused');
    });
    await expect(
      recordPersonalDataReads(contextWith(failing), 'auditTrail', [personCase]),
    ).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      message: expect.stringMatching(/could not be recorded, so it is not served.*connection refused/),
    });
  });

  it('asks nothing of the service when nothing is to be recorded', async () => {
    const record = vi.fn(async () => ({}));
    await recordPersonalDataReads(contextWith(record), 'case', [orgCase]);
    await recordPersonalDataReads(contextWith(record, who('amr-650100', 'officer')), 'case', [personCase]);
    expect(record).not.toHaveBeenCalled();
  });
});
