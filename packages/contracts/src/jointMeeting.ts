import { z } from 'zod';
import { CommandId, ExpectedVersion, Id, IsoDateTime } from './scalars.ts';
import { LocalDate } from './operation.ts';

/**
 * 联席会议 (joint meeting, DESIGN §3.5): an agency convenes the agencies of a linkage (the seeds'
 * 联席会议制度: 定期召开联席会议, 通报情况, 研究解决衔接中的问题); its minutes (会议纪要) record the
 * decisions (议定事项), each with the agency that owns it (责任单位) and a due date (完成时限); the
 * owner reports it done (报告落实情况) and the convenor verifies it (核实销号) or sends it back; the
 * convenor closes the meeting. What the API accepts (inputs; the service adds the agencies, actor and
 * time) and what is recorded on the convenor's stream `joint-meeting-<id>`. The rules live in
 * `@xianjie/domain` `meeting/jointMeetingDecider.ts`.
 */

const Text = z.string().trim().max(4000);
const Title = z.string().trim().min(1, 'a title is required (会议名称)').max(200);

export const JointMeetingStatus = z.enum(['CONVENED', 'MINUTED', 'CLOSED']);
export type JointMeetingStatus = z.infer<typeof JointMeetingStatus>;
export const jointMeetingStatusLabels: Readonly<Record<JointMeetingStatus, string>> = {
  CONVENED: '已召集',
  MINUTED: '已印发纪要',
  CLOSED: '已办结',
};

export const JointMeetingDecisionStatus = z.enum(['OPEN', 'REPORTED', 'DONE']);
export type JointMeetingDecisionStatus = z.infer<typeof JointMeetingDecisionStatus>;
export const jointMeetingDecisionStatusLabels: Readonly<Record<JointMeetingDecisionStatus, string>> = {
  OPEN: '待落实',
  REPORTED: '已报告落实情况',
  DONE: '已核实销号',
};

// ---------------------------------------------------------------- inputs

export const ConveneJointMeetingInput = z.object({
  commandId: CommandId.optional(),
  expectedVersion: ExpectedVersion.optional(),
  title: Title,
  /** 会议议题. */
  agenda: Text.min(1, 'an agenda is required (会议议题)'),
  /** The other agencies convened (参会单位); the convenor's own agency takes part without being named. */
  participantAgencyIds: z.array(Id).min(1, 'a joint meeting needs at least one other agency (参会单位)').max(30),
  /** 会议日期 (Beijing date). */
  heldOn: LocalDate,
  /** 会议地点. */
  place: z.string().trim().max(200).optional(),
});
export type ConveneJointMeetingInput = z.infer<typeof ConveneJointMeetingInput>;

export const JointMeetingDecisionInput = z.object({
  /** 议定事项. */
  content: Text.min(1, 'a decision needs its content (议定事项)'),
  /** 责任单位: a participating agency. */
  ownerAgencyId: Id,
  /** 完成时限: done by 24:00 of this date, Beijing time. */
  dueDate: LocalDate,
});
export type JointMeetingDecisionInput = z.infer<typeof JointMeetingDecisionInput>;

export const RecordJointMeetingMinutesInput = z.object({
  commandId: CommandId.optional(),
  meetingId: Id,
  expectedVersion: ExpectedVersion.optional(),
  /** 会议纪要: what was reported and discussed. */
  minutes: Text.min(1, 'the minutes are required (会议纪要)'),
  /** 议定事项; a meeting may decide nothing (通报情况 only). */
  decisions: z.array(JointMeetingDecisionInput).max(50).default([]),
});
export type RecordJointMeetingMinutesInput = z.infer<typeof RecordJointMeetingMinutesInput>;

export const ReportJointMeetingDecisionInput = z.object({
  commandId: CommandId.optional(),
  meetingId: Id,
  expectedVersion: ExpectedVersion.optional(),
  /** `D1`, `D2`, … as the minutes numbered them. */
  decisionId: Id,
  /** 落实情况. */
  report: Text.min(1, 'a report of what was done is required (落实情况)'),
});
export type ReportJointMeetingDecisionInput = z.infer<typeof ReportJointMeetingDecisionInput>;

export const VerifyJointMeetingDecisionInput = z
  .object({
    commandId: CommandId.optional(),
    meetingId: Id,
    expectedVersion: ExpectedVersion.optional(),
    decisionId: Id,
    /** true: 核实销号; false: sent back to the owner (退回重办), with the reason in `opinion`. */
    accepted: z.boolean(),
    opinion: Text.optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.accepted && !input.opinion?.trim()) {
      ctx.addIssue({ code: 'custom', path: ['opinion'], message: 'sending a decision back needs the reason (退回意见)' });
    }
  });
export type VerifyJointMeetingDecisionInput = z.infer<typeof VerifyJointMeetingDecisionInput>;

export const CloseJointMeetingInput = z.object({
  commandId: CommandId.optional(),
  meetingId: Id,
  expectedVersion: ExpectedVersion.optional(),
  /** Required while a decision is not 销号 (why the meeting closes with it open). */
  reason: Text.optional(),
});
export type CloseJointMeetingInput = z.infer<typeof CloseJointMeetingInput>;

// ---------------------------------------------------------------- events

const AgencyRefData = z.object({ id: z.string().min(1), kind: z.string().min(1), regionCode: z.string().min(1) });

export const JointMeetingConvened = z
  .object({
    meetingId: Id,
    title: z.string().min(1),
    agenda: z.string().min(1),
    convenor: AgencyRefData,
    /** Every agency of the meeting, the convenor first. */
    participants: z.array(AgencyRefData).min(2),
    heldOn: LocalDate,
    place: z.string().nullable(),
    convenedAt: IsoDateTime,
  })
  .meta({ description: 'An agency convened a joint meeting (联席会议) of the agencies named.' });
export type JointMeetingConvened = z.infer<typeof JointMeetingConvened>;

export const JointMeetingMinutesRecorded = z
  .object({
    meetingId: Id,
    minutes: z.string().min(1),
    decisions: z.array(
      z.object({
        decisionId: z.string().min(1),
        content: z.string().min(1),
        ownerAgencyId: z.string().min(1),
        dueDate: LocalDate,
        /** 24:00 of `dueDate`, Beijing time. */
        dueAt: IsoDateTime,
      }),
    ),
    recordedAt: IsoDateTime,
  })
  .meta({ description: 'The minutes (会议纪要) with the decisions (议定事项), each with its owner agency and due date.' });
export type JointMeetingMinutesRecorded = z.infer<typeof JointMeetingMinutesRecorded>;

export const JointMeetingDecisionReported = z
  .object({ meetingId: Id, decisionId: z.string().min(1), agencyId: z.string().min(1), report: z.string().min(1), reportedAt: IsoDateTime })
  .meta({ description: 'The owner agency reported a decision done (报告落实情况).' });
export type JointMeetingDecisionReported = z.infer<typeof JointMeetingDecisionReported>;

export const JointMeetingDecisionVerified = z
  .object({ meetingId: Id, decisionId: z.string().min(1), accepted: z.boolean(), opinion: z.string().nullable(), verifiedAt: IsoDateTime })
  .meta({ description: 'The convenor verified a reported decision (核实销号) or sent it back (退回重办).' });
export type JointMeetingDecisionVerified = z.infer<typeof JointMeetingDecisionVerified>;

export const JointMeetingClosed = z
  .object({ meetingId: Id, reason: z.string().nullable(), closedAt: IsoDateTime })
  .meta({ description: 'The convenor closed the meeting (办结), with a reason while a decision was open.' });
export type JointMeetingClosed = z.infer<typeof JointMeetingClosed>;

/** Data schema of each joint meeting event type. */
export const jointMeetingEventSchemas = {
  JointMeetingConvened,
  JointMeetingMinutesRecorded,
  JointMeetingDecisionReported,
  JointMeetingDecisionVerified,
  JointMeetingClosed,
} as const;
export type JointMeetingEventType = keyof typeof jointMeetingEventSchemas;

export const JointMeetingEvent = z.discriminatedUnion('type', [
  z.object({ type: z.literal('JointMeetingConvened'), data: JointMeetingConvened }),
  z.object({ type: z.literal('JointMeetingMinutesRecorded'), data: JointMeetingMinutesRecorded }),
  z.object({ type: z.literal('JointMeetingDecisionReported'), data: JointMeetingDecisionReported }),
  z.object({ type: z.literal('JointMeetingDecisionVerified'), data: JointMeetingDecisionVerified }),
  z.object({ type: z.literal('JointMeetingClosed'), data: JointMeetingClosed }),
]);
export type JointMeetingEvent = z.infer<typeof JointMeetingEvent>;

/** The convenor's stream of one meeting. */
export const jointMeetingStreamId = (meetingId: string): string => `joint-meeting-${meetingId}`;
