import { describe, expect, it } from 'vitest';
import type { Deadline } from '@xianjie/contracts';
import { awaitingFeedbackOf, byOldestSent, feedbackStageAsOf, overdueStepNames, wholeDaysBetween } from './awaitingFeedback.ts';
import type { FeedbackFacts } from './awaitingFeedback.ts';

/** `MM-DDTHH:mm` of 2025 in Beijing time. */
const bj = (local: string): string => `2025-${local}:00+08:00`;
const second = (iso: string, seconds: number) => new Date(Date.parse(iso) + seconds * 1000).toISOString();

const none: FeedbackFacts = {
  sentAt: null,
  receivedAt: null,
  refusal: null,
  returned: null,
  acceptance: null,
  decline: null,
  reconsideration: null,
  supervision: null,
  dispositions: [],
  result: null,
  closed: null,
};

const sent = bj('03-03T10:00');
const received = bj('03-03T16:00');
const accepted = bj('03-05T10:00');
const recorded = bj('03-20T10:00');

/** A criminal transfer sent, received, accepted and fed back at the times above. */
const fedBack: FeedbackFacts = {
  ...none,
  sentAt: sent,
  receivedAt: received,
  acceptance: { documentNumber: '乌公（食药环）立字〔2025〕12号', reason: null, acceptedAt: accepted },
  result: { outcome: 'PROSECUTED', result: '已移送审查起诉', recordedAt: recorded },
};

describe('feedbackStageAsOf (首办负责制: what a sent transfer waits on as of a time)', () => {
  it('follows the transfer from sending to the result, each fact counting from its own second', () => {
    expect(feedbackStageAsOf(fedBack, second(sent, -1))).toBeNull();
    expect(feedbackStageAsOf(fedBack, sent)).toBe('AWAITING_RECEIPT');
    expect(feedbackStageAsOf(fedBack, second(received, -1))).toBe('AWAITING_RECEIPT');
    expect(feedbackStageAsOf(fedBack, received)).toBe('AWAITING_DECISION');
    expect(feedbackStageAsOf(fedBack, second(accepted, -1))).toBe('AWAITING_DECISION');
    expect(feedbackStageAsOf(fedBack, accepted)).toBe('AWAITING_RESULT');
    expect(feedbackStageAsOf(fedBack, second(recorded, -1))).toBe('AWAITING_RESULT');
    expect(feedbackStageAsOf(fedBack, recorded)).toBeNull();
  });

  it('a proposal never sent, or refused, is not awaiting feedback', () => {
    expect(feedbackStageAsOf(none, bj('12-31T23:59'))).toBeNull();
    expect(feedbackStageAsOf({ ...none, refusal: { reason: '证据不足', refusedAt: sent } }, bj('12-31T23:59'))).toBeNull();
  });

  it('declined, reconsideration requested, decided (upheld), then supervision suggested', () => {
    const declinedAt = bj('03-04T12:00');
    const requestedAt = bj('03-05T09:00');
    const decidedAt = bj('03-07T09:00');
    const suggestedAt = bj('03-08T09:00');
    const facts: FeedbackFacts = {
      ...none,
      sentAt: sent,
      receivedAt: received,
      decline: { reasonCategory: 'NO_OFFENCE', reason: '没有犯罪事实', declinedAt },
      reconsideration: { reason: '检验报告证明为假药', requestedAt, decision: { accepted: false, reason: '维持', decidedAt } },
      supervision: { reason: '建议立案监督', afterReconsideration: true, suggestedAt },
    };
    expect(feedbackStageAsOf(facts, second(declinedAt, -1))).toBe('AWAITING_DECISION');
    expect(feedbackStageAsOf(facts, declinedAt)).toBe('DECLINED');
    expect(feedbackStageAsOf(facts, requestedAt)).toBe('IN_RECONSIDERATION');
    expect(feedbackStageAsOf(facts, second(decidedAt, -1))).toBe('IN_RECONSIDERATION');
    expect(feedbackStageAsOf(facts, decidedAt)).toBe('DECLINED');
    expect(feedbackStageAsOf(facts, suggestedAt)).toBe('SUPERVISION_SUGGESTED');
  });

  it('accepted on reconsideration awaits the result from the decision on', () => {
    const decidedAt = bj('03-07T09:00');
    const facts: FeedbackFacts = {
      ...none,
      sentAt: sent,
      receivedAt: received,
      decline: { reasonCategory: 'NO_OFFENCE', reason: '没有犯罪事实', declinedAt: bj('03-04T12:00') },
      reconsideration: { reason: '补充鉴定意见', requestedAt: bj('03-05T09:00'), decision: { accepted: true, reason: '予以立案', decidedAt } },
      acceptance: { documentNumber: null, reason: '予以立案', acceptedAt: decidedAt },
    };
    expect(feedbackStageAsOf(facts, second(decidedAt, -1))).toBe('IN_RECONSIDERATION');
    expect(feedbackStageAsOf(facts, decidedAt)).toBe('AWAITING_RESULT');
  });

  it('a clue disposed of by the commission (no acceptance) awaits the result', () => {
    const disposedAt = bj('03-06T11:00');
    const facts: FeedbackFacts = {
      ...none,
      sentAt: sent,
      receivedAt: received,
      dispositions: [{ disposition: 'PRELIMINARY_VERIFICATION', reason: '初步核实', disposedAt }],
    };
    expect(feedbackStageAsOf(facts, second(disposedAt, -1))).toBe('AWAITING_DECISION');
    expect(feedbackStageAsOf(facts, disposedAt)).toBe('AWAITING_RESULT');
  });

  it('returned (退回) or closed (办结) ends the wait at that second', () => {
    const returnedAt = bj('03-04T10:00');
    const returned: FeedbackFacts = { ...none, sentAt: sent, receivedAt: received, returned: { reason: '不属本机关管辖', returnedAt } };
    expect(feedbackStageAsOf(returned, second(returnedAt, -1))).toBe('AWAITING_DECISION');
    expect(feedbackStageAsOf(returned, returnedAt)).toBeNull();
    const closedAt = bj('03-09T10:00');
    const closed: FeedbackFacts = {
      ...none,
      sentAt: sent,
      receivedAt: received,
      decline: { reasonCategory: 'NO_OFFENCE', reason: '没有犯罪事实', declinedAt: bj('03-04T12:00') },
      closed: { reason: '不再提请复议', closedAt },
    };
    expect(feedbackStageAsOf(closed, second(closedAt, -1))).toBe('DECLINED');
    expect(feedbackStageAsOf(closed, closedAt)).toBeNull();
  });

  it('refuses a time that is not one', () => {
    expect(() => feedbackStageAsOf(fedBack, 'yesterday')).toThrow(RangeError);
  });
});

describe('awaitingFeedbackOf', () => {
  const deadline = (step: Deadline['step'], dueAt: string, metAt: string | null, obligation: Deadline['obligation'] = 'DUTY'): Deadline => ({
    step,
    party: step === 'handOver' ? 'SENDER' : 'RECEIVER',
    obligation,
    startedAt: sent,
    dueAt,
    metAt,
    metLate: metAt !== null && Date.parse(metAt) > Date.parse(dueAt),
    extension: null,
    legalBasis: '行政执法机关移送涉嫌犯罪案件的规定',
  });
  const deadlines = [
    deadline('signReceipt', bj('03-04T10:00'), received),
    deadline('decide', bj('03-07T00:00'), accepted),
    deadline('handOver', bj('03-08T10:00'), null),
    deadline('requestReconsideration', bj('03-05T10:00'), null, 'RIGHT'),
  ];
  const row = { id: 't-1', side: 'SENDER' as const, deadlines };

  it('gives the stage, whole days waiting and the DUTY steps overdue at asOf on the row', () => {
    const asOf = bj('03-08T10:01');
    expect(awaitingFeedbackOf(row, { ...fedBack, result: null }, asOf)).toEqual({
      transfer: row,
      sentAt: sent,
      daysWaiting: 5,
      stage: 'AWAITING_RESULT',
      overdueSteps: ['handOver'],
    });
    // At the due time itself the step is still pending (statusAsOf).
    expect(awaitingFeedbackOf(row, { ...fedBack, result: null }, bj('03-08T10:00'))?.overdueSteps).toEqual([]);
  });

  it('is null for a receiver row or a transfer not awaiting feedback', () => {
    expect(awaitingFeedbackOf({ ...row, side: 'RECEIVER' }, fedBack, bj('03-06T00:00'))).toBeNull();
    expect(awaitingFeedbackOf(row, fedBack, recorded)).toBeNull();
  });

  it('counts whole calendar days: 0 until 24 hours have passed', () => {
    expect(wholeDaysBetween(sent, sent)).toBe(0);
    expect(wholeDaysBetween(sent, second(bj('03-04T10:00'), -1))).toBe(0);
    expect(wholeDaysBetween(sent, bj('03-04T10:00'))).toBe(1);
    expect(wholeDaysBetween(sent, bj('02-01T10:00'))).toBe(0);
  });

  it('names each overdue step once', () => {
    const twice = [deadline('signReceipt', bj('03-04T10:00'), null), deadline('signReceipt', bj('03-05T10:00'), null)];
    expect(overdueStepNames(twice, bj('03-06T00:00'))).toEqual(['signReceipt']);
  });

  it('orders oldest sentAt first, then by id', () => {
    const item = (id: string, sentAt: string) => ({ transfer: { id }, sentAt, daysWaiting: 0, stage: 'AWAITING_RECEIPT' as const, overdueSteps: [] });
    const items = [item('b', bj('03-02T00:00')), item('c', bj('03-01T00:00')), item('a', bj('03-02T00:00'))];
    expect(items.sort(byOldestSent).map((i) => i.transfer.id)).toEqual(['c', 'a', 'b']);
  });
});
