import {
  CloseJointMeetingInput,
  ConveneJointMeetingInput,
  jointMeetingDecisionStatusLabels,
  JointMeetingDecisionStatus,
  JointMeetingStatus,
  jointMeetingStatusLabels,
  RecordJointMeetingMinutesInput,
  ReportJointMeetingDecisionInput,
  VerifyJointMeetingDecisionInput,
} from '@xianjie/contracts';
import type { JointMeetingCommandName } from '@xianjie/auth';
import type { JointMeetingDecisionView, JointMeetingView } from '@xianjie/operations';
import type { z } from 'zod';
import { builder } from '../../builder.ts';
import { authOf } from '../common/callerAuth.ts';
import { commandInput, runCommand } from '../common/commandMutation.ts';
import { AgencyType } from '../common/types.ts';
import type { SchemaTypes } from '../common/schemaTypes.ts';
import { orNull } from '../operation/operationNode.ts';

/**
 * 联席会议 (joint meeting, DESIGN §3.5): `jointMeeting(id)`, `jointMeetings` and the five commands.
 * The operations service keeps the meetings and applies the access rules (auth's
 * `canReadJointMeeting`, `canRunJointMeetingCommand`); the gateway only shapes them. Open decisions
 * reach the owner agency's 待办 (`myWork`, work/myWork.ts).
 */

export const JointMeetingStatusEnum = builder.enumType('JointMeetingStatus', {
  description: Object.entries(jointMeetingStatusLabels)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; '),
  values: JointMeetingStatus.options,
});

export const JointMeetingDecisionStatusEnum = builder.enumType('JointMeetingDecisionStatus', {
  description: Object.entries(jointMeetingDecisionStatusLabels)
    .map(([k, v]) => `${k}: ${v}`)
    .join('; '),
  values: JointMeetingDecisionStatus.options,
});

export const JointMeetingDecisionType = builder.objectRef<JointMeetingDecisionView>('JointMeetingDecision').implement({
  description: '议定事项: a decision of the minutes, owned by one agency of the meeting (责任单位) and due at 24:00 Beijing of its date',
  fields: (t) => ({
    id: t.id({ description: 'D1, D2, … as the minutes number them', resolve: (d) => d.decisionId }),
    content: t.exposeString('content', { description: '议定事项' }),
    owner: t.field({ type: AgencyType, description: '责任单位', resolve: (d, _a, ctx) => ctx.platform.directory.require(d.ownerAgencyId) }),
    dueDate: t.exposeString('dueDate', { description: '完成时限 (Beijing date)' }),
    dueAt: t.field({ type: 'DateTime', description: '24:00 of dueDate, Beijing time', resolve: (d) => d.dueAt }),
    status: t.field({ type: JointMeetingDecisionStatusEnum, resolve: (d) => d.status }),
    statusLabel: t.string({ resolve: (d) => jointMeetingDecisionStatusLabels[d.status] }),
    overdue: t.exposeBoolean('overdue', {
      description: '逾期未落实: not reported (or sent back) after dueAt, judged as of the meeting’s asOf (default now)',
    }),
    report: t.string({ nullable: true, description: '落实情况 as the owner reported it', resolve: (d) => d.report }),
    reportedAt: t.field({ type: 'DateTime', nullable: true, resolve: (d) => d.reportedAt }),
    verifiedAt: t.field({ type: 'DateTime', nullable: true, description: '核实销号', resolve: (d) => d.verifiedAt }),
    opinion: t.string({ nullable: true, description: 'The convenor’s opinion (核实意见, or why it was sent back)', resolve: (d) => d.opinion }),
    sentBack: t.exposeInt('sentBack', { description: 'How many times it was sent back (退回重办)' }),
  }),
});

export const JointMeetingType = builder.objectRef<JointMeetingView>('JointMeeting').implement({
  description: '联席会议: a joint meeting of agencies, its minutes and the decisions tracked to done',
  fields: (t) => ({
    id: t.id({ resolve: (m) => m.meetingId }),
    title: t.exposeString('title', { description: '会议名称' }),
    agenda: t.exposeString('agenda', { description: '会议议题' }),
    convenor: t.field({ type: AgencyType, description: '召集单位', resolve: (m, _a, ctx) => ctx.platform.directory.require(m.convenorAgencyId) }),
    participants: t.field({
      type: [AgencyType],
      description: '参会单位, the convenor first',
      resolve: (m, _a, ctx) => m.participantAgencyIds.map((id) => ctx.platform.directory.require(id)),
    }),
    heldOn: t.exposeString('heldOn', { description: '会议日期 (Beijing date)' }),
    place: t.string({ nullable: true, description: '会议地点', resolve: (m) => m.place }),
    status: t.field({ type: JointMeetingStatusEnum, resolve: (m) => m.status }),
    statusLabel: t.string({ resolve: (m) => jointMeetingStatusLabels[m.status] }),
    convenedAt: t.field({ type: 'DateTime', resolve: (m) => m.convenedAt }),
    minutes: t.string({ nullable: true, description: '会议纪要', resolve: (m) => m.minutes }),
    minutesRecordedAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.minutesRecordedAt }),
    decisions: t.field({ type: [JointMeetingDecisionType], description: '议定事项', resolve: (m) => m.decisions }),
    overdueDecisions: t.int({ description: 'How many decisions are overdue as of asOf', resolve: (m) => m.decisions.filter((d) => d.overdue).length }),
    closedAt: t.field({ type: 'DateTime', nullable: true, resolve: (m) => m.closedAt }),
    closeReason: t.string({ nullable: true, resolve: (m) => m.closeReason }),
    asOf: t.field({ type: 'DateTime', description: 'The time overdue was judged at', resolve: (m) => m.asOf }),
    streamId: t.exposeString('streamId', { description: 'The convenor’s stream of this meeting (its audit trail)' }),
    version: t.exposeInt('version', { description: 'Version of the meeting stream (expectedVersion of the next command)' }),
  }),
});

builder.queryField('jointMeeting', (t) =>
  t.field({
    type: JointMeetingType,
    nullable: true,
    authScopes: { authenticated: true },
    description:
      '联席会议: a joint meeting now, or as of a time (rebuilt from its events up to asOf; overdue judged then). ' +
      'Null when absent or not yours to read (its agencies, overseers of their region, admins).',
    args: { id: t.arg.id({ required: true }), asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: (_root, args, ctx) => orNull(ctx.platform.operations.jointMeeting(String(args.id), args.asOf ?? undefined, authOf(ctx))),
  }),
);

builder.queryField('jointMeetings', (t) =>
  t.field({
    type: [JointMeetingType],
    authScopes: { authenticated: true },
    description: '联席会议 you may read (your agency’s; overseers: those of agencies in their region), latest held first; overdue judged as of asOf (default now)',
    args: { status: t.arg({ type: [JointMeetingStatusEnum], required: false }), asOf: t.arg({ type: 'DateTime', required: false }) },
    resolve: (_root, args, ctx) =>
      ctx.platform.operations.jointMeetings(
        { ...(args.status?.length ? { status: args.status } : {}), ...(args.asOf ? { asOf: args.asOf } : {}) },
        authOf(ctx),
      ),
  }),
);

// ---- mutations ----------------------------------------------------------------------------------

const meetingFields = (t: PothosSchemaTypes.InputFieldBuilder<SchemaTypes, 'InputObject'>) => ({
  commandId: t.id({ required: false, description: 'For an idempotent retry: the same commandId never appends twice' }),
  meetingId: t.id({ required: true }),
  expectedVersion: t.int({ required: false, description: '`JointMeeting.version`; CONFLICT when it moved on' }),
});

const ConveneJointMeetingInputType = builder.inputType('ConveneJointMeetingInput', {
  fields: (t) => ({
    commandId: t.id({ required: false, description: 'For an idempotent retry: the same commandId finds the same meeting' }),
    expectedVersion: t.int({ required: false }),
    title: t.string({ required: true, description: '会议名称' }),
    agenda: t.string({ required: true, description: '会议议题' }),
    participantAgencyIds: t.idList({ required: true, description: '参会单位: the other agencies (your agency convenes)' }),
    heldOn: t.string({ required: true, description: '会议日期 YYYY-MM-DD' }),
    place: t.string({ required: false, description: '会议地点' }),
  }),
});

const JointMeetingDecisionInputType = builder.inputType('JointMeetingDecisionInput', {
  fields: (t) => ({
    content: t.string({ required: true, description: '议定事项' }),
    ownerAgencyId: t.id({ required: true, description: '责任单位: an agency of the meeting' }),
    dueDate: t.string({ required: true, description: '完成时限 YYYY-MM-DD (done by 24:00 Beijing time)' }),
  }),
});

const RecordJointMeetingMinutesInputType = builder.inputType('RecordJointMeetingMinutesInput', {
  fields: (t) => ({
    ...meetingFields(t),
    minutes: t.string({ required: true, description: '会议纪要' }),
    decisions: t.field({ type: [JointMeetingDecisionInputType], required: false, description: '议定事项 (numbered D1, D2, …)' }),
  }),
});

const ReportJointMeetingDecisionInputType = builder.inputType('ReportJointMeetingDecisionInput', {
  fields: (t) => ({ ...meetingFields(t), decisionId: t.id({ required: true }), report: t.string({ required: true, description: '落实情况' }) }),
});

const VerifyJointMeetingDecisionInputType = builder.inputType('VerifyJointMeetingDecisionInput', {
  fields: (t) => ({
    ...meetingFields(t),
    decisionId: t.id({ required: true }),
    accepted: t.boolean({ required: true, description: 'true: 核实销号; false: 退回重办 (opinion required)' }),
    opinion: t.string({ required: false }),
  }),
});

const CloseJointMeetingInputType = builder.inputType('CloseJointMeetingInput', {
  fields: (t) => ({ ...meetingFields(t), reason: t.string({ required: false, description: 'Required while a decision is not 销号' }) }),
});

type AnyInput =
  | typeof ConveneJointMeetingInputType
  | typeof RecordJointMeetingMinutesInputType
  | typeof ReportJointMeetingDecisionInputType
  | typeof VerifyJointMeetingDecisionInputType
  | typeof CloseJointMeetingInputType;

const meetingMutation = (name: JointMeetingCommandName, input: AnyInput, schema: z.ZodType, description: string) =>
  builder.mutationField(name, (t) =>
    t.field({
      type: JointMeetingType,
      description,
      // The service checks the party (the convenor, or the decision's owner agency) and the role, and says which is missing.
      authScopes: { authenticated: true },
      args: { input: t.arg({ type: input as typeof CloseJointMeetingInputType, required: true, validate: commandInput(schema) }) },
      resolve: async (_root, args, ctx) =>
        (await runCommand(ctx, args.input, (i, auth) => ctx.platform.operations.executeJointMeeting(name, i, auth))).meeting,
    }),
  );

meetingMutation('conveneJointMeeting', ConveneJointMeetingInputType, ConveneJointMeetingInput, '召集联席会议: convene the agencies named (your agency’s head)');
meetingMutation(
  'recordJointMeetingMinutes',
  RecordJointMeetingMinutesInputType,
  RecordJointMeetingMinutesInput,
  '印发会议纪要: the minutes with the decisions, each owned by an agency of the meeting and due on a date (the convenor’s staff; once)',
);
meetingMutation(
  'reportJointMeetingDecision',
  ReportJointMeetingDecisionInputType,
  ReportJointMeetingDecisionInput,
  '报告落实情况: report a decision done (the owner agency’s staff)',
);
meetingMutation(
  'verifyJointMeetingDecision',
  VerifyJointMeetingDecisionInputType,
  VerifyJointMeetingDecisionInput,
  '核实销号 or 退回重办: accept a reported decision, or send it back with the reason (the convenor’s head)',
);
meetingMutation('closeJointMeeting', CloseJointMeetingInputType, CloseJointMeetingInput, '办结: close the meeting; a reason while a decision is not 销号 (the convenor’s head)');
