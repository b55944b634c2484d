/**
 * The one contract every EventStore adapter passes. An adapter's spec file calls
 * `eventStoreContract(name, factory)`; each test gets a fresh store from the factory.
 * Stream ids carry a per-test random prefix, so the suite also runs against a shared server
 * (EventStoreDB cannot be isolated per test like a PostgreSQL schema).
 */
import { randomUUID } from 'node:crypto';
import { ConcurrencyError } from '@xianjie/contracts/errors';
import { afterEach, describe, expect, it } from 'vitest';
import type { EventMetadata, EventStore, NewEvent, RecordedEvent } from '../eventStore.ts';
import { hashEvent } from '../hashChain.ts';

export interface EventStoreContractSubject {
  store: EventStore;
  /** Overwrites the stored data of one event behind the store's back (to prove tampering is detected). */
  tamper?: (streamId: string, version: number, newData: Record<string, unknown>) => Promise<void>;
  /** A second store instance over the same data (another process, in effect), closed by the test. */
  openAnother?: () => Promise<EventStore>;
  cleanup(): Promise<void>;
}

export interface EventStoreContractOptions {
  /** When set, the suite is registered as skipped, with this reason in its name. */
  skip?: string;
  /** Per-test timeout (default 30 s). */
  timeout?: number;
}

const actor = { userId: 'user-1', name: '李四', agencyId: 'amr-330102', roles: ['officer'] };

const metadata = (
  occurredAt = '2024-03-01T10:00:00+08:00',
  extra: Partial<EventMetadata> = {},
): EventMetadata => ({
  actor,
  occurredAt,
  correlationId: 'corr-1',
  causationId: null,
  ...extra,
});

const event = (type: string, data: Record<string, unknown> = {}, occurredAt?: string): NewEvent => ({
  type,
  data,
  metadata: metadata(occurredAt),
});

const until = async (condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

const conflictOf = async (promise: Promise<unknown>): Promise<ConcurrencyError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConcurrencyError);
  return error as ConcurrencyError;
};

const key = (e: RecordedEvent) => `${e.streamId}@${e.version}`;

/**
 * Waits until readAll shows `count` events under the prefixes. A PostgreSQL store holds events back
 * while any older transaction in the cluster is still open, so a busy shared server may need a moment.
 */
const settled = async (store: EventStore, streamPrefixes: string[], count: number) => {
  await until(
    async () => (await store.readAll({ streamPrefixes })).events.length >= count,
    `${count} events in readAll`,
  );
};

export const eventStoreContract = (
  name: string,
  factory: () => Promise<EventStoreContractSubject>,
  options: EventStoreContractOptions = {},
): void => {
  const title = options.skip
    ? `${name} event store contract (SKIPPED: ${options.skip})`
    : `${name} event store contract`;

  describe.skipIf(Boolean(options.skip))(title, { timeout: options.timeout ?? 30_000 }, () => {
    let subject: EventStoreContractSubject | undefined;
    let prefix = '';
    const open = async () => {
      subject = await factory();
      return subject.store;
    };

    afterEach(async () => {
      prefix = '';
      const current = subject;
      subject = undefined;
      if (current) await current.cleanup();
    });

    /** A stream id unique to this test run. */
    const stream = (name: string) => {
      prefix ||= `t${randomUUID().slice(0, 8)}-`;
      return `${prefix}${name}`;
    };

    describe('append and read', () => {
      it('appends events with 1-based versions and reads them back as recorded', async () => {
        const store = await open();
        const id = stream('case-1');
        const first = await store.appendToStream(id, [event('CaseRegistered', { summary: '无证配制' })]);
        const second = await store.appendToStream(id, [
          event('CaseFiled', { approvedBy: 'user-2' }),
          event('EvidenceRecorded', { items: [1, 2, { nested: true }] }),
        ]);
        expect(first).toMatchObject({ streamId: id, nextExpectedVersion: 1, duplicate: false });
        expect(second.nextExpectedVersion).toBe(3);
        expect(second.events.map((e) => e.version)).toEqual([2, 3]);

        const read = await store.readStream(id);
        expect(read.map((e) => [e.version, e.type])).toEqual([
          [1, 'CaseRegistered'],
          [2, 'CaseFiled'],
          [3, 'EvidenceRecorded'],
        ]);
        expect(read[2]?.data).toEqual({ items: [1, 2, { nested: true }] });
        expect(read[0]?.metadata).toEqual(metadata());
        expect(read).toEqual([...first.events, ...second.events]);
        for (const e of read) {
          expect(e.streamId).toBe(id);
          expect(typeof e.globalPosition).toBe('bigint');
          expect(typeof e.checkpoint).toBe('string');
          expect(e.hash).toMatch(/^[0-9a-f]{64}$/);
          expect(e.hashAlgorithm).toBe(store.hashAlgorithm);
          expect(Number.isNaN(Date.parse(e.recordedAt))).toBe(false);
        }
        expect(read[1]!.globalPosition > read[0]!.globalPosition).toBe(true);
        expect(await store.streamVersion(id)).toBe(3);
      });

      it('reads an unknown stream as empty, at version 0', async () => {
        const store = await open();
        expect(await store.readStream(stream('case-none'))).toEqual([]);
        expect(await store.streamVersion(stream('case-none'))).toBe(0);
      });
    });

    describe('expected version', () => {
      it('no_stream and 0 accept a new stream and reject an existing one with the real version', async () => {
        const store = await open();
        const a = stream('case-a');
        const b = stream('case-b');
        await store.appendToStream(a, [event('A1')], { expectedVersion: 'no_stream' });
        await store.appendToStream(b, [event('B1')], { expectedVersion: 0 });
        await store.appendToStream(b, [event('B2')]);

        const noStream = await conflictOf(
          store.appendToStream(a, [event('A2')], { expectedVersion: 'no_stream' }),
        );
        expect(noStream).toMatchObject({ streamId: a, expected: 'no_stream', actual: 1, code: 'CONFLICT' });
        const zero = await conflictOf(store.appendToStream(b, [event('B3')], { expectedVersion: 0 }));
        expect(zero).toMatchObject({ streamId: b, expected: 0, actual: 2 });
      });

      it('stream_exists rejects a missing stream (actual 0) and accepts an existing one', async () => {
        const store = await open();
        const id = stream('case-1');
        const error = await conflictOf(
          store.appendToStream(id, [event('X')], { expectedVersion: 'stream_exists' }),
        );
        expect(error).toMatchObject({ expected: 'stream_exists', actual: 0 });
        expect(await store.streamVersion(id)).toBe(0);
        await store.appendToStream(id, [event('A')]);
        const ok = await store.appendToStream(id, [event('B')], { expectedVersion: 'stream_exists' });
        expect(ok.nextExpectedVersion).toBe(2);
      });

      it('an exact version must match; a stale or future one fails, reports the actual version and appends nothing', async () => {
        const store = await open();
        const id = stream('case-1');
        await store.appendToStream(id, [event('A'), event('B')]);
        const ok = await store.appendToStream(id, [event('C')], { expectedVersion: 2 });
        expect(ok.nextExpectedVersion).toBe(3);

        const stale = await conflictOf(
          store.appendToStream(id, [event('D'), event('E')], { expectedVersion: 2 }),
        );
        expect(stale).toMatchObject({ streamId: id, expected: 2, actual: 3 });
        expect(stale.details).toEqual({ streamId: id, expectedVersion: 2, actualVersion: 3 });
        const future = await conflictOf(store.appendToStream(id, [event('D')], { expectedVersion: 7 }));
        expect(future.actual).toBe(3);

        const read = await store.readStream(id);
        expect(read.map((e) => e.type)).toEqual(['A', 'B', 'C']);
        expect(await store.streamVersion(id)).toBe(3);
        // The store still appends correctly after the conflicts.
        expect(
          (await store.appendToStream(id, [event('D')], { expectedVersion: 3 })).nextExpectedVersion,
        ).toBe(4);
        expect((await store.verify(id)).valid).toBe(true);
      });

      it('any appends whatever the version', async () => {
        const store = await open();
        const id = stream('case-1');
        await store.appendToStream(id, [event('A')], { expectedVersion: 'any' });
        const result = await store.appendToStream(id, [event('B')], { expectedVersion: 'any' });
        expect(result.nextExpectedVersion).toBe(2);
      });

      it('sees appends made through another store instance (no stale cache)', async (context) => {
        const store = await open();
        if (!subject?.openAnother) {
          console.warn(`[${name}] second-instance test skipped: the factory provides no openAnother()`);
          return context.skip();
        }
        const id = stream('case-1');
        await store.appendToStream(id, [event('A')]);
        await store.readStream(id);
        const second = await subject.openAnother();
        try {
          await second.appendToStream(id, [event('B')], { expectedVersion: 1 });
          const stale = await conflictOf(store.appendToStream(id, [event('C')], { expectedVersion: 1 }));
          expect(stale.actual).toBe(2);
          const ok = await store.appendToStream(id, [event('C')], { expectedVersion: 'any' });
          expect(ok.nextExpectedVersion).toBe(3);
          expect((await store.verify(id)).valid).toBe(true);
        } finally {
          await second.close();
        }
      });
    });

    describe('idempotent commands', () => {
      it('a retried commandId appends nothing and returns the first result', async () => {
        const store = await open();
        const id = stream('case-1');
        const commandId = randomUUID();
        const first = await store.appendToStream(id, [event('A'), event('B')], {
          commandId,
          expectedVersion: 'no_stream',
        });
        expect(first.duplicate).toBe(false);
        // The retry carries the expected version of the first attempt, which is stale by now.
        const retry = await store.appendToStream(id, [event('A'), event('B')], {
          commandId,
          expectedVersion: 'no_stream',
        });
        expect(retry.duplicate).toBe(true);
        expect(retry.nextExpectedVersion).toBe(2);
        expect(retry.events.map((e) => [e.version, e.hash, e.globalPosition])).toEqual(
          first.events.map((e) => [e.version, e.hash, e.globalPosition]),
        );
        const again = await store.appendToStream(id, [event('A')], { commandId, expectedVersion: 'any' });
        expect(again.duplicate).toBe(true);
        expect(await store.streamVersion(id)).toBe(2);

        const other = await store.appendToStream(id, [event('C')], { commandId: randomUUID() });
        expect(other).toMatchObject({ duplicate: false, nextExpectedVersion: 3 });
      });

      it('concurrent attempts of one command append once', async () => {
        const store = await open();
        const id = stream('case-1');
        const commandId = randomUUID();
        const results = await Promise.all(
          Array.from({ length: 6 }, () =>
            store.appendToStream(id, [event('A')], { commandId, expectedVersion: 'any' }),
          ),
        );
        expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
        expect(new Set(results.map((r) => r.events[0]?.hash)).size).toBe(1);
        expect(await store.streamVersion(id)).toBe(1);
      });
    });

    describe('readStream ranges and time travel', () => {
      it('reads from/to a version', async () => {
        const store = await open();
        const id = stream('case-1');
        await store.appendToStream(
          id,
          ['A', 'B', 'C', 'D', 'E'].map((t) => event(t)),
        );
        const types = (events: RecordedEvent[]) => events.map((e) => e.type);
        expect(types(await store.readStream(id, { fromVersion: 2 }))).toEqual(['B', 'C', 'D', 'E']);
        expect(types(await store.readStream(id, { toVersion: 2 }))).toEqual(['A', 'B']);
        expect(types(await store.readStream(id, { fromVersion: 2, toVersion: 4 }))).toEqual(['B', 'C', 'D']);
        expect(await store.readStream(id, { fromVersion: 6 })).toEqual([]);
      });

      it('until compares occurredAt as instants, whatever their offsets', async () => {
        const store = await open();
        const id = stream('case-1');
        await store.appendToStream(id, [
          event('A', {}, '2024-03-01T09:00:00+08:00'), // 01:00Z
          event('B', {}, '2024-03-01T17:30:00+08:00'), // 09:30Z: a string comparison would drop it
          event('C', {}, '2024-03-01T09:00:00-02:00'), // 11:00Z: a string comparison would keep it
          event('D', {}, '2024-03-01T10:00:00Z'), // exactly `until`: kept
        ]);
        const asOf = await store.readStream(id, { until: '2024-03-01T10:00:00Z' });
        expect(asOf.map((e) => e.type)).toEqual(['A', 'B', 'D']);
        const earlier = await store.readStream(id, { until: '2024-03-01T08:00:00+08:00' });
        expect(earlier).toEqual([]);
      });
    });

    describe('readAll', () => {
      it('returns events in commit order, filtered by stream prefix, resumable from a checkpoint', async () => {
        const store = await open();
        await store.appendToStream(stream('case-1'), [event('C1a')]);
        await store.appendToStream(stream('transfer-1'), [event('T1a')]);
        await store.appendToStream(stream('case-2'), [event('C2a'), event('C2b')]);
        await store.appendToStream(stream('case-1'), [event('C1b')]);
        await store.appendToStream(stream('operation-1'), [event('O1a')]);
        await settled(store, [stream('')], 6);

        const cases = await store.readAll({ streamPrefixes: [stream('case-')] });
        expect(cases.events.map((e) => e.type)).toEqual(['C1a', 'C2a', 'C2b', 'C1b']);
        expect(cases.isEnd).toBe(true);

        const two = await store.readAll({ streamPrefixes: [stream('case-'), stream('transfer-')] });
        expect(two.events.map((e) => e.type)).toEqual(['C1a', 'T1a', 'C2a', 'C2b', 'C1b']);

        const page1 = await store.readAll({ streamPrefixes: [stream('')], limit: 2 });
        expect(page1.events.map((e) => e.type)).toEqual(['C1a', 'T1a']);
        expect(page1.isEnd).toBe(false);
        expect(page1.checkpoint).toBe(page1.events[1]?.checkpoint);
        const page2 = await store.readAll({
          streamPrefixes: [stream('')],
          limit: 3,
          after: page1.checkpoint,
        });
        expect(page2.events.map((e) => e.type)).toEqual(['C2a', 'C2b', 'C1b']);
        const page3 = await store.readAll({ streamPrefixes: [stream('')], after: page2.checkpoint });
        expect(page3.events.map((e) => e.type)).toEqual(['O1a']);
        expect(page3.isEnd).toBe(true);
        const empty = await store.readAll({ streamPrefixes: [stream('')], after: page3.checkpoint });
        expect(empty).toEqual({ events: [], checkpoint: page3.checkpoint, isEnd: true });

        // The events carry their own checkpoints: resuming after one skips exactly up to it.
        const fromEvent = await store.readAll({
          streamPrefixes: [stream('case-')],
          after: cases.events[1]!.checkpoint,
        });
        expect(fromEvent.events.map((e) => e.type)).toEqual(['C2b', 'C1b']);
      });

      it('treats prefix characters literally', async () => {
        const store = await open();
        await store.appendToStream(stream('case_1'), [event('underscore')]);
        await store.appendToStream(stream('caseX1'), [event('letter')]);
        await settled(store, [stream('')], 2);
        const read = await store.readAll({ streamPrefixes: [stream('case_')] });
        expect(read.events.map((e) => e.type)).toEqual(['underscore']);
      });

      it('many concurrent writers on different streams: every event visible exactly once', async () => {
        const store = await open();
        const writers = 8;
        const appendsPerWriter = 12;
        const seen = new Map<string, number>();
        let checkpoint: string | null = null;
        let writing = true;
        const readPage = async () => {
          const page = await store.readAll({ streamPrefixes: [stream('')], after: checkpoint, limit: 7 });
          for (const e of page.events) seen.set(key(e), (seen.get(key(e)) ?? 0) + 1);
          checkpoint = page.checkpoint;
          return page;
        };
        const reader = (async () => {
          while (writing) {
            await readPage();
            await new Promise((resolve) => setTimeout(resolve, 2));
          }
        })();
        await Promise.all(
          Array.from({ length: writers }, async (_, w) => {
            for (let i = 0; i < appendsPerWriter; i += 1) {
              await store.appendToStream(stream(`case-w${w}`), [event('Step', { w, i })], {
                expectedVersion: i,
              });
            }
          }),
        );
        writing = false;
        await reader;
        // Drain what the reader has not reached yet (a transaction elsewhere may briefly hold events back).
        const deadline = Date.now() + 10_000;
        while (seen.size < writers * appendsPerWriter && Date.now() < deadline) {
          const page = await readPage();
          if (page.isEnd) await new Promise((resolve) => setTimeout(resolve, 20));
        }
        expect((await readPage()).events).toEqual([]);
        expect(seen.size).toBe(writers * appendsPerWriter);
        expect([...seen.values()].every((count) => count === 1)).toBe(true);
      });
    });

    describe('subscriptions', () => {
      it('catches up, goes live, and resumes after stop from the stored checkpoint', async () => {
        const store = await open();
        const id = stream('case-1');
        await store.appendToStream(id, [event('A'), event('B'), event('C')]);
        await store.appendToStream(stream('transfer-1'), [event('Other')]);
        await settled(store, [stream('')], 4);
        const subscriptionId = `projector-${prefix}`;
        const received: string[] = [];
        const options = {
          subscriptionId,
          streamPrefixes: [stream('case-')],
          batchSize: 2,
          pollIntervalMs: 50,
          handler: async (events: RecordedEvent[]) => {
            received.push(...events.map((e) => e.type));
          },
        };
        const first = store.subscribe(options);
        await first.caughtUp;
        expect(received).toEqual(['A', 'B', 'C']);

        await store.appendToStream(id, [event('D')]);
        await store.appendToStream(stream('case-2'), [event('E')]);
        await until(() => received.length === 5, 'live events');
        expect(received).toEqual(['A', 'B', 'C', 'D', 'E']);
        await first.stop();

        await store.appendToStream(id, [event('F')]);
        await settled(store, [stream('case-')], 6);
        const resumed: string[] = [];
        const second = store.subscribe({
          ...options,
          handler: async (events) => void resumed.push(...events.map((e) => e.type)),
        });
        await second.caughtUp;
        await second.stop();
        expect(resumed).toEqual(['F']);
      });

      it('retries a failed batch with backoff and never skips it', async () => {
        const store = await open();
        const id = stream('case-1');
        await store.appendToStream(id, [event('A'), event('B')]);
        await settled(store, [stream('case-')], 2);
        const received: string[] = [];
        const errors: unknown[] = [];
        let failures = 2;
        const subscription = store.subscribe({
          subscriptionId: `flaky-${prefix}`,
          streamPrefixes: [stream('case-')],
          pollIntervalMs: 50,
          onError: (error) => errors.push(error),
          handler: async (events) => {
            if (failures > 0) {
              failures -= 1;
              throw new Error('read model unavailable');
            }
            received.push(...events.map((e) => e.type));
          },
        });
        await subscription.caughtUp;
        await store.appendToStream(id, [event('C')]);
        await until(() => received.length === 3, 'the retried batch and the live event');
        await subscription.stop();
        expect(received).toEqual(['A', 'B', 'C']);
        expect(errors).toHaveLength(2);
        expect((errors[0] as Error).message).toBe('read model unavailable');
      });
    });

    describe('hash chain', () => {
      it('chains every event to the previous one of its stream and verifies', async () => {
        const store = await open();
        const id = stream('case-1');
        await store.appendToStream(id, [event('A', { n: 1 })]);
        await store.appendToStream(id, [event('B', { n: 2, text: '移送' }), event('C', { n: 3 })]);
        const events = await store.readStream(id);
        expect(events[0]?.prevHash).toBeNull();
        expect(events[1]?.prevHash).toBe(events[0]?.hash);
        expect(events[2]?.prevHash).toBe(events[1]?.hash);
        for (const e of events) expect(hashEvent(e, e.hashAlgorithm)).toBe(e.hash);
        expect(await store.verify(id)).toEqual({ streamId: id, valid: true, checked: 3, brokenAt: null });
        expect(await store.verify(stream('case-none'))).toMatchObject({
          valid: true,
          checked: 0,
          brokenAt: null,
        });
      });

      it('detects a tampered event at its exact version', async (context) => {
        const store = await open();
        const tamper = subject?.tamper;
        if (!tamper) {
          console.warn(`[${name}] tamper test skipped: this adapter's storage cannot be altered from a test`);
          return context.skip();
        }
        const id = stream('case-1');
        await store.appendToStream(
          id,
          ['A', 'B', 'C', 'D'].map((t, n) => event(t, { n })),
        );
        await tamper(id, 3, { n: 30 });
        const verification = await store.verify(id);
        expect(verification).toMatchObject({ streamId: id, valid: false, brokenAt: 3 });
        expect(verification.reason).toMatch(/altered|hash/);
      });
    });

    describe('concurrency', () => {
      it('concurrent appends at the same expected version: exactly one wins', async () => {
        const store = await open();
        const id = stream('case-1');
        const attempts = await Promise.allSettled(
          Array.from({ length: 8 }, (_, i) =>
            store.appendToStream(id, [event('Attempt', { i })], { expectedVersion: 0 }),
          ),
        );
        const won = attempts.filter((a) => a.status === 'fulfilled');
        const lost = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(7);
        for (const failure of lost)
          expect(failure.reason).toMatchObject({ name: 'ConcurrencyError', actual: 1 });
        expect(await store.streamVersion(id)).toBe(1);
      });

      it('concurrent appends with any: each version taken once and the chain stays valid', async () => {
        const store = await open();
        const id = stream('case-1');
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) =>
            store.appendToStream(id, [event('Step', { i })], { expectedVersion: 'any' }),
          ),
        );
        expect(results.map((r) => r.nextExpectedVersion).sort((a, b) => a - b)).toEqual([
          1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
        ]);
        const read = await store.readStream(id);
        expect(read.map((e) => e.version)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
        expect((await store.verify(id)).valid).toBe(true);
      });
    });
  });
};
