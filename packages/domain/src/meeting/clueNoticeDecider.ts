/**
 * 线索通报 (clue notice, DESIGN §3.5) — every rule of it is in this file, on the sender's stream
 * `clue-notice-<id>`:
 *
 *   NONE ─SendClueNotice→ SENT ─AcknowledgeClueNotice→ ACKNOWLEDGED ─ReplyClueNotice→ REPLIED
 *                          └──────────────ReplyClueNotice (签收 and 反馈 at once)──────────┘
 *
 * The notified agency must be of a kind that may be notified (`notifiableAgencyKinds`: the police
 * now; the procuratorate joins that list) and not the sender itself. Source, as read in summary:
 * 《关于加强行政执法与刑事司法衔接工作的意见》(中办发〔2011〕8号) on 信息通报 / 线索通报 and feedback;
 * it sets no time, so the reply window (`clueNoticeReplyWindow`) is a local rule: 3 working days by
 * default, counted as decision 0014 counts working days (the day of sending not counted, 24:00
 * Beijing time of the n-th working day after it). A reply after that is accepted and recorded late;
 * the notice is overdue after the due time while unreplied (at the due time exactly it is in time).
 * Acknowledging does not stop the clock: only the reply does.
 *
 * Pure: time comes in on the command (`at`), agencies resolved, the calendar handed in. Who may run
 * a command (the sender's staff, the notified agency's staff) is checked in packages/auth.
 */
import {
  ClueNoticeReplyWindow,
  InvalidTransitionError,
  IsoDateTime,
  notifiableAgencyKinds,
  parseInput,
  ReplyClueNoticeInput,
  SendClueNoticeInput,
  ValidationError,
} from '@xianjie/contracts';
import type {
  Actor,
  AgencyKind,
  AgencyRef,
  ClueNoticeDisposition,
  ClueNoticeEvent,
  ClueNoticeStatus,
  WorkingCalendar,
} from '@xianjie/contracts';
import type { Decider } from '../decider.ts';

interface Base {
  noticeId: string;
  at: string;
  actor: Actor;
}

export interface SendClueNotice extends Base {
  type: 'SendClueNotice';
  /** The sending agency: the actor's. */
  from: AgencyRef;
  /** The notified agency, resolved from the directory. */
  to: AgencyRef;
  caseId?: string | null;
  caseReference?: string | null;
  facts: string;
  suspectedOffence: string;
  /** The reply window in force (the platform's default or the province's local rule). */
  window: ClueNoticeReplyWindow;
  calendar: WorkingCalendar;
}

export interface AcknowledgeClueNotice extends Base {
  type: 'AcknowledgeClueNotice';
  /** The acknowledging agency: the actor's. */
  agencyId: string;
}

export interface ReplyClueNotice extends Base {
  type: 'ReplyClueNotice';
  /** The replying agency: the actor's. */
  agencyId: string;
  disposition: ClueNoticeDisposition;
  reply: string;
}

export type ClueNoticeCommand = SendClueNotice | AcknowledgeClueNotice | ReplyClueNotice;

export interface ClueNotice {
  status: ClueNoticeStatus;
  noticeId: string;
  from: AgencyRef;
  to: AgencyRef;
  caseId: string | null;
  caseReference: string | null;
  facts: string;
  suspectedOffence: string;
  sentAt: string;
  dueAt: string;
  window: ClueNoticeReplyWindow;
  acknowledgedAt: string | null;
  disposition: ClueNoticeDisposition | null;
  reply: string | null;
  repliedAt: string | null;
  late: boolean;
}

export type ClueNoticeState = { status: 'NONE' } | ClueNotice;

export const initialClueNoticeState: ClueNoticeState = { status: 'NONE' };

/** The reply's due time: 24:00 Beijing time of the n-th working day after the day of sending (decision 0014). */
export const clueNoticeDueAt = (
  sentAt: string,
  window: ClueNoticeReplyWindow,
  calendar: WorkingCalendar,
): string => calendar.addWorkingDays(sentAt, window.amount);

/** Unreplied after the due time (at it exactly: in time), as of `asOf` (fold up to `asOf` for the past). */
export const isClueNoticeOverdue = (n: Pick<ClueNotice, 'status' | 'dueAt'>, asOf: string): boolean => {
  const at = Date.parse(asOf);
  if (Number.isNaN(at)) throw new RangeError(`"${asOf}" is not an ISO-8601 date-time`);
  return n.status !== 'REPLIED' && at > Date.parse(n.dueAt);
};

const refuse = (command: string, reason: string, state: ClueNoticeState): never => {
  throw new InvalidTransitionError(command, reason, state.status);
};

const send = (command: SendClueNotice, state: ClueNoticeState): ClueNoticeEvent[] => {
  const input = parseInput(SendClueNoticeInput, {
    toAgencyId: command.to.id,
    facts: command.facts,
    suspectedOffence: command.suspectedOffence,
    ...(command.caseId ? { caseId: command.caseId } : {}),
    ...(command.caseReference ? { caseReference: command.caseReference } : {}),
  });
  const window = parseInput(ClueNoticeReplyWindow, command.window);
  if (!notifiableAgencyKinds.includes(command.to.kind as AgencyKind)) {
    throw new ValidationError([
      {
        path: 'toAgencyId',
        message: `${command.to.id} 为 ${command.to.kind}；线索只能通报给 ${notifiableAgencyKinds.join('、')}（公安机关）`,
      },
    ]);
  }
  if (command.to.id === command.from.id) {
    throw new ValidationError([{ path: 'toAgencyId', message: `${command.to.id} 是通报单位本身` }]);
  }
  if (state.status !== 'NONE') refuse('sendClueNotice', `线索通报 ${command.noticeId} 已经发出`, state);
  return [
    {
      type: 'ClueNoticeSent',
      data: {
        noticeId: command.noticeId,
        from: command.from,
        to: command.to,
        caseId: input.caseId ?? null,
        caseReference: input.caseReference ?? null,
        facts: input.facts,
        suspectedOffence: input.suspectedOffence,
        sentAt: command.at,
        dueAt: clueNoticeDueAt(command.at, window, command.calendar),
        window,
      },
    },
  ];
};

const notifiedOnly = (
  name: string,
  command: AcknowledgeClueNotice | ReplyClueNotice,
  state: ClueNoticeState,
): ClueNotice => {
  if (state.status === 'NONE') return refuse(name, `线索通报 ${command.noticeId} 未发出`, state);
  if (state.to.id !== command.agencyId)
    refuse(name, `该线索通报给 ${state.to.id}，只有它能签收和反馈`, state);
  if (state.status === 'REPLIED') refuse(name, `该线索已于 ${state.repliedAt} 反馈`, state);
  return state;
};

const acknowledge = (command: AcknowledgeClueNotice, state: ClueNoticeState): ClueNoticeEvent[] => {
  const notice = notifiedOnly('acknowledgeClueNotice', command, state);
  if (notice.status === 'ACKNOWLEDGED')
    refuse('acknowledgeClueNotice', `该线索已于 ${notice.acknowledgedAt} 签收`, state);
  return [
    { type: 'ClueNoticeAcknowledged', data: { noticeId: command.noticeId, acknowledgedAt: command.at } },
  ];
};

const reply = (command: ReplyClueNotice, state: ClueNoticeState): ClueNoticeEvent[] => {
  const input = parseInput(ReplyClueNoticeInput, {
    noticeId: command.noticeId,
    disposition: command.disposition,
    reply: command.reply,
  });
  const notice = notifiedOnly('replyClueNotice', command, state);
  const events: ClueNoticeEvent[] = [];
  // A reply without a prior 签收 acknowledges receipt at the same moment.
  if (notice.status === 'SENT')
    events.push({
      type: 'ClueNoticeAcknowledged',
      data: { noticeId: command.noticeId, acknowledgedAt: command.at },
    });
  events.push({
    type: 'ClueNoticeReplied',
    data: {
      noticeId: command.noticeId,
      disposition: input.disposition,
      reply: input.reply,
      repliedAt: command.at,
      late: Date.parse(command.at) > Date.parse(notice.dueAt),
    },
  });
  return events;
};

export const decideClueNotice = (command: ClueNoticeCommand, state: ClueNoticeState): ClueNoticeEvent[] => {
  if (!IsoDateTime.safeParse(command.at).success) {
    throw new ValidationError([{ path: 'at', message: `"${command.at}" 不是带时区的 ISO-8601 时间` }]);
  }
  switch (command.type) {
    case 'SendClueNotice':
      return send(command, state);
    case 'AcknowledgeClueNotice':
      return acknowledge(command, state);
    case 'ReplyClueNotice':
      return reply(command, state);
    default: {
      const unknown: never = command;
      throw new ValidationError([
        { path: 'type', message: `未知的线索通报命令 ${(unknown as { type: string }).type}` },
      ]);
    }
  }
};

export const evolveClueNotice = (state: ClueNoticeState, event: ClueNoticeEvent): ClueNoticeState => {
  if (event.type === 'ClueNoticeSent') {
    const d = event.data;
    return {
      status: 'SENT',
      noticeId: d.noticeId,
      from: d.from as AgencyRef,
      to: d.to as AgencyRef,
      caseId: d.caseId,
      caseReference: d.caseReference,
      facts: d.facts,
      suspectedOffence: d.suspectedOffence,
      sentAt: d.sentAt,
      dueAt: d.dueAt,
      window: d.window,
      acknowledgedAt: null,
      disposition: null,
      reply: null,
      repliedAt: null,
      late: false,
    };
  }
  if (state.status === 'NONE')
    throw new Error(`clue-notice stream starts with ${event.type}; the first event must be ClueNoticeSent`);
  switch (event.type) {
    case 'ClueNoticeAcknowledged':
      return { ...state, status: 'ACKNOWLEDGED', acknowledgedAt: event.data.acknowledgedAt };
    case 'ClueNoticeReplied': {
      const d = event.data;
      return {
        ...state,
        status: 'REPLIED',
        disposition: d.disposition,
        reply: d.reply,
        repliedAt: d.repliedAt,
        late: d.late,
      };
    }
    default: {
      const unknown: never = event;
      throw new Error(`unknown clue-notice event ${(unknown as { type: string }).type}`);
    }
  }
};

export const foldClueNotice = (events: readonly ClueNoticeEvent[]): ClueNoticeState =>
  events.reduce(evolveClueNotice, initialClueNoticeState);

export const clueNoticeDecider: Decider<ClueNoticeCommand, ClueNoticeState, ClueNoticeEvent> = {
  decide: decideClueNotice,
  evolve: evolveClueNotice,
  initialState: initialClueNoticeState,
};
