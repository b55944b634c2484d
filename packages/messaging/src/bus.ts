/**
 * The Bus port: how services exchange integration events. Adapters: `kafka` (kafkajs, the real
 * broker) and `memory` (in-process, the embedded default). Both pass src/testing/busContract.ts.
 *
 * Semantics every adapter keeps:
 * - topics exist only when created (`ensureTopics`, which also creates `<topic>.dlq`);
 * - messages are validated against the registry on publish (a bad one throws, nothing is sent)
 *   and on consume (a bad one goes to `<topic>.dlq` with its reason, and the consumer goes on);
 * - order holds per partition key; each consumer group gets every message, at least once;
 * - an offset is committed only after the handler resolved; a handler that keeps failing is
 *   retried with backoff `maxAttempts` times, then the message goes to the dead-letter topic.
 */
import type { IntegrationMessage } from './integrationMessage.ts';
import type { RawMessage } from './binaryBinding.ts';

export interface DeliveryContext {
  topic: string;
  partition: number;
  /** Decimal string, as Kafka offsets are int64. */
  offset: string;
  /** 1 for the first try of this delivery. */
  attempt: number;
}

export type MessageHandler = (message: IntegrationMessage, context: DeliveryContext) => Promise<void>;

export interface RetryOptions {
  /** Tries per message before it goes to the dead-letter topic (default 5). */
  maxAttempts?: number;
  /** First backoff; doubles each try (default 100 ms). */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

export interface SubscribeOptions {
  /** One consumer group per service (and purpose): each group gets every message. */
  groupId: string;
  topics: string[];
  handler: MessageHandler;
  /** Where a group without committed offsets starts (default false: only new messages). */
  fromBeginning?: boolean;
  retry?: RetryOptions;
}

export interface BusSubscription {
  /** Resolves once the consumer has joined its group and been given partitions. */
  ready: Promise<void>;
  /** Finishes the message in hand, commits, leaves the group. */
  stop(): Promise<void>;
}

/** A record of `<topic>.dlq`: the original record, and why it could not be delivered. */
export interface DeadLetter {
  raw: RawMessage;
  reason: string;
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
}

export interface DeadLetterSubscribeOptions {
  groupId: string;
  /** The original topic; its `.dlq` is read. */
  topic: string;
  handler: (deadLetter: DeadLetter) => Promise<void>;
  fromBeginning?: boolean;
}

export interface TopicSpec {
  name: string;
  /** Default 3 (order holds per key, so partitions bound a group's parallelism). */
  partitions?: number;
}

export interface Bus {
  readonly kind: 'kafka' | 'memory';
  /** Creates the topics and their `.dlq` when missing; safe to call at every start. */
  ensureTopics(topics: Array<string | TopicSpec>): Promise<void>;
  /** Validates every message, then sends them in order (keyed by `partitionKey`). */
  publish(topic: string, messages: IntegrationMessage[]): Promise<void>;
  subscribe(options: SubscribeOptions): Promise<BusSubscription>;
  /** Reads a topic's dead letters (operations tools: inspect, replay with publishRaw). */
  subscribeDeadLetters(options: DeadLetterSubscribeOptions): Promise<BusSubscription>;
  /** Sends records as they are, without validation: replaying dead letters, fault tests. */
  publishRaw(topic: string, records: RawMessage[]): Promise<void>;
  close(): Promise<void>;
}

export const DEAD_LETTER_SUFFIX = '.dlq';
export const deadLetterTopic = (topic: string): string => `${topic}${DEAD_LETTER_SUFFIX}`;

export const DLQ_HEADERS = {
  reason: 'x-dlq-reason',
  originalTopic: 'x-dlq-original-topic',
  originalPartition: 'x-dlq-original-partition',
  originalOffset: 'x-dlq-original-offset',
} as const;

export const DEFAULT_PARTITIONS = 3;

export const topicSpec = (topic: string | TopicSpec): Required<TopicSpec> =>
  typeof topic === 'string'
    ? { name: topic, partitions: DEFAULT_PARTITIONS }
    : { name: topic.name, partitions: topic.partitions ?? DEFAULT_PARTITIONS };
