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
import { wakeOnAppend } from '@xianjie/event-store';
import type { EventStore, RecordedEvent, SqlClient } from '@xianjie/event-store';
import type { Bus } from './bus.ts';
import type { IntegrationMessage } from './integrationMessage.ts';
import { backoffDelay } from './delivery.ts';
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

class RelayStoppedError extends Error {}

export const createOutboxRelay = (options: OutboxRelayOptions): OutboxRelay => {
  const { store, sql, bus, relayId } = options;
  const s = quoteSchema(options.schema);
  const batchSize = options.batchSize ?? 1000;
  // notify() (the service's own appends) wakes it at once, any append through the store to its
  // streams 100 ms later (wakeOnAppend). The poll catches appends by other processes and events a
  // read held back (a concurrent transaction not yet committed); it backs off while nothing comes,
  // up to 1 s, so an idle service stays quiet.
  const pollIntervalMs = options.pollIntervalMs ?? 100;
  const idlePollMaxMs = Math.max(pollIntervalMs, 1_000);
  const initialDelayMs = options.backoff?.initialDelayMs ?? 100;
  const maxDelayMs = options.backoff?.maxDelayMs ?? 5_000;
  const logger = (options.logger ?? pino({ name: 'outbox-relay', level: process.env.LOG_LEVEL ?? 'info' })).child({ relayId });

  let running: Promise<void> | undefined;
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  let idleWaiters: Array<() => void> = [];
  let unlisten: (() => void) | undefined;

  /** Sleeps `ms`, or less when notified or stopped; true when cut short. */
  const pause = (ms: number) =>
    new Promise<boolean>((resolve) => {
      if (stopped || woken) {
        woken = false;
        return resolve(true);
      }
      const timer = setTimeout(() => done(false), ms);
      wakeUp = () => done(true);
      function done(early: boolean) {
        clearTimeout(timer);
        wakeUp = undefined;
        woken = false;
        resolve(early);
      }
    });

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

  /** Publishes per topic, in event order; retries the whole batch with backoff until it goes through. */
  const publish = async (outbound: OutboundMessage[]) => {
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
        if (stopped) throw new RelayStoppedError();
        const delay = backoffDelay(attempt++, initialDelayMs, maxDelayMs);
        logger.warn({ err: error, topic, messages: messages.length, retryInMs: delay }, 'publish failed; retrying');
        await pause(delay);
        if (stopped) throw new RelayStoppedError();
      }
    }
  };

  let current: string | null | undefined;

  const read = (after: string | null) => store.readAll({ after, limit: batchSize, streamPrefixes: options.streamPrefixes });
  type Batch = Awaited<ReturnType<typeof read>>;

  /** Publishes a batch read after `current`, then moves the checkpoint past it. */
  const relayBatch = async (batch: Batch): Promise<RelayRound> => {
    const outbound = batch.events.flatMap((event) => options.toIntegrationMessages(event));
    await publish(outbound);
    if (batch.checkpoint !== null && batch.events.length > 0) {
      await saveCheckpoint(batch.checkpoint);
      current = batch.checkpoint;
    }
    logger.debug({ events: batch.events.length, messages: outbound.length, checkpoint: current }, 'relayed');
    return { events: batch.events.length, messages: outbound.length, isEnd: batch.isEnd };
  };

  const runOnce = async (): Promise<RelayRound> => {
    if (current === undefined) current = await loadCheckpoint();
    return relayBatch(await read(current));
  };

  const loop = async () => {
    let failures = 0;
    let idleMs = pollIntervalMs;
    // The next batch, read while the previous one is being published (database and broker work overlap).
    let next: Promise<Batch> | undefined;
    while (!stopped) {
      try {
        if (current === undefined) current = await loadCheckpoint();
        const batch = await (next ?? read(current));
        next = undefined;
        if (!batch.isEnd && batch.checkpoint !== null) {
          next = read(batch.checkpoint);
          next.catch(() => {}); // surfaces when awaited
        }
        const round = await relayBatch(batch);
        failures = 0;
        if (round.isEnd) {
          const waiters = idleWaiters;
          idleWaiters = [];
          waiters.forEach((resolve) => resolve());
          // Back off while nothing comes; after events or a wake-up, poll at the base interval again.
          idleMs = round.events > 0 ? pollIntervalMs : Math.min(idleMs * 2, idlePollMaxMs);
          // Woken: the next empty round polls again at the base interval (an event held back).
          if (await pause(idleMs)) idleMs = pollIntervalMs / 2;
        }
      } catch (error) {
        next = undefined;
        if (stopped || error instanceof RelayStoppedError) break;
        // Re-read the stored checkpoint: the failure may have come after a partial publish.
        current = undefined;
        const delay = backoffDelay(++failures, initialDelayMs, maxDelayMs);
        logger.error({ err: error, retryInMs: delay }, 'relay round failed; retrying');
        await pause(delay);
      }
    }
  };

  const migrate = () => sql.exec(outboxTableSql(options.schema));

  return {
    migrate,
    async start() {
      if (running) return;
      stopped = false;
      await migrate();
      unlisten = wakeOnAppend(store, options.streamPrefixes, () => {
        woken = true;
        wakeUp?.();
      });
      running = loop();
      logger.info({ streamPrefixes: options.streamPrefixes }, 'outbox relay started');
    },
    async stop() {
      stopped = true;
      unlisten?.();
      unlisten = undefined;
      wakeUp?.();
      await running;
      running = undefined;
      idleWaiters.forEach((resolve) => resolve());
      idleWaiters = [];
    },
    notify() {
      woken = true;
      wakeUp?.();
    },
    idle: () => new Promise<void>((resolve) => idleWaiters.push(resolve)),
    runOnce,
    async checkpoint() {
      return loadCheckpoint();
    },
  };
};
