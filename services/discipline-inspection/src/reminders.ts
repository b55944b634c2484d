import { hostname } from 'node:os';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { z } from 'zod';
import {
  ReminderSent,
  notificationStreamId,
  notificationStreamPrefix,
  parseInput,
  reminderRules,
  reminderSchedule,
  reminderStageLabels,
  remindersStillToSend,
  transferKindLabels,
  transferStepLabels,
} from '@xianjie/contracts';
import type {
  AgencyDirectory,
  Deadline,
  ReminderRecipient,
  ReminderRule,
  ReminderStage,
  TransferEvent,
  TransferKind,
  TransferPolicy,
  WorkingCalendar,
} from '@xianjie/contracts';
import { transferPolicies as builtInPolicies } from '@xianjie/contracts';
import { createReceiverDecider, createSenderDecider } from '@xianjie/domain';
import type { Transfer, TransferSide, TransferState } from '@xianjie/domain';
import type { Principal, Role } from '@xianjie/auth';
import { createSqlProjector, createSqlTimers, NO_CONCURRENCY_CHECK } from '@xianjie/event-store';
import type { EventStore, RecordedEvent, SqlClient, SqlProjection, Timer, TimerSpec } from '@xianjie/event-store';

/**
 * Reminders and escalation as durable timers (issue 15, decision 0018). Three parts, all on the
 * store's database:
 * - a projection over every transfer stream (`transfer-out-` for the sender's steps, `transfer-in-`
 *   for the receiver's) that folds each with the deciders' own evolve and keeps the step's timers
 *   in step with its deadline (`reminderSchedule`): a new window schedules them, a holiday shift or
 *   an extension moves them, a step met (or voided, or the transfer closed) cancels them;
 * - the scheduler: claims due timers (exactly once across processes) and appends `ReminderSent`
 *   to the recipient agency's `notifications-<agencyId>-<YYYYMM>` stream (hash-chained: who was
 *   told what, when), the timer's key as the commandId so a repeat records nothing;
 * - the notification centre: a read model of those events, read by the people they were sent to.
 */

export interface ReminderTimerPayload {
  stage: ReminderStage;
  ruleId: string;
  urgent: boolean;
  recipient: { kind: ReminderRecipient; agencyId: string; roles: Role[] };
  transferId: string;
  kind: TransferKind;
  streamId: string;
  step: Deadline['step'];
  party: Deadline['party'];
  ownerAgencyId: string;
  otherAgencyId: string;
  dueAt: string;
  legalBasis: string;
}

/** An e-mail of one sent reminder to one person, as a durable timer (sent at once, or when their quiet hours end). */
export interface EmailTimerPayload {
  channel: 'email';
  notificationId: string;
  userId: string;
  to: string;
  subject: string;
  text: string;
}

type TimerPayload = ReminderTimerPayload | EmailTimerPayload;

/** A person's channels: in-app always; e-mail when they give an address and turn it on; quiet hours (Beijing time) for non-urgent e-mail. */
export const NotificationPreferencesInput = z
  .object({
    email: z.email('不是有效的电子邮件地址').max(254).nullable(),
    emailEnabled: z.boolean(),
    quietHoursStart: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '格式为 HH:MM（北京时间）').nullable(),
    quietHoursEnd: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, '格式为 HH:MM（北京时间）').nullable(),
  })
  .refine((p) => !p.emailEnabled || p.email !== null, { path: ['email'], message: '开启邮件通知需要填写电子邮件地址' })
  .refine((p) => (p.quietHoursStart === null) === (p.quietHoursEnd === null) && (p.quietHoursStart === null || p.quietHoursStart !== p.quietHoursEnd), {
    path: ['quietHoursEnd'],
    message: '免打扰时段需同时填写开始和结束时间，且二者不同',
  });
export type NotificationPreferencesInput = z.infer<typeof NotificationPreferencesInput>;

export interface NotificationPreferences extends NotificationPreferencesInput {
  /** Whether this deployment sends e-mail at all (SMTP_URL set). */
  emailAvailable: boolean;
}

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** When a non-urgent e-mail may go at `at`: at once outside the quiet hours, else at their end (Beijing time). */
export const afterQuietHours = (at: string, start: string | null, end: string | null): string => {
  if (start === null || end === null) return new Date(Date.parse(at)).toISOString();
  const local = new Date(Date.parse(at) + 8 * 3600_000);
  const minute = local.getUTCHours() * 60 + local.getUTCMinutes();
  const s = minutesOf(start);
  const e = minutesOf(end);
  const quiet = s < e ? minute >= s && minute < e : minute >= s || minute < e;
  if (!quiet) return new Date(Date.parse(at)).toISOString();
  const dayStart = Date.parse(at) - ((minute * 60 + local.getUTCSeconds()) * 1000 + local.getUTCMilliseconds());
  const endToday = dayStart + e * 60_000;
  return new Date(endToday > Date.parse(at) ? endToday : endToday + 86_400_000).toISOString();
};

/** One notification as its reader sees it. */
export interface NotificationRecord {
  id: string;
  stage: ReminderStage;
  stageLabel: string;
  urgent: boolean;
  title: string;
  body: string;
  transferId: string;
  step: string;
  stepLabel: string;
  dueAt: string;
  legalBasis: string;
  ruleId: string;
  sentAt: string;
  read: boolean;
}

export const NotificationsQuery = z.object({
  first: z.number().int().min(1).max(100).default(20),
  unreadOnly: z.boolean().default(false),
});

export const MarkNotificationsReadInput = z.object({
  ids: z.array(z.string().min(1).max(300)).min(1, '至少一条通知').max(100, '一次最多100条'),
});

const sideOf = (streamId: string): TransferSide | null =>
  streamId.startsWith('transfer-out-') ? 'SENDER' : streamId.startsWith('transfer-in-') ? 'RECEIVER' : null;

/** A due time in Beijing time as people read it: '2025-05-06 24:00' for the end of a day. */
export const beijingTimeLabel = (at: string): string => {
  const local = new Date(Date.parse(at) + 8 * 3600_000);
  const stamp = local.toISOString();
  if (stamp.slice(11, 19) === '00:00:00') {
    const dayBefore = new Date(local.getTime() - 86_400_000).toISOString();
    return `${dayBefore.slice(0, 10)} 24:00（北京时间）`;
  }
  return `${stamp.slice(0, 10)} ${stamp.slice(11, 16)}（北京时间）`;
};

const iso = (value: unknown): string => (value instanceof Date ? value : new Date(String(value))).toISOString();

/** The commission of an agency's region: a DISCIPLINE_INSPECTION agency at the agency's region, else the nearest above it. */
export const commissionOf = (directory: AgencyDirectory, agencyId: string): string | null => {
  const agency = directory.get(agencyId);
  if (!agency) return null;
  const commissions = directory.list().filter((a) => a.kind === 'DISCIPLINE_INSPECTION');
  const covering = commissions
    .filter((c) => c.id === agencyId || agency.regionCode.startsWith(c.regionCode.replace(/0+$/, '')))
    .sort((a, b) => b.regionCode.replace(/0+$/, '').length - a.regionCode.replace(/0+$/, '').length);
  return covering[0]?.id ?? null;
};

export interface RemindersOptions {
  store: EventStore;
  sql: SqlClient;
  schema: string;
  directory: AgencyDirectory;
  logger: Logger;
  now: () => string;
  calendar?: WorkingCalendar;
  policies?: Readonly<Record<TransferKind, TransferPolicy>>;
  rules?: readonly ReminderRule[];
  /** How often the scheduler looks for due timers (default 5 s; it also wakes when a timer is due sooner). */
  pollIntervalMs?: number;
  /** Whoever claims timers (default host:pid). */
  claimant?: string;
  /** Called after each reminder is recorded (live updates); failures are logged, not retried. */
  onSent?: (sent: ReminderSent, recorded: { streamId: string; version: number }) => Promise<void> | void;
  /** Reminder e-mail through this SMTP server; null: no e-mail (said once in the log at start). */
  smtp?: { url: string; from: string } | null;
}

export const createReminders = (options: RemindersOptions) => {
  const { store, sql, schema, directory, logger, now } = options;
  const policies = options.policies ?? builtInPolicies;
  const rules = options.rules ?? reminderRules;
  const deciderOptions = { ...(options.calendar ? { calendar: options.calendar } : {}), policies };
  const deciders = { SENDER: createSenderDecider(deciderOptions), RECEIVER: createReceiverDecider(deciderOptions) };
  const timers = createSqlTimers<TimerPayload>({ client: sql, schema, table: 'reminder_timers' });
  const preferencesTable = `"${schema}".notification_preferences`;
  const mailer = options.smtp ? nodemailer.createTransport(options.smtp.url) : null;
  const stepsTable = `"${schema}".reminder_steps`;
  const notificationsTable = `"${schema}".notifications`;
  const readsTable = `"${schema}".notification_reads`;
  const claimant = options.claimant ?? `${hostname()}:${process.pid}`;

  /** The timers a transfer stream's own steps should have now. */
  const desiredTimers = (streamId: string, state: Transfer): TimerSpec<TimerPayload>[] => {
    const side = sideOf(streamId)!;
    if (state.status === 'CLOSED') return [];
    const policy = policies[state.kind];
    const at = now();
    return state.deadlines
      // Each side's steps from its own stream; the receipt also from the sender's, since the
      // receiver's stream begins with the receipt itself.
      .filter((d) => (d.party === side || (side === 'SENDER' && d.step === 'signReceipt')) && d.metAt === null)
      .flatMap((deadline) => {
        const owner = deadline.party === 'SENDER' ? state.fromAgency.id : state.toAgency.id;
        const other = deadline.party === 'SENDER' ? state.toAgency.id : state.fromAgency.id;
        const commission = commissionOf(directory, owner);
        const window = policy.windows.find((w) => w.step === deadline.step);
        if (!window) return [];
        const extension = deadline.extension ? window.extensions.find((e) => e.code === deadline.extension!.code) : undefined;
        const schedule = remindersStillToSend(reminderSchedule(deadline, extension ?? window, rules), at);
        return schedule.flatMap((reminder) => {
          const recipient =
            reminder.recipient === 'COMMISSION'
              ? commission && { kind: reminder.recipient, agencyId: commission, roles: ['overseer', 'supervisor'] as Role[] }
              : {
                  kind: reminder.recipient,
                  agencyId: owner,
                  // 负责人审批 is the head's alone; the head answers for any overdue step.
                  roles: (reminder.recipient === 'HEAD' || deadline.step === 'approve' ? ['supervisor'] : ['officer', 'supervisor']) as Role[],
                };
          if (!recipient) return [];
          return [
            {
              key: `${streamId}|${deadline.step}|${deadline.startedAt}|${reminder.ruleId}`,
              fireAt: reminder.fireAt,
              payload: {
                stage: reminder.stage,
                ruleId: reminder.ruleId,
                urgent: reminder.urgent,
                recipient,
                transferId: state.transferId,
                kind: state.kind,
                streamId,
                step: deadline.step,
                party: deadline.party,
                ownerAgencyId: owner,
                otherAgencyId: other,
                dueAt: deadline.dueAt,
                legalBasis: deadline.legalBasis,
              },
            },
          ];
        });
      });
  };

  const derivation: SqlProjection = {
    name: `${schema}.reminder_steps`,
    // Bump on any change to the derivation: the projector then rebuilds it (fired timers stay fired).
    version: 1,
    streamPrefixes: ['transfer-'],
    async migrate(tx) {
      await tx.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${stepsTable} (stream_id text PRIMARY KEY, state jsonb NOT NULL, version integer NOT NULL);`);
    },
    async reset(tx) {
      await tx.exec(`TRUNCATE ${stepsTable};`);
    },
    async apply(tx, event) {
      await deriveBatch(tx, [event]);
    },
    applyBatch: (tx, events) => deriveBatch(tx, events),
  };

  async function deriveBatch(tx: SqlClient, events: RecordedEvent[]): Promise<void> {
      const streamIds = [...new Set(events.map((e) => e.streamId).filter((id) => sideOf(id) !== null))];
      if (streamIds.length === 0) return;
      const { rows } = await tx.query<{ stream_id: string; state: Transfer; version: number }>(
        `SELECT stream_id, state, version FROM ${stepsTable} WHERE stream_id IN (SELECT jsonb_array_elements_text($1::jsonb))`,
        [JSON.stringify(streamIds)],
      );
      const folded = new Map(rows.map((r) => [r.stream_id, { state: r.state, version: Number(r.version) }]));
      const touched = new Set<string>();
      for (const recorded of events) {
        const side = sideOf(recorded.streamId);
        if (!side) continue;
        const row = folded.get(recorded.streamId);
        if (row && recorded.version <= row.version) continue;
        if (!row && recorded.version !== 1) continue;
        const event = { type: recorded.type, data: recorded.data } as TransferEvent;
        const state = deciders[side].evolve((row?.state ?? { status: 'NONE' }) as TransferState, event) as Transfer;
        folded.set(recorded.streamId, { state, version: recorded.version });
        touched.add(recorded.streamId);
      }
      for (const streamId of touched) {
        const { state, version } = folded.get(streamId)!;
        await tx.query(
          `INSERT INTO ${stepsTable} (stream_id, state, version) VALUES ($1, $2::jsonb, $3)
           ON CONFLICT (stream_id) DO UPDATE SET state = excluded.state, version = excluded.version`,
          [streamId, JSON.stringify(state), version],
        );
        await timers.sync(tx, streamId, desiredTimers(streamId, state));
      }
      if (touched.size > 0) wake();
  }

  const notificationProjection: SqlProjection = {
    name: `${schema}.notifications`,
    version: 1,
    streamPrefixes: [notificationStreamPrefix],
    async migrate(tx) {
      await tx.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${notificationsTable} (
          id text PRIMARY KEY,
          recipient_agency_id text NOT NULL,
          recipient_roles jsonb NOT NULL,
          data jsonb NOT NULL,
          sent_at timestamptz NOT NULL);
        CREATE INDEX IF NOT EXISTS notifications_recipient_idx ON ${notificationsTable} (recipient_agency_id, sent_at);
        CREATE TABLE IF NOT EXISTS ${readsTable} (
          user_id text NOT NULL,
          notification_id text NOT NULL,
          read_at timestamptz NOT NULL,
          PRIMARY KEY (user_id, notification_id));
        CREATE TABLE IF NOT EXISTS ${preferencesTable} (
          user_id text PRIMARY KEY,
          agency_id text NOT NULL,
          roles jsonb NOT NULL,
          email text,
          email_enabled boolean NOT NULL,
          quiet_start text,
          quiet_end text,
          updated_at timestamptz NOT NULL);`);
    },
    async reset(tx) {
      // The read marks are people's, not derived from events: kept across a rebuild.
      await tx.exec(`TRUNCATE ${notificationsTable};`);
    },
    async apply(tx, recorded) {
      if (recorded.type !== 'ReminderSent' || !recorded.streamId.startsWith(notificationStreamPrefix)) return;
      const data = ReminderSent.parse(recorded.data);
      await tx.query(
        `INSERT INTO ${notificationsTable} (id, recipient_agency_id, recipient_roles, data, sent_at)
         VALUES ($1, $2, $3::jsonb, $4::jsonb, $5) ON CONFLICT (id) DO NOTHING`,
        [`${recorded.streamId}:${recorded.version}`, data.recipient.agencyId, JSON.stringify(data.recipient.roles), JSON.stringify(data), data.sentAt],
      );
      await scheduleEmails(tx, `${recorded.streamId}:${recorded.version}`, data);
      for (const listener of listeners) listener(data);
    },
  };

  const derivationProjector = createSqlProjector({
    store,
    sql,
    schema,
    projection: derivation,
    onError: (err) => logger.error({ err }, 'reminder derivation failed; will retry'),
  });
  const notificationProjector = createSqlProjector({
    store,
    sql,
    schema,
    projection: notificationProjection,
    onError: (err) => logger.error({ err }, 'notification projection failed; will retry'),
  });
  const listeners = new Set<(sent: ReminderSent) => void>();

  const agencyName = (id: string) => directory.get(id)?.name ?? id;

  /**
   * E-mail of a sent reminder to each person of its audience who turned e-mail on, as durable
   * timers in the projection's transaction (a crash loses none): urgent ones at once, the others
   * when the person's quiet hours end. A reminder older than a day (a rebuild) is not e-mailed.
   */
  async function scheduleEmails(tx: SqlClient, notificationId: string, data: ReminderSent): Promise<void> {
    if (!mailer || Date.parse(data.sentAt) < Date.parse(now()) - 86_400_000) return;
    const { rows } = await tx.query<{ user_id: string; email: string; quiet_start: string | null; quiet_end: string | null }>(
      `SELECT user_id, email, quiet_start, quiet_end FROM ${preferencesTable}
        WHERE agency_id = $1 AND roles ?| $2::text[] AND email_enabled AND email IS NOT NULL ORDER BY user_id`,
      [data.recipient.agencyId, `{${data.recipient.roles.join(',')}}`],
    );
    for (const row of rows) {
      await timers.sync(tx, `email|${notificationId}|${row.user_id}`, [
        {
          key: `email|${notificationId}|${row.user_id}`,
          fireAt: data.urgent ? data.sentAt : afterQuietHours(data.sentAt, row.quiet_start, row.quiet_end),
          payload: { channel: 'email', notificationId, userId: row.user_id, to: row.email, subject: data.title, text: data.body },
        },
      ]);
    }
  }

  /** Sends one e-mail (at least once: a crash between the SMTP answer and the mark sends it again after the lease). */
  const sendEmail = async (timer: Timer<EmailTimerPayload>): Promise<void> => {
    if (!mailer) throw new Error('e-mail is off (SMTP_URL unset)');
    const p = timer.payload;
    await mailer.sendMail({ from: options.smtp!.from, to: p.to, subject: p.subject, text: p.text, headers: { 'X-Xianjie-Notification': p.notificationId } });
    logger.info({ channel: 'email', notificationId: p.notificationId, userId: p.userId }, 'reminder e-mailed');
  };

  /** Records one reminder: `ReminderSent` on the recipient's stream, the timer's key as commandId. */
  const fire = async (timer: Timer<TimerPayload>): Promise<void> => {
    if ('channel' in timer.payload) return sendEmail(timer as Timer<EmailTimerPayload>);
    const p = timer.payload;
    const stepLabel = transferStepLabels[p.step] ?? p.step;
    const due = beijingTimeLabel(p.dueAt);
    const what = `${transferKindLabels[p.kind]}（${p.party === 'SENDER' ? `移送至${agencyName(p.otherAgencyId)}` : `${agencyName(p.otherAgencyId)}移送`}）「${stepLabel}」`;
    const title =
      p.stage === 'AHEAD'
        ? `【${reminderStageLabels.AHEAD}】${what}将于${due}到期`
        : p.stage === 'DUE'
          ? `【${reminderStageLabels.DUE}】${what}已于${due}到期`
          : p.stage === 'ESCALATE'
            ? `【逾期督促】${agencyName(p.ownerAgencyId)}${what}已逾期（${due}到期）`
            : `【逾期预警】${agencyName(p.ownerAgencyId)}${what}逾期未办（${due}到期）`;
    const rule = rules.find((r) => r.id === p.ruleId);
    const body = `${agencyName(p.ownerAgencyId)}承办的${what}，期限${due}，依据：${p.legalBasis}。提醒规则：${rule?.timingBasis ?? p.ruleId}；通知对象依据：${rule?.recipientBasis ?? p.recipient.kind}。`;
    const sentAt = now();
    const data = ReminderSent.parse({
      reminderKey: timer.key,
      stage: p.stage,
      ruleId: p.ruleId,
      urgent: p.urgent,
      recipient: p.recipient,
      step: { transferId: p.transferId, streamId: p.streamId, step: p.step, party: p.party, ownerAgencyId: p.ownerAgencyId, dueAt: p.dueAt, legalBasis: p.legalBasis },
      title,
      body,
      fireAt: timer.fireAt,
      sentAt,
    });
    const streamId = notificationStreamId(p.recipient.agencyId, timer.fireAt);
    const result = await store.appendToStream(
      streamId,
      [
        {
          type: 'ReminderSent',
          data,
          metadata: {
            actor: { userId: 'system:reminders', name: '系统提醒', agencyId: p.recipient.agencyId, roles: [] },
            occurredAt: sentAt,
            correlationId: `reminder:${timer.key}`,
            causationId: null,
            commandId: `reminder:${timer.key}`,
          },
        },
      ],
      { expectedVersion: NO_CONCURRENCY_CHECK, commandId: `reminder:${timer.key}` },
    );
    logger.info(
      { command: 'sendReminder', key: timer.key, stage: p.stage, recipient: p.recipient, streamId, attempts: timer.attempts },
      'reminder sent',
    );
    if (options.onSent) {
      try {
        await options.onSent(data, { streamId, version: result.nextExpectedVersion });
      } catch (err) {
        logger.warn({ err, key: timer.key }, 'a reminder was recorded but a channel failed');
      }
    }
  };

  let loop: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;
  const pollMs = options.pollIntervalMs ?? 5_000;
  const runDue = async (at: string = now()): Promise<number> =>
    timers.fireDue({
      now: at,
      claimant,
      fire,
      onError: (err, timer) => logger.error({ err, key: timer.key }, 'a reminder could not be recorded; retried when its claim runs out'),
    });
  const tick = () => {
    if (stopped || running) return;
    running = runDue(now())
      .then(() => undefined)
      .catch((err: unknown) => logger.error({ err }, 'reminder scheduler round failed; will retry'))
      .finally(() => {
        running = null;
        schedule();
      });
  };
  const schedule = () => {
    if (stopped) return;
    if (loop) clearTimeout(loop);
    loop = setTimeout(tick, pollMs);
    loop.unref();
  };
  /** After new timers were derived: look again soon (one due now fires without waiting a whole poll). */
  const wake = () => {
    if (stopped) return;
    if (loop) clearTimeout(loop);
    loop = setTimeout(tick, 50);
    loop.unref();
  };

  const visible = (principal: Principal) => ({
    where: `recipient_agency_id = $1 AND recipient_roles ?| $2::text[]`,
    params: [principal.agencyId, `{${principal.roles.join(',')}}`] as unknown[],
  });

  const unreadCount = async (principal: Principal): Promise<number> => {
    const { where, params } = visible(principal);
    const { rows } = await sql.query<{ n: bigint }>(
      `SELECT count(*) AS n FROM ${notificationsTable} n
        WHERE ${where} AND NOT EXISTS (SELECT 1 FROM ${readsTable} r WHERE r.notification_id = n.id AND r.user_id = $3)`,
      [...params, principal.userId],
    );
    return Number(rows[0]?.n ?? 0);
  };

  const preferences = async (principal: Principal): Promise<NotificationPreferences> => {
    const { rows } = await sql.query<{ email: string | null; email_enabled: boolean; quiet_start: string | null; quiet_end: string | null }>(
      `SELECT email, email_enabled, quiet_start, quiet_end FROM ${preferencesTable} WHERE user_id = $1`,
      [principal.userId],
    );
    const row = rows[0];
    return {
      email: row?.email ?? null,
      emailEnabled: row?.email_enabled ?? false,
      quietHoursStart: row?.quiet_start ?? null,
      quietHoursEnd: row?.quiet_end ?? null,
      emailAvailable: mailer !== null,
    };
  };

  return {
    timers,
    derivationProjector,
    preferences,
    /** Sets the caller's own channels (their agency and roles as of now: whom reminders to them reach). */
    async setPreferences(principal: Principal, rawInput: unknown): Promise<NotificationPreferences> {
      const input = parseInput(NotificationPreferencesInput, rawInput);
      await sql.query(
        `INSERT INTO ${preferencesTable} (user_id, agency_id, roles, email, email_enabled, quiet_start, quiet_end, updated_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7, $8)
         ON CONFLICT (user_id) DO UPDATE SET agency_id = excluded.agency_id, roles = excluded.roles, email = excluded.email,
           email_enabled = excluded.email_enabled, quiet_start = excluded.quiet_start, quiet_end = excluded.quiet_end, updated_at = excluded.updated_at`,
        [principal.userId, principal.agencyId, JSON.stringify(principal.roles), input.email, input.emailEnabled, input.quietHoursStart, input.quietHoursEnd, now()],
      );
      logger.info({ command: 'setNotificationPreferences', actor: principal.userId, emailEnabled: input.emailEnabled }, 'notification preferences set');
      return preferences(principal);
    },
    notificationProjector,
    async migrate() {
      await timers.migrate();
      await derivationProjector.migrate();
      await notificationProjector.migrate();
    },
    /** Follows the transfer streams, runs the scheduler, projects sent reminders. */
    async start() {
      await derivationProjector.catchUp();
      await notificationProjector.catchUp();
      derivationProjector.start();
      notificationProjector.start();
      stopped = false;
      schedule();
      logger.info({ claimant, pollMs }, 'reminder scheduler started');
      if (!mailer) logger.info('reminder e-mail is off: SMTP_URL is not set (in-app notifications only)');
    },
    async stop() {
      stopped = true;
      mailer?.close();
      if (loop) clearTimeout(loop);
      loop = null;
      await running;
      await derivationProjector.stop();
      await notificationProjector.stop();
    },
    /** One scheduler round (as of `at`, default now; tests and the authorization proof): how many reminders were recorded. */
    runDue,
    /** Notified once per reminder projected into the centre (live updates). */
    onNotification(listener: (sent: ReminderSent) => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    /** The caller's notifications (sent to their agency and one of their roles), newest first. */
    async list(principal: Principal, rawQuery: unknown): Promise<NotificationRecord[]> {
      const query = parseInput(NotificationsQuery, rawQuery ?? {});
      const { where, params } = visible(principal);
      const { rows } = await sql.query<{ id: string; data: ReminderSent; read_at: unknown }>(
        `SELECT n.id, n.data, r.read_at FROM ${notificationsTable} n
           LEFT JOIN ${readsTable} r ON r.notification_id = n.id AND r.user_id = $3
          WHERE ${where} ${query.unreadOnly ? 'AND r.read_at IS NULL' : ''}
          ORDER BY n.sent_at DESC, n.id DESC LIMIT $4`,
        [...params, principal.userId, query.first],
      );
      return rows.map((r) => ({
        id: r.id,
        stage: r.data.stage,
        stageLabel: reminderStageLabels[r.data.stage],
        urgent: r.data.urgent,
        title: r.data.title,
        body: r.data.body,
        transferId: r.data.step.transferId,
        step: r.data.step.step,
        stepLabel: transferStepLabels[r.data.step.step] ?? r.data.step.step,
        dueAt: r.data.step.dueAt,
        legalBasis: r.data.step.legalBasis,
        ruleId: r.data.ruleId,
        sentAt: iso(r.data.sentAt),
        read: r.read_at !== null && r.read_at !== undefined,
      }));
    },
    unreadCount,
    /** Marks the caller's own notifications read; ids that are not theirs (or do not exist) are ignored alike. Returns the unread count after. */
    async markRead(principal: Principal, rawInput: unknown): Promise<number> {
      const input = parseInput(MarkNotificationsReadInput, rawInput);
      const { where, params } = visible(principal);
      await sql.query(
        `INSERT INTO ${readsTable} (user_id, notification_id, read_at)
         SELECT $3, n.id, $5 FROM ${notificationsTable} n
          WHERE ${where} AND n.id IN (SELECT jsonb_array_elements_text($4::jsonb))
         ON CONFLICT (user_id, notification_id) DO NOTHING`,
        [...params, principal.userId, JSON.stringify(input.ids), now()],
      );
      return unreadCount(principal);
    },
  };
};

export type Reminders = ReturnType<typeof createReminders>;
