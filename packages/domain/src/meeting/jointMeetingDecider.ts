/**
 * 联席会议 (joint meeting, DESIGN §3.5) — every rule of its life cycle is in this file, on the
 * convenor's stream `joint-meeting-<id>`:
 *
 *   NONE ─ConveneJointMeeting→ CONVENED ─RecordJointMeetingMinutes→ MINUTED ─CloseJointMeeting→ CLOSED
 *   a decision (议定事项): OPEN ─ReportJointMeetingDecision→ REPORTED ─VerifyJointMeetingDecision(accepted)→ DONE (销号)
 *                                                               └─VerifyJointMeetingDecision(rejected)→ OPEN (退回重办)
 *
 * A decision is overdue (逾期未落实) after 24:00 Beijing time of its due date while it is OPEN (not
 * reported, or sent back); at 24:00 exactly it is still in time. A decision reported in time and sent
 * back after its due date is overdue from the moment it is sent back.
 *
 * The seeds' 联席会议制度 (seed 000/003: 建立联席会议制度, 定期召开联席会议, 通报案件办理情况, 研究解决
 * 衔接中的问题) set no statutory window: the due date of each decision is the meeting's own, on the
 * minutes (a local practice, not a policy of `contracts/policies`).
 *
 * Pure: time comes in on the command (`at`), agencies come in resolved (`AgencyRef`, from the
 * service's directory). Who may run a command (the convenor's head, the owner agency's staff) is
 * checked in packages/auth, not here. A refused command throws and yields no events.
 */
import {
  beijingDate,
  CloseJointMeetingInput,
  ConveneJointMeetingInput,
  endOfBeijingDay,
  InvalidTransitionError,
  IsoDateTime,
  parseInput,
  RecordJointMeetingMinutesInput,
  ReportJointMeetingDecisionInput,
  ValidationError,
  VerifyJointMeetingDecisionInput,
} from '@xianjie/contracts';
import type { Actor, AgencyRef, JointMeetingDecisionStatus, JointMeetingEvent, JointMeetingStatus } from '@xianjie/contracts';
import type { Decider } from '../decider.ts';

interface Base {
  meetingId: string;
  /** Business time of the command (the service's clock). */
  at: string;
  actor: Actor;
}

export interface ConveneJointMeeting extends Base {
  type: 'ConveneJointMeeting';
  /** The convening agency: the actor's, resolved from the directory. */
  convenor: AgencyRef;
  /** The other agencies convened, resolved from the directory. */
  participants: AgencyRef[];
  title: string;
  agenda: string;
  heldOn: string;
  place?: string | null;
}

export interface RecordJointMeetingMinutes extends Base {
  type: 'RecordJointMeetingMinutes';
  minutes: string;
  decisions: { content: string; ownerAgencyId: string; dueDate: string }[];
}

export interface ReportJointMeetingDecision extends Base {
  type: 'ReportJointMeetingDecision';
  decisionId: string;
  /** The reporting agency: the actor's. */
  agencyId: string;
  report: string;
}

export interface VerifyJointMeetingDecision extends Base {
  type: 'VerifyJointMeetingDecision';
  decisionId: string;
  accepted: boolean;
  opinion?: string | null;
}

export interface CloseJointMeeting extends Base {
  type: 'CloseJointMeeting';
  reason?: string | null;
}

export type JointMeetingCommand =
  | ConveneJointMeeting
  | RecordJointMeetingMinutes
  | ReportJointMeetingDecision
  | VerifyJointMeetingDecision
  | CloseJointMeeting;

export interface JointMeetingDecision {
  decisionId: string;
  content: string;
  ownerAgencyId: string;
  dueDate: string;
  /** 24:00 of `dueDate`, Beijing time. */
  dueAt: string;
  status: JointMeetingDecisionStatus;
  report: string | null;
  reportedAt: string | null;
  verifiedAt: string | null;
  opinion: string | null;
  /** When it was last sent back (退回重办), if it was. */
  sentBackAt: string | null;
  /** How many times it was sent back. */
  sentBack: number;
}

export interface JointMeeting {
  status: JointMeetingStatus;
  meetingId: string;
  title: string;
  agenda: string;
  convenor: AgencyRef;
  /** Every agency of the meeting, the convenor first. */
  participants: AgencyRef[];
  heldOn: string;
  place: string | null;
  convenedAt: string;
  minutes: string | null;
  minutesRecordedAt: string | null;
  decisions: JointMeetingDecision[];
  closedAt: string | null;
  closeReason: string | null;
}

export type JointMeetingState = { status: 'NONE' } | JointMeeting;

export const initialJointMeetingState: JointMeetingState = { status: 'NONE' };

/**
 * Whether a decision is overdue (逾期未落实) at `asOf`: OPEN (not reported, or sent back) and past
 * 24:00 of its due date (at `dueAt` exactly it is still in time). Folded state: judge at the state's
 * own time (fold up to `asOf` for the past).
 */
export const isJointMeetingDecisionOverdue = (decision: Pick<JointMeetingDecision, 'status' | 'dueAt'>, asOf: string): boolean => {
  const at = Date.parse(asOf);
  if (Number.isNaN(at)) throw new RangeError(`"${asOf}" is not an ISO-8601 date-time`);
  return decision.status === 'OPEN' && at > Date.parse(decision.dueAt);
};

// ---------------------------------------------------------------- decide

const refuse = (command: string, reason: string, state: JointMeetingState): never => {
  throw new InvalidTransitionError(command, reason, state.status);
};

const existing = (command: string, state: JointMeetingState, meetingId: string): JointMeeting => {
  if (state.status === 'NONE') refuse(command, `joint meeting ${meetingId} was not convened`, state);
  return state as JointMeeting;
};

const decisionOf = (command: string, state: JointMeeting, decisionId: string): JointMeetingDecision => {
  const decision = state.decisions.find((d) => d.decisionId === decisionId);
  if (!decision) throw new ValidationError([{ path: 'decisionId', message: `no decision ${decisionId} on the minutes of ${state.title}` }]);
  if (state.status === 'CLOSED') refuse(command, `the joint meeting ${state.title} was closed (办结) at ${state.closedAt}`, state);
  return decision;
};

const convene = (command: ConveneJointMeeting, state: JointMeetingState): JointMeetingEvent[] => {
  const input = parseInput(ConveneJointMeetingInput, {
    title: command.title,
    agenda: command.agenda,
    participantAgencyIds: command.participants.map((a) => a.id),
    heldOn: command.heldOn,
    ...(command.place ? { place: command.place } : {}),
  });
  if (state.status !== 'NONE') refuse('conveneJointMeeting', `joint meeting ${command.meetingId} was already convened`, state);
  const issues = command.participants.flatMap((agency, index) =>
    agency.id === command.convenor.id
      ? [{ path: `participantAgencyIds.${index}`, message: `${agency.id} convenes the meeting; name the other agencies (参会单位)` }]
      : command.participants.findIndex((a) => a.id === agency.id) !== index
        ? [{ path: `participantAgencyIds.${index}`, message: `${agency.id} is named twice` }]
        : [],
  );
  if (issues.length > 0) throw new ValidationError(issues);
  return [
    {
      type: 'JointMeetingConvened',
      data: {
        meetingId: command.meetingId,
        title: input.title,
        agenda: input.agenda,
        convenor: command.convenor,
        participants: [command.convenor, ...command.participants],
        heldOn: input.heldOn,
        place: input.place?.trim() ? input.place.trim() : null,
        convenedAt: command.at,
      },
    },
  ];
};

const recordMinutes = (command: RecordJointMeetingMinutes, state: JointMeetingState): JointMeetingEvent[] => {
  const input = parseInput(RecordJointMeetingMinutesInput, { meetingId: command.meetingId, minutes: command.minutes, decisions: command.decisions });
  const meeting = existing('recordJointMeetingMinutes', state, command.meetingId);
  if (meeting.status !== 'CONVENED') {
    refuse('recordJointMeetingMinutes', `the minutes (会议纪要) of ${meeting.title} were recorded at ${meeting.minutesRecordedAt}; a meeting has one`, state);
  }
  const today = beijingDate(command.at);
  if (today < meeting.heldOn) {
    throw new ValidationError([{ path: 'minutes', message: `the meeting is held on ${meeting.heldOn}; its minutes come after it (today is ${today}, Beijing time)` }]);
  }
  const issues = input.decisions.flatMap((d, index) => [
    ...(meeting.participants.some((a) => a.id === d.ownerAgencyId)
      ? []
      : [{ path: `decisions.${index}.ownerAgencyId`, message: `${d.ownerAgencyId} is not an agency of the meeting (责任单位 must be a 参会单位)` }]),
    ...(d.dueDate < meeting.heldOn
      ? [{ path: `decisions.${index}.dueDate`, message: `the due date ${d.dueDate} is before the meeting (${meeting.heldOn})` }]
      : []),
  ]);
  if (issues.length > 0) throw new ValidationError(issues);
  return [
    {
      type: 'JointMeetingMinutesRecorded',
      data: {
        meetingId: command.meetingId,
        minutes: input.minutes,
        decisions: input.decisions.map((d, index) => ({
          decisionId: `D${index + 1}`,
          content: d.content,
          ownerAgencyId: d.ownerAgencyId,
          dueDate: d.dueDate,
          dueAt: endOfBeijingDay(d.dueDate),
        })),
        recordedAt: command.at,
      },
    },
  ];
};

const reportDecision = (command: ReportJointMeetingDecision, state: JointMeetingState): JointMeetingEvent[] => {
  const input = parseInput(ReportJointMeetingDecisionInput, { meetingId: command.meetingId, decisionId: command.decisionId, report: command.report });
  const meeting = existing('reportJointMeetingDecision', state, command.meetingId);
  const decision = decisionOf('reportJointMeetingDecision', meeting, input.decisionId);
  if (decision.ownerAgencyId !== command.agencyId) {
    refuse('reportJointMeetingDecision', `decision ${decision.decisionId} is ${decision.ownerAgencyId}'s (责任单位); only it reports it done`, state);
  }
  if (decision.status !== 'OPEN') {
    refuse(
      'reportJointMeetingDecision',
      decision.status === 'DONE'
        ? `decision ${decision.decisionId} was verified done (销号) at ${decision.verifiedAt}`
        : `decision ${decision.decisionId} was reported at ${decision.reportedAt} and awaits the convenor's verification`,
      state,
    );
  }
  return [
    {
      type: 'JointMeetingDecisionReported',
      data: { meetingId: command.meetingId, decisionId: decision.decisionId, agencyId: command.agencyId, report: input.report, reportedAt: command.at },
    },
  ];
};

const verifyDecision = (command: VerifyJointMeetingDecision, state: JointMeetingState): JointMeetingEvent[] => {
  const input = parseInput(VerifyJointMeetingDecisionInput, {
    meetingId: command.meetingId,
    decisionId: command.decisionId,
    accepted: command.accepted,
    ...(command.opinion ? { opinion: command.opinion } : {}),
  });
  const meeting = existing('verifyJointMeetingDecision', state, command.meetingId);
  const decision = decisionOf('verifyJointMeetingDecision', meeting, input.decisionId);
  if (decision.status !== 'REPORTED') {
    refuse(
      'verifyJointMeetingDecision',
      decision.status === 'DONE'
        ? `decision ${decision.decisionId} was verified done (销号) at ${decision.verifiedAt}`
        : `decision ${decision.decisionId} was not reported done; its owner ${decision.ownerAgencyId} reports first`,
      state,
    );
  }
  return [
    {
      type: 'JointMeetingDecisionVerified',
      data: {
        meetingId: command.meetingId,
        decisionId: decision.decisionId,
        accepted: input.accepted,
        opinion: input.opinion?.trim() ? input.opinion.trim() : null,
        verifiedAt: command.at,
      },
    },
  ];
};

const close = (command: CloseJointMeeting, state: JointMeetingState): JointMeetingEvent[] => {
  const input = parseInput(CloseJointMeetingInput, { meetingId: command.meetingId, ...(command.reason ? { reason: command.reason } : {}) });
  const meeting = existing('closeJointMeeting', state, command.meetingId);
  if (meeting.status === 'CLOSED') refuse('closeJointMeeting', `the joint meeting ${meeting.title} was closed at ${meeting.closedAt}`, state);
  if (meeting.status === 'CONVENED') refuse('closeJointMeeting', `the minutes (会议纪要) of ${meeting.title} are not recorded yet`, state);
  const open = meeting.decisions.filter((d) => d.status !== 'DONE');
  const reason = input.reason?.trim() ? input.reason.trim() : null;
  if (open.length > 0 && !reason) {
    throw new ValidationError([
      { path: 'reason', message: `decisions ${open.map((d) => d.decisionId).join(', ')} are not verified done (销号); closing with them open needs a reason` },
    ]);
  }
  return [{ type: 'JointMeetingClosed', data: { meetingId: command.meetingId, reason, closedAt: command.at } }];
};

/**
 * The events a command produces on a joint meeting, or a thrown ValidationError (bad input, field
 * named) or InvalidTransitionError (why not now). Order of checks: input → existence → transition.
 */
export const decideJointMeeting = (command: JointMeetingCommand, state: JointMeetingState): JointMeetingEvent[] => {
  if (!IsoDateTime.safeParse(command.at).success) {
    throw new ValidationError([{ path: 'at', message: `"${command.at}" is not an ISO-8601 date-time with offset` }]);
  }
  switch (command.type) {
    case 'ConveneJointMeeting':
      return convene(command, state);
    case 'RecordJointMeetingMinutes':
      return recordMinutes(command, state);
    case 'ReportJointMeetingDecision':
      return reportDecision(command, state);
    case 'VerifyJointMeetingDecision':
      return verifyDecision(command, state);
    case 'CloseJointMeeting':
      return close(command, state);
    default: {
      const unknown: never = command;
      throw new ValidationError([{ path: 'type', message: `unknown joint meeting command ${(unknown as { type: string }).type}` }]);
    }
  }
};

// ---------------------------------------------------------------- evolve

const withDecision = (state: JointMeeting, decisionId: string, change: (d: JointMeetingDecision) => JointMeetingDecision): JointMeeting => ({
  ...state,
  decisions: state.decisions.map((d) => (d.decisionId === decisionId ? change(d) : d)),
});

/** Applies one recorded event. Events are facts: no rule is checked again here. */
export const evolveJointMeeting = (state: JointMeetingState, event: JointMeetingEvent): JointMeetingState => {
  if (event.type === 'JointMeetingConvened') {
    const d = event.data;
    return {
      status: 'CONVENED',
      meetingId: d.meetingId,
      title: d.title,
      agenda: d.agenda,
      convenor: d.convenor as AgencyRef,
      participants: d.participants as AgencyRef[],
      heldOn: d.heldOn,
      place: d.place,
      convenedAt: d.convenedAt,
      minutes: null,
      minutesRecordedAt: null,
      decisions: [],
      closedAt: null,
      closeReason: null,
    };
  }
  if (state.status === 'NONE') throw new Error(`joint meeting stream starts with ${event.type}; the first event must be JointMeetingConvened`);
  switch (event.type) {
    case 'JointMeetingMinutesRecorded':
      return {
        ...state,
        status: 'MINUTED',
        minutes: event.data.minutes,
        minutesRecordedAt: event.data.recordedAt,
        decisions: event.data.decisions.map((d) => ({
          ...d,
          status: 'OPEN',
          report: null,
          reportedAt: null,
          verifiedAt: null,
          opinion: null,
          sentBackAt: null,
          sentBack: 0,
        })),
      };
    case 'JointMeetingDecisionReported':
      return withDecision(state, event.data.decisionId, (d) => ({ ...d, status: 'REPORTED', report: event.data.report, reportedAt: event.data.reportedAt }));
    case 'JointMeetingDecisionVerified': {
      const { accepted, opinion, verifiedAt } = event.data;
      return withDecision(state, event.data.decisionId, (d) =>
        accepted
          ? { ...d, status: 'DONE', verifiedAt, opinion }
          : { ...d, status: 'OPEN', opinion, sentBackAt: verifiedAt, sentBack: d.sentBack + 1 },
      );
    }
    case 'JointMeetingClosed':
      return { ...state, status: 'CLOSED', closedAt: event.data.closedAt, closeReason: event.data.reason };
    default: {
      const unknown: never = event;
      throw new Error(`unknown joint meeting event ${(unknown as { type: string }).type}`);
    }
  }
};

export const foldJointMeeting = (events: readonly JointMeetingEvent[]): JointMeetingState => events.reduce(evolveJointMeeting, initialJointMeetingState);

/** The joint meeting workflow as one value, for a generic command handler. */
export const jointMeetingDecider: Decider<JointMeetingCommand, JointMeetingState, JointMeetingEvent> = {
  decide: decideJointMeeting,
  evolve: evolveJointMeeting,
  initialState: initialJointMeetingState,
};
