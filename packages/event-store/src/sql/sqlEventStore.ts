/**
 * EventStore on PostgreSQL SQL, the same statements for PGlite (embedded) and a PostgreSQL server.
 *
 * - One append = one SQL statement (plus a head lookup the first time a stream is seen): the
 *   store caches each stream's last version and hash, and the unique (stream_id, version)
 *   constraint proves the cache right or wrong. A violation reloads the head and re-checks.
 * - Idempotency: the commands row (primary key command_id) is inserted by the same statement as
 *   the events, which only insert when the command row did; a retry therefore appends nothing.
 * - readAll orders by (transaction_id, global_position) and only returns rows of transactions older
 *   than every transaction still running, so a reader never skips an event whose transaction
 *   commits after a later-numbered one (bigserial positions are taken before commit).
 */
import { ConcurrencyError, ValidationError } from '@xianjie/contracts/errors';
import type {
  AppendOptions,
  AppendResult,
  ChainVerification,
  EventMetadata,
  EventStore,
  ExpectedVersion,
  HashAlgorithm,
  NewEvent,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  RecordedEvent,
  StreamHead as AnchoredHead,
  Subscription,
  SubscriptionOptions,
} from '../eventStore.ts';
import {
  assertHashAlgorithm,
  canonicalHashInput,
  canonicalJson,
  hashCanonical,
  verifyChain,
} from '../hashChain.ts';
import { createAppendSignal, startSubscription } from '../subscriptionLoop.ts';
import type { SqlClient } from './sqlClient.ts';
import { assertExpectedVersion, expectedVersionMatches } from '../expectedVersion.ts';

export interface SqlEventStoreOptions {
  client: SqlClient;
  /** Schema holding the tables (default `xianjie`); lower-case letters, digits and `_`. */
  schema?: string;
  hashAlgorithm?: HashAlgorithm;
  /** Close the client when the store is closed (default false: the caller owns it). */
  ownsClient?: boolean;
  /** How many streams' last version and hash to keep in memory (default 10 000). */
  streamCacheSize?: number;
}

export interface SqlEventStore extends EventStore {
  readonly kind: 'pglite' | 'postgres';
  readonly schema: string;
  /** Creates the schema and tables when missing; safe to run at every start and concurrently. */
  migrate(): Promise<void>;
  streamHeads(): Promise<AnchoredHead[]>;
}

interface EventRow {
  global_position: bigint | string | number;
  transaction_id: string;
  stream_id: string;
  version: number;
  type: string;
  data: Record<string, unknown>;
  metadata: EventMetadata;
  hash: string;
  prev_hash: string | null;
  hash_algorithm: HashAlgorithm;
  recorded_at: Date | string;
}

interface InsertedRow {
  position: string;
  txid: string;
  version: number;
  recordedAt: string;
}

/** The append returns one text column per event (one field to describe and parse: measurably cheaper in pg). */
const parseInserted = ({ r }: { r: string }): InsertedRow => {
  const [position, txid, version, recordedAt] = r.split('|') as [string, string, string, string];
  return { position, txid, version: Number(version), recordedAt };
};

interface StreamHead {
  version: number;
  hash: string | null;
}

const EMPTY_HEAD: StreamHead = { version: 0, hash: null };
const MAX_APPEND_ATTEMPTS = 50;
const PREPARE = { prepare: true } as const;
const DEFAULT_READ_ALL_LIMIT = 1000;
// ISO-8601 in UTC with milliseconds, formatted by the database (cheaper than parsing a timestamptz in JS).
const RECORDED_AT = `to_char(recorded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS recorded_at`;
const eventColumns = (alias = '') =>
  [
    'global_position',
    'transaction_id::text AS transaction_id',
    'stream_id',
    'version',
    'type',
    'data',
    'metadata',
    'hash',
    'prev_hash',
    'hash_algorithm',
    RECORDED_AT,
  ]
    .map((column) =>
      column === RECORDED_AT ? RECORDED_AT.replace('(recorded_at', `(${alias}recorded_at`) : alias + column,
    )
    .join(', ');
const EVENT_COLUMNS = eventColumns();

export const createSqlEventStore = (options: SqlEventStoreOptions): SqlEventStore => {
  const { client } = options;
  const schema = options.schema ?? 'xianjie';
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new ValidationError([{ path: 'schema', message: `invalid schema name "${schema}"` }]);
  }
  const hashAlgorithm = options.hashAlgorithm ?? 'sm3';
  assertHashAlgorithm(hashAlgorithm);
  const s = `"${schema}"`;
  const cacheSize = options.streamCacheSize ?? 10_000;
  const heads = new Map<string, StreamHead>();
  const signal = createAppendSignal();
  const subscriptions = new Set<Subscription>();

  const remember = (streamId: string, head: StreamHead) => {
    const known = heads.get(streamId);
    if (known && known.version > head.version) return;
    heads.delete(streamId);
    heads.set(streamId, head);
    if (heads.size > cacheSize) heads.delete(heads.keys().next().value as string);
  };

  const loadHead = async (streamId: string): Promise<StreamHead> => {
    const { rows } = await client.query<{ version: number; hash: string }>(
      `SELECT version, hash FROM ${s}.events WHERE stream_id = $1 ORDER BY version DESC LIMIT 1`,
      [streamId],
    );
    const head = rows[0] ? { version: rows[0].version, hash: rows[0].hash } : EMPTY_HEAD;
    heads.delete(streamId);
    remember(streamId, head);
    return head;
  };

  const toRecorded = (row: EventRow): RecordedEvent => ({
    streamId: row.stream_id,
    version: row.version,
    globalPosition: BigInt(row.global_position),
    checkpoint: `${row.transaction_id}:${row.global_position}`,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    hash: row.hash,
    prevHash: row.prev_hash,
    hashAlgorithm: row.hash_algorithm,
    recordedAt: toIso(row.recorded_at),
  });

  const findCommand = async (commandId: string): Promise<AppendResult | null> => {
    const { rows } = await client.query<EventRow>(
      `SELECT ${eventColumns('e.')}
         FROM ${s}.commands c
         JOIN ${s}.events e ON e.stream_id = c.stream_id AND e.version BETWEEN c.first_version AND c.last_version
        WHERE c.command_id = $1
        ORDER BY e.version`,
      [commandId],
    );
    const last = rows.at(-1);
    if (!last) return null;
    return {
      streamId: last.stream_id,
      nextExpectedVersion: last.version,
      events: rows.map(toRecorded),
      duplicate: true,
    };
  };

  const insertSql: [string[], string[]] = [[], []];
  /** One statement per (event count, with/without command): events only insert if the command row did. */
  const appendStatement = (count: number, withCommand: boolean): string => {
    const cached = insertSql[withCommand ? 1 : 0][count];
    if (cached) return cached;
    const first = withCommand ? 6 : 3;
    const tuples = Array.from({ length: count }, (_, i) => {
      const p = first + i * 6;
      return `($${p}::int, $${p + 1}::text, $${p + 2}::jsonb, $${p + 3}::jsonb, $${p + 4}::text, $${p + 5}::text)`;
    }).join(', ');
    const columns = 'stream_id, version, type, data, metadata, hash, prev_hash, hash_algorithm';
    const returning = `RETURNING concat_ws('|', global_position, transaction_id, version, ${RECORDED_AT.replace(' AS recorded_at', '')}) AS r`;
    const sql = withCommand
      ? `WITH cmd AS (
           INSERT INTO ${s}.commands (command_id, stream_id, first_version, last_version)
           VALUES ($3::text, $1::text, $4::int, $5::int)
           ON CONFLICT (command_id) DO NOTHING
           RETURNING 1
         )
         INSERT INTO ${s}.events (${columns})
         SELECT $1::text, v.version, v.type, v.data, v.metadata, v.hash, v.prev_hash, $2::text
           FROM (VALUES ${tuples}) AS v (version, type, data, metadata, hash, prev_hash)
          WHERE EXISTS (SELECT 1 FROM cmd)
         ${returning}`
      : `INSERT INTO ${s}.events (${columns})
         SELECT $1::text, v.version, v.type, v.data, v.metadata, v.hash, v.prev_hash, $2::text
           FROM (VALUES ${tuples}) AS v (version, type, data, metadata, hash, prev_hash)
         ${returning}`;
    insertSql[withCommand ? 1 : 0][count] = sql;
    return sql;
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

    // Guess the head without a round trip when we can; the unique constraint checks the guess.
    let head = heads.get(streamId) ?? (expected === 'no_stream' || expected === 0 ? EMPTY_HEAD : undefined);
    let fresh = false;
    if (!head) {
      head = await loadHead(streamId);
      fresh = true;
    }

    for (let attempt = 1; ; attempt += 1) {
      if (!expectedVersionMatches(expected, head.version)) {
        if (!fresh) {
          head = await loadHead(streamId);
          fresh = true;
          continue;
        }
        const duplicate = commandId ? await findCommand(commandId) : null;
        if (duplicate) return duplicate;
        throw new ConcurrencyError(streamId, expected, head.version);
      }
      if (events.length === 0) {
        return { streamId, nextExpectedVersion: head.version, events: [], duplicate: false };
      }

      const prepared = chain(streamId, head, events, hashAlgorithm);
      const params: unknown[] = [streamId, hashAlgorithm];
      if (commandId) params.push(commandId, head.version + 1, head.version + events.length);
      for (const e of prepared)
        params.push(e.version, e.type, e.dataJson, e.metadataJson, e.hash, e.prevHash);

      let inserted: InsertedRow[];
      try {
        const { rows } = await client.query<{ r: string }>(
          appendStatement(events.length, Boolean(commandId)),
          params,
          PREPARE,
        );
        inserted = rows.map(parseInserted);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= MAX_APPEND_ATTEMPTS) throw error;
        // Another writer took the version: re-read and decide again (conflict, duplicate or retry).
        head = await loadHead(streamId);
        fresh = true;
        continue;
      }
      if (inserted.length === 0) {
        // The command row already existed (committed): this is a retry.
        const duplicate = await findCommand(commandId as string);
        if (duplicate) return duplicate;
        throw new Error(`command ${commandId} was recorded but its events cannot be found`);
      }

      const byVersion = inserted.length > 1 ? new Map(inserted.map((row) => [row.version, row])) : null;
      const recorded = prepared.map((e): RecordedEvent => {
        const row = (byVersion ? byVersion.get(e.version) : inserted[0]) as InsertedRow;
        // data and metadata are parsed from the stored JSON on first access: most callers never look.
        let data: Record<string, unknown> | undefined;
        let metadata: EventMetadata | undefined;
        return {
          streamId,
          version: e.version,
          globalPosition: BigInt(row.position),
          checkpoint: `${row.txid}:${row.position}`,
          type: e.type,
          get data() {
            return (data ??= JSON.parse(e.dataJson) as Record<string, unknown>);
          },
          set data(value) {
            data = value;
          },
          get metadata() {
            return (metadata ??= JSON.parse(e.metadataJson) as EventMetadata);
          },
          set metadata(value) {
            metadata = value;
          },
          hash: e.hash,
          prevHash: e.prevHash,
          hashAlgorithm,
          recordedAt: row.recordedAt,
        };
      });
      const last = prepared[prepared.length - 1] as PreparedEvent;
      remember(streamId, { version: last.version, hash: last.hash });
      signal.notify(streamId);
      return { streamId, nextExpectedVersion: last.version, events: recorded, duplicate: false };
    }
  };

  const readStream = async (
    streamId: string,
    readOptions: ReadStreamOptions = {},
  ): Promise<RecordedEvent[]> => {
    const { fromVersion, toVersion, until } = readOptions;
    const params: unknown[] = [streamId];
    let where = 'stream_id = $1';
    if (fromVersion !== undefined) {
      params.push(fromVersion);
      where += ` AND version >= $${params.length}::int`;
    }
    if (toVersion !== undefined) {
      params.push(toVersion);
      where += ` AND version <= $${params.length}::int`;
    }
    if (until !== undefined) {
      if (Number.isNaN(Date.parse(until))) {
        throw new ValidationError([{ path: 'until', message: 'must be an ISO-8601 date-time' }]);
      }
      params.push(until);
      // Compared as instants: occurredAt values carry different offsets.
      where += ` AND (metadata->>'occurredAt')::timestamptz <= $${params.length}::timestamptz`;
    }
    const { rows } = await client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${s}.events WHERE ${where} ORDER BY version`,
      params,
    );
    const last = rows.at(-1);
    if (last && toVersion === undefined && until === undefined)
      remember(streamId, { version: last.version, hash: last.hash });
    return rows.map(toRecorded);
  };

  const readAll = async (readOptions: ReadAllOptions = {}): Promise<ReadAllResult> => {
    const after = readOptions.after ?? null;
    const [txid, position] = after === null ? ['0', '0'] : parseCheckpoint(after);
    const limit = readOptions.limit ?? DEFAULT_READ_ALL_LIMIT;
    if (!Number.isInteger(limit) || limit < 1) {
      throw new ValidationError([{ path: 'limit', message: 'must be a positive integer' }]);
    }
    const params: unknown[] = [txid, position, limit + 1];
    let filter = '';
    const prefixes = readOptions.streamPrefixes;
    if (prefixes && prefixes.length > 0) {
      filter = ` AND (${prefixes
        .map((prefix) => {
          params.push(`${prefix.replace(/[\\%_]/g, '\\$&')}%`);
          return `stream_id LIKE $${params.length}`;
        })
        .join(' OR ')})`;
    }
    const { rows } = await client.query<EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM ${s}.events
        WHERE transaction_id < pg_snapshot_xmin(pg_current_snapshot())
          AND (transaction_id, global_position) > ($1::text::xid8, $2::bigint)${filter}
        ORDER BY events.transaction_id, events.global_position
        LIMIT $3`,
      params,
    );
    const isEnd = rows.length <= limit;
    const events = (isEnd ? rows : rows.slice(0, limit)).map(toRecorded);
    return { events, checkpoint: events.at(-1)?.checkpoint ?? after, isEnd };
  };

  const store: SqlEventStore = {
    kind: client.dialect,
    hashAlgorithm,
    schema,

    async migrate() {
      await client.transaction(async (tx) => {
        // Serialise concurrent migrations (two services starting at once).
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`xianjie-event-store:${schema}`]);
        await tx.exec(`
          CREATE SCHEMA IF NOT EXISTS ${s};
          CREATE TABLE IF NOT EXISTS ${s}.events (
            global_position bigserial PRIMARY KEY,
            transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
            stream_id text NOT NULL,
            version integer NOT NULL CHECK (version > 0),
            type text NOT NULL,
            data jsonb NOT NULL,
            metadata jsonb NOT NULL,
            hash text NOT NULL,
            prev_hash text,
            hash_algorithm text NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now(),
            UNIQUE (stream_id, version)
          );
          CREATE INDEX IF NOT EXISTS events_transaction_position ON ${s}.events (transaction_id, global_position);
          CREATE TABLE IF NOT EXISTS ${s}.commands (
            command_id text PRIMARY KEY,
            stream_id text NOT NULL,
            first_version integer NOT NULL,
            last_version integer NOT NULL,
            recorded_at timestamptz NOT NULL DEFAULT now()
          );
          CREATE TABLE IF NOT EXISTS ${s}.checkpoints (
            subscription_id text PRIMARY KEY,
            checkpoint text,
            updated_at timestamptz NOT NULL DEFAULT now()
          );
        `);
      });
    },

    appendToStream,
    readStream,

    async streamVersion(streamId) {
      return (await loadHead(streamId)).version;
    },

    readAll,

    subscribe(subscriptionOptions: SubscriptionOptions): Subscription {
      const subscription = startSubscription(
        {
          readAll,
          async loadCheckpoint(subscriptionId) {
            const { rows } = await client.query<{ checkpoint: string | null }>(
              `SELECT checkpoint FROM ${s}.checkpoints WHERE subscription_id = $1`,
              [subscriptionId],
            );
            return rows[0]?.checkpoint ?? null;
          },
          async saveCheckpoint(subscriptionId, checkpoint) {
            await client.query(
              `INSERT INTO ${s}.checkpoints (subscription_id, checkpoint, updated_at) VALUES ($1, $2, now())
               ON CONFLICT (subscription_id) DO UPDATE SET checkpoint = excluded.checkpoint, updated_at = excluded.updated_at`,
              [subscriptionId, checkpoint],
            );
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

    async verify(streamId): Promise<ChainVerification> {
      const events = await readStream(streamId);
      return verifyChain(streamId, events);
    },

    async streamHeads(): Promise<AnchoredHead[]> {
      // One statement (one snapshot): the highest version per stream through the (stream_id, version)
      // index, its hash, and the agency that opened the stream (version 1's actor).
      const { rows } = await client.query<{ stream_id: string; version: number; hash: string; owner: string | null }>(
        `SELECT h.stream_id, h.version, e.hash, f.metadata->'actor'->>'agencyId' AS owner
           FROM (SELECT stream_id, max(version) AS version FROM ${s}.events GROUP BY stream_id) h
           JOIN ${s}.events e ON e.stream_id = h.stream_id AND e.version = h.version
           LEFT JOIN ${s}.events f ON f.stream_id = h.stream_id AND f.version = 1`,
      );
      return rows.map((r) => ({ streamId: r.stream_id, version: Number(r.version), hash: r.hash, ownerAgencyId: r.owner ?? null }));
    },

    onAppended: (listener) => signal.listen(listener),
    async close() {
      await Promise.all([...subscriptions].map((subscription) => subscription.stop()));
      subscriptions.clear();
      if (options.ownsClient) await client.close();
    },
  };
  return store;
};

interface PreparedEvent {
  version: number;
  type: string;
  dataJson: string;
  metadataJson: string;
  hash: string;
  prevHash: string | null;
}

/**
 * Hashes the new events onto the head. Data and metadata are stored as their canonical JSON, the
 * very text the hash covers, and returned parsed back from it (what a later read returns).
 */
const chain = (
  streamId: string,
  head: StreamHead,
  events: NewEvent[],
  algorithm: HashAlgorithm,
): PreparedEvent[] => {
  let prevHash = head.hash;
  return events.map((event, i) => {
    if (!event.type) throw new ValidationError([{ path: `events[${i}].type`, message: 'must not be empty' }]);
    if (!event.metadata)
      throw new ValidationError([{ path: `events[${i}].metadata`, message: 'is required' }]);
    const dataJson = canonicalJson(event.data ?? {});
    const metadataJson = canonicalJson(event.metadata);
    const version = head.version + i + 1;
    const hash = hashCanonical(
      canonicalHashInput(streamId, version, event.type, dataJson, metadataJson, prevHash),
      algorithm,
    );
    const prepared: PreparedEvent = { version, type: event.type, dataJson, metadataJson, hash, prevHash };
    prevHash = hash;
    return prepared;
  });
};

const parseCheckpoint = (checkpoint: string): [string, string] => {
  const match = /^(\d+):(\d+)$/.exec(checkpoint);
  if (!match)
    throw new ValidationError([
      { path: 'after', message: `not a checkpoint of this store: "${checkpoint}"` },
    ]);
  return [match[1] as string, match[2] as string];
};

const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

const toIso = (value: Date | string): string => (typeof value === 'string' ? value : value.toISOString());
