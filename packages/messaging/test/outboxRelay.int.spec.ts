import pino from 'pino';
import { afterEach, beforeAll, afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createPgliteClient } from '@xianjie/event-store';
import type { RecordedEvent, SqlClient } from '@xianjie/event-store';
import type { Bus } from '../src/bus.ts';
import { createMemoryBus } from '../src/memoryBus.ts';
import { createMessageRegistry } from '../src/integrationMessage.ts';
import type { IntegrationMessage } from '../src/integrationMessage.ts';
import { createInbox } from '../src/inbox.ts';
import { createOutboxRelay, integrationMessageFrom } from '../src/outboxRelay.ts';
import type { OutboxRelay, OutboxRelayOptions } from '../src/outboxRelay.ts';
import { waitFor } from '../src/testing/busContract.ts';
import { createArrayEventStore } from './support/arrayEventStore.ts';
import type { ArrayEventStore } from './support/arrayEventStore.ts';

const silent = pino({ level: 'silent' });
const TOPIC = 'xianjie.case';
const registry = createMessageRegistry({
  'xianjie.case.registered.v1': z.object({ caseId: z.string(), n: z.number() }),
  'xianjie.case.closed.v1': z.object({ caseId: z.string() }),
});

/** The public subset: CaseRegistered and CaseClosed go out, EvidenceRecorded stays private. */
const toIntegrationMessages = (event: RecordedEvent) => {
  const caseId = event.streamId.slice('case-'.length);
  if (event.type === 'CaseRegistered') {
    return [{ topic: TOPIC, message: integrationMessageFrom(event, { type: 'xianjie.case.registered.v1', source: '/xianjie/market-regulation', data: { caseId, n: event.data.n as number } }) }];
  }
  if (event.type === 'CaseClosed') {
    return [{ topic: TOPIC, message: integrationMessageFrom(event, { type: 'xianjie.case.closed.v1', source: '/xianjie/market-regulation', data: { caseId } }) }];
  }
  return [];
};

let sql: SqlClient;
let schemaCounter = 0;
beforeAll(async () => {
  sql = await createPgliteClient();
});
afterAll(async () => {
  await sql.close();
});

describe('outbox relay', () => {
  let store: ArrayEventStore;
  let bus: Bus;
  let schema: string;
  const relays: OutboxRelay[] = [];
  const received: IntegrationMessage[] = [];

  const relay = (overrides: Partial<OutboxRelayOptions> = {}) => {
    const r = createOutboxRelay({
      relayId: 'market-regulation',
      store,
      sql,
      schema,
      streamPrefixes: ['case-'],
      toIntegrationMessages,
      bus,
      pollIntervalMs: 10,
      backoff: { initialDelayMs: 5, maxDelayMs: 20 },
      logger: silent,
      ...overrides,
    });
    relays.push(r);
    return r;
  };

  const setUp = async () => {
    store = createArrayEventStore();
    bus = createMemoryBus({ registry, logger: silent });
    schema = `relay_${process.pid}_${++schemaCounter}`;
    received.length = 0;
    await bus.ensureTopics([TOPIC]);
    await bus.subscribe({ groupId: 'police', topics: [TOPIC], fromBeginning: true, handler: async (m) => void received.push(m) });
  };

  afterEach(async () => {
    for (const r of relays.splice(0)) await r.stop();
    await bus.close();
  });

  it('publishes the public subset in order, with ids from the source events, then stores the checkpoint', async () => {
    await setUp();
    store.append('case-1', 'CaseRegistered', { n: 1 });
    store.append('case-1', 'EvidenceRecorded', {});
    store.append('transfer-9', 'TransferProposed', {});
    store.append('case-2', 'CaseRegistered', { n: 2 });
    store.append('case-1', 'CaseClosed', {});
    const r = relay();
    await r.migrate();
    expect(await r.runOnce()).toEqual({ events: 4, messages: 3, isEnd: true });
    await waitFor(() => received.length >= 3, 2_000, '3 messages');
    expect(received.map((m) => m.id).sort()).toEqual(['case-1:1:0', 'case-1:3:0', 'case-2:1:0']);
    const case1 = received.filter((m) => m.partitionKey === '1');
    expect(case1.map((m) => m.type)).toEqual(['xianjie.case.registered.v1', 'xianjie.case.closed.v1']);
    expect(case1[0]).toMatchObject({
      source: '/xianjie/market-regulation',
      subject: 'case-1',
      time: '2025-03-01T09:01:00.000+08:00',
      correlationid: 'corr-case-1',
      causationid: 'case-1:1',
      data: { caseId: '1', n: 1 },
    });
    expect(await r.checkpoint()).toBe('5');
  });

  it('follows new events live and resumes from its checkpoint after a stop, without republishing', async () => {
    await setUp();
    store.append('case-1', 'CaseRegistered', { n: 1 });
    const first = relay();
    await first.start();
    await waitFor(() => received.length >= 1, 2_000, 'the first message');
    store.append('case-2', 'CaseRegistered', { n: 2 });
    first.notify();
    await waitFor(() => received.length >= 2, 2_000, 'the live message');
    await first.stop();
    store.append('case-3', 'CaseRegistered', { n: 3 });
    const second = relay();
    await second.start();
    await waitFor(() => received.length >= 3, 2_000, 'the message appended while stopped');
    await second.idle();
    expect(received.map((m) => m.id)).toEqual(['case-1:1:0', 'case-2:1:0', 'case-3:1:0']);
  });

  it('retries a failing publish with backoff and loses nothing', async () => {
    await setUp();
    let failures = 3;
    const flakyBus: Pick<Bus, 'publish'> = {
      publish: async (topic, messages) => {
        if (failures-- > 0) throw new Error('broker not available');
        return bus.publish(topic, messages);
      },
    };
    for (let n = 1; n <= 5; n++) store.append(`case-${n}`, 'CaseRegistered', { n });
    const r = relay({ bus: flakyBus, batchSize: 2 });
    await r.start();
    await waitFor(() => received.length >= 5, 3_000, '5 messages');
    await r.idle();
    expect(received.map((m) => (m.data as { n: number }).n).sort()).toEqual([1, 2, 3, 4, 5]);
    expect(failures).toBeLessThan(0);
  });

  it('republishes with the same ids after a crash between publish and checkpoint, and the inbox applies them once', async () => {
    await setUp();
    const inbox = createInbox({ sql, schema, consumer: 'police.case-registered' });
    await inbox.migrate();
    await sql.exec(`CREATE TABLE ${schema}.effects (message_id text)`);
    const outcomes: boolean[] = [];
    await bus.subscribe({
      groupId: 'police-effects',
      topics: [TOPIC],
      fromBeginning: true,
      handler: async (m) => {
        const { applied } = await inbox.handleOnce(m.id, async (tx) => {
          await tx.query(`INSERT INTO ${schema}.effects VALUES ($1)`, [m.id]);
        });
        outcomes.push(applied);
      },
    });
    // The checkpoint write fails once: as if the process died right after publishing.
    let crashes = 1;
    const crashingSql: SqlClient = {
      ...sql,
      query: async (text, params) => {
        if (text.includes('INSERT INTO') && text.includes('outbox_checkpoints') && crashes-- > 0) throw new Error('killed');
        return sql.query(text, params);
      },
    };
    for (let n = 1; n <= 3; n++) store.append(`case-${n}`, 'CaseRegistered', { n });
    const r = relay({ sql: crashingSql });
    await r.start();
    await waitFor(() => received.length >= 6 && outcomes.length >= 6, 3_000, 'the batch twice');
    await r.idle();
    expect(received.map((m) => m.id).sort()).toEqual(['case-1:1:0', 'case-1:1:0', 'case-2:1:0', 'case-2:1:0', 'case-3:1:0', 'case-3:1:0']);
    expect(outcomes.filter(Boolean)).toHaveLength(3);
    const { rows } = await sql.query<{ n: bigint }>(`SELECT count(*) AS n FROM ${schema}.effects`);
    expect(rows[0]?.n).toBe(3n);
    expect(await r.checkpoint()).toBe('3');
  });

  it('stops cleanly while a publish keeps failing, without moving the checkpoint', async () => {
    await setUp();
    store.append('case-1', 'CaseRegistered', { n: 1 });
    let calls = 0;
    const r = relay({
      bus: {
        publish: async () => {
          calls++;
          throw new Error('broker not available');
        },
      },
      backoff: { initialDelayMs: 1_000, maxDelayMs: 60_000 },
    });
    await r.start();
    await waitFor(() => calls >= 1, 2_000, 'a publish attempt');
    const started = Date.now();
    await r.stop();
    expect(Date.now() - started).toBeLessThan(500);
    expect(await r.checkpoint()).toBeNull();
  });
});
