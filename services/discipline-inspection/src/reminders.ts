import { hostname } from 'node:os';
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
  /** Called after each reminder is recorded (e-mail, live updates); failures are logged, not retried. */
  onSent?: (sent: ReminderSent, recorded: { streamId: string; version: number }) => Promise<void> | void;
}

export const createReminders = (options: RemindersOptions) => {
  const { store, sql, schema, directory, logger, now } = options;
  const policies = options.policies ?? builtInPolicies;
  const rules = options.rules ?? reminderRules;
  const deciderOptions = { ...(options.calendar ? { calendar: options.calendar } : {}), policies };
  const deciders = { SENDER: createSenderDecider(deciderOptions), RECEIVER: createReceiverDecider(deciderOptions) };
  const timers = createSqlTimers<ReminderTimerPayload>({ client: sql, schema, table: 'reminder_timers' });
  const stepsTable = `"${schema}".reminder_steps`;
  const notificationsTable = `"${schema}".notifications`;
  const readsTable = `"${schema}".notification_reads`;
  const claimant = options.claimant ?? `${hostname()}:${process.pid}`;

  /** The timers a transfer stream's own steps should have now. */
  const desiredTimers = (streamId: string, state: Transfer): TimerSpec<ReminderTimerPayload>[] => {
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
          PRIMARY KEY (user_id, notification_id));`);
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

  /** Records one reminder: `ReminderSent` on the recipient's stream, the timer's key as commandId. */
  const fire = async (timer: Timer<ReminderTimerPayload>): Promise<void> => {
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

  return {
    timers,
    derivationProjector,
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
    },
    async stop() {
      stopped = true;
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
