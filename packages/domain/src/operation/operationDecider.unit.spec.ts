import { InvalidTransitionError, NotFoundError, ValidationError } from '@xianjie/contracts';
import type { OperationEvent } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { fold } from '../decider.ts';
import { decideOperation, evolveOperation, foldOperation, initialOperationState, operationDecider } from './operationDecider.ts';
import type { Operation, OperationCommand } from './operationDecider.ts';
import {
  actor,
  agencies,
  bj,
  creditCode,
  ev,
  g1Assigned,
  g1Formed,
  g2Assigned,
  g2Formed,
  given,
  group1,
  group2,
  histories,
  launched,
  operationId,
  person,
  planCommand,
  planInput,
  planned,
  problemRegistered,
  recorded,
  referred,
  refusal,
  running,
  targets,
  yiliInspected,
} from './operationTestKit.ts';

const base = (at: string) => ({ operationId, at, actor });
const command = (type: OperationCommand['type'], at: string, fields: Record<string, unknown> = {}) =>
  ({ type, ...base(at), ...fields }) as OperationCommand;
/** The event with some of its data changed. */
const tweak = (event: OperationEvent, data: Record<string, unknown>): OperationEvent =>
  ({ type: event.type, data: { ...event.data, ...data } }) as OperationEvent;
const refused = (name: string, reason: string, status: string) => new InvalidTransitionError(name, `${reason}; it is ${status}`, status);

/** The field paths of a ValidationError, with its messages. */
const issuesOf = (events: readonly OperationEvent[], cmd: OperationCommand) => {
  const error = refusal(events, cmd);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).issues;
};

const formGroup = (fields: Record<string, unknown>, at = bj('2020-04-16T12:00')) => command('FormInspectionGroup', at, fields);
const assign = (groupId: string, list: unknown[], at = bj('2020-04-17T12:00')) => command('AssignTargets', at, { groupId, targets: list });
const inspectYili = (fields: Record<string, unknown> = {}) =>
  command('RecordInspection', bj('2020-05-06T18:00'), {
    groupId: 'G1',
    targetCreditCode: targets.yili.creditCode,
    inspectedAt: bj('2020-05-06T09:30'),
    checklist: [
      { itemId: 'F1', result: 'NON_COMPLIANT', note: '制剂批准文号已过期' },
      { itemId: 'F2', result: 'COMPLIANT' },
      { itemId: 'F3', result: 'NON_COMPLIANT' },
    ],
    findings: [
      { description: '批准文号过期后仍配制复方制剂', focusItemIds: ['F1'], violations: ['UNAPPROVED_PREPARATION'] },
      { description: '检验记录与留样不符', focusItemIds: ['F3'] },
    ],
    ...fields,
  });
const register = (findingId: string, fields: Record<string, unknown> = {}, at = bj('2020-05-10T10:00')) =>
  command('RegisterProblem', at, { findingId, disposition: 'RECTIFICATION_ORDER', rectificationDueOn: '2020-06-30', ...fields });

const inspected = [...running, yiliInspected];
const ordered = [...inspected, problemRegistered('I1-F2')];
const reported = [...ordered, ev('RectificationReported', { operationId, findingId: 'I1-F2', summary: '已建立留样台账', reportedAt: bj('2020-06-20T10:00') })];
const rejected = [
  ...reported,
  ev('RectificationRejected', { operationId, findingId: 'I1-F2', reason: '留样台账不完整', newDueOn: '2020-07-15', rejectedAt: bj('2020-06-22T10:00') }),
];
/** A 核查意见 as sent (谁检查、谁签名、谁负责: the group's leader and deputy checked and signed; the leader answers for it). */
const opinionInput = {
  checkedBy: [group1.leader, group1.deputy],
  checkedAt: bj('2020-06-24T15:00'),
  findings: '现场查看留样台账及补做的检验记录，整改到位',
  signedBy: [group1.leader, group1.deputy],
  responsible: group1.leader,
};
const opinionRecorded = {
  checkedBy: [recorded(group1.leader), recorded(group1.deputy)],
  checkedAt: bj('2020-06-24T15:00'),
  method: 'ON_SITE' as const,
  findings: '现场查看留样台账及补做的检验记录，整改到位',
  signedBy: [recorded(group1.leader), recorded(group1.deputy)],
  responsible: recorded(group1.leader),
};
const followUpScheduled = ev('FollowUpScheduled', {
  operationId,
  findingId: 'I1-F2',
  scheduledOn: '2020-07-05',
  reason: '逾期未报整改报告',
  scheduledAt: bj('2020-07-01T10:00'),
});
const casedHistory = [...inspected, problemRegistered('I1-F1', { disposition: 'CASE_INVESTIGATION', handlingAgencyId: agencies.amr.id, violations: ['UNAPPROVED_PREPARATION'] }), referred];
const linked = ev('FindingCaseLinked', {
  operationId,
  findingId: 'I1-F1',
  caseId: 'c-1',
  caseNumber: 'AMR650000〔2020〕00001号',
  agencyId: agencies.amr.id,
  registeredAt: bj('2020-05-10T10:01'),
});

// ---------------------------------------------------------------- planning

describe('operation decider: planning', () => {
  it('plans an operation: lead agency first, ids P/F in order, phase names from the kind unless given', () =>
    given([]).when(planCommand()).then([planned]));

  it('plans with an empty register and no duties (defaults)', () => {
    const [event] = decideOperation(planCommand({ targets: undefined, duties: undefined }), initialOperationState);
    expect(event).toMatchObject({ type: 'OperationPlanned', data: { targets: [], duties: [] } });
  });

  it('refuses to plan the same operation twice', () =>
    given([planned]).when(planCommand()).then(refused('planOperation', `operation ${operationId} is already planned`, 'PLANNED')));

  it('refuses phases out of order, naming the phase', () => {
    const phases = [
      { kind: 'SELF_INSPECTION', startsOn: '2020-04-20', endsOn: '2020-05-05' },
      { kind: 'SUPERVISORY_INSPECTION', startsOn: '2020-05-01', endsOn: '2020-05-31' },
    ];
    expect(issuesOf([], planCommand({ phases }))).toEqual([
      {
        path: 'phases.1.startsOn',
        message: 'phases are in order and do not overlap: this one starts 2020-05-01, the one before ends 2020-05-05',
      },
    ]);
  });

  it('refuses a phase outside the operation, and one ending before it starts', () => {
    const phases = [
      { kind: 'SELF_INSPECTION', startsOn: '2020-04-10', endsOn: '2020-04-30' },
      { kind: 'RECTIFICATION', startsOn: '2020-08-01', endsOn: '2020-07-31' },
    ];
    expect(issuesOf([], planCommand({ phases }))).toEqual([
      { path: 'phases.0.startsOn', message: 'the phase starts (2020-04-10) before the operation (2020-04-20)' },
      { path: 'phases.1.endsOn', message: 'the phase ends (2020-07-31) before it starts (2020-08-01)' },
    ]);
  });

  it('refuses a phase ending after the operation, and an operation ending before it starts', () => {
    expect(issuesOf([], planCommand({ endsOn: '2020-04-19' })).map((i) => i.path)).toEqual([
      'endsOn',
      'phases.0.endsOn',
      'phases.1.endsOn',
      'phases.2.endsOn',
      'phases.3.endsOn',
    ]);
    expect(issuesOf([], planCommand({ endsOn: '2020-07-30' }))).toEqual([
      { path: 'phases.3.endsOn', message: 'the phase ends (2020-07-31) after the operation (2020-07-30)' },
    ]);
  });

  it('refuses a person or unit of an agency that does not take part', () => {
    const issues = issuesOf(
      [],
      planCommand({
        leadingGroup: { ...planInput.leadingGroup, members: [person('周某', null, 'police-650000')] },
        duties: [{ unit: '稽查支队', agencyId: agencies.amrCity.id, duty: '协助检查' }],
      }),
    );
    expect(issues).toEqual([
      { path: 'leadingGroup.members.0.agencyId', message: 'police-650000 does not take part in the operation (participants: amr-650000, health-650000)' },
      { path: 'duties.0.agencyId', message: 'amr-650100 does not take part in the operation (participants: amr-650000, health-650000)' },
    ]);
  });

  it('refuses the lead agency or another agency listed twice among the participants', () => {
    expect(
      issuesOf([], planCommand({ participantAgencyIds: ['health-650000', 'amr-650000', 'health-650000'], participants: [agencies.health, agencies.amr, agencies.health] })),
    ).toEqual([
      { path: 'participantAgencyIds.1', message: 'amr-650000 leads the operation; it takes part already' },
      { path: 'participantAgencyIds.2', message: 'health-650000 is listed twice' },
    ]);
  });

  it('refuses a target outside the participants’ regions, and a target listed twice', () => {
    const gansu = { name: '兰州某医院制剂室', creditCode: creditCode('620100', 9), regionCode: '620100' };
    expect(issuesOf([], planCommand({ targets: [targets.yili, gansu, targets.yili] }))).toEqual([
      { path: 'targets.1.regionCode', message: "620100 is outside the participants' regions (650000)" },
      { path: 'targets.2.creditCode', message: `${targets.yili.creditCode} is listed twice` },
    ]);
  });

  it('names a bad input field (zod): a bad credit code, a missing focus item list', () => {
    const issues = issuesOf([], planCommand({ focusItems: [], targets: [{ ...targets.yili, creditCode: `${targets.yili.creditCode.slice(0, 17)}0` }] }));
    expect(issues.map((i) => i.path)).toEqual(['focusItems', 'targets.0.creditCode']);
  });

  it('refuses a command on an operation never planned (NotFound)', () =>
    given([]).when(formGroup(group1)).then(new NotFoundError('Operation', operationId)));
});

describe('operation decider: inspection groups', () => {
  it('forms a mixed group working the whole phase by default, unannounced by default', () =>
    given([planned]).when(formGroup(group1, bj('2020-04-16T10:00'))).then([g1Formed]));

  it('forms a group with its own period inside the phase, announced', () =>
    given([planned, g1Formed]).when(formGroup(group2, bj('2020-04-16T11:00'))).then([g2Formed]));

  it('refuses a person in two groups whose work overlaps, without telling the other (unannounced) group’s period', () => {
    const overlapping = { ...group2, members: [person('谢丽娜', 'u-g1-member', agencies.health.id, '中药师')] };
    expect(issuesOf([planned, g1Formed], formGroup(overlapping))).toEqual([
      {
        path: 'members.0',
        message: '谢丽娜 (health-650000) is in 第一检查组 (G1), whose work overlaps this group\'s 2020-05-01–2020-05-20', // G1's own period unsaid (四不两直)
      },
    ]);
  });

  it('lets one person work in two groups whose periods do not overlap', () => {
    const g1Early = tweak(g1Formed, { endsOn: '2020-05-15' });
    const later = { ...group2, startsOn: '2020-05-16', endsOn: '2020-05-31', members: [person('谢丽娜', 'u-g1-member', agencies.health.id, '中药师')] };
    const [event] = decideOperation(formGroup(later), foldOperation([planned, g1Early]));
    expect(event).toMatchObject({ type: 'InspectionGroupFormed', data: { groupId: 'G2', members: [{ userId: 'u-g1-member' }] } });
  });

  it('matches a person without an account by name within the agency', () => {
    const g1NoAccounts = tweak(g1Formed, { members: [recorded(person('谢丽娜', null, agencies.health.id))] });
    const again = { ...group2, members: [person('谢丽娜', null, agencies.health.id, '主管药师')] };
    expect(issuesOf([planned, g1NoAccounts], formGroup(again)).map((i) => i.path)).toEqual(['members.0']);
  });

  it('refuses the same person twice in one group', () => {
    const twice = { ...group1, members: [person('刘洪亮', 'u-g1-leader', agencies.amr.id, '副局长')] };
    expect(issuesOf([planned], formGroup(twice))).toEqual([{ path: 'members.0', message: '刘洪亮 (amr-650000) is already in this group as leader' }]);
  });

  it('refuses a member from an agency that does not take part', () => {
    const withCity = { ...group1, members: [person('赵敏', 'u-city', agencies.amrCity.id)] };
    expect(issuesOf([planned], formGroup(withCity))).toEqual([
      { path: 'members.0.agencyId', message: 'amr-650100 does not take part in the operation (participants: amr-650000, health-650000)' },
    ]);
  });

  it('refuses a region outside the participants’ regions, and a region listed twice', () => {
    expect(issuesOf([planned], formGroup({ ...group1, regions: ['654000', '620000', '654000'] }))).toEqual([
      { path: 'regions.1', message: "620000 is outside the participants' regions (650000)" },
      { path: 'regions.2', message: '654000 is listed twice' },
    ]);
  });

  it('refuses a period outside its phase, an unknown phase and a taken name', () => {
    expect(issuesOf([planned], formGroup({ ...group1, startsOn: '2020-04-28', endsOn: '2020-06-02' }))).toEqual([
      { path: 'startsOn', message: 'the group starts (2020-04-28) before its phase 监督检查 (2020-05-01–2020-05-31)' },
      { path: 'endsOn', message: 'the group ends (2020-06-02) after its phase 监督检查 (2020-05-01–2020-05-31)' },
    ]);
    expect(issuesOf([planned], formGroup({ ...group1, phaseId: 'P9' }))).toEqual([
      { path: 'phaseId', message: 'no phase P9; the plan has P1 自查自纠, P2 监督检查, P3 检查评估, P4 整改提升阶段' },
    ]);
    expect(issuesOf([planned, g1Formed], formGroup({ ...group2, name: '第一检查组' })).map((i) => i.path)).toEqual(['name']);
  });

  it('requires the deputy (liaison) to have a phone', () => {
    const { phone: _p, ...noPhone } = group1.deputy as { phone?: string };
    expect(issuesOf([planned], formGroup({ ...group1, deputy: noPhone })).map((i) => i.path)).toEqual(['deputy.phone']);
  });

  it('forms groups while planned or in progress only', () => {
    given(histories.REPORTED).when(formGroup({ ...group1, name: '第五检查组' })).then(
      refused('formInspectionGroup', 'groups are formed while the operation is planned or in progress', 'REPORTED'),
    );
  });
});

describe('operation decider: targets', () => {
  it('assigns register targets and adds new ones, with planned days', () =>
    given([planned, g1Formed, g2Formed])
      .when(assign('G1', [{ ...targets.yili, plannedOn: '2020-05-06' }, targets.altay], bj('2020-04-17T10:00')))
      .then([g1Assigned]));

  it('refuses a target assigned to two groups', () => {
    expect(issuesOf([planned, g1Formed, g2Formed, g1Assigned], assign('G2', [{ ...targets.yili, regionCode: '654000' }]))).toEqual(
      expect.arrayContaining([
        {
          path: 'targets.0.creditCode',
          message: `${targets.yili.name} (${targets.yili.creditCode}) is already assigned to 第一检查组 (G1); a target has one group`,
        },
      ]),
    );
  });

  it('refuses a target outside the group’s regions, listed twice, misnamed or planned outside the group’s work', () => {
    const issues = issuesOf(
      [planned, g1Formed, g2Formed],
      assign('G2', [
        { ...targets.yili },
        { ...targets.urumqi, name: '另一个名字' },
        { ...targets.urumqi2, plannedOn: '2020-05-25' },
        targets.urumqi2,
      ]),
    );
    expect(issues).toEqual([
      { path: 'targets.0.regionCode', message: '654000 is not among the regions of 第三检查组 (G2): 650100' },
      { path: 'targets.1.name', message: `the register names ${targets.urumqi.creditCode} ${targets.urumqi.name}` },
      { path: 'targets.2.plannedOn', message: '2020-05-25 is outside the work of 第三检查组 (G2) (2020-05-01–2020-05-20)' },
      { path: 'targets.3.creditCode', message: `${targets.urumqi2.creditCode} is listed twice` },
    ]);
  });

  it('refuses an unknown group', () => {
    expect(issuesOf([planned, g1Formed], assign('G7', [targets.yili]))).toEqual([{ path: 'groupId', message: 'no inspection group G7 (groups: G1)' }]);
  });
});

describe('operation decider: launch', () => {
  it('launches when every target has a group and every group targets', () =>
    given(histories.PLANNED).when(command('LaunchOperation', bj('2020-04-30T10:00'))).then([launched]));

  it('refuses a launch with a target assigned to no group', () =>
    given([planned, g1Formed, g2Formed, g1Assigned])
      .when(command('LaunchOperation', bj('2020-04-30T10:00')))
      .then(refused('launchOperation', `1 target(s) are assigned to no group: ${targets.urumqi.name} (${targets.urumqi.creditCode})`, 'PLANNED')));

  it('refuses a launch with a group without targets, or without any group', () => {
    given([planned, g1Formed, g2Formed, tweak(g1Assigned, { targets: [{ ...targets.yili, plannedOn: null }, { ...targets.urumqi, regionCode: '650100', plannedOn: null }] })])
      .when(command('LaunchOperation', bj('2020-04-30T10:00')))
      .then(refused('launchOperation', '第三检查组 (G2) has no targets', 'PLANNED'));
    given([planned]).when(command('LaunchOperation', bj('2020-04-30T10:00'))).then(refused('launchOperation', 'form at least one inspection group first', 'PLANNED'));
  });

  it('launches once', () =>
    given(running).when(command('LaunchOperation', bj('2020-05-01T10:00'))).then(refused('launchOperation', 'an operation is launched once, after it is planned', 'IN_PROGRESS')));
});

// ---------------------------------------------------------------- inspections

describe('operation decider: inspections', () => {
  it('records a REGULAR inspection: checklist per focus item, findings with ids', () => given(running).when(inspectYili()).then([yiliInspected]));

  it('refuses an inspection before launch and after closing', () => {
    given(histories.PLANNED).when(inspectYili()).then(
      refused('recordInspection', 'inspections are recorded after the operation is launched and before it is closed', 'PLANNED'),
    );
    given(histories.CLOSED).when(inspectYili()).then(
      refused('recordInspection', 'inspections are recorded after the operation is launched and before it is closed', 'CLOSED'),
    );
  });

  it('refuses a target of another group or of no operation', () => {
    expect(issuesOf(running, inspectYili({ groupId: 'G2' }))).toEqual([
      { path: 'targetCreditCode', message: `${targets.yili.name} is assigned to 第一检查组 (G1), not 第三检查组 (G2)` },
    ]);
    expect(issuesOf(running, inspectYili({ targetCreditCode: creditCode('654000', 77) }))).toEqual([
      { path: 'targetCreditCode', message: `${creditCode('654000', 77)} is not a target of the operation` },
    ]);
  });

  it('refuses a second REGULAR inspection of a target', () =>
    given(inspected)
      .when(inspectYili())
      .then(refused('recordInspection', `${targets.yili.name} was inspected on 2020-05-06 (I1); record a FOLLOW_UP (回头看) instead`, 'IN_PROGRESS')));

  it('refuses an incomplete or inconsistent checklist', () => {
    expect(
      issuesOf(
        running,
        inspectYili({
          checklist: [
            { itemId: 'F1', result: 'NON_COMPLIANT' },
            { itemId: 'F1', result: 'COMPLIANT' },
            { itemId: 'F9', result: 'COMPLIANT' },
            { itemId: 'F2', result: 'COMPLIANT' },
          ],
          findings: [{ description: '调剂记录缺失', focusItemIds: ['F2', 'F8'] }],
        }),
      ),
    ).toEqual([
      { path: 'checklist.1.itemId', message: 'F1 is listed twice' },
      { path: 'checklist.2.itemId', message: 'no focus item F9 (items: F1, F2, F3)' },
      { path: 'checklist', message: 'no result for F3: an inspection covers every focus item' },
      { path: 'findings.0.focusItemIds.0', message: 'F2 is COMPLIANT on the checklist' },
      { path: 'findings.0.focusItemIds.1', message: 'no focus item F8' },
      { path: 'checklist.0.result', message: 'F1 is NON_COMPLIANT: record the finding under it' },
    ]);
  });

  it('refuses an inspection time in the future or before the operation', () => {
    expect(issuesOf(running, inspectYili({ inspectedAt: bj('2020-05-07T09:00') })).map((i) => i.path)).toEqual(['inspectedAt']);
    expect(issuesOf(running, inspectYili({ inspectedAt: bj('2020-04-19T09:00') }))).toEqual([
      { path: 'inspectedAt', message: `${bj('2020-04-19T09:00')} is before the operation starts (2020-04-20)` },
    ]);
  });

  it('records a FOLLOW_UP (回头看) of a scheduled follow-up, which marks it done', () => {
    const history = [...ordered, followUpScheduled];
    const followUp = command('RecordInspection', bj('2020-07-05T17:00'), {
      groupId: 'G1',
      targetCreditCode: targets.yili.creditCode,
      kind: 'FOLLOW_UP',
      followUpOf: ['I1-F2'],
      checklist: [{ itemId: 'F3', result: 'COMPLIANT', note: '已整改' }],
      summary: '回头看：检验记录已规范',
    });
    given(history)
      .when(followUp)
      .then([
        ev('InspectionRecorded', {
          operationId,
          inspectionId: 'I2',
          groupId: 'G1',
          kind: 'FOLLOW_UP',
          targetCreditCode: targets.yili.creditCode,
          inspectedAt: bj('2020-07-05T17:00'),
          checklist: [{ itemId: 'F3', result: 'COMPLIANT', note: '已整改' }],
          findings: [],
          followUpOf: ['I1-F2'],
          summary: '回头看：检验记录已规范',
          recordedAt: bj('2020-07-05T17:00'),
        }),
      ]);
    const state = foldOperation([...history, ...decideOperation(followUp, foldOperation(history))]) as Operation;
    expect(state.problems.find((p) => p.findingId === 'I1-F2')!.followUps).toEqual([
      { scheduledOn: '2020-07-05', reason: '逾期未报整改报告', scheduledAt: bj('2020-07-01T10:00'), inspectionId: 'I2', inspectedAt: bj('2020-07-05T17:00') },
    ]);
  });

  it('refuses a FOLLOW_UP without a scheduled follow-up, of another target, or naming nothing', () => {
    const followUp = (fields: Record<string, unknown>) =>
      command('RecordInspection', bj('2020-07-05T17:00'), { groupId: 'G1', targetCreditCode: targets.yili.creditCode, kind: 'FOLLOW_UP', ...fields });
    expect(issuesOf(ordered, followUp({ followUpOf: ['I1-F2', 'I1-F1'] }))).toEqual([
      { path: 'followUpOf.0', message: 'no follow-up (回头看) of I1-F2 is scheduled' },
      { path: 'followUpOf.1', message: 'I1-F1 is not in the problem ledger' },
    ]);
    expect(issuesOf(ordered, followUp({ followUpOf: [] }))).toEqual([{ path: 'followUpOf', message: '回头看须写明所复查的问题' }]);
  });
});

// ---------------------------------------------------------------- the ledger

describe('operation decider: the problem ledger', () => {
  it('registers a finding with its disposition and due date', () =>
    given(inspected).when(register('I1-F2')).then([problemRegistered('I1-F2')]));

  it('registers a SUSPENSION naming what is suspended', () =>
    given(inspected)
      .when(register('I1-F2', { disposition: 'SUSPENSION', suspended: ['COMPOUNDING', 'USE'], note: '暂停配制使用' }))
      .then([problemRegistered('I1-F2', { disposition: 'SUSPENSION', suspended: ['COMPOUNDING', 'USE'], note: '暂停配制使用' })]));

  it('refers a CASE_INVESTIGATION finding to the group leader’s agency, with the finding’s violations', () =>
    given(inspected)
      .when(register('I1-F1', { disposition: 'CASE_INVESTIGATION' }))
      .then([
        problemRegistered('I1-F1', { disposition: 'CASE_INVESTIGATION', handlingAgencyId: agencies.amr.id, violations: ['UNAPPROVED_PREPARATION'] }),
        referred,
      ]));

  it('refers a POLICE_REFERRAL to the agency named, with the violations and amount given', () => {
    const events = decideOperation(
      register('I1-F2', { disposition: 'POLICE_REFERRAL', handlingAgencyId: agencies.health.id, violations: ['ILLEGAL_MEDICAL_PRACTICE'], amountInvolvedFen: 5_000_000 }),
      foldOperation(inspected),
    );
    expect(events.map((e) => e.type)).toEqual(['ProblemRegistered', 'FindingReferred']);
    expect(events[1]!.data).toMatchObject({
      disposition: 'POLICE_REFERRAL',
      agencyId: 'health-650000',
      violations: ['ILLEGAL_MEDICAL_PRACTICE'],
      amountInvolvedFen: 5_000_000,
      subject: { kind: 'ORGANIZATION', creditCode: targets.yili.creditCode },
    });
  });

  it('refuses a case without violations, at an agency that runs no cases or does not take part, or charging another kind’s violation', () => {
    expect(issuesOf(inspected, register('I1-F2', { disposition: 'CASE_INVESTIGATION' }))).toEqual([
      { path: 'findingId', message: 'a case needs the violations charged: name them on the finding or here' },
    ]);
    expect(issuesOf(inspected, register('I1-F1', { disposition: 'POLICE_REFERRAL', handlingAgencyId: 'police-650000' }))).toEqual([
      { path: 'handlingAgencyId', message: 'police-650000 does not take part in the operation' },
    ]);
    expect(issuesOf(inspected, register('I1-F1', { disposition: 'CASE_INVESTIGATION', handlingAgencyId: 'health-650000' }))).toEqual([
      { path: 'violations', message: 'UNAPPROVED_PREPARATION is not a violation HEALTH agencies handle' },
    ]);
    expect(issuesOf(inspected, register('I1-F1', { disposition: 'ADMONITION', handlingAgencyId: 'amr-650000' }))).toEqual([
      { path: 'handlingAgencyId', message: '只有立案查处和移送公安才在某一机关立案' },
    ]);
  });

  it('refuses a case when no agency of the group runs cases, unless one is named', () => {
    const withPolice = tweak(planned, { participants: [agencies.amr, agencies.health, agencies.police] });
    const policeGroup = tweak(g1Formed, {
      leader: recorded(person('周警官', 'u-p1', agencies.police.id)),
      deputy: recorded(person('吴警官', 'u-p2', agencies.police.id, '民警', '13800000009')),
      members: [],
    });
    const history = [withPolice, policeGroup, g2Formed, g1Assigned, g2Assigned, launched, yiliInspected];
    expect(issuesOf(history, register('I1-F1', { disposition: 'CASE_INVESTIGATION' }))).toEqual([
      { path: 'handlingAgencyId', message: 'no agency of 第一检查组 (G1) runs administrative cases; name the handling agency' },
    ]);
    expect(issuesOf(history, register('I1-F1', { disposition: 'CASE_INVESTIGATION', handlingAgencyId: 'police-650000' }))).toEqual([
      { path: 'handlingAgencyId', message: 'police-650000 (POLICE) does not run administrative cases; name one of MARKET_REGULATION, HEALTH, MEDICAL_INSURANCE' },
    ]);
  });

  it('refuses an unknown finding, a finding registered twice, a due date already past, a SUSPENSION of nothing', () => {
    expect(issuesOf(inspected, register('I9-F1'))).toEqual([{ path: 'findingId', message: 'no finding I9-F1' }]);
    given(ordered).when(register('I1-F2')).then(refused('registerProblem', 'finding I1-F2 is in the problem ledger already', 'IN_PROGRESS'));
    expect(issuesOf(inspected, register('I1-F2', { rectificationDueOn: '2020-05-09' }))).toEqual([
      { path: 'rectificationDueOn', message: '2020-05-09 is before today (2020-05-10)' },
    ]);
    expect(issuesOf(inspected, register('I1-F2', { disposition: 'SUSPENSION' })).map((i) => i.path)).toEqual(['suspended']);
  });

  it('takes a rectification report, then verifies it (销号)', () => {
    given(ordered)
      .when(command('ReportRectification', bj('2020-06-20T10:00'), { findingId: 'I1-F2', summary: '已建立留样台账' }))
      .then([ev('RectificationReported', { operationId, findingId: 'I1-F2', summary: '已建立留样台账', reportedAt: bj('2020-06-20T10:00') })]);
    given(reported)
      .when(command('VerifyRectification', bj('2020-06-25T10:00'), { findingId: 'I1-F2', accepted: true, note: '现场核查到位', opinion: opinionInput }))
      .then([ev('ProblemRectified', { operationId, findingId: 'I1-F2', note: '现场核查到位', opinion: opinionRecorded, verifiedAt: bj('2020-06-25T10:00') })]);
  });

  it('rejects a rectification not 到位 with a reason and a new due date; the problem reopens', () => {
    given(reported)
      .when(command('VerifyRectification', bj('2020-06-22T10:00'), { findingId: 'I1-F2', accepted: false, note: '留样台账不完整', newDueOn: '2020-07-15' }))
      .then([rejected.at(-1)!]);
    expect(foldOperation(rejected)).toMatchObject({ problems: [{ findingId: 'I1-F2', status: 'OPEN', rectificationDueOn: '2020-07-15' }] });
    expect(issuesOf(reported, command('VerifyRectification', bj('2020-06-22T10:00'), { findingId: 'I1-F2', accepted: false })).map((i) => i.path)).toEqual([
      'note',
    ]);
  });

  it('refuses steps out of order on a problem', () => {
    given(reported)
      .when(command('ReportRectification', bj('2020-06-21T10:00'), { findingId: 'I1-F2', summary: '再次报告' }))
      .then(refused('reportRectification', 'the rectification of I1-F2 was reported and awaits verification', 'IN_PROGRESS'));
    given(ordered)
      .when(command('VerifyRectification', bj('2020-06-21T10:00'), { findingId: 'I1-F2', accepted: true, opinion: opinionInput }))
      .then(refused('verifyRectification', 'no rectification of I1-F2 is reported', 'IN_PROGRESS'));
    const closed = [...reported, ev('ProblemRectified', { operationId, findingId: 'I1-F2', note: null, opinion: null, verifiedAt: bj('2020-06-25T10:00') })];
    given(closed)
      .when(command('VerifyRectification', bj('2020-06-26T10:00'), { findingId: 'I1-F2', accepted: true, opinion: opinionInput }))
      .then(refused('verifyRectification', 'I1-F2 is closed (销号) already', 'IN_PROGRESS'));
    given(closed)
      .when(command('ReportRectification', bj('2020-06-26T10:00'), { findingId: 'I1-F2', summary: '补充' }))
      .then(refused('reportRectification', 'I1-F2 is closed (销号)', 'IN_PROGRESS'));
    expect(issuesOf(inspected, command('ReportRectification', bj('2020-06-20T10:00'), { findingId: 'I1-F2', summary: 'x' }))).toEqual([
      { path: 'findingId', message: 'I1-F2 is not in the problem ledger yet (registerProblem)' },
    ]);
  });
});

describe('operation decider: follow-up (回头看)', () => {
  const schedule = (at: string, fields: Record<string, unknown> = {}) =>
    command('ScheduleFollowUp', at, { findingId: 'I1-F2', scheduledOn: '2020-07-05', reason: '逾期未报整改报告', ...fields });

  it('schedules a follow-up once the rectification is overdue (one second after 24:00 of the due date)', () => {
    given(ordered).when(schedule('2020-07-01T00:00:01+08:00')).then([tweak(followUpScheduled, { scheduledAt: '2020-07-01T00:00:01+08:00' })]);
    given(ordered)
      .when(schedule('2020-06-30T23:59:59+08:00'))
      .then(refused('scheduleFollowUp', 'I1-F2 is not overdue (due 2020-06-30) and its rectification was never rejected', 'IN_PROGRESS'));
  });

  it('schedules a follow-up after a rejection, even before the due date', () =>
    given(rejected)
      .when(schedule(bj('2020-06-23T10:00'), { scheduledOn: '2020-06-28' }))
      .then([ev('FollowUpScheduled', { operationId, findingId: 'I1-F2', scheduledOn: '2020-06-28', reason: '逾期未报整改报告', scheduledAt: bj('2020-06-23T10:00') })]));

  it('refuses a follow-up of a reported rectification, of a closed problem, or a second one pending', () => {
    given(reported).when(schedule(bj('2020-07-02T10:00'))).then(refused('scheduleFollowUp', 'the rectification of I1-F2 was reported: verify it first', 'IN_PROGRESS'));
    given([...ordered, followUpScheduled])
      .when(schedule(bj('2020-07-02T10:00')))
      .then(refused('scheduleFollowUp', 'a follow-up of I1-F2 is scheduled for 2020-07-05 already', 'IN_PROGRESS'));
    const closed = [...reported, ev('ProblemRectified', { operationId, findingId: 'I1-F2', note: null, opinion: null, verifiedAt: bj('2020-06-25T10:00') })];
    // a closed problem gets its 回头看 for 反弹 (operationFollowThrough.unit.spec.ts), not while one is pending
    given([...closed, followUpScheduled]).when(schedule(bj('2020-07-02T10:00'))).then(refused('scheduleFollowUp', 'a follow-up of I1-F2 is scheduled for 2020-07-05 already', 'IN_PROGRESS'));
    expect(issuesOf(ordered, schedule(bj('2020-07-02T10:00'), { scheduledOn: '2020-07-01' }))).toEqual([
      { path: 'scheduledOn', message: '2020-07-01 is before today (2020-07-02)' },
    ]);
  });
});

// ---------------------------------------------------------------- cases opened by findings

describe('operation decider: the case a finding opens', () => {
  it('links the case registered by the handling agency, once', () => {
    const link = command('LinkFindingCase', bj('2020-05-10T10:02'), {
      findingId: 'I1-F1',
      caseId: 'c-1',
      caseNumber: 'AMR650000〔2020〕00001号',
      agencyId: agencies.amr.id,
      registeredAt: bj('2020-05-10T10:01'),
    });
    given(casedHistory).when(link).then([linked]);
    given([...casedHistory, linked]).when(link).then([]);
    given([...casedHistory, linked])
      .when({ ...link, caseId: 'c-2' } as OperationCommand)
      .then(refused('linkFindingCase', 'I1-F1 opened case c-1 already', 'IN_PROGRESS'));
    given(casedHistory)
      .when({ ...link, agencyId: agencies.health.id } as OperationCommand)
      .then(refused('linkFindingCase', 'I1-F1 was referred to amr-650000, not health-650000', 'IN_PROGRESS'));
    given(ordered)
      .when({ ...link, findingId: 'I1-F2' } as OperationCommand)
      .then(refused('linkFindingCase', 'I1-F2 (RECTIFICATION_ORDER) opens no case', 'IN_PROGRESS'));
  });

  it('notes the case’s transfer once, and only for its own case', () => {
    const note = command('NoteFindingCaseTransferred', bj('2020-05-20T10:00'), {
      findingId: 'I1-F1',
      caseId: 'c-1',
      transferId: 't-1',
      kind: 'CRIMINAL',
      toAgencyId: 'police-650000',
      transferredAt: bj('2020-05-19T16:00'),
    });
    const transferred = ev('FindingCaseTransferred', {
      operationId,
      findingId: 'I1-F1',
      caseId: 'c-1',
      transferId: 't-1',
      kind: 'CRIMINAL',
      toAgencyId: 'police-650000',
      transferredAt: bj('2020-05-19T16:00'),
    });
    given([...casedHistory, linked]).when(note).then([transferred]);
    given([...casedHistory, linked, transferred]).when(note).then([]);
    given(casedHistory).when(note).then(refused('noteFindingCaseTransferred', 'case c-1 is not the case of I1-F1', 'IN_PROGRESS'));
  });
});

// ---------------------------------------------------------------- the end

describe('operation decider: result report and closing', () => {
  it('reports the result to the commission with figures computed from the state', () => {
    const events = decideOperation(command('ReportResult', bj('2020-07-10T10:00'), { summary: '共检查2家，发现问题2个' }), foldOperation([...casedHistory, ...ordered.slice(inspected.length)]));
    expect(events).toEqual([
      ev('OperationResultReported', {
        operationId,
        title: planInput.title,
        leadAgencyId: 'amr-650000',
        participantAgencyIds: ['amr-650000', 'health-650000'],
        toAgencyId: 'cdi-650000',
        summary: '共检查2家，发现问题2个',
        figures: {
          targetsAssigned: 3,
          targetsInspected: 1,
          inspections: 1,
          followUps: 0,
          problems: 2,
          problemsClosed: 0,
          closureRate: 0,
          overdueRectifications: 2,
          byDisposition: [
            { disposition: 'ADMONITION', problems: 0, closed: 0 },
            { disposition: 'REGULATORY_TALK', problems: 0, closed: 0 },
            { disposition: 'RECTIFICATION_ORDER', problems: 1, closed: 0 },
            { disposition: 'SUSPENSION', problems: 0, closed: 0 },
            { disposition: 'CASE_INVESTIGATION', problems: 1, closed: 0 },
            { disposition: 'POLICE_REFERRAL', problems: 0, closed: 0 },
          ],
          // Every reader of the operation reads the report: altay (G1 unannounced, not inspected:
          // 四不两直) is counted in the totals, never placed in a region.
          byRegion: [
            { regionCode: '650100', assigned: 1, inspected: 0 },
            { regionCode: '654000', assigned: 1, inspected: 1 },
          ],
          casesReferred: 1,
          casesOpened: 0,
          relapses: 0,
          // no target reported a self-inspection in this history: all three are missing
          selfInspectionsReported: 0,
          selfInspectionsMissing: 3,
        },
        reportedAt: bj('2020-07-10T10:00'),
      }),
    ]);
  });

  it('reports once, and only after the launch', () => {
    given(histories.PLANNED)
      .when(command('ReportResult', bj('2020-07-10T10:00'), { summary: 's' }))
      .then(refused('reportResult', 'the result is reported once, while the operation is in progress', 'PLANNED'));
    given(histories.REPORTED)
      .when(command('ReportResult', bj('2020-07-10T10:00'), { summary: 's' }))
      .then(refused('reportResult', 'the result is reported once, while the operation is in progress', 'REPORTED'));
  });

  it('closes after the report; with problems open only with a reason', () => {
    given(histories.REPORTED)
      .when(command('CloseOperation', bj('2020-08-01T10:00')))
      .then([ev('OperationClosed', { operationId, reason: null, openProblems: 0, closedAt: bj('2020-08-01T10:00') })]);
    const withOpen = [...ordered, ...histories.REPORTED.slice(running.length)];
    given(withOpen)
      .when(command('CloseOperation', bj('2020-08-01T10:00')))
      .then(refused('closeOperation', '1 problem(s) are not closed (销号): I1-F2; give a reason to close with them open', 'REPORTED'));
    given(withOpen)
      .when(command('CloseOperation', bj('2020-08-01T10:00'), { reason: '转入日常监管跟踪' }))
      .then([ev('OperationClosed', { operationId, reason: '转入日常监管跟踪', openProblems: 1, closedAt: bj('2020-08-01T10:00') })]);
    given(running)
      .when(command('CloseOperation', bj('2020-08-01T10:00')))
      .then(refused('closeOperation', 'an operation is closed after its result is reported to the commission', 'IN_PROGRESS'));
  });
});

// ---------------------------------------------------------------- status matrix

describe('operation decider: which command runs in which status', () => {
  const commands: Record<string, OperationCommand> = {
    FormInspectionGroup: formGroup({ ...group1, name: '第九检查组', leader: person('新组长', 'u-new'), deputy: person('新联络', 'u-new2', agencies.amr.id, '干部', '13800000003'), members: [] }),
    AssignTargets: assign('G2', [targets.urumqi2]),
    LaunchOperation: command('LaunchOperation', bj('2020-04-30T10:00')),
    RecordInspection: inspectYili(),
    ReportResult: command('ReportResult', bj('2020-07-10T10:00'), { summary: '报告' }),
    CloseOperation: command('CloseOperation', bj('2020-08-01T10:00')),
  };
  const allowed: Record<string, string[]> = {
    FormInspectionGroup: ['PLANNED', 'IN_PROGRESS'],
    AssignTargets: ['PLANNED', 'IN_PROGRESS'],
    LaunchOperation: ['PLANNED'],
    RecordInspection: ['IN_PROGRESS', 'REPORTED'],
    ReportResult: ['IN_PROGRESS'],
    CloseOperation: ['REPORTED'],
  };
  const statuses = ['NONE', 'PLANNED', 'IN_PROGRESS', 'REPORTED', 'CLOSED'] as const;
  it.each(Object.keys(commands).flatMap((name) => statuses.map((status) => [name, status] as const)))('%s on %s', (name, status) => {
    const state = foldOperation(histories[status]);
    const run = () => decideOperation(commands[name]!, state);
    if (status === 'NONE') expect(run).toThrow(NotFoundError);
    else if (allowed[name]!.includes(status)) expect(run().length).toBeGreaterThan(0);
    else expect(run).toThrow(InvalidTransitionError);
  });
});

// ---------------------------------------------------------------- evolve

describe('operation evolve', () => {
  it('starts with no operation', () => expect(initialOperationState).toEqual({ status: 'NONE' }));

  it('folds the plan, groups, register and inspection into the state', () => {
    const state = foldOperation(inspected) as Operation;
    expect(state).toMatchObject({ status: 'IN_PROGRESS', launchedAt: bj('2020-04-30T10:00'), groups: [{ groupId: 'G1' }, { groupId: 'G2' }] });
    expect(state.targets.map((t) => [t.creditCode, t.groupId, t.plannedOn, t.inspectionId])).toEqual([
      [targets.yili.creditCode, 'G1', '2020-05-06', 'I1'],
      [targets.urumqi.creditCode, 'G2', null, null],
      [targets.altay.creditCode, 'G1', null, null],
    ]);
  });

  it('keeps the link to the case and its transfers on the problem', () => {
    const state = foldOperation([...casedHistory, linked]) as Operation;
    expect(state.problems[0]).toMatchObject({ findingId: 'I1-F1', referredAt: bj('2020-05-10T10:00'), case: { caseId: 'c-1' }, caseTransfers: [] });
  });

  it('is the same fold through the generic decider', () => expect(fold(operationDecider, rejected)).toEqual(foldOperation(rejected)));

  it('refuses a stream that does not start with OperationPlanned', () =>
    expect(() => evolveOperation(initialOperationState, launched)).toThrow(/first event must be OperationPlanned/));
});
