import { caseConsultationAnswerWindow, CaseConsultationEvent, defaultWorkingCalendar, InvalidTransitionError, ValidationError } from '@xianjie/contracts';
import type { AgencyRef } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { consultationDueAt, decideCaseConsultation, foldCaseConsultation, isConsultationOverdue } from './caseConsultationDecider.ts';
import type { AskCaseConsultation, CaseConsultation } from './caseConsultationDecider.ts';

const amr: AgencyRef = { id: 'amr-650100', kind: 'MARKET_REGULATION', regionCode: '650100' };
const police: AgencyRef = { id: 'police-650100', kind: 'POLICE', regionCode: '650100' };
const health: AgencyRef = { id: 'health-650100', kind: 'HEALTH', regionCode: '650100' };
const officer = { userId: 'u-amr-650100-officer', name: '帕丽旦·热合曼', agencyId: amr.id, roles: ['officer'] };
const policeOfficer = { userId: 'u-police-650100-officer', name: '卡米拉·吾斯曼', agencyId: police.id, roles: ['officer'] };

// Wed 2025-04-30 15:00: 05-01..05-05 is the May Day holiday, so the 3 working days are 05-06, 05-07, 05-08.
const askedAt = '2025-04-30T15:00:00+08:00';
const askCommand: AskCaseConsultation = {
  type: 'AskCaseConsultation',
  consultationId: 'k-001',
  at: askedAt,
  actor: officer,
  from: amr,
  to: police,
  caseId: 'c-001',
  caseReference: '乌市监立〔2025〕012号',
  question: '涉案货值金额12万元、已销售3万元，是否达到生产、销售伪劣产品罪立案追诉标准？',
  facts: '当事人无证配制并销售中药制剂',
  window: caseConsultationAnswerWindow,
  calendar: defaultWorkingCalendar,
};

const asked = (): CaseConsultationEvent[] => decideCaseConsultation(askCommand, { status: 'NONE' });

describe('案件咨询 (case consultation decider)', () => {
  it('asks the police; the answer is due at 24:00 Beijing of the 3rd working day after the day of asking (local rule), holidays skipped', () => {
    const [event] = asked();
    expect(CaseConsultationEvent.parse(event)).toEqual(event);
    expect(event).toMatchObject({
      type: 'CaseConsultationAsked',
      data: { from: amr, to: police, caseId: 'c-001', askedAt, dueAt: '2025-05-09T00:00:00+08:00', window: { amount: 3, authority: 'LOCAL_RULE' } },
    });
    expect(caseConsultationAnswerWindow.legalBasis).toContain('地方规则（无法定依据）');
    // An ordinary week: asked Mon 2025-06-09 09:00 → Tue, Wed, Thu → due 24:00 Thu 06-12.
    expect(consultationDueAt('2025-06-09T09:00:00+08:00', caseConsultationAnswerWindow, defaultWorkingCalendar)).toBe('2025-06-13T00:00:00+08:00');
  });

  it('refuses an agency that may not be consulted, and the asker itself, naming toAgencyId', () => {
    const notPolice = (() => {
      try {
        decideCaseConsultation({ ...askCommand, to: health }, { status: 'NONE' });
      } catch (error) {
        return error as ValidationError;
      }
      throw new Error('not refused');
    })();
    expect(notPolice).toBeInstanceOf(ValidationError);
    expect(notPolice.issues).toEqual([
      { path: 'toAgencyId', message: 'health-650100 is HEALTH; a case is consulted on the criminal threshold with POLICE (公安机关)' },
    ]);
    expect(() => decideCaseConsultation({ ...askCommand, from: police, to: police }, { status: 'NONE' })).toThrow(/is the asking agency itself/);
    expect(() => decideCaseConsultation({ ...askCommand, question: '  ' }, { status: 'NONE' })).toThrow(ValidationError);
  });

  it('overdue after the due time while unanswered (to the second); an answer after it is recorded late', () => {
    const state = foldCaseConsultation(asked()) as CaseConsultation;
    expect(isConsultationOverdue(state, '2025-05-09T00:00:00+08:00')).toBe(false);
    expect(isConsultationOverdue(state, '2025-05-09T00:00:01+08:00')).toBe(true);
    const inTime = decideCaseConsultation(
      { type: 'AnswerCaseConsultation', consultationId: 'k-001', at: '2025-05-09T00:00:00+08:00', actor: policeOfficer, agencyId: police.id, opinion: 'MEETS_THRESHOLD', answer: '已达到，建议移送' },
      state,
    );
    expect(inTime).toEqual([
      { type: 'CaseConsultationAnswered', data: { consultationId: 'k-001', opinion: 'MEETS_THRESHOLD', answer: '已达到，建议移送', answeredAt: '2025-05-09T00:00:00+08:00', late: false } },
    ]);
    const late = decideCaseConsultation(
      { type: 'AnswerCaseConsultation', consultationId: 'k-001', at: '2025-05-09T00:00:01+08:00', actor: policeOfficer, agencyId: police.id, opinion: 'BELOW_THRESHOLD', answer: '未达到' },
      state,
    );
    expect(late[0]).toMatchObject({ data: { late: true } });
    const answered = foldCaseConsultation([...asked(), ...late]) as CaseConsultation;
    expect(answered).toMatchObject({ status: 'ANSWERED', opinion: 'BELOW_THRESHOLD', late: true });
    expect(isConsultationOverdue(answered, '2025-06-01T00:00:00+08:00')).toBe(false);
  });

  it('only the consulted agency answers, once', () => {
    const state = foldCaseConsultation(asked());
    const byAsker = { type: 'AnswerCaseConsultation' as const, consultationId: 'k-001', at: '2025-05-06T10:00:00+08:00', actor: officer, agencyId: amr.id, opinion: 'MEETS_THRESHOLD' as const, answer: '自答' };
    expect(() => decideCaseConsultation(byAsker, state)).toThrow(InvalidTransitionError);
    const answered = foldCaseConsultation([
      ...asked(),
      ...decideCaseConsultation({ ...byAsker, actor: policeOfficer, agencyId: police.id, answer: '需补充' }, state),
    ]);
    expect(() => decideCaseConsultation({ ...byAsker, actor: policeOfficer, agencyId: police.id }, answered)).toThrow(/was answered at 2025-05-06T10:00:00\+08:00/);
  });
});
