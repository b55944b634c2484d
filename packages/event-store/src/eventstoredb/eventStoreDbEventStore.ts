/**
 * EventStore on EventStoreDB/KurrentDB (gRPC client 6.x).
 *
 * - Versions are 1-based here and 0-based revisions there (version = revision + 1).
 * - The hash chain is computed client side and kept in each event's metadata
 *   (`{ eventMetadata, chain: { hash, prevHash, hashAlgorithm } }`); to link correctly every append
 *   goes in with the exact revision it hashed onto, whatever the caller's expected version, and a
 *   lost race re-reads the head and decides again.
 * - commandId: event ids are uuid v5 of `commandId:index`, and the target stream is searched for
 *   the first of them before appending. Idempotency is therefore per stream (a command appends to
 *   one stream), not store-wide as in the SQL adapter.
 * - readAll reads $all and filters client side (this client's readAll has no server-side filter);
 *   system events and events not written by this adapter are skipped. Checkpoint = "commit:prepare".
 * - Subscription checkpoints live in one stream per subscription (`xianjie-checkpoints-<id>`).
 */
import { randomUUID } from 'node:crypto';
import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  NO_STREAM,
  START,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import type { AllStreamResolvedEvent, JSONType, Position, ResolvedEvent } from '@eventstore/db-client';
import { ConcurrencyError, ValidationError } from '@xianjie/contracts/errors';
import type {
  AppendOptions,
  AppendResult,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  HashAlgorithm,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  Subscription,
} from '../eventStore.ts';
import { assertExpectedVersion, expectedVersionMatches } from '../expectedVersion.ts';
import {
  assertHashAlgorithm,
  canonicalHashInput,
  canonicalJson,
  hashCanonical,
  verifyChain,
} from '../hashChain.ts';
import { createAppendSignal, startSubscription } from '../subscriptionLoop.ts';
import { uuidV5 } from './uuidV5.ts';

export interface EventStoreDbEventStoreOptions {
  /** e.g. `esdb://localhost:2113?tls=false` */
  connectionString: string;
  hashAlgorithm?: HashAlgorithm;
}

interface StoredMetadata {
  eventMetadata: EventMetadata;
  chain: { hash: string; prevHash: string | null; hashAlgorithm: HashAlgorithm };
  $correlationId?: string;
  $causationId?: string;
}

type EsdbRecorded = NonNullable<ResolvedEvent['event']>;

/** Namespace of the deterministic event ids derived from command ids. */
const COMMAND_EVENT_NAMESPACE = '8a4f6c2e-5d1b-4e7a-9c3f-2b6d8e0a1f47';
const MAX_APPEND_ATTEMPTS = 50;
const DEFAULT_READ_ALL_LIMIT = 1000;
const ALL_PAGE_SIZE = 500;
const CHECKPOINT_STREAM = (subscriptionId: string) => `xianjie-checkpoints-${subscriptionId}`;

export const createEventStoreDbEventStore = (options: EventStoreDbEventStoreOptions): EventStore => {
  const hashAlgorithm = options.hashAlgorithm ?? 'sm3';
  assertHashAlgorithm(hashAlgorithm);
  const client = EventStoreDBClient.connectionString(options.connectionString);
  const signal = createAppendSignal();
  const subscriptions = new Set<Subscription>();

  const toRecorded = (event: EsdbRecorded | undefined): RecordedEvent | null => {
    if (!event || !event.isJson || event.streamId.startsWith('$') || event.type.startsWith('$')) return null;
    const stored = event.metadata as unknown as StoredMetadata | undefined;
    if (!stored?.chain || !stored.eventMetadata) return null; // not written by this adapter
    const position = event.position;
    return {
      streamId: event.streamId,
      version: Number(event.revision) + 1,
      globalPosition: position?.commit ?? -1n,
      checkpoint: position ? `${position.commit}:${position.prepare}` : '',
      type: event.type,
      data: event.data as Record<string, unknown>,
      metadata: stored.eventMetadata,
      hash: stored.chain.hash,
      prevHash: stored.chain.prevHash,
      hashAlgorithm: stored.chain.hashAlgorithm,
      recordedAt: event.created.toISOString(),
    };
  };

  /** Reads a stream's events (EventStoreDB revisions from..to), [] when the stream does not exist. */
  const readRevisions = async (
    streamId: string,
    from: bigint | typeof START | typeof END,
    maxCount: number | bigint,
    direction: typeof FORWARDS | typeof BACKWARDS = FORWARDS,
  ): Promise<EsdbRecorded[]> => {
    const out: EsdbRecorded[] = [];
    try {
      for await (const resolved of client.readStream(streamId, { fromRevision: from, maxCount, direction })) {
        if (resolved.event) out.push(resolved.event);
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw error;
    }
    return out;
  };

  const readHead = async (streamId: string) => {
    const [last] = await readRevisions(streamId, END, 1, BACKWARDS);
    if (!last) return { version: 0, hash: null as string | null };
    const stored = last.metadata as unknown as StoredMetadata | undefined;
    return { version: Number(last.revision) + 1, hash: stored?.chain?.hash ?? null };
  };

  const findCommand = async (streamId: string, commandId: string): Promise<AppendResult | null> => {
    const firstId = uuidV5(`${commandId}:0`, COMMAND_EVENT_NAMESPACE);
    const all = await readRevisions(streamId, START, Number.MAX_SAFE_INTEGER);
    const start = all.findIndex((e) => e.id === firstId);
    if (start < 0) return null;
    const events: RecordedEvent[] = [];
    for (let i = start; i < all.length; i += 1) {
      const event = all[i] as EsdbRecorded;
      if (event.id !== uuidV5(`${commandId}:${i - start}`, COMMAND_EVENT_NAMESPACE)) break;
      const recorded = toRecorded(event);
      if (recorded) events.push(recorded);
    }
    const last = events.at(-1);
    return last ? { streamId, nextExpectedVersion: last.version, events, duplicate: true } : null;
  };

  const appendToStream = async (
    streamId: string,
    events: NewEvent[],
    appendOptions: AppendOptions = {},
  ): Promise<AppendResult> => {
    const expected: ExpectedVersion = appendOptions.expectedVersion ?? 'any';
    const { commandId } = appendOptions;
    if (!streamId) throw new ValidationError([{ path: 'streamId', message: 'must not be empty' }]);
    assertExpectedVersion(expected);

    for (let attempt = 1; ; attempt += 1) {
      const head = await readHead(streamId);
      if (commandId) {
        const duplicate = await findCommand(streamId, commandId);
        if (duplicate) return duplicate;
      }
      if (!expectedVersionMatches(expected, head.version))
        throw new ConcurrencyError(streamId, expected, head.version);
      if (events.length === 0)
        return { streamId, nextExpectedVersion: head.version, events: [], duplicate: false };

      let prevHash = head.hash;
      const eventData = events.map((event, i) => {
        if (!event.type)
          throw new ValidationError([{ path: `events[${i}].type`, message: 'must not be empty' }]);
        const dataJson = canonicalJson(event.data ?? {});
        const metadataJson = canonicalJson(event.metadata);
        const version = head.version + i + 1;
        const hash = hashCanonical(
          canonicalHashInput(streamId, version, event.type, dataJson, metadataJson, prevHash),
          hashAlgorithm,
        );
        const eventMetadata = JSON.parse(metadataJson) as EventMetadata;
        const stored: StoredMetadata = {
          eventMetadata,
          chain: { hash, prevHash, hashAlgorithm },
          $correlationId: eventMetadata.correlationId,
          ...(eventMetadata.causationId ? { $causationId: eventMetadata.causationId } : {}),
        };
        prevHash = hash;
        return jsonEvent({
          id: commandId ? uuidV5(`${commandId}:${i}`, COMMAND_EVENT_NAMESPACE) : randomUUID(),
          type: event.type,
          data: JSON.parse(dataJson) as JSONType,
          metadata: stored as unknown as JSONType,
        });
      });

      try {
        await client.appendToStream(streamId, eventData, {
          expectedRevision: head.version === 0 ? NO_STREAM : BigInt(head.version - 1),
        });
      } catch (error) {
        // Someone appended since we read the head: read again and decide again.
        if (error instanceof WrongExpectedVersionError && attempt < MAX_APPEND_ATTEMPTS) continue;
        throw error;
      }
      signal.notify(streamId);
      const written = await readRevisions(streamId, BigInt(head.version), events.length);
      const recorded = written.map(toRecorded).filter((e): e is RecordedEvent => e !== null);
      return {
        streamId,
        nextExpectedVersion: head.version + events.length,
        events: recorded,
        duplicate: false,
      };
    }
  };

  const readStream = async (
    streamId: string,
    readOptions: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> => {
    const from = Math.max(readOptions.fromVersion ?? 1, 1);
    const to = readOptions.toVersion ?? Number.MAX_SAFE_INTEGER;
    if (to < from) return [];
    let untilMs: number | null = null;
    if (readOptions.until !== undefined) {
      untilMs = Date.parse(readOptions.until);
      if (Number.isNaN(untilMs))
        throw new ValidationError([{ path: 'until', message: 'must be an ISO-8601 date-time' }]);
    }
    const events = (
      await readRevisions(streamId, BigInt(from - 1), Math.min(to - from + 1, Number.MAX_SAFE_INTEGER))
    )
      .map(toRecorded)
      .filter((e): e is RecordedEvent => e !== null);
    // Compared as instants: occurredAt values carry different offsets.
    return untilMs === null
      ? events
      : events.filter((e) => Date.parse(e.metadata.occurredAt) <= (untilMs as number));
  };

  const readAll = async (readOptions: ReadAllOptions = {}): Promise<ReadAllResult> => {
    const after = readOptions.after ?? null;
    const afterPosition = after === null ? null : parseCheckpoint(after);
    const limit = readOptions.limit ?? DEFAULT_READ_ALL_LIMIT;
    if (!Number.isInteger(limit) || limit < 1)
      throw new ValidationError([{ path: 'limit', message: 'must be a positive integer' }]);
    const prefixes = readOptions.streamPrefixes?.length ? readOptions.streamPrefixes : null;
    const matched: RecordedEvent[] = [];
    let cursor: Position | typeof START = afterPosition ?? START;
    // Reading from a position includes the event at it: skip everything up to the floor.
    let floor: Position | null = afterPosition;
    let exhausted = false;
    while (matched.length <= limit && !exhausted) {
      let read = 0;
      let last: Position | undefined;
      for await (const resolved of client.readAll({
        fromPosition: cursor,
        maxCount: ALL_PAGE_SIZE,
        direction: FORWARDS,
      })) {
        read += 1;
        const event = (resolved as AllStreamResolvedEvent).event;
        if (!event) continue;
        last = event.position;
        if (floor && comparePositions(event.position, floor) <= 0) continue;
        const recorded = toRecorded(event);
        if (!recorded || (prefixes && !prefixes.some((p) => recorded.streamId.startsWith(p)))) continue;
        matched.push(recorded);
      }
      exhausted = read < ALL_PAGE_SIZE || !last;
      if (last) cursor = floor = last;
    }
    const isEnd = matched.length <= limit;
    const events = isEnd ? matched : matched.slice(0, limit);
    return { events, checkpoint: events.at(-1)?.checkpoint ?? after, isEnd };
  };

  return {
    kind: 'eventstoredb',
    hashAlgorithm,
    appendToStream,
    readStream,
    async streamVersion(streamId) {
      return (await readHead(streamId)).version;
    },
    readAll,
    subscribe(subscriptionOptions) {
      const subscription = startSubscription(
        {
          readAll,
          async loadCheckpoint(subscriptionId) {
            const [last] = await readRevisions(CHECKPOINT_STREAM(subscriptionId), END, 1, BACKWARDS);
            return ((last?.data as { checkpoint?: string } | undefined)?.checkpoint ?? null) || null;
          },
          async saveCheckpoint(subscriptionId, checkpoint) {
            const stream = CHECKPOINT_STREAM(subscriptionId);
            const result = await client.appendToStream(
              stream,
              jsonEvent({ type: 'CheckpointStored', data: { checkpoint } }),
            );
            // Only the latest checkpoint matters; let the server scavenge the rest.
            if (result.nextExpectedRevision === 0n) await client.setStreamMetadata(stream, { maxCount: 5 });
          },
        },
        signal,
        subscriptionOptions,
      );
      subscriptions.add(subscription);
      return {
        caughtUp: subscription.caughtUp,
        async stop() {
          subscriptions.delete(subscription);
          await subscription.stop();
        },
      };
    },
    async verify(streamId) {
      return verifyChain(streamId, await readStream(streamId));
    },
    onAppended: (listener) => signal.listen(listener),
    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      subscriptions.clear();
      await client.dispose();
    },
  };
};

const parseCheckpoint = (checkpoint: string): Position => {
  const match = /^(\d+):(\d+)$/.exec(checkpoint);
  if (!match)
    throw new ValidationError([
      { path: 'after', message: `not a checkpoint of this store: "${checkpoint}"` },
    ]);
  return { commit: BigInt(match[1] as string), prepare: BigInt(match[2] as string) };
};

const comparePositions = (a: Position | undefined, b: Position): number => {
  if (!a) return -1;
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  return a.prepare === b.prepare ? 0 : a.prepare < b.prepare ? -1 : 1;
};
