/**
 * The one contract every Bus adapter passes (memory and Kafka run the same cases):
 * publish/consume with every CloudEvents attribute, order per key, consumer groups, resumption
 * from committed offsets, validation on publish, dead letters for malformed records and for
 * handlers that keep failing, and one effect for a redelivered message through the inbox.
 *
 * Usage: `busContract('memory', (registry) => createMemoryBus({ registry }))`.
 * Topic and group names are unique per run, so a shared broker needs no clean-up.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { NotFoundError, ValidationError } from '@xianjie/contracts/errors';
import { createPgliteClient } from '@xianjie/event-store';
import type { Bus, BusSubscription, DeadLetter } from '../bus.ts';
import type { IntegrationMessage, MessageRegistry } from '../integrationMessage.ts';
import { createMessageRegistry } from '../integrationMessage.ts';
import { createInbox } from '../inbox.ts';

export interface BusContractOptions {
  /** How long to wait for deliveries (default 20 s; a real broker needs a group join first). */
  timeoutMs?: number;
}

export type BusFactory = (registry: MessageRegistry) => Bus | Promise<Bus>;

const TYPE = 'xianjie.test.thing-happened.v1';
const thingHappened = z.object({ key: z.string(), seq: z.number().int().nonnegative() });
type Thing = z.infer<typeof thingHappened>;

export const contractRegistry = (): MessageRegistry => createMessageRegistry({ [TYPE]: thingHappened });

const thing = (key: string, seq: number, extra: Partial<IntegrationMessage> = {}): IntegrationMessage => ({
  id: `${key}:${seq}:${randomUUID()}`,
  source: '/xianjie/contract-test',
  type: TYPE,
  specversion: '1.0',
  time: '2025-03-01T09:30:00.000+08:00',
  datacontenttype: 'application/json',
  data: { key, seq },
  partitionKey: key,
  ...extra,
});

export const waitFor = async (condition: () => boolean, timeoutMs: number, what: string): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

export const busContract = (name: string, factory: BusFactory, options: BusContractOptions = {}): void => {
  const timeoutMs = options.timeoutMs ?? 20_000;
  const testTimeout = timeoutMs * 3;
  const run = randomUUID().slice(0, 8);
  let counter = 0;
  const unique = (what: string) => `contract.${run}.${++counter}.${what}`;

  describe(`Bus contract: ${name}`, () => {
    const cleanups: Array<() => Promise<void>> = [];
    afterEach(async () => {
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    });

    const openBus = async () => {
      const bus = await factory(contractRegistry());
      cleanups.push(() => bus.close());
      return bus;
    };
    const started = async (subscription: Promise<BusSubscription>) => {
      const s = await subscription;
      cleanups.push(() => s.stop());
      await s.ready;
      return s;
    };
    const dataOf = (messages: IntegrationMessage[]) => messages.map((m) => m.data as Thing);

    it('delivers published messages with every CloudEvents attribute', { timeout: testTimeout }, async () => {
      const bus = await openBus();
      const topic = unique('attributes');
      await bus.ensureTopics([topic]);
      const sent = [
        thing('case-1', 0, { subject: 'case-case-1', correlationid: 'corr-1', causationid: 'case-case-1:1' }),
        thing('case-1', 1),
        thing('case-2', 0, { time: '2025-03-01T01:30:00Z' }),
      ];
      await bus.publish(topic, sent);
      const received: IntegrationMessage[] = [];
      await started(bus.subscribe({ groupId: unique('g'), topics: [topic], fromBeginning: true, handler: async (m) => void received.push(m) }));
      await waitFor(() => received.length >= 3, timeoutMs, '3 messages');
      const byId = new Map(received.map((m) => [m.id, m]));
      for (const message of sent) expect(byId.get(message.id)).toEqual(message);
      expect(received).toHaveLength(3);
    });

    it('keeps the order of messages with the same partition key', { timeout: testTimeout }, async () => {
      const bus = await openBus();
      const topic = unique('order');
      await bus.ensureTopics([{ name: topic, partitions: 3 }]);
      const keys = ['case-a', 'case-b', 'case-c', 'transfer-d', 'transfer-e'];
      const all = Array.from({ length: 20 }, (_, seq) => keys.map((key) => thing(key, seq))).flat();
      for (let i = 0; i < all.length; i += 7) await bus.publish(topic, all.slice(i, i + 7));
      const seen = new Map<string, number[]>();
      await started(
        bus.subscribe({
          groupId: unique('g'),
          topics: [topic],
          fromBeginning: true,
          handler: async (m) => {
            const { key, seq } = m.data as Thing;
            // A little work, so partitions really interleave.
            await new Promise((resolve) => setTimeout(resolve, seq % 3));
            seen.set(key, [...(seen.get(key) ?? []), seq]);
          },
        }),
      );
      await waitFor(() => [...seen.values()].reduce((n, s) => n + s.length, 0) >= all.length, timeoutMs, `${all.length} messages`);
      const expected = Array.from({ length: 20 }, (_, seq) => seq);
      for (const key of keys) expect(seen.get(key), key).toEqual(expected);
    });

    it('gives every consumer group every message, and shares them among the members of one group', { timeout: testTimeout }, async () => {
      const bus = await openBus();
      const topic = unique('groups');
      await bus.ensureTopics([{ name: topic, partitions: 3 }]);
      const police: IntegrationMessage[] = [];
      const health: IntegrationMessage[] = [];
      const shared = [[], []] as [IntegrationMessage[], IntegrationMessage[]];
      const sharedGroup = unique('g-shared');
      await started(bus.subscribe({ groupId: unique('g-police'), topics: [topic], fromBeginning: true, handler: async (m) => void police.push(m) }));
      await started(bus.subscribe({ groupId: unique('g-health'), topics: [topic], fromBeginning: true, handler: async (m) => void health.push(m) }));
      await started(bus.subscribe({ groupId: sharedGroup, topics: [topic], fromBeginning: true, handler: async (m) => void shared[0].push(m) }));
      await started(bus.subscribe({ groupId: sharedGroup, topics: [topic], fromBeginning: true, handler: async (m) => void shared[1].push(m) }));
      const sent = Array.from({ length: 30 }, (_, i) => thing(`case-${i}`, 0));
      await bus.publish(topic, sent);
      await waitFor(() => police.length >= 30 && health.length >= 30 && shared[0].length + shared[1].length >= 30, timeoutMs, 'every group to get 30 messages');
      const ids = sent.map((m) => m.id).sort();
      expect(police.map((m) => m.id).sort()).toEqual(ids);
      expect(health.map((m) => m.id).sort()).toEqual(ids);
      expect([...shared[0], ...shared[1]].map((m) => m.id).sort()).toEqual(ids);
      // 30 keys over 3 partitions and 2 members: both members get a share.
      expect(shared[0].length).toBeGreaterThan(0);
      expect(shared[1].length).toBeGreaterThan(0);
    });

    it('resumes a group from its committed offsets after it stopped', { timeout: testTimeout }, async () => {
      const bus = await openBus();
      const topic = unique('resume');
      const groupId = unique('g');
      await bus.ensureTopics([topic]);
      const first: IntegrationMessage[] = [];
      await bus.publish(topic, [thing('case-1', 0), thing('case-1', 1)]);
      const s1 = await started(bus.subscribe({ groupId, topics: [topic], fromBeginning: true, handler: async (m) => void first.push(m) }));
      await waitFor(() => first.length >= 2, timeoutMs, 'the first 2 messages');
      await s1.stop();
      await bus.publish(topic, [thing('case-1', 2), thing('case-1', 3)]);
      const second: IntegrationMessage[] = [];
      await started(bus.subscribe({ groupId, topics: [topic], fromBeginning: true, handler: async (m) => void second.push(m) }));
      await waitFor(() => second.length >= 2, timeoutMs, 'the next 2 messages');
      expect(dataOf(second).map((d) => d.seq)).toEqual([2, 3]);
    });

    it('validates on publish: an invalid message throws and nothing of the batch is sent', { timeout: testTimeout }, async () => {
      const bus = await openBus();
      const topic = unique('publish-validation');
      await bus.ensureTopics([topic]);
      const bad = { ...thing('case-1', 1), data: { key: 'case-1', seq: -1 } };
      const error = await bus.publish(topic, [thing('case-1', 0), bad]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).issues[0]?.path).toBe('messages.1.data.seq');
      await expect(bus.publish(topic, [{ ...thing('case-1', 2), type: 'xianjie.test.unknown.v1' }])).rejects.toThrow(/unknown message type/);
      const marker = thing('case-1', 3);
      await bus.publish(topic, [marker]);
      const received: IntegrationMessage[] = [];
      await started(bus.subscribe({ groupId: unique('g'), topics: [topic], fromBeginning: true, handler: async (m) => void received.push(m) }));
      await waitFor(() => received.length >= 1, timeoutMs, 'the marker');
      expect(received.map((m) => m.id)).toEqual([marker.id]);
    });

    it('refuses to publish to a topic that was never created', { timeout: testTimeout }, async () => {
      const bus = await openBus();
      await expect(bus.publish(unique('missing'), [thing('case-1', 0)])).rejects.toBeInstanceOf(NotFoundError);
    });

    it('sends a malformed record to <topic>.dlq with its reason, and goes on with the next', { timeout: testTimeout }, async () => {
      const bus = await openBus();
      const topic = unique('malformed');
      await bus.ensureTopics([{ name: topic, partitions: 1 }]);
      const good = (seq: number) => thing('case-1', seq);
      const headersOf = (m: IntegrationMessage) => ({
        'content-type': 'application/json',
        ce_id: m.id,
        ce_source: m.source,
        ce_type: m.type,
        ce_specversion: '1.0',
        ce_time: m.time,
      });
      const template = good(99);
      await bus.publish(topic, [good(0)]);
      await bus.publishRaw(topic, [{ key: 'case-1', value: '{not json', headers: headersOf(template) }]);
      await bus.publish(topic, [good(1)]);
      const { ce_type: _dropped, ...withoutType } = headersOf(template);
      await bus.publishRaw(topic, [
        { key: 'case-1', value: JSON.stringify({ key: 'case-1', seq: 5 }), headers: withoutType },
        { key: 'case-1', value: JSON.stringify({ key: 'case-1', seq: 'five' }), headers: headersOf(template) },
        { key: 'case-1', value: JSON.stringify({ key: 'case-1', seq: 5 }), headers: { ...headersOf(template), ce_type: 'xianjie.test.unknown.v1' } },
      ]);
      await bus.publish(topic, [good(2)]);

      const received: IntegrationMessage[] = [];
      const dead: DeadLetter[] = [];
      await started(bus.subscribe({ groupId: unique('g'), topics: [topic], fromBeginning: true, handler: async (m) => void received.push(m) }));
      await started(bus.subscribeDeadLetters({ groupId: unique('g-dlq'), topic, fromBeginning: true, handler: async (d) => void dead.push(d) }));
      await waitFor(() => received.length >= 3 && dead.length >= 4, timeoutMs, '3 good messages and 4 dead letters');
      expect(dataOf(received).map((d) => d.seq)).toEqual([0, 1, 2]);
      expect(dead.map((d) => d.reason)).toEqual([
        expect.stringMatching(/value: not JSON/),
        expect.stringMatching(/^invalid message: type: /),
        expect.stringMatching(/^invalid message: data\.seq: /),
        expect.stringMatching(/unknown message type "xianjie\.test\.unknown\.v1"/),
      ]);
      expect(dead.map((d) => d.originalOffset)).toEqual(['1', '3', '4', '5']);
      for (const letter of dead) {
        expect(letter.originalTopic).toBe(topic);
        expect(letter.originalPartition).toBe(0);
        expect(letter.raw.key).toBe('case-1');
      }
      expect(dead[0]?.raw.value).toBe('{not json');
      expect(dead[0]?.raw.headers.ce_id).toBe(template.id);
    });

    it('retries a failing handler with backoff, then dead-letters the message and goes on', { timeout: testTimeout }, async () => {
      const bus = await openBus();
      const topic = unique('failing');
      await bus.ensureTopics([{ name: topic, partitions: 1 }]);
      const flaky = thing('case-1', 0);
      const poison = thing('case-1', 1);
      const after = thing('case-1', 2);
      await bus.publish(topic, [flaky, poison, after]);
      const attempts = new Map<string, number[]>();
      const done: string[] = [];
      const dead: DeadLetter[] = [];
      await started(
        bus.subscribe({
          groupId: unique('g'),
          topics: [topic],
          fromBeginning: true,
          retry: { maxAttempts: 3, initialDelayMs: 20, maxDelayMs: 100 },
          handler: async (m, context) => {
            attempts.set(m.id, [...(attempts.get(m.id) ?? []), context.attempt]);
            if (m.id === poison.id) throw new Error('boom: the read model is gone');
            if (m.id === flaky.id && context.attempt < 3) throw new Error('transient');
            done.push(m.id);
          },
        }),
      );
      await started(bus.subscribeDeadLetters({ groupId: unique('g-dlq'), topic, fromBeginning: true, handler: async (d) => void dead.push(d) }));
      await waitFor(() => done.length >= 2 && dead.length >= 1, timeoutMs, 'two handled messages and one dead letter');
      expect(done).toEqual([flaky.id, after.id]);
      expect(attempts.get(flaky.id)).toEqual([1, 2, 3]);
      expect(attempts.get(poison.id)).toEqual([1, 2, 3]);
      expect(dead).toHaveLength(1);
      expect(dead[0]?.raw.headers.ce_id).toBe(poison.id);
      expect(dead[0]?.reason).toMatch(/handler failed 3 times; last error: Error: boom: the read model is gone/);
      expect(dead[0]?.originalOffset).toBe('1');
    });

    it('has one effect for a message delivered twice, through the inbox', { timeout: testTimeout }, async () => {
      const bus = await openBus();
      const sql = await createPgliteClient();
      cleanups.push(() => sql.close());
      const schema = `inbox_${run}_${counter}`;
      const inbox = createInbox({ sql, schema, consumer: 'police.case-registered' });
      await inbox.migrate();
      await sql.exec(`CREATE TABLE ${schema}.effects (message_id text, seq int)`);
      const topic = unique('redelivery');
      await bus.ensureTopics([topic]);
      const once = thing('case-1', 0);
      const other = thing('case-2', 0);
      // The relay replaying after a crash sends the same message (same id) again.
      await bus.publish(topic, [once, other]);
      await bus.publish(topic, [once]);
      const outcomes: Array<{ id: string; applied: boolean }> = [];
      await started(
        bus.subscribe({
          groupId: unique('g'),
          topics: [topic],
          fromBeginning: true,
          handler: async (m) => {
            const { applied } = await inbox.handleOnce(m.id, async (tx) => {
              await tx.query(`INSERT INTO ${schema}.effects VALUES ($1, $2)`, [m.id, (m.data as Thing).seq]);
            });
            outcomes.push({ id: m.id, applied });
          },
        }),
      );
      await waitFor(() => outcomes.length >= 3, timeoutMs, '3 deliveries');
      const { rows } = await sql.query<{ message_id: string }>(`SELECT message_id FROM ${schema}.effects ORDER BY message_id`);
      expect(rows.map((r) => r.message_id)).toEqual([once.id, other.id].sort());
      expect(outcomes.filter((o) => o.id === once.id).map((o) => o.applied).sort()).toEqual([false, true]);
      expect(await inbox.has(once.id)).toBe(true);
    });
  });
};
