/**
 * Durable timers on the store's SQL database (PGlite or PostgreSQL, the same statements), for
 * reminders and any other "do this at that time" (decision 0018).
 *
 * - A timer is a row keyed by its caller's key, in a group (the thing it is about: a step's
 *   stream). `sync(tx, group, desired)` makes the group's unfired timers exactly `desired`:
 *   schedules the new, moves the changed (a holiday shift, an extension), cancels the rest (a step
 *   done). A fired timer is never touched again: its key stays taken, so it never fires twice.
 * - `fireDue` claims due timers with one statement (`FOR UPDATE SKIP LOCKED`): two processes never
 *   claim the same timer; a claim is a lease (default 60 s) so a process that dies after claiming
 *   loses nothing: the timer is claimed again when the lease runs out. The caller's `fire` must be
 *   idempotent by the timer's key (the reminders append with the key as commandId), so a fire
 *   repeated after a crash between firing and marking records nothing twice.
 * - Lives in the caller's schema (each service keeps its own timers, as its read models).
 */
import { ValidationError } from '@xianjie/contracts/errors';
import type { SqlClient } from './sqlClient.ts';

export interface TimerSpec<P = unknown> {
  key: string;
  /** ISO-8601. */
  fireAt: string;
  payload: P;
}

export interface Timer<P = unknown> extends TimerSpec<P> {
  group: string;
  /** How many times it was claimed (above 1: a process died holding it, or firing failed). */
  attempts: number;
}

export interface SqlTimersOptions {
  client: SqlClient;
  /** The schema of the table (lower-case letters, digits and `_`). */
  schema: string;
  /** Table name (default `timers`). */
  table?: string;
  /** Seconds a claim holds before another process may claim the timer again (default 60). */
  leaseSeconds?: number;
}

export interface FireDueOptions<P> {
  /** Due means `fire_at <= now` (ISO-8601; the service's clock). */
  now: string;
  /** Who claims (a process id; logged and stored). */
  claimant: string;
  /** At most this many per call (default 100). */
  limit?: number;
  /** Fires one timer; must be idempotent by `timer.key`. A throw leaves it claimed until the lease ends. */
  fire: (timer: Timer<P>) => Promise<void>;
  onError?: (error: unknown, timer: Timer<P>) => void;
}

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;

interface TimerDbRow {
  key: string;
  group_key: string;
  fire_at: Date | string;
  payload: unknown;
  attempts: number;
}

const iso = (value: Date | string): string => (value instanceof Date ? value : new Date(value)).toISOString();

export const createSqlTimers = <P = unknown>(options: SqlTimersOptions) => {
  const { client } = options;
  const tableName = options.table ?? 'timers';
  if (!IDENTIFIER.test(options.schema)) throw new ValidationError([{ path: 'schema', message: `invalid schema name "${options.schema}"` }]);
  if (!IDENTIFIER.test(tableName)) throw new ValidationError([{ path: 'table', message: `invalid table name "${tableName}"` }]);
  const table = `"${options.schema}"."${tableName}"`;
  const lease = options.leaseSeconds ?? 60;
  const toTimer = (r: TimerDbRow): Timer<P> => ({
    key: r.key,
    group: r.group_key,
    fireAt: iso(r.fire_at),
    payload: r.payload as P,
    attempts: Number(r.attempts),
  });

  return {
    async migrate() {
      await client.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`xianjie-timers:${table}`]);
        await tx.exec(`
          CREATE SCHEMA IF NOT EXISTS "${options.schema}";
          CREATE TABLE IF NOT EXISTS ${table} (
            key text PRIMARY KEY,
            group_key text NOT NULL,
            fire_at timestamptz NOT NULL,
            payload jsonb NOT NULL,
            scheduled_at timestamptz NOT NULL DEFAULT now(),
            claimed_by text,
            claimed_until timestamptz,
            attempts integer NOT NULL DEFAULT 0,
            fired_at timestamptz
          );
          CREATE INDEX IF NOT EXISTS ${tableName}_due ON ${table} (fire_at) WHERE fired_at IS NULL;
          CREATE INDEX IF NOT EXISTS ${tableName}_group ON ${table} (group_key);
        `);
      });
    },

    /**
     * The group's unfired timers become `desired` (in `tx`, with the caller's other writes): new
     * keys are scheduled, changed times and payloads moved, keys not desired cancelled. Fired keys
     * are left as they are.
     */
    async sync(tx: SqlClient, group: string, desired: readonly TimerSpec<P>[]): Promise<void> {
      await tx.query(`DELETE FROM ${table} WHERE group_key = $1 AND fired_at IS NULL AND key NOT IN (SELECT jsonb_array_elements_text($2::jsonb))`, [
        group,
        JSON.stringify(desired.map((t) => t.key)),
      ]);
      if (desired.length === 0) return;
      await tx.query(
        `INSERT INTO ${table} (key, group_key, fire_at, payload)
         SELECT key, $1, fire_at, payload FROM jsonb_to_recordset($2::jsonb) AS r (key text, fire_at timestamptz, payload jsonb)
         ON CONFLICT (key) DO UPDATE SET fire_at = excluded.fire_at, payload = excluded.payload, group_key = excluded.group_key
           WHERE ${table}.fired_at IS NULL`,
        [group, JSON.stringify(desired.map((t) => ({ key: t.key, fire_at: t.fireAt, payload: t.payload })))],
      );
    },

    /** Cancels every unfired timer of a group. */
    async cancelGroup(tx: SqlClient, group: string): Promise<void> {
      await tx.query(`DELETE FROM ${table} WHERE group_key = $1 AND fired_at IS NULL`, [group]);
    },

    /** The unfired timers (of a group), earliest first. */
    async pending(group?: string): Promise<Timer<P>[]> {
      const { rows } = await client.query<TimerDbRow>(
        `SELECT key, group_key, fire_at, payload, attempts FROM ${table}
          WHERE fired_at IS NULL ${group === undefined ? '' : 'AND group_key = $1'} ORDER BY fire_at, key`,
        group === undefined ? [] : [group],
      );
      return rows.map(toTimer);
    },

    /** The earliest unfired timer's time, or null (to sleep until it). */
    async nextFireAt(): Promise<string | null> {
      const { rows } = await client.query<{ fire_at: Date | string }>(
        `SELECT fire_at FROM ${table} WHERE fired_at IS NULL ORDER BY fire_at LIMIT 1`,
      );
      return rows[0] ? iso(rows[0].fire_at) : null;
    },

    /**
     * Claims the timers due at `now` that nobody holds (one statement: `FOR UPDATE SKIP LOCKED`, so
     * concurrent claimants split them and never share one), fires each, marks it fired. Returns how
     * many were fired.
     */
    async fireDue({ now, claimant, limit = 100, fire, onError }: FireDueOptions<P>): Promise<number> {
      const { rows } = await client.query<TimerDbRow>(
        `UPDATE ${table} t SET claimed_by = $3, claimed_until = clock_timestamp() + make_interval(secs => $4),
                attempts = t.attempts + 1
          WHERE t.key IN (
            SELECT key FROM ${table}
             WHERE fired_at IS NULL AND fire_at <= $1::timestamptz
               AND (claimed_until IS NULL OR claimed_until < clock_timestamp())
             ORDER BY fire_at, key LIMIT $2
             FOR UPDATE SKIP LOCKED)
          RETURNING t.key, t.group_key, t.fire_at, t.payload, t.attempts`,
        [now, limit, claimant, lease],
      );
      let fired = 0;
      for (const timer of rows.map(toTimer).sort((a, b) => a.fireAt.localeCompare(b.fireAt) || a.key.localeCompare(b.key))) {
        try {
          await fire(timer);
        } catch (error) {
          onError?.(error, timer);
          continue;
        }
        // Only the holder marks it (a lease that ran out and was taken over is the new holder's).
        await client.query(`UPDATE ${table} SET fired_at = clock_timestamp() WHERE key = $1 AND claimed_by = $2 AND fired_at IS NULL`, [
          timer.key,
          claimant,
        ]);
        fired++;
      }
      return fired;
    },
  };
};

export type SqlTimers<P = unknown> = ReturnType<typeof createSqlTimers<P>>;
