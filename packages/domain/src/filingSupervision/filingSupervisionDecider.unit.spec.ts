import { FilingSupervisionEvent, InvalidTransitionError, NotFoundError, ValidationError, XianjieError } from '@xianjie/contracts';
import type { Actor } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { createFilingSupervisionDecider, filingSupervisionDuty, foldFilingSupervision } from './filingSupervisionDecider.ts';
import type { CopiedTransferFacts, FilingSupervisionCommand } from './filingSupervisionDecider.ts';

const decider = createFilingSupervisionDecider();

/** given(events).when(command).then(expected events | expected error) */
const given = (events: FilingSupervisionEvent[]) => ({
  when: (command: FilingSupervisionCommand) => ({
    then: (expected: FilingSupervisionEvent[] | Error) => {
      const state = foldFilingSupervision(events);
      const before = structuredClone(state);
      let produced: FilingSupervisionEvent[] | undefined;
      let thrown: unknown;
      try {
        produced = decider.decide(command, state);
      } catch (error) {
        thrown = error;
      }
      expect(state, 'decide must not change the state').toEqual(before);
      if (expected instanceof Error) {
        expect(produced, 'the command should have been refused').toBeUndefined();
        expect(thrown).toBeInstanceOf(expected.constructor);
        expect((thrown as Error).message).toBe(expected.message);
        if (expected instanceof XianjieError) expect((thrown as XianjieError).details).toEqual(expected.details);
      } else {
        if (thrown) throw thrown;
        expect(produced).toEqual(expected);
        for (const event of produced ?? []) expect(FilingSupervisionEvent.parse(event)).toEqual(event);
      }
    },
  }),
});

const procurator: Actor = { userId: 'u-procuratorate-650100-officer', name: '阿依努尔·卡德尔', agencyId: 'procuratorate-650100', roles: ['officer'] };
const system: Actor = { userId: 'system:procuratorate', name: 'procuratorate', agencyId: 'procuratorate-650100', roles: [] };
const transferId = 't-1';
const declined: CopiedTransferFacts = {
  transferId,
  caseId: 'c-1',
  kind: 'CRIMINAL',
  fromAgencyId: 'amr-650100',
  toAgencyId: 'police-650100',
  declined: true,
  accepted: false,
  supervisionSuggested: true,
};

// Monday 3 March 2025, 10:00 Beijing time.
const requestedAt = '2025-03-03T10:00:00+08:00';
const ask = (over: Partial<Extract<FilingSupervisionCommand, { type: 'RequestNonFilingExplanation' }>> = {}): FilingSupervisionCommand => ({
  type: 'RequestNonFilingExplanation',
  transferId,
  at: requestedAt,
  actor: procurator,
  procuratorateId: 'procuratorate-650100',
  transfer: declined,
  documentNumber: '乌检刑监〔2025〕3号',
  reason: '市场监管局建议立案监督',
  ...over,
});
const requested: FilingSupervisionEvent = {
  type: 'NonFilingExplanationRequested',
  data: {
    transferId,
    caseId: 'c-1',
    procuratorateId: 'procuratorate-650100',
    policeAgencyId: 'police-650100',
    senderAgencyId: 'amr-650100',
    documentNumber: '乌检刑监〔2025〕3号',
    reason: '市场监管局建议立案监督',
    onSuggestion: true,
    requestedAt,
    // 7 days, the starting day not counted: 24:00 of Monday 10 March (a working day), Beijing time.
    explanationDueAt: '2025-03-11T00:00:00+08:00',
  },
};
const explained: FilingSupervisionEvent = {
  type: 'NonFilingExplanationReceived',
  data: { transferId, explanation: '涉案金额未达立案追诉标准', explainedAt: '2025-03-07T15:00:00+08:00' },
};
const issuedAt = '2025-03-12T09:00:00+08:00';
const judge = (reasonsHold: boolean, documentNumber?: string): FilingSupervisionCommand => ({
  type: 'DecideNonFilingReasons',
  transferId,
  at: issuedAt,
  actor: procurator,
  procuratorateId: 'procuratorate-650100',
  reasonsHold,
  reason: reasonsHold ? '理由成立' : '涉案金额已达标准，不立案理由不能成立',
  ...(documentNumber ? { documentNumber } : {}),
});
const notice: FilingSupervisionEvent = {
  type: 'FilingNoticeIssued',
  data: {
    transferId,
    procuratorateId: 'procuratorate-650100',
    policeAgencyId: 'police-650100',
    documentNumber: '乌检通立〔2025〕1号',
    reason: '涉案金额已达标准，不立案理由不能成立',
    issuedAt,
    // 15 days from Wednesday 12 March: 24:00 of Thursday 27 March, Beijing time.
    filingDueAt: '2025-03-28T00:00:00+08:00',
  },
};

describe('立案监督: asking the police to explain (刑事诉讼法第一百一十三条)', () => {
  it('asks on the agency’s suggestion; the explanation is due 24:00 Beijing time of the 7th day', () => {
    given([]).when(ask()).then([requested]);
  });

  it('asks on its own motion when no one suggested it', () => {
    given([]).when(ask({ transfer: { ...declined, supervisionSuggested: false } })).then([
      { ...requested, data: { ...requested.data, onSuggestion: false } } as FilingSupervisionEvent,
    ]);
  });

  it('moves a 7th day that falls in the National Day holiday to 24:00 of the first working day after it', () => {
    // Friday 26 September 2025 + 7 days = Friday 3 October (国庆节、中秋节 1–8 October): due 24:00 of Thursday 9 October.
    const produced = decider.decide(ask({ at: '2025-09-26T10:00:00+08:00' }), foldFilingSupervision([]));
    expect(produced[0]!.type === 'NonFilingExplanationRequested' && produced[0]!.data.explanationDueAt).toBe('2025-10-10T00:00:00+08:00');
  });

  it('does not know a transfer it has no copy of (NOT_FOUND)', () => {
    given([]).when(ask({ transfer: null })).then(new NotFoundError('Transfer', transferId));
  });

  it('refuses a transfer the police have not declined, or have filed, or that is not criminal', () => {
    given([])
      .when(ask({ transfer: { ...declined, declined: false } }))
      .then(new InvalidTransitionError('requestNonFilingExplanation', 'the police have not decided not to file (不予立案); there is nothing to explain yet', 'NONE'));
    given([])
      .when(ask({ transfer: { ...declined, accepted: true } }))
      .then(new InvalidTransitionError('requestNonFilingExplanation', 'the police filed the case (已立案); there is no decision not to file to explain', 'NONE'));
    given([])
      .when(ask({ transfer: { ...declined, kind: 'ADMINISTRATIVE' } }))
      .then(new InvalidTransitionError('requestNonFilingExplanation', '立案监督 is over criminal transfers (行刑衔接); this transfer is ADMINISTRATIVE', 'NONE'));
  });

  it('asks once', () => {
    given([requested])
      .when(ask())
      .then(
        new InvalidTransitionError(
          'requestNonFilingExplanation',
          `procuratorate-650100 already asked the police to explain on ${requestedAt} (乌检刑监〔2025〕3号); the supervision is EXPLANATION_REQUESTED`,
          'EXPLANATION_REQUESTED',
        ),
      );
  });

  it('names the field of bad input', () => {
    given([]).when(ask({ documentNumber: ' ' })).then(
      new ValidationError([{ path: 'documentNumber', message: 'the number of the notice (要求说明不立案理由通知书文号) is required' }]),
    );
  });
});

describe('立案监督: the police’s answers, noted from their own events', () => {
  it('notes the explanation while it is awaited, once', () => {
    const note: FilingSupervisionCommand = {
      type: 'NoteNonFilingExplanation',
      transferId,
      at: '2025-03-07T15:00:01+08:00',
      actor: system,
      explanation: '涉案金额未达立案追诉标准',
      explainedAt: '2025-03-07T15:00:00+08:00',
    };
    given([requested]).when(note).then([explained]);
    given([requested, explained]).when(note).then([]);
  });

  it('notes a filing after the notice, and a filing instead of an explanation', () => {
    const filing: FilingSupervisionCommand = {
      type: 'NotePoliceFiling',
      transferId,
      at: '2025-03-20T10:00:00+08:00',
      actor: system,
      documentNumber: '乌公立字〔2025〕8号',
      filedAt: '2025-03-20T10:00:00+08:00',
    };
    const filed: FilingSupervisionEvent = {
      type: 'PoliceFilingReceived',
      data: { transferId, documentNumber: '乌公立字〔2025〕8号', filedAt: '2025-03-20T10:00:00+08:00' },
    };
    given([requested, explained, notice]).when(filing).then([filed]);
    given([requested]).when(filing).then([filed]);
    given([]).when(filing).then([]);
  });
});

describe('立案监督: judging the reasons (刑事诉讼规则第五百六十条)', () => {
  it('upholds reasons that hold: the supervision ends', () => {
    given([requested, explained])
      .when(judge(true))
      .then([{ type: 'NonFilingReasonsUpheld', data: { transferId, procuratorateId: 'procuratorate-650100', reason: '理由成立', decidedAt: issuedAt } }]);
  });

  it('notifies the police to file when they do not; filing is due 24:00 Beijing time of the 15th day', () => {
    given([requested, explained]).when(judge(false, '乌检通立〔2025〕1号')).then([notice]);
  });

  it('needs the notice’s number when the reasons do not hold', () => {
    given([requested, explained])
      .when(judge(false))
      .then(
        new ValidationError([
          { path: 'documentNumber', message: 'the number of the notice to file (通知立案书文号) is required when the reasons do not hold' },
        ]),
      );
  });

  it('judges the reasons on the explanation, once', () => {
    given([requested])
      .when(judge(true))
      .then(
        new InvalidTransitionError(
          'decideNonFilingReasons',
          "the police's written explanation is not in yet (due 2025-03-11T00:00:00+08:00); the reasons are judged on it",
          'EXPLANATION_REQUESTED',
        ),
      );
    given([requested, explained, notice])
      .when(judge(true))
      .then(new InvalidTransitionError('decideNonFilingReasons', 'the reasons were judged already; the supervision is FILING_NOTIFIED', 'FILING_NOTIFIED'));
  });
});

describe('the police’s open duty as of a time', () => {
  it('is overdue only after 24:00 of the last day, to the second', () => {
    const asked = foldFilingSupervision([requested]);
    expect(filingSupervisionDuty(asked, '2025-03-11T00:00:00+08:00')).toEqual({ step: 'EXPLAIN', dueAt: '2025-03-11T00:00:00+08:00', overdue: false });
    expect(filingSupervisionDuty(asked, '2025-03-11T00:00:01+08:00')?.overdue).toBe(true);
    const notified = foldFilingSupervision([requested, explained, notice]);
    expect(filingSupervisionDuty(notified, '2025-03-28T00:00:00+08:00')).toEqual({ step: 'FILE', dueAt: '2025-03-28T00:00:00+08:00', overdue: false });
    expect(filingSupervisionDuty(notified, '2025-03-28T00:00:01+08:00')?.overdue).toBe(true);
    expect(filingSupervisionDuty(foldFilingSupervision([requested, explained]), '2025-04-01T00:00:00+08:00')).toBeNull();
  });
});
