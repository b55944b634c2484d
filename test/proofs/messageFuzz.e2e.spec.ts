import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { integrationEventSchemas, integrationTopic, randomSubjectRefOf } from '@xianjie/contracts';
import type { Bus, DeadLetter } from '@xianjie/messaging';
import { createBus, createIdentity, loadConfig, loadWorkingCalendar, openStorage, serviceNames, serviceSchema, type ServiceInstance } from '@xianjie/runtime';
import { serviceFactories } from '@xianjie/embedded';
import { eventually } from '../support/eventually.ts';
import { fuzzRuns, fuzzSeed, garbage, hostileString } from './hostileInput.ts';
import { storeProbe, type StoreProbe } from './storeProbe.ts';

/**
 * Hostile-input proof (issue 12), bus side: every integration event type of @xianjie/contracts (the
 * registry's list, so a new event is covered) arrives on its topic with hostile data, hostile
 * headers, broken JSON, no value, a wrong content type. Every consumer of every service is
 * subscribed (the whole platform runs, on a memory bus this test holds): each record goes to the
 * dead-letter topic with its reason, nothing is appended to the store, and the consumers go on
 * (a later record is dead-lettered too).
 */
const topics = ['case', 'transfer', 'operation'].map((c) => integrationTopic(c));

describe('hostile input: every integration message type, fuzzed onto the bus (embedded services, memory bus)', () => {
  let bus: Bus;
  let probe: StoreProbe;
  let close: () => Promise<void>;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xianjie-msgfuzz-'));
  const deadLetters: DeadLetter[] = [];
  const types = Object.keys(integrationEventSchemas());
  const published = new Map<string, number>();

  beforeAll(async () => {
    const config = loadConfig({ XIANJIE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', XIANJIE_SEED: 'none' });
    const logger = pino({ level: 'silent' });
    // The embedded composition (services/embedded), with the bus in this test's hands.
    const storage = await openStorage(config, logger, '');
    const { directory, regionNames, rules } = createIdentity(config);
    bus = createBus(config, logger, 'message-fuzz');
    const calendar = loadWorkingCalendar(config);
    const instances: ServiceInstance[] = [];
    for (const name of serviceNames) {
      const service = await serviceFactories[name]({
        store: storage.store,
        sql: storage.sql,
        schema: serviceSchema('', name),
        bus,
        directory,
        regionNames,
        rules,
        logger,
        calendar,
        subjectRefOf: randomSubjectRefOf(),
        // Messages only: no one reads personal data here, so a read reaching the recorder is a bug.
        recordReads: () => Promise.reject(new Error('no personal data is read in the message fuzz')),
        serviceKey: null,
      });
      instances.push(service.instance);
    }
    for (const instance of [...instances].reverse()) await instance.start();
    probe = storeProbe(storage.sql);
    for (const topic of topics) {
      const sub = await bus.subscribeDeadLetters({ groupId: `fuzz-dlq-${topic}`, topic, fromBeginning: true, handler: async (d) => void deadLetters.push(d) });
      await sub.ready;
    }
    close = async () => {
      for (const instance of instances) await instance.stop();
      await bus.close();
      await storage.close();
    };
  }, 120_000);
  afterAll(async () => {
    await close?.();
    rmSync(dataDir, { recursive: true, force: true });
    const total = [...published.values()].reduce((a, b) => a + b, 0);
    process.stdout.write(`[proof] message fuzz: seed ${fuzzSeed()}, ${total} records over ${types.length} event types and ${topics.length} topics, ${deadLetters.length} dead letters\n`);
  });

  it('the contracts list integration event types to fuzz', () => {
    expect(types.length).toBeGreaterThan(5);
  });

  const header = fc.oneof({ weight: 3, arbitrary: fc.uuid() }, { weight: 1, arbitrary: hostileString });
  const record = fc.record({
    type: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(...types) }, { weight: 1, arbitrary: hostileString }),
    key: fc.oneof(fc.constant(null), hostileString, fc.uuid()),
    value: fc.oneof(
      { weight: 8, arbitrary: garbage.map((v) => JSON.stringify(v) ?? 'null') },
      // the data of an event with one field broken: a record of hostile values
      { weight: 4, arbitrary: fc.dictionary(fc.constantFrom('caseId', 'transferId', 'agencyId', 'occurredAt', 'subjectRef', 'kind', 'data', 'id'), garbage).map((v) => JSON.stringify(v)) },
      { weight: 1, arbitrary: fc.constantFrom('{', '', 'not json', '\u0000', '{"a":"\\ud800"}', null) },
    ),
    id: header,
    source: header,
    time: fc.oneof(fc.constant(new Date().toISOString()), hostileString),
    contentType: fc.oneof({ weight: 8, arbitrary: fc.constant('application/json') }, { weight: 1, arbitrary: fc.constantFrom('text/plain', '', 'application/xml') }),
    specversion: fc.oneof({ weight: 8, arbitrary: fc.constant('1.0') }, { weight: 1, arbitrary: hostileString }),
    drop: fc.subarray(['ce_id', 'ce_source', 'ce_type', 'ce_time', 'ce_specversion'] as const, { maxLength: 2 }),
  });

  it.each(topics)('%s: every record dead-lettered with a reason, nothing appended, the consumers carry on', async (topic) => {
    const before = await probe.eventCount();
    const records = fc.sample(record, { seed: fuzzSeed() + topic.length, numRuns: fuzzRuns() }).map((r) => {
      const headers: Record<string, string> = {
        'content-type': r.contentType,
        ce_id: r.id,
        ce_source: r.source,
        ce_type: r.type,
        ce_time: r.time,
        ce_specversion: r.specversion,
      };
      for (const h of r.drop) delete headers[h];
      return { key: r.key, value: r.value, headers };
    });
    const start = deadLetters.filter((d) => d.originalTopic === topic).length;
    // In batches, so the last batch proves the consumers survived the first ones.
    for (let i = 0; i < records.length; i += 50) await bus.publishRaw(topic, records.slice(i, i + 50));
    published.set(topic, records.length);
    // Each record reaches the dead-letter topic (once per consumer group that reads it; at least once).
    const offsets = await eventually(
      async () => new Set(deadLetters.filter((d) => d.originalTopic === topic).map((d) => `${d.originalPartition}/${d.originalOffset}`)),
      (set) => set.size >= records.length,
      60_000,
    );
    expect(offsets.size).toBe(records.length);
    for (const d of deadLetters.filter((x) => x.originalTopic === topic).slice(start)) expect(d.reason.length).toBeGreaterThan(0);
    expect(await probe.eventCount(), 'a poison message appended to the store').toBe(before);
  }, 180_000);
});
