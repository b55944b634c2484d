import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type GraphQLResult, type TestGateway } from '../support/embeddedGateway.ts';
import { eventually } from '../support/eventually.ts';

/**
 * 联席会议 (DESIGN §3.5): market regulation convenes police and health; its staff record the minutes
 * with decisions owned by police and health; each decision is in its owner's 待办 (`myWork`,
 * JOINT_MEETING_DECISION) until reported done, overdue after 24:00 Beijing of its due date (to the
 * second); the convenor sends one back (it is in 待办 again) and verifies the other (销号), then
 * closes. Participants and the commission's overseers read it; an outsider gets null / NOT_FOUND.
 * Embedded mode, PGlite, the test's business clock.
 */
describe('联席会议: joint meetings with decisions tracked to done (embedded)', () => {
  let gw: TestGateway;
  let clock = '2025-05-06T09:00:00+08:00';
  const t: Record<string, string> = {};

  beforeAll(async () => {
    gw = await startEmbeddedGateway({ XIANJIE_SEED: 'none' }, { now: () => clock });
    for (const user of [
      'u-amr-650100-officer',
      'u-amr-650100-supervisor',
      'u-police-650100-officer',
      'u-police-650100-supervisor',
      'u-health-650100-officer',
      'u-mi-650100-officer',
      'u-police-650000-officer',
      'u-cdi-650100-overseer',
      'u-cdi-650000-overseer',
    ]) {
      t[user.replace(/^u-/, '')] = await gw.tokenFor(user);
    }
  }, 60_000);
  afterAll(async () => gw?.close());

  const meetingFields = `id title status statusLabel convenor { id } participants { id } heldOn place minutes overdueDecisions version streamId asOf
    decisions { id content owner { id } dueDate dueAt status overdue report opinion sentBack verifiedAt } closedAt closeReason`;
  type Decision = { id: string; owner: { id: string }; dueAt: string; status: string; overdue: boolean; sentBack: number; opinion: string | null };
  type Meeting = { id: string; status: string; version: number; overdueDecisions: number; decisions: Decision[]; participants: { id: string }[] } & Record<
    string,
    unknown
  >;
  type WorkItem = { key: string; kind: string; stepLabel: string; status: string; dueAt: string; title: string; decisionId: string | null; jointMeeting: { id: string } | null };

  const codeOf = (res: GraphQLResult<unknown>) => res.errors?.[0]?.extensions?.code;
  const data = <T>(res: GraphQLResult<T>): T => {
    if (res.errors?.length || !res.data) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };
  const run = (name: string, type: string, input: Record<string, unknown>, token: string) =>
    gw.gql<Record<string, Meeting>>(`mutation($input: ${type}!) { ${name}(input: $input) { ${meetingFields} } }`, { input }, token);
  const meeting = (id: string, token: string, asOf?: string) =>
    gw.gql<{ jointMeeting: Meeting | null }>(`query($id: ID!, $asOf: DateTime) { jointMeeting(id: $id, asOf: $asOf) { ${meetingFields} } }`, { id, asOf }, token);
  const myWork = async (token: string, asOf?: string) =>
    data(
      await gw.gql<{ myWork: WorkItem[] }>(
        `query($asOf: DateTime) { myWork(asOf: $asOf) { key kind stepLabel status dueAt title decisionId jointMeeting { id } } }`,
        { asOf },
        token,
      ),
    ).myWork.filter((w) => w.kind === 'JOINT_MEETING_DECISION');

  let meetingId = '';

  it('a supervisor convenes; an officer may not; a retried commandId finds the same meeting', async () => {
    const input = {
      commandId: 'jm-convene-1',
      title: '2025年第二季度行刑衔接联席会议',
      agenda: '通报医疗机构制剂专项整治进展，研究涉嫌犯罪案件移送和消毒产品问题',
      participantAgencyIds: ['police-650100', 'health-650100'],
      heldOn: '2025-05-08',
      place: '乌鲁木齐市市场监管局三楼会议室',
    };
    const refused = await run('conveneJointMeeting', 'ConveneJointMeetingInput', { ...input, commandId: 'jm-convene-x' }, t['amr-650100-officer']!);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const convened = data(await run('conveneJointMeeting', 'ConveneJointMeetingInput', input, t['amr-650100-supervisor']!)).conveneJointMeeting!;
    expect(convened).toMatchObject({
      status: 'CONVENED',
      statusLabel: '已召集',
      convenor: { id: 'amr-650100' },
      participants: [{ id: 'amr-650100' }, { id: 'police-650100' }, { id: 'health-650100' }],
      version: 1,
    });
    meetingId = convened.id;
    const again = data(await run('conveneJointMeeting', 'ConveneJointMeetingInput', input, t['amr-650100-supervisor']!)).conveneJointMeeting!;
    expect(again.id).toBe(meetingId);
    expect(again.version).toBe(1);
    const unknownAgency = await run(
      'conveneJointMeeting',
      'ConveneJointMeetingInput',
      { ...input, commandId: 'jm-convene-y', participantAgencyIds: ['police-999999'] },
      t['amr-650100-supervisor']!,
    );
    expect(codeOf(unknownAgency)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(unknownAgency.errors)).toContain('input.participantAgencyIds.0');
  });

  it('the convenor’s staff record the minutes; the decisions reach each owner’s 待办, overdue after 24:00 of the due date', async () => {
    clock = '2025-05-08T17:00:00+08:00';
    const minutes = {
      meetingId,
      expectedVersion: 1,
      minutes: '会议通报了专项整治进展，议定以下事项。',
      decisions: [
        { content: '公安机关对某诊所无证配制案提前介入', ownerAgencyId: 'police-650100', dueDate: '2025-05-20' },
        { content: '卫健部门排查辖区消毒产品', ownerAgencyId: 'health-650100', dueDate: '2025-06-30' },
      ],
    };
    const outsider = await run('recordJointMeetingMinutes', 'RecordJointMeetingMinutesInput', minutes, t['mi-650100-officer']!);
    expect(codeOf(outsider)).toBe('NOT_FOUND');
    const participant = await run('recordJointMeetingMinutes', 'RecordJointMeetingMinutesInput', minutes, t['police-650100-supervisor']!);
    expect(codeOf(participant)).toBe('FORBIDDEN');
    const badOwner = await run(
      'recordJointMeetingMinutes',
      'RecordJointMeetingMinutesInput',
      { ...minutes, decisions: [{ content: '医保核查', ownerAgencyId: 'mi-650100', dueDate: '2025-05-20' }] },
      t['amr-650100-officer']!,
    );
    expect(codeOf(badOwner)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(badOwner.errors)).toContain('input.decisions.0.ownerAgencyId');

    const recorded = data(await run('recordJointMeetingMinutes', 'RecordJointMeetingMinutesInput', minutes, t['amr-650100-officer']!)).recordJointMeetingMinutes!;
    expect(recorded.status).toBe('MINUTED');
    // DateTime answers in UTC: 24:00 Beijing time of the due date is 16:00Z of that date.
    expect(recorded.decisions.map((d) => [d.id, d.owner.id, new Date(d.dueAt).getTime(), d.status])).toEqual([
      ['D1', 'police-650100', Date.parse('2025-05-21T00:00:00+08:00'), 'OPEN'],
      ['D2', 'health-650100', Date.parse('2025-07-01T00:00:00+08:00'), 'OPEN'],
    ]);

    // The owner's 待办 (the list is a read model: wait for it).
    const police = await eventually(() => myWork(t['police-650100-officer']!), (items) => items.length === 1, 10_000);
    expect(police[0]).toMatchObject({
      key: `${meetingId}:D1`,
      stepLabel: '落实联席会议议定事项',
      status: 'PENDING',
      decisionId: 'D1',
      jointMeeting: { id: meetingId },
    });
    expect(Date.parse(police[0]!.dueAt)).toBe(Date.parse('2025-05-21T00:00:00+08:00'));
    expect((await myWork(t['health-650100-officer']!)).map((w) => w.decisionId)).toEqual(['D2']);
    expect(await myWork(t['amr-650100-supervisor']!)).toEqual([]);
    expect(await myWork(t['police-650000-officer']!)).toEqual([]);

    // Overdue to the second: at 24:00 exactly still in time, one second later overdue.
    expect((await myWork(t['police-650100-officer']!, '2025-05-21T00:00:00+08:00'))[0]!.status).toBe('PENDING');
    expect((await myWork(t['police-650100-officer']!, '2025-05-21T00:00:01+08:00'))[0]!.status).toBe('OVERDUE');
    const asOfLate = data(await meeting(meetingId, t['cdi-650100-overseer']!, '2025-05-21T00:00:01+08:00')).jointMeeting!;
    expect(asOfLate.overdueDecisions).toBe(1);
    expect(asOfLate.decisions.map((d) => d.overdue)).toEqual([true, false]);
    // As of before the minutes the meeting had no decisions (time travel from the events).
    expect(data(await meeting(meetingId, t['police-650100-officer']!, '2025-05-07T00:00:00+08:00')).jointMeeting!.decisions).toEqual([]);
  });

  it('participants and the commission’s overseers read it; outsiders get null and no list entry', async () => {
    for (const reader of ['amr-650100-officer', 'police-650100-officer', 'health-650100-officer', 'cdi-650100-overseer', 'cdi-650000-overseer']) {
      expect(data(await meeting(meetingId, t[reader]!)).jointMeeting?.id, reader).toBe(meetingId);
    }
    for (const outsider of ['mi-650100-officer', 'police-650000-officer']) {
      const res = await meeting(meetingId, t[outsider]!);
      expect(res.errors).toBeUndefined();
      expect(res.data?.jointMeeting, outsider).toBeNull();
      const list = data(await gw.gql<{ jointMeetings: { id: string }[] }>('{ jointMeetings { id } }', {}, t[outsider]!)).jointMeetings;
      expect(list.some((m) => m.id === meetingId), outsider).toBe(false);
    }
    const overseerList = data(await gw.gql<{ jointMeetings: { id: string }[] }>('{ jointMeetings(status: [MINUTED]) { id } }', {}, t['cdi-650100-overseer']!));
    expect(overseerList.jointMeetings.map((m) => m.id)).toContain(meetingId);
    expect(codeOf(await gw.gql('{ jointMeetings { id } }'))).toBe('UNAUTHENTICATED');

    // The meeting's stream is on the audit trail: its agencies and the region's overseers verify it; an outsider gets null.
    const trail = `query($s: String!) { auditTrail(streamId: $s) { streamId events { version type } verification { valid } } }`;
    type Trail = { auditTrail: { streamId: string; events: { version: number; type: string }[]; verification: { valid: boolean } } | null };
    const streamId = `joint-meeting-${meetingId}`;
    const seen = data(await gw.gql<Trail>(trail, { s: streamId }, t['cdi-650100-overseer']!)).auditTrail!;
    expect(seen.events.map((e) => e.type)).toEqual(['JointMeetingConvened', 'JointMeetingMinutesRecorded']);
    expect(seen.verification.valid).toBe(true);
    expect(data(await gw.gql<Trail>(trail, { s: streamId }, t['police-650100-officer']!)).auditTrail?.streamId).toBe(streamId);
    const hidden = await gw.gql<Trail>(trail, { s: streamId }, t['mi-650100-officer']!);
    expect(hidden.data?.auditTrail ?? null).toBeNull();
  });

  it('the owner reports done (out of 待办); sent back it is in 待办 again and overdue; verified it is 销号; the meeting closes', async () => {
    clock = '2025-05-19T10:00:00+08:00';
    const report = { meetingId, decisionId: 'D1', report: '已派员提前介入并出具书面意见' };
    expect(codeOf(await run('reportJointMeetingDecision', 'ReportJointMeetingDecisionInput', report, t['health-650100-officer']!))).toBe('FORBIDDEN');
    const reported = data(await run('reportJointMeetingDecision', 'ReportJointMeetingDecisionInput', report, t['police-650100-officer']!)).reportJointMeetingDecision!;
    expect(reported.decisions[0]).toMatchObject({ status: 'REPORTED', overdue: false });
    await eventually(() => myWork(t['police-650100-officer']!), (items) => items.length === 0, 10_000);

    clock = '2025-05-22T09:00:00+08:00';
    const verify = { meetingId, decisionId: 'D1' };
    expect(
      codeOf(await run('verifyJointMeetingDecision', 'VerifyJointMeetingDecisionInput', { ...verify, accepted: true }, t['amr-650100-officer']!)),
    ).toBe('FORBIDDEN');
    const noReason = await run('verifyJointMeetingDecision', 'VerifyJointMeetingDecisionInput', { ...verify, accepted: false }, t['amr-650100-supervisor']!);
    expect(codeOf(noReason)).toBe('BAD_USER_INPUT');
    const sentBack = data(
      await run('verifyJointMeetingDecision', 'VerifyJointMeetingDecisionInput', { ...verify, accepted: false, opinion: '未附介入意见书' }, t['amr-650100-supervisor']!),
    ).verifyJointMeetingDecision!;
    expect(sentBack.decisions[0]).toMatchObject({ status: 'OPEN', sentBack: 1, opinion: '未附介入意见书', overdue: true });
    const again = await eventually(() => myWork(t['police-650100-officer']!), (items) => items.length === 1, 10_000);
    expect(again[0]!.status).toBe('OVERDUE');

    const closeEarly = await run('closeJointMeeting', 'CloseJointMeetingInput', { meetingId }, t['amr-650100-supervisor']!);
    expect(codeOf(closeEarly)).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(closeEarly.errors)).toContain('input.reason');

    data(await run('reportJointMeetingDecision', 'ReportJointMeetingDecisionInput', { ...report, report: '补充介入意见书' }, t['police-650100-officer']!));
    const done = data(
      await run('verifyJointMeetingDecision', 'VerifyJointMeetingDecisionInput', { ...verify, accepted: true, opinion: '核实无误' }, t['amr-650100-supervisor']!),
    ).verifyJointMeetingDecision!;
    expect(done.decisions[0]).toMatchObject({ status: 'DONE', overdue: false });
    clock = '2025-07-02T09:00:00+08:00';
    const closed = data(
      await run('closeJointMeeting', 'CloseJointMeetingInput', { meetingId, reason: 'D2 转下次联席会议跟踪' }, t['amr-650100-supervisor']!),
    ).closeJointMeeting!;
    expect(closed).toMatchObject({ status: 'CLOSED', closeReason: 'D2 转下次联席会议跟踪' });
    // A closed meeting's decisions leave 待办.
    await eventually(() => myWork(t['health-650100-officer']!), (items) => items.length === 0, 10_000);
    const late = await run('reportJointMeetingDecision', 'ReportJointMeetingDecisionInput', { meetingId, decisionId: 'D2', report: '补报' }, t['health-650100-officer']!);
    expect(codeOf(late)).toBe('INVALID_TRANSITION');
  });
});
