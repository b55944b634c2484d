import { InvalidTransitionError, JointMeetingEvent, ValidationError } from '@xianjie/contracts';
import type { AgencyRef } from '@xianjie/contracts';
import { describe, expect, it } from 'vitest';
import { decideJointMeeting, foldJointMeeting, isJointMeetingDecisionOverdue, jointMeetingDecider } from './jointMeetingDecider.ts';
import type { JointMeeting, JointMeetingCommand } from './jointMeetingDecider.ts';
import { fold } from '../decider.ts';

const meetingId = 'm-001';
const amr: AgencyRef = { id: 'amr-650100', kind: 'MARKET_REGULATION', regionCode: '650100' };
const police: AgencyRef = { id: 'police-650100', kind: 'POLICE', regionCode: '650100' };
const health: AgencyRef = { id: 'health-650100', kind: 'HEALTH', regionCode: '650100' };
const head = { userId: 'u-amr-650100-supervisor', name: '周启航', agencyId: amr.id, roles: ['supervisor'] };
const policeOfficer = { userId: 'u-police-650100-officer', name: '卡米拉·吾斯曼', agencyId: police.id, roles: ['officer'] };

const convened: JointMeetingEvent = {
  type: 'JointMeetingConvened',
  data: {
    meetingId,
    title: '2025年第二季度行刑衔接联席会议',
    agenda: '通报医疗机构制剂专项整治进展，研究涉嫌犯罪案件移送问题',
    convenor: amr,
    participants: [amr, police, health],
    heldOn: '2025-05-08',
    place: '乌鲁木齐市市场监管局三楼会议室',
    convenedAt: '2025-05-06T09:00:00+08:00',
  },
};
const minuted: JointMeetingEvent = {
  type: 'JointMeetingMinutesRecorded',
  data: {
    meetingId,
    minutes: '会议通报了专项整治进展；议定以下事项。',
    decisions: [
      { decisionId: 'D1', content: '公安机关对某诊所案提前介入', ownerAgencyId: police.id, dueDate: '2025-05-20', dueAt: '2025-05-21T00:00:00+08:00' },
      { decisionId: 'D2', content: '卫健部门排查消毒产品', ownerAgencyId: health.id, dueDate: '2025-06-30', dueAt: '2025-07-01T00:00:00+08:00' },
    ],
    recordedAt: '2025-05-08T17:00:00+08:00',
  },
};
const reported: JointMeetingEvent = {
  type: 'JointMeetingDecisionReported',
  data: { meetingId, decisionId: 'D1', agencyId: police.id, report: '已派员介入并出具意见', reportedAt: '2025-05-19T10:00:00+08:00' },
};

const decide = (events: JointMeetingEvent[], command: JointMeetingCommand) => {
  const state = foldJointMeeting(events);
  const before = structuredClone(state);
  try {
    const produced = decideJointMeeting(command, state);
    for (const e of produced) expect(JointMeetingEvent.parse(e)).toEqual(e);
    return produced;
  } finally {
    expect(state, 'decide must not change the state').toEqual(before);
  }
};
const refusal = (events: JointMeetingEvent[], command: JointMeetingCommand): Error => {
  try {
    decide(events, command);
  } catch (error) {
    return error as Error;
  }
  throw new Error('the command should have been refused');
};

describe('联席会议 (joint meeting decider)', () => {
  it('convenes with the convenor first among the participants', () => {
    const events = decide([], {
      type: 'ConveneJointMeeting',
      meetingId,
      at: '2025-05-06T09:00:00+08:00',
      actor: head,
      convenor: amr,
      participants: [police, health],
      title: convened.data.title,
      agenda: convened.data.agenda,
      heldOn: '2025-05-08',
      place: '乌鲁木齐市市场监管局三楼会议室',
    });
    expect(events).toEqual([convened]);
  });

  it('refuses the convenor among the named agencies and an agency named twice, naming the fields', () => {
    const error = refusal([], {
      type: 'ConveneJointMeeting',
      meetingId,
      at: '2025-05-06T09:00:00+08:00',
      actor: head,
      convenor: amr,
      participants: [amr, police, police],
      title: 't',
      agenda: 'a',
      heldOn: '2025-05-08',
    });
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).details).toMatchObject({
      issues: [
        { path: 'participantAgencyIds.0', message: 'amr-650100 convenes the meeting; name the other agencies (参会单位)' },
        { path: 'participantAgencyIds.2', message: 'police-650100 is named twice' },
      ],
    });
  });

  it('records the minutes once, numbering the decisions and fixing each due time at 24:00 Beijing of its date', () => {
    const events = decide([convened], {
      type: 'RecordJointMeetingMinutes',
      meetingId,
      at: '2025-05-08T17:00:00+08:00',
      actor: head,
      minutes: minuted.data.minutes,
      decisions: [
        { content: '公安机关对某诊所案提前介入', ownerAgencyId: police.id, dueDate: '2025-05-20' },
        { content: '卫健部门排查消毒产品', ownerAgencyId: health.id, dueDate: '2025-06-30' },
      ],
    });
    expect(events).toEqual([minuted]);
    expect(refusal([convened, minuted], { type: 'RecordJointMeetingMinutes', meetingId, at: '2025-05-09T09:00:00+08:00', actor: head, minutes: 'x', decisions: [] })).toBeInstanceOf(
      InvalidTransitionError,
    );
  });

  it('refuses a decision owned by an agency not at the meeting, one due before the meeting, and minutes before the meeting', () => {
    const error = refusal([convened], {
      type: 'RecordJointMeetingMinutes',
      meetingId,
      at: '2025-05-08T17:00:00+08:00',
      actor: head,
      minutes: '纪要',
      decisions: [
        { content: '医保部门核查', ownerAgencyId: 'mi-650100', dueDate: '2025-05-20' },
        { content: '公安机关核查', ownerAgencyId: police.id, dueDate: '2025-05-07' },
      ],
    });
    expect((error as ValidationError).details).toMatchObject({
      issues: [
        { path: 'decisions.0.ownerAgencyId', message: 'mi-650100 is not an agency of the meeting (责任单位 must be a 参会单位)' },
        { path: 'decisions.1.dueDate', message: 'the due date 2025-05-07 is before the meeting (2025-05-08)' },
      ],
    });
    // 2025-05-07T23:59:59+08:00 is still the day before the meeting, Beijing time.
    const early = refusal([convened], { type: 'RecordJointMeetingMinutes', meetingId, at: '2025-05-07T15:59:59Z', actor: head, minutes: '纪要', decisions: [] });
    expect((early as ValidationError).details).toMatchObject({
      issues: [{ path: 'minutes', message: 'the meeting is held on 2025-05-08; its minutes come after it (today is 2025-05-07, Beijing time)' }],
    });
  });

  it('only the owner reports a decision done; the convenor verifies (销号) or sends it back, and it is open again', () => {
    const notOwner = refusal([convened, minuted], {
      type: 'ReportJointMeetingDecision',
      meetingId,
      at: '2025-05-19T10:00:00+08:00',
      actor: head,
      agencyId: amr.id,
      decisionId: 'D1',
      report: '代为报告',
    });
    expect(notOwner).toBeInstanceOf(InvalidTransitionError);
    expect(notOwner.message).toContain("decision D1 is police-650100's (责任单位)");
    expect(
      decide([convened, minuted], {
        type: 'ReportJointMeetingDecision',
        meetingId,
        at: '2025-05-19T10:00:00+08:00',
        actor: policeOfficer,
        agencyId: police.id,
        decisionId: 'D1',
        report: '已派员介入并出具意见',
      }),
    ).toEqual([reported]);
    const unknown = refusal([convened, minuted], {
      type: 'ReportJointMeetingDecision',
      meetingId,
      at: '2025-05-19T10:00:00+08:00',
      actor: policeOfficer,
      agencyId: police.id,
      decisionId: 'D9',
      report: 'x',
    });
    expect((unknown as ValidationError).details).toMatchObject({ issues: [{ path: 'decisionId', message: `no decision D9 on the minutes of ${convened.data.title}` }] });

    const sentBack: JointMeetingEvent = {
      type: 'JointMeetingDecisionVerified',
      data: { meetingId, decisionId: 'D1', accepted: false, opinion: '未附介入意见书', verifiedAt: '2025-05-22T09:00:00+08:00' },
    };
    expect(
      decide([convened, minuted, reported], {
        type: 'VerifyJointMeetingDecision',
        meetingId,
        at: '2025-05-22T09:00:00+08:00',
        actor: head,
        decisionId: 'D1',
        accepted: false,
        opinion: '未附介入意见书',
      }),
    ).toEqual([sentBack]);
    const state = foldJointMeeting([convened, minuted, reported, sentBack]) as JointMeeting;
    expect(state.decisions[0]).toMatchObject({ status: 'OPEN', sentBack: 1, sentBackAt: '2025-05-22T09:00:00+08:00', opinion: '未附介入意见书' });
    // Sent back after its due date: overdue from then on, until reported again.
    expect(isJointMeetingDecisionOverdue(state.decisions[0]!, '2025-05-22T09:00:00+08:00')).toBe(true);
    const noReason = refusal([convened, minuted, reported], {
      type: 'VerifyJointMeetingDecision',
      meetingId,
      at: '2025-05-22T09:00:00+08:00',
      actor: head,
      decisionId: 'D1',
      accepted: false,
    });
    expect((noReason as ValidationError).details).toMatchObject({ issues: [{ path: 'opinion', message: 'sending a decision back needs the reason (退回意见)' }] });
  });

  it('a decision is overdue after 24:00 Beijing of its due date while open, not at 24:00 exactly, and not once reported', () => {
    const state = foldJointMeeting([convened, minuted]) as JointMeeting;
    const d1 = state.decisions[0]!;
    expect(d1.dueAt).toBe('2025-05-21T00:00:00+08:00');
    expect(isJointMeetingDecisionOverdue(d1, '2025-05-20T23:59:59+08:00')).toBe(false);
    expect(isJointMeetingDecisionOverdue(d1, '2025-05-21T00:00:00+08:00')).toBe(false);
    expect(isJointMeetingDecisionOverdue(d1, '2025-05-21T00:00:01+08:00')).toBe(true);
    expect(isJointMeetingDecisionOverdue(d1, '2025-05-20T16:00:01Z')).toBe(true);
    const after = foldJointMeeting([convened, minuted, reported]) as JointMeeting;
    expect(isJointMeetingDecisionOverdue(after.decisions[0]!, '2025-06-01T00:00:00+08:00')).toBe(false);
  });

  it('closes once every decision is 销号, or with a reason while one is open; nothing after closing', () => {
    const tooEarly = refusal([convened], { type: 'CloseJointMeeting', meetingId, at: '2025-05-09T09:00:00+08:00', actor: head });
    expect(tooEarly).toBeInstanceOf(InvalidTransitionError);
    const noReason = refusal([convened, minuted], { type: 'CloseJointMeeting', meetingId, at: '2025-07-02T09:00:00+08:00', actor: head });
    expect((noReason as ValidationError).details).toMatchObject({
      issues: [{ path: 'reason', message: 'decisions D1, D2 are not verified done (销号); closing with them open needs a reason' }],
    });
    const closed = decide([convened, minuted], { type: 'CloseJointMeeting', meetingId, at: '2025-07-02T09:00:00+08:00', actor: head, reason: 'D2 转入下次会议' });
    expect(closed).toEqual([{ type: 'JointMeetingClosed', data: { meetingId, reason: 'D2 转入下次会议', closedAt: '2025-07-02T09:00:00+08:00' } }]);
    const late = refusal([convened, minuted, ...closed], {
      type: 'ReportJointMeetingDecision',
      meetingId,
      at: '2025-07-03T09:00:00+08:00',
      actor: policeOfficer,
      agencyId: police.id,
      decisionId: 'D1',
      report: '补报',
    });
    expect(late).toBeInstanceOf(InvalidTransitionError);

    const done: JointMeetingEvent[] = [
      reported,
      { type: 'JointMeetingDecisionVerified', data: { meetingId, decisionId: 'D1', accepted: true, opinion: null, verifiedAt: '2025-05-20T09:00:00+08:00' } },
      { type: 'JointMeetingDecisionReported', data: { meetingId, decisionId: 'D2', agencyId: health.id, report: '已排查', reportedAt: '2025-06-20T09:00:00+08:00' } },
      { type: 'JointMeetingDecisionVerified', data: { meetingId, decisionId: 'D2', accepted: true, opinion: '核实无误', verifiedAt: '2025-06-21T09:00:00+08:00' } },
    ];
    expect(decide([convened, minuted, ...done], { type: 'CloseJointMeeting', meetingId, at: '2025-07-02T09:00:00+08:00', actor: head })).toEqual([
      { type: 'JointMeetingClosed', data: { meetingId, reason: null, closedAt: '2025-07-02T09:00:00+08:00' } },
    ]);
    expect(fold(jointMeetingDecider, [convened, minuted, ...done])).toMatchObject({ status: 'MINUTED' });
  });
});
