import type { EventStore, RecordedEvent } from '../eventStore.ts';
import { createCheckpointedFollower } from '../follower/checkpointedFollower.ts';
import type { SqlClient } from '../sql/sqlClient.ts';

/**
 * Builds a read model in SQL from the store. Each batch is applied in one SQL transaction together
 * with the projection's checkpoint, so a crash never applies an event twice or skips one.
 * The read model can be rebuilt from zero (`rebuild`).
 */
export interface SqlProjection {
  /** Unique name; the checkpoint is stored under it. */
  name: string;
  /**
   * Version of the read model's table shape and apply logic, stored beside the checkpoint. When the
   * stored version differs from this one, the projector resets the read model and projects every
   * event again on start (`migrate`).
   */
  version: number;
  /** Stream categories this projection reads, e.g. ['case-']. */
  streamPrefixes: string[];
  /** Idempotent DDL for the read model tables. */
  migrate(sql: SqlClient): Promise<void>;
  /** Empties the read model (for a rebuild). */
  reset(tx: SqlClient): Promise<void>;
  apply(tx: SqlClient, event: RecordedEvent): Promise<void>;
  /**
   * Optional: applies a batch (in store order) with the same effect as `apply` on each event in
   * turn, in fewer round trips. The projector uses it when present.
   */
  applyBatch?(tx: SqlClient, events: RecordedEvent[]): Promise<void>;
}

export interface SqlProjectorOptions {
  store: EventStore;
  sql: SqlClient;
  projection: SqlProjection;
  /** SQL schema that holds the checkpoint table (the projection's own schema). */
  schema: string;
  batchSize?: number;
  /** Poll interval (default 200 ms), backing off to 1 s while idle; this store's appends to its streams wake it 100 ms later. */
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
  onBatch?: (info: { count: number; checkpoint: string | null }) => void;
  /** Told when `migrate` found the read model at another version and reset it (default: console.info). */
  onVersionChange?: (info: { projection: string; stored: number; current: number }) => void;
}

export interface SqlProjector {
  /** Creates the tables; resets the read model when its stored version is not the projection's. */
  migrate(): Promise<void>;
  /** Applies everything readable now; resolves when the read model has caught up. */
  catchUp(): Promise<number>;
  /** Keeps catching up in the background until stop(). */
  start(): void;
  stop(): Promise<void>;
  /** Drops the read model's rows and checkpoint and projects every event again. */
  rebuild(): Promise<number>;
}

export const createSqlProjector = (options: SqlProjectorOptions): SqlProjector => {
  const { store, sql, projection, schema } = options;
  const batchSize = options.batchSize ?? 500;
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const checkpoints = `"${schema}".projection_checkpoints`;

  const follower = createCheckpointedFollower({
    async loadCheckpoint() {
      const { rows } = await sql.query<{ checkpoint: string | null }>(
        `SELECT checkpoint FROM ${checkpoints} WHERE projection = $1`,
        [projection.name],
      );
      return rows[0]?.checkpoint ?? null;
    },
    read: (after) => store.readAll({ after, limit: batchSize, streamPrefixes: projection.streamPrefixes }),
    async handle({ events, checkpoint }) {
      await sql.transaction(async (tx) => {
        if (projection.applyBatch) await projection.applyBatch(tx, events);
        else for (const event of events) await projection.apply(tx, event);
        await tx.query(
          `INSERT INTO ${checkpoints} (projection, checkpoint, version, updated_at) VALUES ($1, $2, $3, now())
           ON CONFLICT (projection) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, version = EXCLUDED.version, updated_at = now()`,
          [projection.name, checkpoint, projection.version],
        );
      });
      options.onBatch?.({ count: events.length, checkpoint });
    },
    // Appends wake it 100 ms later, off the appending command's path; idle, it polls up to every 1 s.
    wakeOn: { onAppended: (listener) => store.onAppended(listener), streamPrefixes: projection.streamPrefixes, delayMs: 100 },
    pollIntervalMs,
    idlePollMaxMs: 1_000,
    retry: { initialDelayMs: pollIntervalMs, maxDelayMs: Math.max(pollIntervalMs, 1_000) },
    readAhead: true,
    onError: (error) => options.onError?.(error),
  });

  /** Empties the read model and its checkpoint; the next catch-up projects every event again. */
  const reset = () =>
    follower.exclusive(() =>
      sql.transaction(async (tx) => {
        await projection.reset(tx);
        await tx.query(
          `INSERT INTO ${checkpoints} (projection, checkpoint, version, updated_at) VALUES ($1, NULL, $2, now())
           ON CONFLICT (projection) DO UPDATE SET checkpoint = NULL, version = EXCLUDED.version, updated_at = now()`,
          [projection.name, projection.version],
        );
      }),
    );

  return {
    async migrate() {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${checkpoints} (
          projection text PRIMARY KEY, checkpoint text, updated_at timestamptz NOT NULL DEFAULT now());
        ALTER TABLE ${checkpoints} ADD COLUMN IF NOT EXISTS version integer`);
      await projection.migrate(sql);
      const { rows } = await sql.query<{ version: number | null }>(
        `SELECT version FROM ${checkpoints} WHERE projection = $1`,
        [projection.name],
      );
      // A checkpoint stored before versions were recorded counts as version 1.
      const stored = rows[0] ? (rows[0].version ?? 1) : projection.version;
      if (stored === projection.version) return;
      const info = { projection: projection.name, stored, current: projection.version };
      (options.onVersionChange ?? ((i) => console.info(`read model ${i.projection}: version ${i.stored} → ${i.current}; rebuilding from the first event`)))(info);
      await reset();
    },
    catchUp: follower.catchUp,
    start: follower.start,
    stop: follower.stop,
    async rebuild() {
      await reset();
      return follower.catchUp();
    },
  };
};
