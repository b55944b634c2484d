import type { EventStore, RecordedEvent } from '../eventStore.ts';
import { wakeOnAppend } from '../appendWakeUp.ts';
import type { SqlClient } from '../sql/sqlClient.ts';

/**
 * Builds a read model in SQL from the store. Each batch is applied in one SQL transaction together
 * with the projection's checkpoint, so a crash never applies an event twice or skips one.
 * The read model can be rebuilt from zero (`rebuild`).
 */
export interface SqlProjection {
  /** Unique name; the checkpoint is stored under it. */
  name: string;
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
  /** Poll interval (default 200 ms), backing off to 1 s while idle; this store's appends to its streams wake it at once. */
  pollIntervalMs?: number;
  onError?: (error: unknown) => void;
  onBatch?: (info: { count: number; checkpoint: string | null }) => void;
}

export interface SqlProjector {
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
  // This store's appends to the projection's streams wake it (wakeOnAppend: 100 ms later). The poll
  // catches appends by other processes and events a read held back (a concurrent transaction not
  // yet committed); it backs off while nothing comes, up to 1 s, so an idle platform stays quiet.
  const pollIntervalMs = options.pollIntervalMs ?? 200;
  const idlePollMaxMs = Math.max(pollIntervalMs, 1_000);
  const checkpoints = `"${schema}".projection_checkpoints`;
  let running = false;
  let loop: Promise<void> | null = null;
  let wake: (() => void) | null = null;
  // An append while a catch-up runs may land after its last read: catch up again instead of sleeping.
  let appendedMeanwhile = false;
  let unlisten: (() => void) | null = null;
  // Serialises catch-ups: a command waiting for the read model and the background loop share it.
  let chain: Promise<unknown> = Promise.resolve();

  const readCheckpoint = async (tx: SqlClient): Promise<string | null> => {
    const { rows } = await tx.query<{ checkpoint: string | null }>(
      `SELECT checkpoint FROM ${checkpoints} WHERE projection = $1`,
      [projection.name],
    );
    return rows[0]?.checkpoint ?? null;
  };

  const readBatch = (after: string | null) =>
    store.readAll({ after, limit: batchSize, streamPrefixes: projection.streamPrefixes });

  const catchUpOnce = async (): Promise<number> => {
    let applied = 0;
    let next = readBatch(await readCheckpoint(sql));
    for (;;) {
      const batch = await next;
      if (batch.events.length === 0) return applied;
      // Read the next batch while this one is written: catch-up waits on the database both ways.
      if (!batch.isEnd) {
        next = readBatch(batch.checkpoint);
        next.catch(() => undefined); // awaited below; a failure then is reported there
      }
      await sql.transaction(async (tx) => {
        if (projection.applyBatch) await projection.applyBatch(tx, batch.events);
        else for (const event of batch.events) await projection.apply(tx, event);
        await tx.query(
          `INSERT INTO ${checkpoints} (projection, checkpoint, updated_at) VALUES ($1, $2, now())
           ON CONFLICT (projection) DO UPDATE SET checkpoint = EXCLUDED.checkpoint, updated_at = now()`,
          [projection.name, batch.checkpoint],
        );
      });
      applied += batch.events.length;
      options.onBatch?.({ count: batch.events.length, checkpoint: batch.checkpoint });
      if (batch.isEnd) return applied;
    }
  };

  const catchUp = (): Promise<number> => {
    const next = chain.then(catchUpOnce);
    chain = next.catch(() => undefined);
    return next;
  };

  return {
    async migrate() {
      await sql.exec(`CREATE SCHEMA IF NOT EXISTS "${schema}";
        CREATE TABLE IF NOT EXISTS ${checkpoints} (
          projection text PRIMARY KEY, checkpoint text, updated_at timestamptz NOT NULL DEFAULT now())`);
      await projection.migrate(sql);
    },
    catchUp,
    start() {
      if (running) return;
      running = true;
      unlisten = wakeOnAppend(store, projection.streamPrefixes, () => {
        appendedMeanwhile = true;
        wake?.();
      });
      loop = (async () => {
        let sleepMs = pollIntervalMs;
        while (running) {
          appendedMeanwhile = false;
          let failed = false;
          let applied = 0;
          try {
            applied = await catchUp();
          } catch (error) {
            failed = true; // sleep before retrying, appends or not
            options.onError?.(error);
          }
          if (!running) break;
          if (appendedMeanwhile && !failed) {
            sleepMs = pollIntervalMs;
            continue;
          }
          sleepMs = applied > 0 ? pollIntervalMs : Math.min(sleepMs * 2, idlePollMaxMs);
          const woken = await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => resolve(false), sleepMs);
            wake = () => {
              clearTimeout(timer);
              resolve(true);
            };
          });
          wake = null;
          // After a wake-up the next empty round polls again at the base interval (an event held back).
          if (woken) sleepMs = pollIntervalMs / 2;
        }
      })();
    },
    async stop() {
      running = false;
      unlisten?.();
      unlisten = null;
      wake?.();
      await loop;
      await chain;
    },
    async rebuild() {
      const reset = chain.then(() =>
        sql.transaction(async (tx) => {
          await projection.reset(tx);
          await tx.query(`DELETE FROM ${checkpoints} WHERE projection = $1`, [projection.name]);
        }),
      );
      chain = reset.catch(() => undefined);
      await reset;
      return catchUp();
    },
  };
};
