import pino from 'pino';
import { afterAll, describe, it } from 'vitest';
import { announceSkip, resolveKafka } from '@xianjie/testing';
import { busContract } from '../src/testing/busContract.ts';
import { createKafkaBus } from '../src/kafkaBus.ts';

// KAFKA_BROKERS (e.g. the local broker of `pnpm kafka:up`), else a testcontainers broker, else a loud skip.
const kafka = await resolveKafka();
afterAll(async () => {
  if (kafka.available) await kafka.stop();
});

if (kafka.available) {
  const brokers = kafka.url.split(',').map((broker) => broker.trim());
  busContract(`kafka (${kafka.url}, ${kafka.source})`, (registry) =>
    createKafkaBus({ brokers, clientId: 'xianjie-bus-contract', registry, logger: pino({ level: process.env.LOG_LEVEL ?? 'fatal' }) }),
  );
} else {
  announceSkip('Bus contract: kafka', `${kafka.reason} (start a broker with \`pnpm kafka:up\` and set KAFKA_BROKERS=127.0.0.1:9092)`);
  describe.skip(`Bus contract: kafka — skipped: ${kafka.reason}`, () => {
    it('runs against a real broker', () => {});
  });
}
