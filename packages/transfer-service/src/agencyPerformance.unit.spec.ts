import { describe, expect, it } from 'vitest';
import { ValidationError } from '@xianjie/contracts';
import type { Deadline } from '@xianjie/contracts';
import { checkPerformanceRange, median, mergePerformanceParts, performanceParts } from './agencyPerformance.ts';
import type { AgencyPerformancePart, PerformanceFacts, PerformanceRow } from './agencyPerformance.ts';

/** `MM-DDTHH:mm` of 2025 in Beijing time. */
const bj = (local: string): string => `2025-${local}:00+08:00`;
const second = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

const from = bj('03-01T00:00');
const to = bj('04-01T00:00');
const scope = ['amr-650100', 'police-650100', 'health-650100'];

const none: PerformanceFacts = {
  sentAt: null,
  receivedAt: null,
  acceptance: null,
  decline: null,
  dispositions: [],
  returned: null,
  result: null,
  forwards: [],
};

const sender = (toAgencyId: string, state: Partial<PerformanceFacts>, deadlines: Deadline[] = []): PerformanceRow => ({
  side: 'SENDER',
  fromAgencyId: 'amr-650100',
  toAgencyId,
  deadlines,
  state: { ...none, ...state },
});

const deadline = (
  step: Deadline['step'],
  party: Deadline['party'],
  dueAt: string,
  metAt: string | null,
  extra: Partial<Deadline> = {},
): Deadline => ({
  step,
  party,
  obligation: 'DUTY',
  startedAt: second(dueAt, -86_400),
  dueAt,
  metAt,
  metLate: metAt !== null && Date.parse(metAt) > Date.parse(dueAt),
  extension: null,
  legalBasis: '行政执法机关移送涉嫌犯罪案件的规定',
  ...extra,
});

const accepted = (at: string) => ({ documentNumber: null, reason: null, acceptedAt: at });
const declined = (at: string) => ({ reasonCategory: 'NO_OFFENCE' as const, reason: '没有犯罪事实', declinedAt: at });

const partOf = (parts: AgencyPerformancePart[], agencyId: string) => parts.find((p) => p.agencyId === agencyId);

describe('performanceParts (one service’s rows → partial figures per agency)', () => {
  it('counts a transfer for its sender and its receiver from the sender’s row, with the durations', () => {
    const rows = [
      // received after 6 h, accepted 42 h later, result fed back
      sender('police-650100', {
        sentAt: bj('03-03T10:00'),
        receivedAt: bj('03-03T16:00'),
        acceptance: accepted(bj('03-05T10:00')),
        result: { outcome: 'PROSECUTED', result: '已移送审查起诉', recordedAt: bj('03-20T10:00') },
      }),
      // received after 2 h, declined 24 h later
      sender('police-650100', { sentAt: bj('03-07T10:00'), receivedAt: bj('03-07T12:00'), decline: declined(bj('03-08T12:00')) }),
      // not signed for
      sender('police-650100', { sentAt: bj('03-06T10:00') }),
    ];
    const parts = performanceParts(rows, { agencyIds: scope, from, to });
    expect(partOf(parts, 'amr-650100')).toMatchObject({ sent: 3, received: 0, hoursToReceipt: [], hoursToDecision: [] });
    expect(partOf(parts, 'police-650100')).toEqual({
      agencyId: 'police-650100',
      sent: 0,
      received: 3,
      accepted: 1,
      declined: 1,
      returned: 0,
      resultsFedBack: 1,
      overdueSteps: 0,
      hoursToReceipt: [6, 2],
      hoursToDecision: [42, 24],
    });
  });

  it('takes [from, to) for sentAt and facts at or before `to` for the outcomes', () => {
    const rows = [
      sender('health-650100', { sentAt: from, receivedAt: to, acceptance: accepted(to) }),
      sender('health-650100', { sentAt: second(from, -1), receivedAt: bj('03-01T10:00') }),
      sender('health-650100', { sentAt: to }),
      sender('health-650100', { sentAt: bj('03-30T00:00'), receivedAt: bj('03-31T00:00'), decline: declined(second(to, 1)) }),
    ];
    const health = partOf(performanceParts(rows, { agencyIds: scope, from, to }), 'health-650100')!;
    expect(health).toMatchObject({ received: 2, accepted: 1, declined: 0, hoursToReceipt: [31 * 24, 24], hoursToDecision: [0] });
  });

  it('the first decision counts for the time to decide; the outcome as of `to` (accepted on reconsideration)', () => {
    const rows = [
      sender('police-650100', {
        sentAt: bj('03-03T10:00'),
        receivedAt: bj('03-03T12:00'),
        decline: declined(bj('03-04T12:00')),
        acceptance: accepted(bj('03-10T12:00')),
      }),
    ];
    const police = partOf(performanceParts(rows, { agencyIds: scope, from, to }), 'police-650100')!;
    expect(police).toMatchObject({ accepted: 1, declined: 0, hoursToDecision: [24] });
    const early = partOf(performanceParts(rows, { agencyIds: scope, from, to: bj('03-10T00:00') }), 'police-650100')!;
    expect(early).toMatchObject({ accepted: 0, declined: 1, hoursToDecision: [24] });
  });

  it('a disposed clue is accepted; a return is counted apart from the decisions', () => {
    const rows = [
      sender('cdi-650100', {
        sentAt: bj('03-03T10:00'),
        receivedAt: bj('03-03T11:00'),
        dispositions: [{ disposition: 'PRELIMINARY_VERIFICATION', reason: '初步核实', disposedAt: bj('03-03T15:00') }],
      }),
      sender('cdi-650100', { sentAt: bj('03-04T10:00'), receivedAt: bj('03-04T11:00'), returned: { reason: '不属本级管辖', returnedAt: bj('03-04T12:00') } }),
    ];
    const cdi = partOf(performanceParts(rows, { agencyIds: [...scope, 'cdi-650100'], from, to }), 'cdi-650100')!;
    expect(cdi).toMatchObject({ received: 2, accepted: 1, declined: 0, returned: 1, hoursToReceipt: [1, 1], hoursToDecision: [4] });
  });

  it('leaves out agencies outside the scope and agencies with nothing counted', () => {
    const rows = [sender('police-650200', { sentAt: bj('03-03T10:00') })];
    const parts = performanceParts(rows, { agencyIds: ['amr-650100'], from, to });
    expect(parts.map((p) => p.agencyId)).toEqual(['amr-650100']);
    expect(performanceParts(rows, { agencyIds: ['health-650100'], from, to })).toEqual([]);
  });

  describe('overdue steps: DUTY, due in [from, to), met late or unmet at `to`, from the owner’s row', () => {
    const due = bj('03-10T10:00');
    const count = (rows: PerformanceRow[], agencyId: string) =>
      partOf(performanceParts(rows, { agencyIds: scope, from, to }), agencyId)?.overdueSteps ?? 0;

    it('unmet or met late counts; met at the due time does not', () => {
      const row = sender('police-650100', { sentAt: bj('02-20T10:00') }, [
        deadline('handOver', 'SENDER', due, null),
        deadline('approve', 'SENDER', due, second(due, 1)),
        deadline('send', 'SENDER', due, due),
      ]);
      expect(count([row], 'amr-650100')).toBe(2);
    });

    it('due exactly at `from` counts, exactly at `to` does not; not DUTY does not', () => {
      const row = sender('police-650100', { sentAt: bj('02-20T10:00') }, [
        deadline('handOver', 'SENDER', from, null),
        deadline('supplyMaterials', 'SENDER', to, null),
        deadline('requestReconsideration', 'SENDER', due, null, { obligation: 'RIGHT' }),
        deadline('approve', 'SENDER', second(from, -1), null),
      ]);
      expect(count([row], 'amr-650100')).toBe(1);
    });

    it('a receiver step counts from the receiver’s row, the receipt from the sender’s row only', () => {
      const senderRow = sender('police-650100', { sentAt: bj('03-03T10:00') }, [
        deadline('signReceipt', 'RECEIVER', due, null),
        deadline('decide', 'RECEIVER', due, null),
      ]);
      const receiverRow: PerformanceRow = {
        ...senderRow,
        side: 'RECEIVER',
        deadlines: [deadline('signReceipt', 'RECEIVER', due, null), deadline('decide', 'RECEIVER', due, null), deadline('handOver', 'SENDER', due, null)],
      };
      // Each service holds one of the rows: every step is counted once when the parts are merged.
      const merged = mergePerformanceParts([
        ...performanceParts([senderRow], { agencyIds: scope, from, to }),
        ...performanceParts([receiverRow], { agencyIds: scope, from, to }),
      ]);
      expect(merged.find((p) => p.agencyId === 'police-650100')?.overdueSteps).toBe(2);
      expect(merged.find((p) => p.agencyId === 'amr-650100')?.overdueSteps).toBe(0);
    });

    it('after a forward (转送), a step is the receiver’s whose clock it was', () => {
      const forwardedAt = bj('03-05T10:00');
      const row = sender(
        'police-650200',
        { sentAt: bj('03-03T10:00'), forwards: [{ fromAgencyId: 'police-650100', toAgencyId: 'police-650200', reason: '管辖', forwardedAt }] },
        [
          deadline('signReceipt', 'RECEIVER', bj('03-04T10:00'), bj('03-04T11:00'), { startedAt: bj('03-03T10:00') }),
          deadline('signReceipt', 'RECEIVER', bj('03-06T10:00'), null, { startedAt: forwardedAt }),
        ],
      );
      const parts = performanceParts([row], { agencyIds: ['police-650100', 'police-650200'], from, to });
      expect(partOf(parts, 'police-650100')?.overdueSteps).toBe(1);
      expect(partOf(parts, 'police-650200')).toMatchObject({ overdueSteps: 1, received: 1 });
    });
  });
});

describe('mergePerformanceParts (the gateway adds the services’ parts up)', () => {
  const part = (agencyId: string, figures: Partial<AgencyPerformancePart>): AgencyPerformancePart => ({
    agencyId,
    sent: 0,
    received: 0,
    accepted: 0,
    declined: 0,
    returned: 0,
    resultsFedBack: 0,
    overdueSteps: 0,
    hoursToReceipt: [],
    hoursToDecision: [],
    ...figures,
  });

  it('adds counts, pools durations (a median of the pooled values, not of the medians) and rates of the decided', () => {
    const merged = mergePerformanceParts([
      part('police-650100', { received: 2, accepted: 1, hoursToReceipt: [1, 2, 3], overdueSteps: 1 }),
      part('amr-650100', { sent: 4 }),
      part('police-650100', { received: 3, accepted: 1, declined: 1, returned: 1, hoursToReceipt: [10], hoursToDecision: [5, 1 / 3], resultsFedBack: 1 }),
    ]);
    expect(merged).toEqual([
      {
        agencyId: 'amr-650100',
        sent: 4,
        received: 0,
        accepted: 0,
        declined: 0,
        returned: 0,
        acceptanceRate: null,
        declineRate: null,
        medianHoursToReceipt: null,
        medianHoursToDecision: null,
        overdueSteps: 0,
        resultsFedBack: 0,
      },
      {
        agencyId: 'police-650100',
        sent: 0,
        received: 5,
        accepted: 2,
        declined: 1,
        returned: 1,
        acceptanceRate: 2 / 3,
        declineRate: 1 / 3,
        // [1, 2, 3, 10] → 2.5 (the medians 2 and 10 would give 6)
        medianHoursToReceipt: 2.5,
        // (1/3 + 5) / 2 = 2.6666… → 2.67
        medianHoursToDecision: 2.67,
        overdueSteps: 1,
        resultsFedBack: 1,
      },
    ]);
  });

  it('received but none decided: null rates', () => {
    const [only] = mergePerformanceParts([part('health-650100', { received: 2, hoursToReceipt: [4] })]);
    expect(only).toMatchObject({ acceptanceRate: null, declineRate: null, medianHoursToReceipt: 4, medianHoursToDecision: null });
  });

  it('median of odd and even counts, and of none', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
});

describe('checkPerformanceRange', () => {
  const issueOf = (f: () => void) => {
    try {
      f();
    } catch (error) {
      expect(error).toBeInstanceOf(ValidationError);
      return (error as ValidationError).issues[0];
    }
    throw new Error('no error');
  };

  it('needs from < to, naming `to`', () => {
    expect(issueOf(() => checkPerformanceRange(from, from))).toMatchObject({ path: 'to' });
    expect(issueOf(() => checkPerformanceRange(to, from))?.message).toContain('must be after from');
  });

  it('caps the period at 366 days', () => {
    expect(() => checkPerformanceRange(bj('01-01T00:00'), '2026-01-02T00:00:00+08:00')).not.toThrow();
    expect(issueOf(() => checkPerformanceRange(bj('01-01T00:00'), '2026-01-03T00:00:00+08:00'))?.message).toContain('at most 366 days');
  });

  it('names a time that is not one', () => {
    expect(issueOf(() => checkPerformanceRange('soon', to))).toMatchObject({ path: 'from' });
  });
});
