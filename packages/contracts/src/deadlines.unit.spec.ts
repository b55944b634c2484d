import { describe, expect, it } from 'vitest';
import { computeDeadlines, overdueAsOf, statusAsOf } from './deadlines.ts';
import type { Deadline } from './deadlines.ts';
import type { TransferEvent } from './transfer.ts';
import { transferPolicies } from './transferPolicies.ts';
import { defaultWorkingCalendar } from './workingCalendar.ts';

const deadline = (overrides: Partial<Deadline> = {}): Deadline => ({
  step: 'decide',
  party: 'RECEIVER',
  obligation: 'DUTY',
  startedAt: '2025-04-29T15:00:00+08:00',
  dueAt: '2025-05-07T00:00:00+08:00',
  metAt: null,
  metLate: false,
  extension: null,
  legalBasis: 'x',
  ...overrides,
});

describe('statusAsOf', () => {
  it('is pending until the due time inclusive and overdue one second after', () => {
    expect(statusAsOf(deadline(), '2025-05-06T23:59:59+08:00')).toBe('PENDING');
    expect(statusAsOf(deadline(), '2025-05-07T00:00:00+08:00')).toBe('PENDING');
    expect(statusAsOf(deadline(), '2025-05-07T00:00:01+08:00')).toBe('OVERDUE');
    expect(statusAsOf(deadline(), '2025-05-06T16:00:01Z')).toBe('OVERDUE'); // the same instant in UTC
  });

  it('is met from the time it was met, late or not', () => {
    const late = deadline({ metAt: '2025-05-08T10:00:00+08:00', metLate: true });
    expect(statusAsOf(late, '2025-05-07T00:00:01+08:00')).toBe('OVERDUE');
    expect(statusAsOf(late, '2025-05-08T10:00:00+08:00')).toBe('MET');
    const onTime = deadline({ metAt: '2025-05-06T23:59:59+08:00' });
    expect(statusAsOf(onTime, '2025-05-06T23:59:58+08:00')).toBe('PENDING');
    expect(statusAsOf(onTime, '2025-05-07T00:00:01+08:00')).toBe('MET');
  });

  it('lets a right or a conditional step lapse instead of going overdue', () => {
    expect(statusAsOf(deadline({ obligation: 'RIGHT' }), '2025-05-07T00:00:01+08:00')).toBe('LAPSED');
    expect(statusAsOf(deadline({ obligation: 'CONDITIONAL' }), '2025-05-07T00:00:01+08:00')).toBe('LAPSED');
  });

  it('lists only overdue duties', () => {
    const list = [deadline(), deadline({ obligation: 'RIGHT' }), deadline({ metAt: '2025-05-01T00:00:00+08:00' })];
    expect(overdueAsOf(list, '2025-05-08T00:00:00+08:00')).toEqual([deadline()]);
  });
});

describe('computeDeadlines', () => {
  const base = {
    transferId: 't-1',
    caseId: 'c-1',
    fromAgency: { id: 'amr-650100', kind: 'MARKET_REGULATION', regionCode: '650100' },
    reason: '移送',
    materials: [{ kind: 'TRANSFER_LETTER', title: '移送函' }],
    official: null,
  } as const;

  it('counts an administrative approval in working days across the adjusted Sunday before 劳动节', () => {
    const events: TransferEvent[] = [
      {
        type: 'TransferProposed',
        data: {
          ...base,
          materials: [...base.materials],
          kind: 'ADMINISTRATIVE',
          toAgency: { id: 'health-650100', kind: 'HEALTH', regionCode: '650100' },
          proposedAt: '2025-04-25T16:00:00+08:00',
        },
      },
    ];
    const [approve] = computeDeadlines(transferPolicies.ADMINISTRATIVE, events, defaultWorkingCalendar);
    expect(approve).toMatchObject({ step: 'approve', party: 'SENDER', dueAt: '2025-04-30T00:00:00+08:00', metAt: null });
    expect(statusAsOf(approve!, '2025-04-29T23:59:59+08:00')).toBe('PENDING');
    expect(statusAsOf(approve!, '2025-04-30T00:00:01+08:00')).toBe('OVERDUE');
  });

  it('gives the same deadlines for a noted fact as for the fact (the original business time counts)', () => {
    const declined = {
      transferId: 't-1',
      agencyId: 'police-650100',
      reasonCategory: 'NO_OFFENCE',
      reason: '没有犯罪事实',
      declinedAt: '2025-04-30T11:00:00+08:00',
    } as const;
    const own = computeDeadlines(transferPolicies.CRIMINAL, [{ type: 'TransferDeclined', data: declined }], defaultWorkingCalendar);
    const noted = computeDeadlines(
      transferPolicies.CRIMINAL,
      [{ type: 'DeclineNoted', data: { ...declined, notedAt: '2025-05-01T09:00:00+08:00' } }],
      defaultWorkingCalendar,
    );
    expect(noted).toEqual(own);
    expect(own).toEqual([
      // 5-1..5-3 counted, 5-3 is in the May Day holiday (5-1..5-5): 24:00 of 5-6 (decision 0014).
      expect.objectContaining({ step: 'requestReconsideration', obligation: 'RIGHT', dueAt: '2025-05-07T00:00:00+08:00' }),
    ]);
  });

  it('starts the supervision window only when reconsideration upheld the decline', () => {
    const decided = (accepted: boolean): TransferEvent => ({
      type: 'ReconsiderationDecided',
      data: { transferId: 't-1', agencyId: 'police-650100', accepted, reason: null, decidedAt: '2025-05-06T10:00:00+08:00' },
    });
    const steps = (accepted: boolean) =>
      computeDeadlines(transferPolicies.CRIMINAL, [decided(accepted)], defaultWorkingCalendar).map((d) => d.step);
    expect(steps(false)).toEqual(['suggestSupervision']);
    expect(steps(true)).toEqual(['handOver', 'feedbackResult']);
  });
});
