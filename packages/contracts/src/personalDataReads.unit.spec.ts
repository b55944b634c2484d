import { describe, expect, it } from 'vitest';
import { PersonalDataRead, beijingMonthOf, personalDataReadStreamId } from './personalDataReads.ts';

describe('查询留痕 streams', () => {
  it('names the month in Beijing time: 31 Jan 16:00Z is already February', () => {
    expect(beijingMonthOf('2025-01-31T15:59:59Z')).toBe('202501');
    expect(beijingMonthOf('2025-01-31T16:00:00Z')).toBe('202502');
    expect(personalDataReadStreamId('cdi-650000', '2025-09-02T10:00:00+08:00')).toBe(
      'data-reads-cdi-650000-202509',
    );
  });

  it('never starts with the case category', () => {
    expect(personalDataReadStreamId('cdi-650000', '2025-09-02T10:00:00+08:00').startsWith('case')).toBe(
      false,
    );
  });

  it('refuses a record without a case or with a bare ID number as subjectRef', () => {
    const reader = { userId: 'u', name: 'n', agencyId: 'cdi-650000', roles: ['overseer'] };
    expect(
      PersonalDataRead.safeParse({ reader, field: 'case', items: [], readAt: '2025-09-02T10:00:00+08:00' })
        .success,
    ).toBe(false);
    const item = { caseId: 'c1', caseAgencyId: 'amr-650100', subjectRef: '650102198503122719' };
    expect(
      PersonalDataRead.safeParse({
        reader,
        field: 'case',
        items: [item],
        readAt: '2025-09-02T10:00:00+08:00',
      }).success,
    ).toBe(false);
  });
});
