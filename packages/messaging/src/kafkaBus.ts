/**
 * The Bus on Apache Kafka through kafkajs 2.2.
 *
 * - CloudEvents binary content mode (`ce_*` headers, JSON value, key = partition key).
 * - Topics are created through the admin client; the broker runs with auto-creation off, and a
 *   publish to a topic that does not exist fails at once instead of retrying forever.
 * - Idempotent producer (`acks: -1`, one request in flight, retries without limit as kafkajs
 *   requires for idempotence): a retried send is written once and in order.
 * - Consumers commit an offset only after its handler resolved (kafkajs resolves the offset when
 *   `eachMessage` returns); on broker loss the client retries, the consumer crashes on exhausted
 *   retries and restarts itself (`restartOnFailure`), so it resumes when the broker comes back.
 */
import pino from 'pino';
import type { Logger } from 'pino';
import { Kafka, Partitioners } from 'kafkajs';
import type { Admin, Consumer, IHeaders, KafkaMessage, Message, Producer } from 'kafkajs';
import { NotFoundError, ValidationError } from '@xianjie/contracts/errors';
import type { Bus, BusSubscription, DeadLetterSubscribeOptions, SubscribeOptions, TopicSpec } from './bus.ts';
import { deadLetterTopic, topicSpec } from './bus.ts';
import type { RawMessage } from './binaryBinding.ts';
import { encodeMessage } from './binaryBinding.ts';
import type { IntegrationMessage, MessageRegistry } from './integrationMessage.ts';
import type { RecordPosition } from './delivery.ts';
import { createDelivery, readDeadLetter } from './delivery.ts';
import { logLevel, pinoLogCreator } from './kafkaLogger.ts';

/**
 * Backoff of the client's own broker requests, in kafkajs' terms but declared here so that no
 * kafkajs type leaves the adapter (the port and the package's public types stay client-neutral).
 */
export interface KafkaClientRetryOptions {
  /** First wait in ms (default 300). */
  initialRetryTime?: number;
  /** Longest wait in ms (default 5 s). */
  maxRetryTime?: number;
  /** Attempts before the request fails (default 10; the producer retries without limit). */
  retries?: number;
  /** Randomisation of each wait, 0–1 (default 0.2). */
  factor?: number;
  /** Growth of the wait per attempt (default 2). */
  multiplier?: number;
}

export interface KafkaBusOptions {
  /** `host:port` list, e.g. from `KAFKA_BROKERS` split on commas. */
  brokers: string[];
  /** Names this process in broker logs and quotas, e.g. `xianjie-police`. */
  clientId: string;
  registry: MessageRegistry;
  logger?: Logger;
  /** Partitions of one subscription handled at the same time; order still holds per partition (default 3). */
  partitionsConsumedConcurrently?: number;
  /** Client retries for broker requests (connection loss, leader moves). */
  retry?: KafkaClientRetryOptions;
  /** How long a fetch waits for new records before returning empty (default 500 ms). */
  maxWaitTimeInMs?: number;
  /** Consumer session timeout (default 30 s). */
  sessionTimeout?: number;
  /**
   * Prefix of every topic and consumer group name on the broker (default none), so deployments or
   * test runs sharing one broker never take each other's messages. Callers use unprefixed names.
   */
  namespace?: string;
}

const DEFAULT_RETRY: Required<KafkaClientRetryOptions> = { initialRetryTime: 300, maxRetryTime: 5_000, retries: 10, factor: 0.2, multiplier: 2 };

const toKafkaMessage = (raw: RawMessage): Message => ({ key: raw.key, value: raw.value, headers: raw.headers });

const headerText = (value: IHeaders[string]): string | undefined => {
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
};

const fromKafkaMessage = (message: KafkaMessage): RawMessage => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(message.headers ?? {})) {
    const text = headerText(value);
    if (text !== undefined) headers[name] = text;
  }
  return { key: message.key?.toString() ?? null, value: message.value?.toString() ?? null, headers };
};

/** Memoised async start that forgets a failure, so the next call tries again. */
const once = (start: () => Promise<void>) => {
  let started: Promise<void> | undefined;
  return () =>
    (started ??= start().catch((error: unknown) => {
      started = undefined;
      throw error;
    }));
};

export const createKafkaBus = (options: KafkaBusOptions): Bus => {
  const { registry } = options;
  const namespace = options.namespace ?? '';
  const ns = (name: string) => `${namespace}${name}`;
  const logger = options.logger ?? pino({ name: 'kafka-bus', level: process.env.LOG_LEVEL ?? 'info' });
  const retry = { ...DEFAULT_RETRY, ...options.retry };
  const kafka = new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(logger.child({ component: 'kafkajs' })),
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry,
  });

  const admin: Admin = kafka.admin({ retry });
  const producer: Producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    // kafkajs requires unlimited retries for idempotence: a send during a broker outage waits for it.
    retry: { ...retry, retries: Number.MAX_SAFE_INTEGER },
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  const connectAdmin = once(() => admin.connect());
  const connectProducer = once(() => producer.connect());
  const knownTopics = new Set<string>();
  const subscriptions = new Set<BusSubscription>();
  let closed = false;

  /** Polls the topics' metadata until every partition has a leader (bounded: a broker that never elects one is an error). */
  const waitForLeaders = async (topics: string[], timeoutMs = 30_000) => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const { topics: metadata } = await admin.fetchTopicMetadata({ topics });
        if (metadata.every((t) => t.partitions.length > 0 && t.partitions.every((p) => p.leader >= 0))) return;
      } catch (error) {
        if (!(error as { retriable?: boolean }).retriable) throw error;
      }
      if (Date.now() > deadline) throw new Error(`Kafka: no leader for ${topics.join(', ')} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  };

  const assertTopic = async (topic: string) => {
    if (knownTopics.has(topic)) return;
    await connectAdmin();
    const existing = await admin.listTopics();
    existing.forEach((name) => knownTopics.add(name));
    if (!knownTopics.has(topic)) throw new NotFoundError('topic', topic);
  };

  const send = async (topic: string, records: RawMessage[]) => {
    if (records.length === 0) return;
    await assertTopic(topic);
    await connectProducer();
    await producer.send({ topic, acks: -1, messages: records.map(toKafkaMessage) });
  };

  const startConsumer = async (
    groupId: string,
    topics: string[],
    fromBeginning: boolean,
    deliverFor: (signal: AbortSignal) => (raw: RawMessage, position: RecordPosition) => Promise<void>,
  ): Promise<BusSubscription> => {
    if (closed) throw new Error('bus closed');
    for (const topic of topics) await assertTopic(topic);
    const controller = new AbortController();
    const consumer: Consumer = kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      sessionTimeout: options.sessionTimeout ?? 30_000,
      heartbeatInterval: 3_000,
      maxWaitTimeInMs: options.maxWaitTimeInMs ?? 500,
      retry: { ...retry, restartOnFailure: async () => !controller.signal.aborted },
    });
    const deliver = deliverFor(controller.signal);
    let joined!: () => void;
    const ready = new Promise<void>((resolve) => (joined = resolve));
    consumer.on(consumer.events.GROUP_JOIN, (event) => {
      logger.info({ groupId, memberId: event.payload.memberId, assignment: event.payload.memberAssignment }, 'consumer joined its group');
      joined();
    });
    consumer.on(consumer.events.CRASH, (event) =>
      logger.warn({ groupId, err: event.payload.error, restart: event.payload.restart }, 'consumer crashed'),
    );
    await consumer.connect();
    await consumer.subscribe({ topics, fromBeginning });
    await consumer.run({
      autoCommit: true,
      partitionsConsumedConcurrently: options.partitionsConsumedConcurrently ?? 3,
      eachMessage: async ({ topic, partition, message }) =>
        deliver(fromKafkaMessage(message), { topic: topic.slice(namespace.length), partition, offset: message.offset }),
    });
    let stopping: Promise<void> | undefined;
    const subscription: BusSubscription = {
      ready,
      stop() {
        stopping ??= (async () => {
          controller.abort();
          subscriptions.delete(subscription);
          await consumer.disconnect();
        })();
        return stopping;
      },
    };
    subscriptions.add(subscription);
    return subscription;
  };

  return {
    kind: 'kafka',

    async ensureTopics(specs: Array<string | TopicSpec>) {
      await connectAdmin();
      const wanted = specs
        .map(topicSpec)
        .flatMap((spec) => [{ ...spec, name: ns(spec.name) }, { ...spec, name: ns(deadLetterTopic(spec.name)) }]);
      const existing = new Set(await admin.listTopics());
      const missing = wanted.filter((spec) => !existing.has(spec.name));
      if (missing.length > 0) {
        try {
          await admin.createTopics({
            waitForLeaders: true,
            topics: missing.map((spec) => ({ topic: spec.name, numPartitions: spec.partitions, replicationFactor: -1 })),
          });
        } catch (error) {
          // A retriable error (kafkajs gives up when the broker's metadata has not caught up with the
          // new topics) falls through to the leader poll below. Otherwise another process may have
          // created some of them meanwhile; anything else is real.
          if (!(error as { retriable?: boolean }).retriable) {
            const now = new Set(await admin.listTopics());
            if (missing.some((spec) => !now.has(spec.name))) throw error;
          }
        }
        logger.info({ topics: missing.map((spec) => spec.name) }, 'topics created');
      }
      // Topics another process has just created may still be electing leaders, and a subscribe or
      // send before that fails with UNKNOWN_TOPIC_OR_PARTITION: one metadata round trip when ready.
      await waitForLeaders(wanted.map((spec) => spec.name));
      wanted.forEach((spec) => knownTopics.add(spec.name));
    },

    async publish(topic: string, messages: IntegrationMessage[]) {
      const issues = messages.flatMap((message, index) => {
        const result = registry.validate(message);
        return result.ok ? [] : result.issues.map((issue) => ({ ...issue, path: `messages.${index}.${issue.path}` }));
      });
      if (issues.length > 0) throw new ValidationError(issues);
      await send(ns(topic), messages.map(encodeMessage));
    },

    publishRaw: (topic: string, records: RawMessage[]) => send(ns(topic), records),

    subscribe: (options: SubscribeOptions) =>
      startConsumer(ns(options.groupId), options.topics.map(ns), options.fromBeginning ?? false, (signal) =>
        createDelivery({
          registry,
          handler: options.handler,
          groupId: options.groupId,
          logger,
          signal,
          ...(options.retry ? { retry: options.retry } : {}),
          sendDeadLetter: (record, position) => send(ns(deadLetterTopic(position.topic)), [record]),
        }),
      ),

    subscribeDeadLetters: (options: DeadLetterSubscribeOptions) =>
      startConsumer(ns(options.groupId), [ns(deadLetterTopic(options.topic))], options.fromBeginning ?? false, () => (raw) =>
        options.handler(readDeadLetter(raw)),
      ),

    async close() {
      closed = true;
      await Promise.allSettled([...subscriptions].map((subscription) => subscription.stop()));
      await Promise.allSettled([producer.disconnect(), admin.disconnect()]);
    },
  };
};
