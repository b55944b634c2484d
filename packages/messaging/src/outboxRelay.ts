/**
 * The transactional outbox, relay side. A service's events are its outbox: the relay follows the
 * service's own streams in the event store from a checkpoint kept in SQL beside the service's data
 * (`<schema>.outbox_checkpoints`), turns each recorded event into zero or more public integration
 * messages, publishes them, and only then moves the checkpoint.
 *
 * At-least-once: a crash after a publish and before the checkpoint write publishes that batch again
 * on restart, with the same message ids (`streamId:version:index`), which the consumers' inboxes
 * recognise. A failing publish is retried with backoff and never skipped, so nothing is lost and
 * the order of one stream is kept.
 */
import pino from 'pino';
import type { Logger } from 'pino';
import { backoffDelay, createCheckpointedFollower } from '@xianjie/event-store';
import type { EventStore, RecordedEvent, SqlClient } from '@xianjie/event-store';
import type { Bus } from './bus.ts';
import type { IntegrationMessage } from './integrationMessage.ts';
import { sleep } from './delivery.ts';
import { quoteSchema } from './sqlIdentifiers.ts';

export interface OutboundMessage {
  topic: string;
  message: IntegrationMessage;
}

/** The service's public mapping: private events map to `[]`. */
export type ToIntegrationMessages = (event: RecordedEvent) => OutboundMessage[];

export interface OutboxRelayOptions {
  /** Names the checkpoint, e.g. `market-regulation`; one relay per id at a time. */
  relayId: string;
  /** Read from; its appends wake the relay (`onAppended`). */
  store: Pick<EventStore, 'readAll' | 'onAppended'>;
  /** Where the checkpoint lives: the service's own database and schema. */
  sql: SqlClient;
  schema: string;
  /** The service's own stream categories, e.g. `['case-', 'transfer-']`. */
  streamPrefixes: string[];
  toIntegrationMessages: ToIntegrationMessages;
  bus: Pick<Bus, 'publish'>;
  /** Events read (and published) per round (default 1000). */
  batchSize?: number;
  /** Pause between reads once caught up (default 100 ms, backing off to 1 s while idle), unless an append to its streams or `notify()` wakes it. */
  pollIntervalMs?: number;
  /** Backoff after a failed read or publish: doubles from `initialDelayMs` up to `maxDelayMs`. */
  backoff?: { initialDelayMs?: number; maxDelayMs?: number };
  logger?: Logger;
}

export interface RelayRound {
  events: number;
  messages: number;
  isEnd: boolean;
}

export interface OutboxRelay {
  /** Creates `<schema>.outbox_checkpoints` when missing. */
  migrate(): Promise<void>;
  /** Migrates, then follows the streams until `stop()`. */
  start(): Promise<void>;
  /** Finishes or abandons the round in hand (its checkpoint is not moved), then resolves. */
  stop(): Promise<void>;
  /** Reads now instead of at the next poll (call it after a local append to cut latency). */
  notify(): void;
  /** Resolves the next time the relay has published everything readable. */
  idle(): Promise<void>;
  /** One read-map-publish-checkpoint round, without the loop (tools and tests). */
  runOnce(): Promise<RelayRound>;
  checkpoint(): Promise<string | null>;
}

export const outboxTableSql = (schema: string): string => {
  const s = quoteSchema(schema);
  return `CREATE SCHEMA IF NOT EXISTS ${s};
CREATE TABLE IF NOT EXISTS ${s}.outbox_checkpoints (
  relay_id text PRIMARY KEY,
  checkpoint text,
  updated_at timestamptz NOT NULL DEFAULT now()
);`;
};

/** Deterministic message id: the same source event always yields the same id. */
export const messageIdFor = (event: Pick<RecordedEvent, 'streamId' | 'version'>, index = 0): string =>
  `${event.streamId}:${event.version}:${index}`;

/** `case-7f3…` → `7f3…`: the aggregate id after the stream category. */
export const aggregateIdOf = (streamId: string): string => {
  const dash = streamId.indexOf('-');
  return dash > 0 && dash < streamId.length - 1 ? streamId.slice(dash + 1) : streamId;
};

export interface MessageFromEventFields<Type extends string, Data> {
  type: Type;
  source: string;
  data: Data;
  /** Default: the aggregate id of the stream (`aggregateIdOf(streamId)`). */
  partitionKey?: string;
  /** Default: the stream id. */
  subject?: string;
  /** Position among the messages made from this event (default 0). */
  index?: number;
}

/** An integration message for a recorded event: id, time, subject, correlation and causation from it. */
export const integrationMessageFrom = <Type extends string, Data>(
  event: RecordedEvent,
  fields: MessageFromEventFields<Type, Data>,
): IntegrationMessage<Type, Data> => ({
  id: messageIdFor(event, fields.index ?? 0),
  source: fields.source,
  type: fields.type,
  specversion: '1.0',
  time: event.metadata.occurredAt,
  subject: fields.subject ?? event.streamId,
  datacontenttype: 'application/json',
  data: fields.data,
  partitionKey: fields.partitionKey ?? aggregateIdOf(event.streamId),
  correlationid: event.metadata.correlationId,
  causationid: `${event.streamId}:${event.version}`,
});

export const createOutboxRelay = (options: OutboxRelayOptions): OutboxRelay => {
  const { store, sql, bus, relayId } = options;
  const s = quoteSchema(options.schema);
  const batchSize = options.batchSize ?? 1000;
  const pollIntervalMs = options.pollIntervalMs ?? 100;
  const initialDelayMs = options.backoff?.initialDelayMs ?? 100;
  const maxDelayMs = options.backoff?.maxDelayMs ?? 5_000;
  const logger = (options.logger ?? pino({ name: 'outbox-relay', level: process.env.LOG_LEVEL ?? 'info' })).child({ relayId });

  let running = false;
  let idleWaiters: Array<() => void> = [];
  // Messages published by the last batch handled (runOnce reports them).
  let published = 0;

  const loadCheckpoint = async (): Promise<string | null> => {
    const { rows } = await sql.query<{ checkpoint: string | null }>(`SELECT checkpoint FROM ${s}.outbox_checkpoints WHERE relay_id = $1`, [relayId]);
    return rows[0]?.checkpoint ?? null;
  };

  const saveCheckpoint = async (checkpoint: string) => {
    await sql.query(
      `INSERT INTO ${s}.outbox_checkpoints (relay_id, checkpoint) VALUES ($1, $2)
       ON CONFLICT (relay_id) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
      [relayId, checkpoint],
    );
  };

  /** Publishes per topic, in event order; retries with backoff until it goes through or the relay stops. */
  const publish = async (outbound: OutboundMessage[], stopping: AbortSignal) => {
    const byTopic = new Map<string, IntegrationMessage[]>();
    for (const { topic, message } of outbound) {
      const messages = byTopic.get(topic) ?? [];
      if (messages.length === 0) byTopic.set(topic, messages);
      messages.push(message);
    }
    const pending = [...byTopic];
    for (let attempt = 1; pending.length > 0; ) {
      const [topic, messages] = pending[0]!;
      try {
        await bus.publish(topic, messages);
        pending.shift();
        attempt = 1;
      } catch (error) {
        if (stopping.aborted) throw error;
        const delay = backoffDelay(attempt++, initialDelayMs, maxDelayMs);
        logger.warn({ err: error, topic, messages: messages.length, retryInMs: delay }, 'publish failed; retrying');
        await sleep(delay, stopping);
        if (stopping.aborted) throw error;
      }
    }
  };

  const follower = createCheckpointedFollower({
    loadCheckpoint,
    read: (after) => store.readAll({ after, limit: batchSize, streamPrefixes: options.streamPrefixes }),
    async handle({ events, checkpoint }, stopping) {
      const outbound = events.flatMap((event) => options.toIntegrationMessages(event));
      await publish(outbound, stopping);
      await saveCheckpoint(checkpoint);
      published = outbound.length;
      logger.debug({ events: events.length, messages: outbound.length, checkpoint }, 'relayed');
    },
    // Appends through the store to its streams wake it 100 ms later, notify() at once; idle, it polls up to every 1 s.
    wakeOn: { onAppended: (listener) => store.onAppended(listener), streamPrefixes: options.streamPrefixes, delayMs: 100 },
    pollIntervalMs,
    idlePollMaxMs: 1_000,
    retry: { initialDelayMs, maxDelayMs },
    // The next batch is read while the previous one is being published (database and broker work overlap).
    readAhead: true,
    onError: (error, retryInMs) => logger.error({ err: error, retryInMs }, 'relay round failed; retrying'),
    onCaughtUp() {
      const waiters = idleWaiters;
      idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    },
  });

  const migrate = () => sql.exec(outboxTableSql(options.schema));

  return {
    migrate,
    async start() {
      if (running) return;
      running = true;
      await migrate();
      follower.start();
      logger.info({ streamPrefixes: options.streamPrefixes }, 'outbox relay started');
    },
    async stop() {
      running = false;
      await follower.stop();
      idleWaiters.forEach((resolve) => resolve());
      idleWaiters = [];
    },
    notify: follower.wake,
    idle: () => new Promise<void>((resolve) => idleWaiters.push(resolve)),
    async runOnce() {
      published = 0;
      const round = await follower.step();
      return { ...round, messages: round.events > 0 ? published : 0 };
    },
    checkpoint: loadCheckpoint,
  };
};
