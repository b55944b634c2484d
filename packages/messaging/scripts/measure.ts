/**
 * Measures the path from the event store to a consumer over the real Kafka broker:
 * - relay throughput: N events already in the store (PostgreSQL when DATABASE_URL is set, else
 *   PGlite in memory), how fast the outbox relay reads, maps and publishes them (events/s), and
 *   then how fast one consumer group receives them (run apart, so they do not share the CPU);
 * - end-to-end latency of one integration event: from the append of the source event to the
 *   consumer's append of its reaction (an event with the message id as commandId), p50/p99, once
 *   with the relay polling only (100 ms) and once woken by the appender (`relay.notify()`).
 *
 *   KAFKA_BROKERS=127.0.0.1:9092 [DATABASE_URL=postgres://…] pnpm --filter @xianjie/messaging measure
 *   MEASURE_EVENTS (default 20000), MEASURE_SAMPLES (default 300)
 */
import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { z } from 'zod';
import { createPgClient, createPgliteClient, createSqlEventStore } from '@xianjie/event-store';
import type { NewEvent, RecordedEvent, SqlClient } from '@xianjie/event-store';
import { createKafkaBus } from '../src/kafkaBus.ts';
import { createMessageRegistry } from '../src/integrationMessage.ts';
import { createOutboxRelay, integrationMessageFrom } from '../src/outboxRelay.ts';

const brokers = process.env.KAFKA_BROKERS?.split(',').filter(Boolean);
if (!brokers?.length) {
  console.error('KAFKA_BROKERS is not set: start a broker (`pnpm kafka:up`) and set KAFKA_BROKERS=127.0.0.1:9092');
  process.exit(2);
}
const TOTAL = Number(process.env.MEASURE_EVENTS ?? 20_000);
const SAMPLES = Number(process.env.MEASURE_SAMPLES ?? 300);
const EVENTS_PER_STREAM = 10;

const logger = pino({ level: process.env.LOG_LEVEL ?? 'warn' });
const run = randomUUID().slice(0, 8);
const schema = `measure_${run}`;
const TYPE = 'xianjie.case.registered.v1';
const registry = createMessageRegistry({ [TYPE]: z.object({ caseId: z.string(), summary: z.string(), n: z.number() }) });

const sql: SqlClient = process.env.DATABASE_URL ? createPgClient({ connectionString: process.env.DATABASE_URL }) : await createPgliteClient();
const storeKind = process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (in memory)';
const store = createSqlEventStore({ client: sql, schema });
await store.migrate();
const bus = createKafkaBus({ brokers, clientId: 'xianjie-measure', registry, logger });

const metadata = (streamId: string) => ({
  actor: { userId: 'u-1', name: '张三', agencyId: 'mr-330100', roles: ['officer'] },
  occurredAt: new Date().toISOString(),
  correlationId: `corr-${streamId}`,
});
const newEvent = (streamId: string, n: number): NewEvent => ({
  type: 'CaseRegistered',
  data: { summary: `某药店不凭处方销售处方药 #${n}`, n },
  metadata: metadata(streamId),
});
const toIntegrationMessages = (topic: string) => (event: RecordedEvent) =>
  event.type === 'CaseRegistered'
    ? [
        {
          topic,
          message: integrationMessageFrom(event, {
            type: TYPE,
            source: '/xianjie/market-regulation',
            data: { caseId: event.streamId.slice('case-'.length), summary: String(event.data.summary), n: Number(event.data.n) },
          }),
        },
      ]
    : [];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const ms = (value: number) => `${value.toFixed(1)} ms`;

// ---------------------------------------------------------------- throughput
const throughput = async () => {
  const topic = `measure.${run}.throughput`;
  await bus.ensureTopics([topic]);
  process.stdout.write(`appending ${TOTAL} events to ${storeKind} … `);
  const appendStarted = performance.now();
  for (let s = 0; s < TOTAL / EVENTS_PER_STREAM; s++) {
    const streamId = `case-t${s}`;
    await store.appendToStream(streamId, Array.from({ length: EVENTS_PER_STREAM }, (_, i) => newEvent(streamId, s * EVENTS_PER_STREAM + i)));
  }
  console.log(`${((performance.now() - appendStarted) / 1000).toFixed(1)} s`);

  let published = 0;
  const relay = createOutboxRelay({
    relayId: 'measure-throughput',
    store,
    sql,
    schema,
    streamPrefixes: ['case-t'],
    toIntegrationMessages: toIntegrationMessages(topic),
    bus: {
      publish: async (to, messages) => {
        await bus.publish(to, messages);
        published += messages.length;
      },
    },
    batchSize: 2_000,
    logger,
  });
  await relay.migrate();
  // Connect the producer first, as in a running service.
  await bus.ensureTopics([`${topic}.warm-up`]);
  await bus.publishRaw(`${topic}.warm-up`, [{ key: null, value: '{}', headers: {} }]);
  const started = performance.now();
  const caughtUp = relay.idle();
  await relay.start();
  await caughtUp;
  const relaySeconds = (performance.now() - started) / 1000;
  await relay.stop();
  if (published !== TOTAL) throw new Error(`the relay reached the end of the store after ${published} of ${TOTAL} events: readAll skipped some`);
  console.log(`relay: ${TOTAL} events → Kafka in ${relaySeconds.toFixed(2)} s (batches of 2000) = ${Math.round(TOTAL / relaySeconds)} events/s`);

  // Then one consumer group reads them all (validation, delivery, commit), on its own.
  let consumed = 0;
  let finished = 0;
  const consumeStarted = performance.now();
  const consumer = await bus.subscribe({
    groupId: `${topic}.consumer`,
    topics: [topic],
    fromBeginning: true,
    handler: async () => {
      if (++consumed === TOTAL) finished = performance.now();
    },
  });
  const deadline = Date.now() + 120_000;
  while (consumed < TOTAL) {
    if (Date.now() > deadline) throw new Error(`the consumer got ${consumed} of ${TOTAL} messages in 120 s`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await consumer.stop();
  const consumeSeconds = (finished - consumeStarted) / 1000;
  console.log(`consumer group: ${TOTAL} messages validated and handled in ${consumeSeconds.toFixed(2)} s (group join included) = ${Math.round(TOTAL / consumeSeconds)} messages/s`);
};

// ---------------------------------------------------------------- latency
const latency = async (wake: boolean) => {
  const topic = `measure.${run}.latency-${wake ? 'notify' : 'poll'}`;
  await bus.ensureTopics([topic]);
  const waiting = new Map<string, (at: number) => void>();
  const consumer = await bus.subscribe({
    groupId: `${topic}.police`,
    topics: [topic],
    fromBeginning: true,
    handler: async (message) => {
      // The consumer's own append, idempotent through the commandId (as a service's inbox would be).
      const streamId = `reaction-${message.partitionKey}`;
      await store.appendToStream(streamId, [{ type: 'CaseNoticed', data: { messageId: message.id }, metadata: metadata(streamId) }], { commandId: message.id });
      waiting.get(message.id)?.(performance.now());
    },
  });
  await consumer.ready;
  const relay = createOutboxRelay({
    relayId: `measure-latency-${wake}`,
    store,
    sql,
    schema,
    streamPrefixes: ['case-l'],
    toIntegrationMessages: toIntegrationMessages(topic),
    bus,
    pollIntervalMs: 100,
    logger,
  });
  await relay.start();
  // Start after the throughput events: nothing of them matches 'case-l', but the relay must skip past.
  await relay.idle();
  const samples: number[] = [];
  for (let i = 0; i < SAMPLES + 20; i++) {
    const streamId = `case-l${wake ? 'n' : 'p'}${i}`;
    const id = `${streamId}:1:0`;
    const done = new Promise<number>((resolve) => waiting.set(id, resolve));
    const started = performance.now();
    await store.appendToStream(streamId, [newEvent(streamId, i)]);
    if (wake) relay.notify();
    const at = await done;
    waiting.delete(id);
    if (i >= 20) samples.push(at - started); // the first ones warm up connections and the JIT
    await new Promise((resolve) => setTimeout(resolve, 10 + Math.random() * 40));
  }
  await relay.stop();
  await consumer.stop();
  samples.sort((a, b) => a - b);
  console.log(
    `latency append → consumer's append, relay ${wake ? 'woken by notify()' : 'polling every 100 ms'} (${samples.length} events): ` +
      `p50 ${ms(percentile(samples, 50))}, p90 ${ms(percentile(samples, 90))}, p99 ${ms(percentile(samples, 99))}, max ${ms(samples.at(-1)!)}`,
  );
};

try {
  console.log(`Xianjie messaging measurements — store ${storeKind}, Kafka ${brokers.join(',')}, node ${process.version}`);
  await throughput();
  await latency(false);
  await latency(true);
} finally {
  await bus.close();
  await sql.exec(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).catch(() => {});
  await store.close();
  await sql.close();
}
