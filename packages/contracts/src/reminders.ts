import { z } from 'zod';
import type { Deadline } from './deadlines.ts';
import { beijingMonthOf } from './personalDataReads.ts';
import { TransferParty, TransferStep, WindowUnit, type StepWindow } from './transferPolicies.ts';

/**
 * Reminders and escalation (issue 15, decision 0018): a pure function from a step's deadline and
 * its window to the reminders it gets, and the policy table those reminders follow, each rule with
 * its basis. No statute fixes when to remind anyone: every timing here is a platform default (a
 * local rule); who is told when a step is overdue follows the law that makes them answer for it.
 */

/**
 * AHEAD: to the step's owner, before the due time; DUE: to the owner, at the due time;
 * ESCALATE: to the owning agency's head (负责人), once overdue; WARN: 预警 to the commission of the
 * owning agency's region, once overdue past a threshold.
 */
export const ReminderStage = z.enum(['AHEAD', 'DUE', 'ESCALATE', 'WARN']);
export type ReminderStage = z.infer<typeof ReminderStage>;

export const reminderStageLabels: Readonly<Record<ReminderStage, string>> = {
  AHEAD: '到期提醒',
  DUE: '到期通知',
  ESCALATE: '逾期督促（报负责人）',
  WARN: '逾期预警（报纪委监委）',
};

/**
 * OWNER: the staff of the agency whose step it is (for 负责人审批, its supervisors only); HEAD: the
 * owning agency's supervisors (负责人); COMMISSION: the overseers and supervisors of the discipline
 * commission of the owning agency's region (the nearest one at or above it).
 */
export const ReminderRecipient = z.enum(['OWNER', 'HEAD', 'COMMISSION']);
export type ReminderRecipient = z.infer<typeof ReminderRecipient>;

const Basis = z.string().min(1);

export const ReminderRule = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]*$/),
    stage: ReminderStage,
    /** The window units the rule applies to. */
    units: z.array(WindowUnit).min(1),
    /**
     * When it fires, relative to the due time: `fractionOfWindow` × the window's nominal length (its
     * amount in its unit, a day counted as 24 h, before any holiday shift), negative before the due
     * time, bounded by `minMinutes`/`maxMinutes` in absolute value; 0 for the due time itself.
     */
    fractionOfWindow: z.number().min(-1).max(1),
    minMinutes: z.number().int().nonnegative().default(0),
    maxMinutes: z.number().int().positive().nullable().default(null),
    recipient: ReminderRecipient,
    /** Only for these obligations: overdue exists only for a DUTY (a RIGHT lapses, nobody is late). */
    obligations: z.array(z.enum(['DUTY', 'CONDITIONAL', 'RIGHT'])).min(1),
    /** Urgent reminders ignore a person's quiet hours (e-mail); non-urgent ones wait for them to end. */
    urgent: z.boolean(),
    /** Who fixes the timing: no statute sets reminders, so every rule is a local rule (地方规则). */
    authority: z.literal('LOCAL_RULE'),
    /** Why this timing (地方规则, the platform's default; a province may change it). */
    timingBasis: Basis,
    /** Why these recipients: the law that makes them answer for the step. */
    recipientBasis: Basis,
  })
  .refine((r) => (r.stage === 'AHEAD' ? r.fractionOfWindow < 0 : r.stage === 'DUE' ? r.fractionOfWindow === 0 : r.fractionOfWindow > 0), {
    path: ['fractionOfWindow'],
    message: 'AHEAD fires before the due time (negative), DUE at it (0), ESCALATE and WARN after it (positive)',
  })
  .refine((r) => r.maxMinutes === null || r.maxMinutes >= r.minMinutes, {
    path: ['maxMinutes'],
    message: 'maxMinutes must not be below minMinutes',
  });
export type ReminderRule = z.infer<typeof ReminderRule>;

const LOCAL = '地方规则（平台默认，省级可调整）';
const OWNER_BASIS = '首办负责制：承办机关对本环节负责（DESIGN §3.2）';
const HEAD_BASIS =
  '行政执法机关移送涉嫌犯罪案件的规定（2020）第十五条：逾期不移送的，对正职负责人或者主持工作的负责人依法给予处分（条文据记忆引用，未复核全文）';
const COMMISSION_BASIS =
  '行政执法机关移送涉嫌犯罪案件的规定（2020）第十四条：移送工作接受人民检察院和监察机关依法实施的监督；监察法第十一条（监督职责）（条文据记忆引用，未复核全文）';

const HOUR_WINDOWS: WindowUnit[] = ['hours'];
const DAY_WINDOWS: WindowUnit[] = ['calendarDays', 'workingDays'];
const ALL_OBLIGATIONS = ['DUTY', 'CONDITIONAL', 'RIGHT'] as const;

/** The platform's reminder rules (a province may replace them; the schema checks every one). */
export const reminderRules: readonly ReminderRule[] = Object.freeze(
  [
    {
      id: 'ahead-hours',
      stage: 'AHEAD',
      units: HOUR_WINDOWS,
      fractionOfWindow: -1 / 6,
      minMinutes: 60,
      recipient: 'OWNER',
      obligations: [...ALL_OBLIGATIONS],
      urgent: false,
      authority: 'LOCAL_RULE',
      timingBasis: `${LOCAL}：时限以小时计的，届满前六分之一时限提醒（24小时时限提前4小时），至少提前1小时`,
      recipientBasis: OWNER_BASIS,
    },
    {
      id: 'ahead-days',
      stage: 'AHEAD',
      units: DAY_WINDOWS,
      fractionOfWindow: -1 / 3,
      minMinutes: 24 * 60,
      maxMinutes: 3 * 24 * 60,
      recipient: 'OWNER',
      obligations: [...ALL_OBLIGATIONS],
      urgent: false,
      authority: 'LOCAL_RULE',
      timingBasis: `${LOCAL}：时限以日计的，届满前三分之一时限提醒（3日时限提前24小时），至少提前1日、至多提前3日`,
      recipientBasis: OWNER_BASIS,
    },
    {
      id: 'due',
      stage: 'DUE',
      units: [...HOUR_WINDOWS, ...DAY_WINDOWS],
      fractionOfWindow: 0,
      recipient: 'OWNER',
      obligations: [...ALL_OBLIGATIONS],
      urgent: true,
      authority: 'LOCAL_RULE',
      timingBasis: `${LOCAL}：时限届满时通知承办机关（义务逾期、权利失效）`,
      recipientBasis: OWNER_BASIS,
    },
    {
      id: 'escalate-hours',
      stage: 'ESCALATE',
      units: HOUR_WINDOWS,
      fractionOfWindow: 1 / 6,
      minMinutes: 60,
      recipient: 'HEAD',
      obligations: ['DUTY'],
      urgent: true,
      authority: 'LOCAL_RULE',
      timingBasis: `${LOCAL}：小时时限逾期六分之一时限（24小时时限逾期4小时）仍未办理的，报本机关负责人`,
      recipientBasis: HEAD_BASIS,
    },
    {
      id: 'escalate-days',
      stage: 'ESCALATE',
      units: DAY_WINDOWS,
      fractionOfWindow: 1 / 3,
      minMinutes: 24 * 60,
      maxMinutes: 24 * 60,
      recipient: 'HEAD',
      obligations: ['DUTY'],
      urgent: true,
      authority: 'LOCAL_RULE',
      timingBasis: `${LOCAL}：日时限逾期1日仍未办理的，报本机关负责人`,
      recipientBasis: HEAD_BASIS,
    },
    {
      id: 'warn-hours',
      stage: 'WARN',
      units: HOUR_WINDOWS,
      fractionOfWindow: 1,
      minMinutes: 24 * 60,
      recipient: 'COMMISSION',
      obligations: ['DUTY'],
      urgent: true,
      authority: 'LOCAL_RULE',
      timingBasis: `${LOCAL}：小时时限逾期满一个时限（至少24小时）仍未办理的，向本地区纪委监委预警`,
      recipientBasis: COMMISSION_BASIS,
    },
    {
      id: 'warn-days',
      stage: 'WARN',
      units: DAY_WINDOWS,
      fractionOfWindow: 1,
      minMinutes: 3 * 24 * 60,
      maxMinutes: 15 * 24 * 60,
      recipient: 'COMMISSION',
      obligations: ['DUTY'],
      urgent: true,
      authority: 'LOCAL_RULE',
      timingBasis: `${LOCAL}：日时限逾期满一个时限（至少3日、至多15日）仍未办理的，向本地区纪委监委预警`,
      recipientBasis: COMMISSION_BASIS,
    },
  ].map((rule) => ReminderRule.parse(rule)),
);

/** One reminder a deadline gets: when, to whom, under which rule. */
export interface ScheduledReminder {
  stage: ReminderStage;
  ruleId: string;
  recipient: ReminderRecipient;
  urgent: boolean;
  /** ISO-8601 UTC. */
  fireAt: string;
}

const MINUTE_MS = 60_000;
const UNIT_MINUTES: Readonly<Record<WindowUnit, number>> = { hours: 60, calendarDays: 24 * 60, workingDays: 24 * 60 };

/** The rule's offset from the due time, in minutes (signed), for a window of `amount` `unit`. */
export const reminderOffsetMinutes = (rule: ReminderRule, window: Pick<StepWindow, 'amount' | 'unit'>): number => {
  if (rule.fractionOfWindow === 0) return 0;
  const nominal = Math.abs(rule.fractionOfWindow) * window.amount * UNIT_MINUTES[window.unit];
  const bounded = Math.max(rule.minMinutes, rule.maxMinutes === null ? nominal : Math.min(rule.maxMinutes, nominal));
  return Math.sign(rule.fractionOfWindow) * Math.round(bounded);
};

/**
 * The reminders of one deadline, earliest first: every rule for the window's unit and the step's
 * obligation, at the due time plus the rule's offset. The offset comes from the window's nominal
 * length, so a holiday shift of the due time moves every reminder with it; an AHEAD reminder that
 * would fall at or before the window opened is left out (the window is too short for it). A met
 * deadline gets none. `window` is the window in force: the extension's amount and unit once extended.
 */
export const reminderSchedule = (
  deadline: Pick<Deadline, 'obligation' | 'startedAt' | 'dueAt' | 'metAt'>,
  window: Pick<StepWindow, 'amount' | 'unit'>,
  rules: readonly ReminderRule[] = reminderRules,
): ScheduledReminder[] => {
  if (deadline.metAt !== null) return [];
  const due = Date.parse(deadline.dueAt);
  const started = Date.parse(deadline.startedAt);
  return rules
    .filter((rule) => rule.units.includes(window.unit) && rule.obligations.includes(deadline.obligation))
    .map((rule) => ({
      stage: rule.stage,
      ruleId: rule.id,
      recipient: rule.recipient,
      urgent: rule.urgent,
      fireAt: new Date(due + reminderOffsetMinutes(rule, window) * MINUTE_MS).toISOString(),
    }))
    .filter((r) => r.stage !== 'AHEAD' || Date.parse(r.fireAt) > started)
    .sort((a, b) => a.fireAt.localeCompare(b.fireAt));
};

/**
 * Of the reminders already due at `now` (derived late: at start-up over old steps, or a step whose
 * window opened after its reminder time), only the latest stage is kept: the owner is not told
 * "due tomorrow" about a step already escalated. Reminders still to come are all kept.
 */
export const remindersStillToSend = (schedule: readonly ScheduledReminder[], now: string): ScheduledReminder[] => {
  const at = Date.parse(now);
  const past = schedule.filter((r) => Date.parse(r.fireAt) <= at);
  const latestPast = past.at(-1);
  return schedule.filter((r) => Date.parse(r.fireAt) > at || r === latestPast);
};

/** The stream prefix of sent reminders: `notifications-<recipientAgencyId>-<YYYYMM>` (Beijing month). */
export const notificationStreamPrefix = 'notifications-';
export const notificationStreamId = (recipientAgencyId: string, at: string): string =>
  `${notificationStreamPrefix}${recipientAgencyId}-${beijingMonthOf(at)}`;

/** `ReminderSent`: who was told what, when, under which rule (the audit trail of 'we were never told'). */
export const ReminderSent = z.object({
  /** The timer's key: the step, its window's start and the stage (one reminder per key, ever). */
  reminderKey: z.string().min(1),
  stage: ReminderStage,
  ruleId: z.string().min(1),
  urgent: z.boolean(),
  recipient: z.object({
    kind: ReminderRecipient,
    agencyId: z.string().min(1),
    /** The roles of that agency told (a person sees it when they hold one of them). */
    roles: z.array(z.enum(['officer', 'supervisor', 'overseer', 'admin'])).min(1),
  }),
  step: z.object({
    transferId: z.string().min(1),
    streamId: z.string().min(1),
    step: TransferStep,
    party: TransferParty,
    ownerAgencyId: z.string().min(1),
    dueAt: z.iso.datetime({ offset: true }),
    legalBasis: z.string().min(1),
  }),
  /** What they were told (Chinese). */
  title: z.string().min(1),
  body: z.string().min(1),
  /** When the reminder was due and when it was sent (late after a restart: both shown). */
  fireAt: z.iso.datetime({ offset: true }),
  sentAt: z.iso.datetime({ offset: true }),
});
export type ReminderSent = z.infer<typeof ReminderSent>;
