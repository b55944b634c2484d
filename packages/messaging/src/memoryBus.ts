/**
 * The in-process Bus (embedded mode and fast tests) with the semantics of the Kafka adapter:
 * topics must be created, records are partitioned by key and kept in order per partition, each
 * consumer group has its own committed offsets and its members share the partitions, an offset
 * moves on only after the handler resolved, and bad or failing messages go to `<topic>.dlq`.
 * Nothing survives the process: durability comes from the outbox relay replaying the event store.
 */
import pino from 'pino';
import type { Logger } from 'pino';
import { NotFoundError } from '@xianjie/contracts/errors';
import type { Bus, BusSubscription, DeadLetterSubscribeOptions, SubscribeOptions, TopicSpec } from './bus.ts';
import { deadLetterTopic, topicSpec } from './bus.ts';
import type { RawMessage } from './binaryBinding.ts';
import { encodeMessage } from './binaryBinding.ts';
import type { IntegrationMessage, MessageRegistry } from './integrationMessage.ts';
import type { RecordPosition } from './delivery.ts';
import { createDelivery, readDeadLetter, sleep, SubscriptionStoppedError } from './delivery.ts';
import { ValidationError } from '@xianjie/contracts/errors';

export interface MemoryBusOptions {
  registry: MessageRegistry;
  logger?: Logger;
}

type Deliver = (raw: RawMessage, position: RecordPosition) => Promise<void>;

interface Member {
  id: number;
  topics: Set<string>;
  deliver: Deliver;
  controller: AbortController;
  inFlight: Set<Promise<void>>;
}

interface Group {
  /** Next offset to deliver, per `topic/partition`. */
  offsets: Map<string, number>;
  members: Member[];
  pumps: Set<string>;
}

/** murmur2-free but stable: FNV-1a over the key's UTF-16 code units. */
const hashKey = (key: string): number => {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
};

export const createMemoryBus = (options: MemoryBusOptions): Bus => {
  const { registry } = options;
  const logger = options.logger ?? pino({ name: 'memory-bus', level: process.env.LOG_LEVEL ?? 'info' });
  const topics = new Map<string, RawMessage[][]>();
  const groups = new Map<string, Group>();
  let roundRobin = 0;
  let memberIds = 0;
  let closed = false;

  // Pumps sleep until something changes (a record appended, a member joined or left).
  let waiters: Array<() => void> = [];
  const notify = () => {
    const woken = waiters;
    waiters = [];
    woken.forEach((wake) => wake());
  };
  const changed = () => new Promise<void>((resolve) => waiters.push(resolve));

  const partitionsOf = (topic: string): RawMessage[][] => {
    const partitions = topics.get(topic);
    if (!partitions) throw new NotFoundError('topic', topic);
    return partitions;
  };

  const append = (topic: string, records: RawMessage[]) => {
    const partitions = partitionsOf(topic);
    for (const record of records) {
      const index = record.key === null ? roundRobin++ % partitions.length : hashKey(record.key) % partitions.length;
      partitions[index]!.push(structuredClone(record));
    }
    notify();
  };

  /** Partition p of a topic belongs to the (p mod n)-th member subscribed to it, in join order. */
  const ownerOf = (group: Group, topic: string, partition: number): Member | undefined => {
    const members = group.members.filter((member) => member.topics.has(topic));
    return members.length === 0 ? undefined : members[partition % members.length];
  };

  /** Delivers one partition to its current owner, record after record; ends when nobody reads it. */
  const pump = async (groupId: string, group: Group, topic: string, partition: number) => {
    const key = `${topic}/${partition}`;
    const records = partitionsOf(topic)[partition]!;
    for (;;) {
      const owner = ownerOf(group, topic, partition);
      if (!owner || closed) break;
      const offset = group.offsets.get(key) ?? 0;
      if (offset >= records.length) {
        await changed();
        continue;
      }
      const delivery = owner.deliver(records[offset]!, { topic, partition, offset: String(offset) });
      owner.inFlight.add(delivery);
      try {
        await delivery;
        group.offsets.set(key, offset + 1);
      } catch (error) {
        if (!(error instanceof SubscriptionStoppedError)) {
          // The dead letter could not be written: keep the offset, try again shortly.
          logger.error({ err: error, groupId, topic, partition, offset }, 'delivery failed; retrying');
          await sleep(1_000).catch(() => {});
        }
      } finally {
        owner.inFlight.delete(delivery);
      }
    }
    group.pumps.delete(key);
  };

  const join = (groupId: string, topicNames: string[], fromBeginning: boolean, deliverFor: (signal: AbortSignal) => Deliver): BusSubscription => {
    if (closed) throw new Error('bus closed');
    for (const topic of topicNames) partitionsOf(topic);
    let group = groups.get(groupId);
    if (!group) groups.set(groupId, (group = { offsets: new Map(), members: [], pumps: new Set() }));
    const controller = new AbortController();
    const member: Member = { id: ++memberIds, topics: new Set(topicNames), deliver: deliverFor(controller.signal), controller, inFlight: new Set() };
    group.members.push(member);
    for (const topic of topicNames) {
      partitionsOf(topic).forEach((records, partition) => {
        const key = `${topic}/${partition}`;
        if (!group.offsets.has(key)) group.offsets.set(key, fromBeginning ? 0 : records.length);
        if (!group.pumps.has(key)) {
          group.pumps.add(key);
          void pump(groupId, group, topic, partition);
        }
      });
    }
    notify();
    let stopping: Promise<void> | undefined;
    return {
      ready: Promise.resolve(),
      stop() {
        stopping ??= (async () => {
          controller.abort();
          group.members = group.members.filter((m) => m !== member);
          notify();
          await Promise.allSettled([...member.inFlight]);
        })();
        return stopping;
      },
    };
  };

  const subscriptions = new Set<BusSubscription>();
  const track = (subscription: BusSubscription): BusSubscription => {
    subscriptions.add(subscription);
    return {
      ready: subscription.ready,
      stop: async () => {
        subscriptions.delete(subscription);
        await subscription.stop();
      },
    };
  };

  return {
    kind: 'memory',

    async ensureTopics(specs: Array<string | TopicSpec>) {
      for (const spec of specs.map(topicSpec)) {
        for (const name of [spec.name, deadLetterTopic(spec.name)]) {
          if (!topics.has(name)) topics.set(name, Array.from({ length: spec.partitions }, () => []));
        }
      }
    },

    async publish(topic: string, messages: IntegrationMessage[]) {
      partitionsOf(topic);
      const issues = messages.flatMap((message, index) => {
        const result = registry.validate(message);
        return result.ok ? [] : result.issues.map((issue) => ({ ...issue, path: `messages.${index}.${issue.path}` }));
      });
      if (issues.length > 0) throw new ValidationError(issues);
      append(topic, messages.map(encodeMessage));
    },

    async publishRaw(topic: string, records: RawMessage[]) {
      append(topic, records);
    },

    async subscribe(options: SubscribeOptions) {
      return track(
        join(options.groupId, options.topics, options.fromBeginning ?? false, (signal) =>
          createDelivery({
            registry,
            handler: options.handler,
            groupId: options.groupId,
            logger,
            signal,
            ...(options.retry ? { retry: options.retry } : {}),
            sendDeadLetter: async (record, position) => append(deadLetterTopic(position.topic), [record]),
          }),
        ),
      );
    },

    async subscribeDeadLetters(options: DeadLetterSubscribeOptions) {
      return track(
        join(options.groupId, [deadLetterTopic(options.topic)], options.fromBeginning ?? false, () => (raw) => options.handler(readDeadLetter(raw))),
      );
    },

    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      subscriptions.clear();
      closed = true;
      notify();
    },
  };
};
