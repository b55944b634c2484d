/**
 * The rules the seeds add to an operation's follow-through (issue 14 item 8), each from its source:
 * - 自查自纠 (seed 000: 自查自纠阶段（2020年4月30日前）… 上报自检报告; seed 003: 自查自纠总结报告 … 报送专项治理办公室);
 * - 销号 only with a 核查意见 (seed 001: 责任到人，逐个验收销号; 严格落实“谁检查、谁签名、谁负责”);
 * - 回头看 that finds 反弹 (seed 002: 逐一实施销号清零 … 防止问题复发和反弹; seed 003: 开展“回头看”行动，查漏补缺);
 * - the commission's acknowledgement and evaluation (seed 000: 将结果要向自治区纪委监委报告; 接受自治区纪委监委对
 *   专项整治工作成效的检查评估).
 */
import { InvalidTransitionError, ValidationError, VerifyRectificationInput } from '@xianjie/contracts';
import type { OperationEvent } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { decideOperation, foldOperation, targetsWithoutSelfInspection } from './operationDecider.ts';
import type { Operation, OperationCommand } from './operationDecider.ts';
import { operationFigures, operationProgress } from './operationProgress.ts';
import {
  actor,
  agencies,
  bj,
  ev,
  given,
  group1,
  histories,
  operationId,
  problemRegistered,
  recorded,
  refusal,
  running,
  targets,
  yiliInspected,
} from './operationTestKit.ts';

const command = (type: OperationCommand['type'], at: string, fields: Record<string, unknown> = {}, by = actor) =>
  ({ type, operationId, at, actor: by, ...fields }) as OperationCommand;
const refused = (name: string, reason: string, status: string) => new InvalidTransitionError(name, `${reason}; it is ${status}`, status);
const issuesOf = (events: readonly OperationEvent[], cmd: OperationCommand) => {
  const error = refusal(events, cmd);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues;
};
const stateOf = (events: readonly OperationEvent[]) => foldOperation(events) as Operation;
/** The events `cmd` yields on `events` (throws its refusal). */
const decide = (events: readonly OperationEvent[], cmd: OperationCommand): OperationEvent[] => decideOperation(cmd, foldOperation(events));

// ---------------------------------------------------------------- 自查自纠

describe('自查自纠: a target’s self-inspection report', () => {
  const report = (at: string, fields: Record<string, unknown> = {}) =>
    command('RecordSelfInspection', at, {
      targetCreditCode: targets.urumqi.creditCode,
      submittedAt: bj('2020-04-28T17:00'),
      items: [
        { description: '部分制剂批准文号将于年内到期，未提前申请再注册', focusItemIds: ['F1'], rectified: false, measures: '已提交再注册申请' },
        { description: '留样记录缺少复核签字', rectified: true, measures: '已补签并修订留样制度' },
      ],
      summary: '对照七项重点查处内容逐项自查，发现问题2个，已整改1个',
      signedBy: { name: '阿依古丽·买买提', title: '院长' },
      ...fields,
    });
  const recorded0 = ev('SelfInspectionRecorded', {
    operationId,
    targetCreditCode: targets.urumqi.creditCode,
    submittedAt: bj('2020-04-28T17:00'),
    late: false,
    items: [
      { description: '部分制剂批准文号将于年内到期，未提前申请再注册', focusItemIds: ['F1'], rectified: false, measures: '已提交再注册申请' },
      { description: '留样记录缺少复核签字', focusItemIds: [], rectified: true, measures: '已补签并修订留样制度' },
    ],
    summary: '对照七项重点查处内容逐项自查，发现问题2个，已整改1个',
    signedBy: { name: '阿依古丽·买买提', title: '院长' },
    recordedAt: bj('2020-04-29T10:00'),
  });

  it('records the report while the operation is planned or running; submitted on the phase’s last day it is on time', () => {
    given(histories.PLANNED).when(report(bj('2020-04-29T10:00'))).then([recorded0]);
    given(running).when(report(bj('2020-04-29T10:00'))).then([recorded0]);
  });

  it('marks a report submitted after 24:00 of the 自查自纠 phase’s last day late, to the second', () => {
    const atMidnight = report(bj('2020-05-02T10:00'), { submittedAt: '2020-05-01T00:00:00+08:00' });
    expect(stateOf([...running, ...decide(running, atMidnight)]).selfInspections[0]!.late).toBe(false);
    const after = report(bj('2020-05-02T10:00'), { submittedAt: '2020-05-01T00:00:01+08:00' });
    expect(stateOf([...running, ...decide(running, after)]).selfInspections[0]!.late).toBe(true);
  });

  it('takes one report per target, before the target is inspected, for a target of the register', () => {
    given([...running, recorded0])
      .when(report(bj('2020-04-30T10:00')))
      .then(refused('recordSelfInspection', `${targets.urumqi.name} reported its self-inspection on 2020-04-28 already`, 'IN_PROGRESS'));
    given([...running, yiliInspected])
      .when(report(bj('2020-05-07T10:00'), { targetCreditCode: targets.yili.creditCode }))
      .then(refused('recordSelfInspection', `${targets.yili.name} was inspected (I1): 自查自纠 comes before the inspection`, 'IN_PROGRESS'));
    expect(issuesOf(running, report(bj('2020-04-29T10:00'), { targetCreditCode: '91650102MA7XJ0012E' }))).toEqual([
      { path: 'targetCreditCode', message: '91650102MA7XJ0012E is not a target of the operation' },
    ]);
    given(histories.REPORTED)
      .when(report(bj('2020-06-11T10:00')))
      .then(refused('recordSelfInspection', 'self-inspection reports are recorded before the result is reported', 'REPORTED'));
  });

  it('refuses a submission time after the recording, and an unknown focus item', () => {
    expect(issuesOf(running, report(bj('2020-04-29T10:00'), { submittedAt: bj('2020-04-29T11:00') }))).toEqual([
      { path: 'submittedAt', message: `${bj('2020-04-29T11:00')} is after the time of recording (${bj('2020-04-29T10:00')})` },
    ]);
    expect(
      issuesOf(running, report(bj('2020-04-29T10:00'), { items: [{ description: 'x', focusItemIds: ['F9'], rectified: true }] })),
    ).toEqual([{ path: 'items.0.focusItemIds.0', message: 'no focus item F9 (items: F1, F2, F3)' }]);
  });

  it('refuses it when the plan has no 自查自纠 phase', () => {
    const noPhase = [
      ev('OperationPlanned', { ...(running[0]!.data as Extract<OperationEvent, { type: 'OperationPlanned' }>['data']), phases: [] }),
      ...running.slice(1),
    ];
    given(noPhase).when(report(bj('2020-04-29T10:00'))).then(refused('recordSelfInspection', 'the plan has no 自查自纠 (SELF_INSPECTION) phase', 'IN_PROGRESS'));
  });

  it('lists the targets without a report and counts them in the progress and the report figures', () => {
    const state = stateOf([...running, recorded0]);
    expect(targetsWithoutSelfInspection(state).map((t) => t.creditCode)).toEqual([targets.yili.creditCode, targets.altay.creditCode]);
    expect(operationProgress(state, '2020-05-01T00:00:01+08:00').selfInspection).toEqual({
      dueAt: '2020-05-01T00:00:00+08:00',
      due: true,
      targets: 3,
      reported: 1,
      late: 0,
      missing: 2,
      itemsFound: 2,
      itemsRectified: 1,
    });
    expect(operationProgress(state, '2020-05-01T00:00:00+08:00').selfInspection!.due).toBe(false);
    expect(operationFigures(state, bj('2020-05-01T00:00'))).toMatchObject({ selfInspectionsReported: 1, selfInspectionsMissing: 2 });
  });
});

// ---------------------------------------------------------------- 销号 with a 核查意见

const inspected = [...running, yiliInspected];
const ordered = [...inspected, problemRegistered('I1-F2')];
const reportedFix = [...ordered, ev('RectificationReported', { operationId, findingId: 'I1-F2', summary: '已建立留样台账', reportedAt: bj('2020-06-20T10:00') })];
const opinion = {
  checkedBy: [group1.leader, group1.deputy],
  checkedAt: bj('2020-06-24T15:00'),
  findings: '现场查看留样台账及补做的检验记录，整改到位',
  signedBy: [group1.leader, group1.deputy],
  responsible: group1.leader,
};
const verify = (fields: Record<string, unknown>, at = bj('2020-06-25T10:00')) =>
  command('VerifyRectification', at, { findingId: 'I1-F2', accepted: true, ...fields });

describe('销号 only with a 核查意见 (谁检查、谁签名、谁负责)', () => {
  it('refuses a 销号 without the opinion, naming the field', () => {
    expect(issuesOf(reportedFix, verify({ note: '到位' }))).toEqual([
      {
        path: 'opinion',
        message:
          '销号须附核查意见：写明谁检查、查见什么、谁签名、谁负责',
      },
    ]);
    // the contract says the same to the API before the decider
    const parsed = VerifyRectificationInput.safeParse({ operationId, findingId: 'I1-F2', accepted: true });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(['opinion']);
  });

  it('refuses an opinion without what was found, or without who checked', () => {
    expect(issuesOf(reportedFix, verify({ opinion: { ...opinion, findings: ' ' } })).map((i) => i.path)).toEqual(['opinion.findings']);
    expect(issuesOf(reportedFix, verify({ opinion: { ...opinion, checkedBy: [] } })).map((i) => i.path)).toContain('opinion.checkedBy');
  });

  it('谁检查、谁签名: a signer who did not check is refused; 谁签名、谁负责: the responsible person signed', () => {
    const outsider = { name: '孙志远', agencyId: agencies.amr.id, title: '副处长' };
    expect(issuesOf(reportedFix, verify({ opinion: { ...opinion, signedBy: [group1.leader, outsider] } }))).toEqual([
      { path: 'opinion.signedBy.1', message: '谁检查、谁签名: 孙志远 (amr-650000) did not check the rectification (checkedBy)' },
    ]);
    expect(issuesOf(reportedFix, verify({ opinion: { ...opinion, signedBy: [group1.deputy] } }))).toEqual([
      { path: 'opinion.responsible', message: '谁签名、谁负责: 刘洪亮 (amr-650000) did not sign the opinion (signedBy)' },
    ]);
  });

  it('refuses a checker from an agency that does not take part, and a check after the recording', () => {
    const police = { name: '赵明', agencyId: agencies.police.id, title: '民警' };
    expect(issuesOf(reportedFix, verify({ opinion: { ...opinion, checkedBy: [...opinion.checkedBy, police] } }))).toEqual([
      { path: 'opinion.checkedBy.2.agencyId', message: 'police-650000 does not take part in the operation (participants: amr-650000, health-650000)' },
    ]);
    expect(issuesOf(reportedFix, verify({ opinion: { ...opinion, checkedAt: bj('2020-06-25T11:00') } }))).toEqual([
      { path: 'opinion.checkedAt', message: `${bj('2020-06-25T11:00')} is after the time of recording (${bj('2020-06-25T10:00')})` },
    ]);
  });

  it('closes with the opinion recorded, and shows it on the ledger entry; a rejection needs none', () => {
    const events = decide(reportedFix, verify({ opinion: { ...opinion, method: 'DOCUMENTS' } }));
    const problem = stateOf([...reportedFix, ...events]).problems.find((p) => p.findingId === 'I1-F2')!;
    expect(problem).toMatchObject({
      status: 'CLOSED',
      verificationOpinion: {
        checkedBy: [recorded(group1.leader), recorded(group1.deputy)],
        method: 'DOCUMENTS',
        findings: '现场查看留样台账及补做的检验记录，整改到位',
        responsible: recorded(group1.leader),
      },
    });
    expect(decide(reportedFix, verify({ accepted: false, note: '留样台账不完整' })).map((e) => e.type)).toEqual(['RectificationRejected']);
  });
});

// ---------------------------------------------------------------- 回头看 and 反弹

const closedFix = [...reportedFix, ...decide(reportedFix, verify({ opinion }))];
const scheduled = ev('FollowUpScheduled', { operationId, findingId: 'I1-F2', scheduledOn: '2020-07-20', reason: '销号后回头看', scheduledAt: bj('2020-07-10T10:00') });
const followUp = (fields: Record<string, unknown> = {}, at = bj('2020-07-20T18:00')) =>
  command('RecordInspection', at, {
    groupId: 'G1',
    targetCreditCode: targets.yili.creditCode,
    kind: 'FOLLOW_UP',
    inspectedAt: bj('2020-07-20T10:00'),
    followUpOf: ['I1-F2'],
    checklist: [{ itemId: 'F3', result: 'NON_COMPLIANT' }],
    findings: [{ description: '留样台账再次缺记', focusItemIds: ['F3'] }],
    relapses: [{ findingId: 'I1-F2', description: '留样台账6月后又停记，问题反弹', rectificationDueOn: '2020-07-31' }],
    ...fields,
  });

describe('回头看 of a closed problem: 反弹 reopens it and is counted', () => {
  it('schedules a 回头看 of a closed (销号) problem without it being overdue', () =>
    given(closedFix)
      .when(command('ScheduleFollowUp', bj('2020-07-10T10:00'), { findingId: 'I1-F2', scheduledOn: '2020-07-20', reason: '销号后回头看' }))
      .then([scheduled]));

  it('a follow-up that finds it relapsed records the inspection and reopens the problem with a new due date', () => {
    const events = decide([...closedFix, scheduled], followUp());
    expect(events.map((e) => e.type)).toEqual(['InspectionRecorded', 'ProblemRelapsed']);
    expect(events[1]).toEqual(
      ev('ProblemRelapsed', {
        operationId,
        findingId: 'I1-F2',
        inspectionId: 'I2',
        description: '留样台账6月后又停记，问题反弹',
        rectificationDueOn: '2020-07-31',
        relapsedAt: bj('2020-07-20T10:00'),
      }),
    );
    const state = stateOf([...closedFix, scheduled, ...events]);
    expect(state.problems.find((p) => p.findingId === 'I1-F2')).toMatchObject({
      status: 'OPEN',
      rectificationDueOn: '2020-07-31',
      // the undone 销号 and its 核查意见 move into the relapse: who answered for it stays on the record
      verifiedAt: null,
      verificationOpinion: null,
      relapses: [
        {
          inspectionId: 'I2',
          closedAt: bj('2020-06-25T10:00'),
          rectificationDueOn: '2020-07-31',
          closureOpinion: { responsible: recorded(group1.leader), findings: opinion.findings },
        },
      ],
      followUps: [{ scheduledOn: '2020-07-20', inspectionId: 'I2' }],
    });
    const progress = operationProgress(state, bj('2020-07-21T10:00'));
    expect(progress.ledger).toMatchObject({ problems: 1, open: 1, closed: 0, closureRate: 0, relapses: 1, relapsedProblems: 1 });
    expect(operationFigures(state, bj('2020-07-21T10:00'))).toMatchObject({ relapses: 1, problemsClosed: 0 });
    // closed again after a second rectification, the relapse stays counted
    const again = [
      ...closedFix,
      scheduled,
      ...events,
      ev('RectificationReported', { operationId, findingId: 'I1-F2', summary: '恢复留样登记并专人复核', reportedAt: bj('2020-07-25T10:00') }),
    ];
    const reclosed = stateOf([...again, ...decide(again, verify({ opinion: { ...opinion, checkedAt: bj('2020-07-28T10:00') } }, bj('2020-07-28T12:00')))]);
    expect(operationProgress(reclosed, bj('2020-07-29T10:00')).ledger).toMatchObject({ closed: 1, relapses: 1, relapsedProblems: 1 });
  });

  it('a follow-up that finds it holding leaves it closed', () => {
    const events = decide([...closedFix, scheduled], followUp({ checklist: [{ itemId: 'F3', result: 'COMPLIANT' }], findings: [], relapses: [] }));
    expect(events.map((e) => e.type)).toEqual(['InspectionRecorded']);
    expect(stateOf([...closedFix, scheduled, ...events]).problems[0]).toMatchObject({ status: 'CLOSED', relapses: [] });
  });

  it('only a closed problem relapses; a relapse names a finding the follow-up checks; its due date is not past', () => {
    const open = [...ordered, ev('FollowUpScheduled', { operationId, findingId: 'I1-F2', scheduledOn: '2020-07-05', reason: null, scheduledAt: bj('2020-07-01T10:00') })];
    expect(issuesOf(open, followUp({}, bj('2020-07-20T18:00')))).toEqual([
      { path: 'relapses.0.findingId', message: 'I1-F2 is not closed (销号): only a closed problem relapses (反弹); it is OPEN' },
    ]);
    expect(issuesOf([...closedFix, scheduled], followUp({ relapses: [{ findingId: 'I1-F1', description: 'x', rectificationDueOn: '2020-07-31' }] })).map((i) => i.path)).toEqual([
      'relapses.0.findingId',
    ]);
    expect(issuesOf([...closedFix, scheduled], followUp({ relapses: [{ findingId: 'I1-F2', description: 'x', rectificationDueOn: '2020-07-19' }] }))).toEqual([
      { path: 'relapses.0.rectificationDueOn', message: '2020-07-19 is before today (2020-07-20)' },
    ]);
  });
});

// ---------------------------------------------------------------- the commission's acknowledgement and evaluation

describe('the commission acknowledges (签收) and evaluates (检查评估) the result report', () => {
  const cdi = { userId: 'u-cdi-650000-supervisor', name: '古丽娜尔', agencyId: 'cdi-650000', roles: ['supervisor'] };
  const acknowledged = ev('OperationReportAcknowledged', {
    operationId,
    agencyId: 'cdi-650000',
    by: { userId: cdi.userId, name: cdi.name },
    note: '已收悉',
    acknowledgedAt: bj('2020-06-12T10:00'),
  });
  const evaluated = ev('OperationReportEvaluated', {
    operationId,
    agencyId: 'cdi-650000',
    by: { userId: cdi.userId, name: cdi.name },
    grade: 'GOOD',
    evaluation: '覆盖全部制剂室，问题台账清晰；逾期整改须限期销号',
    evaluatedAt: bj('2020-06-20T10:00'),
  });
  const acknowledge = command('AcknowledgeOperationReport', bj('2020-06-12T10:00'), { note: '已收悉' }, cdi);
  const evaluate = command('EvaluateOperationReport', bj('2020-06-20T10:00'), { grade: 'GOOD', evaluation: '覆盖全部制剂室，问题台账清晰；逾期整改须限期销号' }, cdi);

  it('acknowledges once a report is made, once', () => {
    given(histories.REPORTED).when(acknowledge).then([acknowledged]);
    given(histories.CLOSED).when(acknowledge).then([acknowledged]);
    given(histories.IN_PROGRESS)
      .when(acknowledge)
      .then(refused('acknowledgeOperationReport', 'a result report is acknowledged once it is reported', 'IN_PROGRESS'));
    given([...histories.REPORTED, acknowledged])
      .when(acknowledge)
      .then(refused('acknowledgeOperationReport', 'the report was acknowledged on 2020-06-12 already', 'REPORTED'));
  });

  it('evaluates after acknowledging, once, with a grade; shown on the report', () => {
    given(histories.REPORTED).when(evaluate).then(refused('evaluateOperationReport', 'acknowledge the report (签收) before evaluating it', 'REPORTED'));
    given([...histories.REPORTED, acknowledged]).when(evaluate).then([evaluated]);
    given([...histories.REPORTED, acknowledged, evaluated])
      .when(evaluate)
      .then(refused('evaluateOperationReport', 'the report was evaluated on 2020-06-20 already', 'REPORTED'));
    expect(issuesOf([...histories.REPORTED, acknowledged], { ...evaluate, grade: 'SUPERB' } as unknown as OperationCommand).map((i) => i.path)).toEqual(['grade']);
    expect(stateOf([...histories.REPORTED, acknowledged, evaluated]).report).toMatchObject({
      acknowledgement: { agencyId: 'cdi-650000', by: { name: '古丽娜尔' }, note: '已收悉' },
      evaluation: { grade: 'GOOD', by: { userId: 'u-cdi-650000-supervisor' } },
    });
  });
});
