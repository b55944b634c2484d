/**
 * Fault test: the broker is stopped and started again in the middle of a flow. The producer keeps
 * publishing (its sends wait for the broker), the consumer crashes and restarts itself, and in the
 * end every message has arrived, in order per key, and the inbox applied each exactly once.
 *
 * It restarts the broker of `infra/kafka` (kafka-down.sh / kafka-up.sh), so it runs only when
 * KAFKA_BROKERS is that broker (127.0.0.1:9092) and XIANJIE_KAFKA_FAULT_TESTS=1.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createPgliteClient } from '@xianjie/event-store';
import { createKafkaBus } from '../src/kafkaBus.ts';
import { createInbox } from '../src/inbox.ts';
import type { IntegrationMessage } from '../src/integrationMessage.ts';
import { contractRegistry, waitFor } from '../src/testing/busContract.ts';
import { announceSkip } from '@xianjie/testing';

const run = promisify(execFile);
const infra = fileURLToPath(new URL('../../../infra/kafka/', import.meta.url));
const LOCAL_INFRA_BROKER = '127.0.0.1:9092';
const brokers = process.env.KAFKA_BROKERS?.split(',').map((broker) => broker.trim());
const why =
  process.env.XIANJIE_KAFKA_FAULT_TESTS !== '1'
    ? 'XIANJIE_KAFKA_FAULT_TESTS is not 1 (this test stops and restarts the local broker)'
    : brokers?.join(',') !== LOCAL_INFRA_BROKER
      ? `KAFKA_BROKERS is "${brokers?.join(',') ?? ''}", not the local infra broker ${LOCAL_INFRA_BROKER}`
      : !existsSync(`${infra}run/kafka.pid`)
        ? 'the broker on 127.0.0.1:9092 was not started by infra/kafka/kafka-up.sh (no run/kafka.pid), so it cannot be restarted'
        : null;
if (why) announceSkip('Kafka: broker stopped and restarted mid-flow (fault test)', why);

const TOTAL = 200;
const KEYS = ['case-1', 'case-2', 'case-3', 'transfer-4', 'transfer-5'];

describe.skipIf(why !== null)('Kafka: broker stopped and restarted mid-flow', () => {
  it('loses nothing, keeps order per key and applies each message once', { timeout: 240_000 }, async () => {
    const logger = pino({ level: process.env.LOG_LEVEL ?? 'fatal' });
    const bus = createKafkaBus({ brokers: brokers!, clientId: 'xianjie-fault-test', registry: contractRegistry(), logger });
    const sql = await createPgliteClient();
    const schema = `fault_${process.pid}`;
    const inbox = createInbox({ sql, schema, consumer: 'fault-test' });
    await inbox.migrate();
    await sql.exec(`CREATE TABLE ${schema}.effects (key text, seq int)`);
    const topic = `fault.${Date.now()}.restart`;
    try {
      await bus.ensureTopics([topic]);
      const deliveries: IntegrationMessage[] = [];
      const subscription = await bus.subscribe({
        groupId: `${topic}.g`,
        topics: [topic],
        fromBeginning: true,
        handler: async (m) => {
          const { key, seq } = m.data as { key: string; seq: number };
          await inbox.handleOnce(m.id, async (tx) => {
            await tx.query(`INSERT INTO ${schema}.effects VALUES ($1, $2)`, [key, seq]);
          });
          deliveries.push(m);
        },
      });
      await subscription.ready;

      // One message every 20 ms, round-robin over the keys; the broker goes away after 60.
      const producing = (async () => {
        for (let i = 0; i < TOTAL; i++) {
          const key = KEYS[i % KEYS.length]!;
          const seq = Math.floor(i / KEYS.length);
          await bus.publish(topic, [
            {
              id: `${key}:${seq}`,
              source: '/xianjie/fault-test',
              type: 'xianjie.test.thing-happened.v1',
              specversion: '1.0',
              time: new Date().toISOString(),
              datacontenttype: 'application/json',
              data: { key, seq },
              partitionKey: key,
            },
          ]);
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
      })();
      await waitFor(() => deliveries.length >= 60, 60_000, '60 deliveries before the outage');
      const down = Date.now();
      await run('bash', [`${infra}kafka-down.sh`]);
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      await run('bash', [`${infra}kafka-up.sh`]);
      const up = Date.now();
      await producing;
      await waitFor(() => new Set(deliveries.map((m) => m.id)).size >= TOTAL, 120_000, `all ${TOTAL} messages after the restart`);
      console.info(`broker down for ${((up - down) / 1000).toFixed(1)} s; ${deliveries.length} deliveries for ${TOTAL} messages`);

      for (const key of KEYS) {
        // At-least-once may repeat a suffix after the restart; the first arrivals are in order.
        const firsts = [...new Set(deliveries.filter((m) => m.partitionKey === key).map((m) => (m.data as { seq: number }).seq))];
        expect(firsts, key).toEqual(Array.from({ length: TOTAL / KEYS.length }, (_, seq) => seq));
      }
      const { rows } = await sql.query<{ n: bigint; distinct_n: bigint }>(
        `SELECT count(*) AS n, count(DISTINCT (key, seq)) AS distinct_n FROM ${schema}.effects`,
      );
      expect(rows[0]).toEqual({ n: BigInt(TOTAL), distinct_n: BigInt(TOTAL) });
      await subscription.stop();
    } finally {
      await bus.close();
      await sql.close();
      // Whatever happened, leave the broker running for the suites after this one.
      await run('bash', [`${infra}kafka-up.sh`]);
    }
  });
});
