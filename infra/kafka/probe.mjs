// Asks the broker for its topic list through kafkajs (the client the services use), so "up" means
// "answers a metadata request", not just "the port is open". Exit 0 when it answers, 1 when not,
// 2 when kafkajs is not installed yet (the caller then falls back to a TCP check).
// Usage: node probe.mjs <brokers> [timeoutMs]
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const brokers = (process.argv[2] ?? '127.0.0.1:9092').split(',');
const timeoutMs = Number(process.argv[3] ?? 3000);
const require = createRequire(fileURLToPath(new URL('../../packages/messaging/package.json', import.meta.url)));

let kafkajs;
try {
  kafkajs = require('kafkajs');
} catch {
  process.exit(2);
}
const { Kafka, logLevel } = kafkajs;
const kafka = new Kafka({
  clientId: 'xianjie-kafka-probe',
  brokers,
  logLevel: logLevel.NOTHING,
  connectionTimeout: Math.min(timeoutMs, 1000),
  requestTimeout: timeoutMs,
  retry: { retries: 0 },
});
const admin = kafka.admin();
const timer = setTimeout(() => process.exit(1), timeoutMs + 500);
try {
  await admin.connect();
  await admin.listTopics();
  await admin.disconnect();
  clearTimeout(timer);
  process.exit(0);
} catch {
  process.exit(1);
}
