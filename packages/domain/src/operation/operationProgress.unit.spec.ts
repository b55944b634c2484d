import type { OperationEvent } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { foldOperation } from './operationDecider.ts';
import type { Operation } from './operationDecider.ts';
import { operationProgress } from './operationProgress.ts';
import { agencies, bj, ev, operationId, problemRegistered, referred, running, targets, yiliInspected } from './operationTestKit.ts';

const stateOf = (events: readonly OperationEvent[]) => foldOperation(events) as Operation;

// G1 (第一检查组, 伊犁 + 阿勒泰): yili inspected with two findings; altay not yet. G2 (乌鲁木齐): urumqi inspected clean.
const urumqiInspected = ev('InspectionRecorded', {
  operationId,
  inspectionId: 'I2',
  groupId: 'G2',
  kind: 'REGULAR',
  targetCreditCode: targets.urumqi.creditCode,
  inspectedAt: bj('2020-05-12T10:00'),
  checklist: [
    { itemId: 'F1', result: 'COMPLIANT', note: null },
    { itemId: 'F2', result: 'COMPLIANT', note: null },
    { itemId: 'F3', result: 'NOT_APPLICABLE', note: null },
  ],
  findings: [],
  followUpOf: [],
  summary: null,
  recordedAt: bj('2020-05-12T18:00'),
});
const history: OperationEvent[] = [
  ...running,
  yiliInspected,
  urumqiInspected,
  problemRegistered('I1-F1', { disposition: 'CASE_INVESTIGATION', handlingAgencyId: agencies.amr.id, violations: ['UNAPPROVED_PREPARATION'], rectificationDueOn: '2020-06-15' }),
  referred,
  ev('FindingCaseLinked', {
    operationId,
    findingId: 'I1-F1',
    caseId: 'c-1',
    caseNumber: 'AMR650000〔2020〕00001号',
    agencyId: agencies.amr.id,
    registeredAt: bj('2020-05-10T10:01'),
  }),
  problemRegistered('I1-F2', { rectificationDueOn: '2020-06-30' }),
  ev('RectificationReported', { operationId, findingId: 'I1-F1', summary: '已停止配制', reportedAt: bj('2020-06-10T10:00') }),
  ev('ProblemRectified', { operationId, findingId: 'I1-F1', note: null, opinion: null, verifiedAt: bj('2020-06-12T10:00') }),
  ev('FollowUpScheduled', { operationId, findingId: 'I1-F2', scheduledOn: '2020-07-05', reason: null, scheduledAt: bj('2020-07-01T10:00') }),
];

describe('operation progress', () => {
  it('does not place an unannounced group’s uninspected target in a region for those who may not see it (四不两直 in aggregates)', () => {
    // altay (G1, unannounced, not inspected) moved to the other region of G1: nothing changes for an outsider.
    const elsewhere = (events: readonly OperationEvent[]) =>
      events.map((e) =>
        e.type === 'TargetsAssigned' && e.data.groupId === 'G1'
          ? ({ ...e, data: { ...e.data, targets: e.data.targets.map((t) => (t.creditCode === targets.altay.creditCode ? { ...t, regionCode: '654000' } : t)) } } as OperationEvent)
          : e,
      );
    const at = bj('2020-07-02T10:00');
    const inAltay = operationProgress(stateOf(history), at);
    const inYili = operationProgress(stateOf(elsewhere(history)), at);
    expect(inAltay).toEqual(inYili);
    expect(inAltay.byRegion.map((r) => r.regionCode)).toEqual(['650100', '654000']);
    expect(inAltay.byRegion.find((r) => r.regionCode === '654000')).toMatchObject({ assigned: 1, inspected: 1 });
    // counted, never placed: the totals hold it
    expect(inAltay.targets).toMatchObject({ assigned: 3, inspected: 2 });
    // the insiders (the predicate says they see it) still see where it is
    expect(operationProgress(stateOf(elsewhere(history)), at, () => true).byRegion.find((r) => r.regionCode === '654000')).toMatchObject({ assigned: 2 });
  });

  it('counts coverage per group, region and phase', () => {
    // As the group and the office see it: every target placed.
    const progress = operationProgress(stateOf(history), bj('2020-07-02T10:00'), () => true);
    expect(progress.targets).toEqual({ assigned: 3, inspected: 2, coverage: 2 / 3 });
    expect(progress.byGroup).toEqual([
      { groupId: 'G1', name: '第一检查组', assigned: 2, inspected: 1, coverage: 0.5 },
      { groupId: 'G2', name: '第三检查组', assigned: 1, inspected: 1, coverage: 1 },
    ]);
    expect(progress.byRegion).toEqual([
      { regionCode: '650100', assigned: 1, inspected: 1, coverage: 1 },
      { regionCode: '654000', assigned: 1, inspected: 1, coverage: 1 },
      { regionCode: '654300', assigned: 1, inspected: 0, coverage: 0 },
    ]);
    expect(progress.byPhase.map((p) => [p.phaseId, p.assigned, p.inspected, p.coverage, p.problemsRegistered])).toEqual([
      ['P1', 0, 0, null, 0],
      ['P2', 3, 2, 2 / 3, 2],
      ['P3', 0, 0, null, 0],
      ['P4', 0, 0, null, 0],
    ]);
  });

  it('totals the ledger by disposition with the closure rate (销号率)', () => {
    const { ledger, cases, followUps, inspections, findingsNotInLedger } = operationProgress(stateOf(history), bj('2020-07-02T10:00'));
    expect(ledger).toMatchObject({ problems: 2, open: 1, reported: 0, closed: 1, closureRate: 0.5 });
    expect(ledger.byDisposition.filter((d) => d.problems > 0)).toEqual([
      { disposition: 'RECTIFICATION_ORDER', problems: 1, closed: 0 },
      { disposition: 'CASE_INVESTIGATION', problems: 1, closed: 1 },
    ]);
    expect(ledger.byDisposition).toHaveLength(6);
    expect(cases).toEqual({ referred: 1, opened: 1, transferredToPolice: 0 });
    expect(followUps).toEqual({ scheduled: 1, done: 0 });
    expect(inspections).toEqual({ regular: 2, followUps: 0 });
    expect(findingsNotInLedger).toBe(0);
  });

  it('lists a rectification overdue one second after 24:00 of its due date, not one second before', () => {
    const state = stateOf(history.slice(0, -1)); // the events up to 2020-07-01 (before the follow-up was scheduled)
    expect(operationProgress(state, '2020-06-30T23:59:59+08:00').overdue).toEqual([]);
    expect(operationProgress(state, '2020-07-01T00:00:01+08:00').overdue).toEqual([
      {
        findingId: 'I1-F2',
        groupId: 'G1',
        targetName: targets.yili.name,
        targetCreditCode: targets.yili.creditCode,
        regionCode: '654000',
        disposition: 'RECTIFICATION_ORDER',
        rectificationDueOn: '2020-06-30',
        dueAt: '2020-07-01T00:00:00+08:00',
        daysOverdue: 1,
        followUpScheduledOn: null,
        rejected: false,
      },
    ]);
    // with the follow-up scheduled (the whole history), it is still overdue and shows the 回头看 day
    expect(operationProgress(stateOf(history), bj('2020-07-03T10:00')).overdue[0]).toMatchObject({ daysOverdue: 3, followUpScheduledOn: '2020-07-05' });
  });

  it('does not count a rectification reported in time and awaiting verification as overdue', () => {
    const state = stateOf([
      ...history,
      ev('RectificationReported', { operationId, findingId: 'I1-F2', summary: '已整改', reportedAt: bj('2020-07-04T10:00') }),
    ]);
    expect(operationProgress(state, bj('2020-07-10T10:00')).overdue).toEqual([]);
    expect(operationProgress(state, bj('2020-07-10T10:00')).ledger).toMatchObject({ open: 0, reported: 1 });
  });

  it('counts findings not yet in the ledger', () => {
    expect(operationProgress(stateOf([...running, yiliInspected]), bj('2020-05-07T10:00')).findingsNotInLedger).toBe(2);
  });
});
