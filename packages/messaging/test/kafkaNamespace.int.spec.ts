/**
 * Two deployments (or test runs) on one broker with the same topic and group names stay apart when
 * each bus has its own `namespace`: neither takes the other's messages, and dead letters stay with
 * the namespace that produced them (the original topic recorded without the prefix, for replay).
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, describe, expect, it } from 'vitest';
import { announceSkip, resolveKafka } from '@xianjie/testing';
import { createKafkaBus } from '../src/kafkaBus.ts';
import type { Bus, DeadLetter } from '../src/bus.ts';
import type { IntegrationMessage } from '../src/integrationMessage.ts';
import { contractRegistry, waitFor } from '../src/testing/busContract.ts';

const kafka = await resolveKafka();
if (!kafka.available) announceSkip('Kafka: bus namespaces', kafka.reason);

describe.skipIf(!kafka.available)('Kafka: bus namespaces', () => {
  const brokers = kafka.available ? kafka.url.split(',').map((b) => b.trim()) : [];
  const run = randomUUID().slice(0, 8);
  const namespaces = [`ns_a_${run}_`, `ns_b_${run}_`];
  const concurrentNamespace = `ns_c_${run}_`;
  const buses: Bus[] = [];

  afterAll(async () => {
    await Promise.all(buses.map((bus) => bus.close()));
    if (!kafka.available) return;
    const admin = new Kafka({
      clientId: 'xianjie-namespace-cleanup',
      brokers,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => [...namespaces, concurrentNamespace].some((ns) => t.startsWith(ns)));
    if (topics.length) await admin.deleteTopics({ topics });
    await admin.disconnect();
    await kafka.stop();
  });

  const message = (key: string, seq: number, data: unknown = { key, seq }): IntegrationMessage => ({
    id: `${key}:${seq}:${randomUUID()}`,
    source: '/xianjie/namespace-test',
    type: 'xianjie.test.thing-happened.v1',
    specversion: '1.0',
    time: '2025-03-01T09:30:00.000+08:00',
    datacontenttype: 'application/json',
    data,
    partitionKey: key,
  });

  it(
    'keeps each namespace’s messages and dead letters to itself, on the same topic and group names',
    { timeout: 90_000 },
    async () => {
      const logger = pino({ level: process.env.LOG_LEVEL ?? 'fatal' });
      const received: IntegrationMessage[][] = [[], []];
      const dead: DeadLetter[][] = [[], []];
      for (const [i, namespace] of namespaces.entries()) {
        const bus = createKafkaBus({
          brokers,
          clientId: `xianjie-ns-${i}`,
          registry: contractRegistry(),
          logger,
          namespace,
        });
        buses.push(bus);
        await bus.ensureTopics(['things']);
        const subscription = await bus.subscribe({
          groupId: 'things.consumer',
          topics: ['things'],
          fromBeginning: true,
          retry: { maxAttempts: 1 },
          handler: async (m) => void received[i]!.push(m),
        });
        const dlq = await bus.subscribeDeadLetters({
          groupId: 'things.dlq',
          topic: 'things',
          fromBeginning: true,
          handler: async (d) => void dead[i]!.push(d),
        });
        await Promise.all([subscription.ready, dlq.ready]);
      }
      await buses[0]!.publish('things', [message('a', 1), message('a', 2)]);
      await buses[1]!.publish('things', [message('b', 1)]);
      await buses[0]!.publishRaw('things', [
        {
          key: 'poison',
          value: '{"key":42}',
          headers: {
            ce_id: `poison-${run}`,
            ce_source: '/x',
            ce_type: 'xianjie.test.thing-happened.v1',
            ce_specversion: '1.0',
            'content-type': 'application/json',
          },
        },
      ]);

      await waitFor(
        () => received[0]!.length >= 2 && received[1]!.length >= 1 && dead[0]!.length >= 1,
        60_000,
        'deliveries in both namespaces',
      );
      // A marker after everything else: once it arrived, anything misrouted would have too.
      await buses[1]!.publish('things', [message('b', 2)]);
      await waitFor(() => received[1]!.length >= 2, 30_000, 'the marker');
      expect(received[0]!.map((m) => (m.data as { key: string }).key)).toEqual(['a', 'a']);
      expect(received[1]!.map((m) => (m.data as { key: string }).key)).toEqual(['b', 'b']);
      expect(dead[0]!.map((d) => d.raw.headers.ce_id)).toEqual([`poison-${run}`]);
      expect(dead[0]![0]!.originalTopic).toBe('things');
      expect(dead[1]).toEqual([]);
    },
  );

  it(
    'lets processes starting together create the same new topics and use them at once (no UNKNOWN_TOPIC_OR_PARTITION)',
    { timeout: 90_000 },
    async () => {
      // Distributed mode starts every service at once; each ensures the shared topics. The ones whose
      // creation lost the race used to subscribe before the winner's leaders were elected, and died.
      const logger = pino({ level: process.env.LOG_LEVEL ?? 'fatal' });
      const started = Array.from({ length: 4 }, (_, i) =>
        createKafkaBus({ brokers, clientId: `xianjie-ns-race-${i}`, registry: contractRegistry(), logger, namespace: concurrentNamespace }),
      );
      buses.push(...started);
      await Promise.all(started.map((bus) => bus.ensureTopics([{ name: 'raced', partitions: 3 }])));
      const received: string[][] = started.map(() => []);
      const subscriptions = await Promise.all(
        started.map((bus, i) =>
          bus.subscribe({
            groupId: `raced.consumer.${i}`,
            topics: ['raced'],
            fromBeginning: true,
            handler: async (m) => void received[i]!.push((m.data as { key: string }).key),
          }),
        ),
      );
      await Promise.all(subscriptions.map((s) => s.ready));
      await Promise.all(started.map((bus, i) => bus.publish('raced', [message(`p${i}`, 1)])));
      await waitFor(() => received.every((r) => r.length >= 4), 60_000, 'every group gets every process’s message');
      for (const r of received) expect([...r].sort()).toEqual(['p0', 'p1', 'p2', 'p3']);
    },
  );
});
