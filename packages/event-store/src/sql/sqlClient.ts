/**
 * The smallest SQL surface the event store and the services' read models need, with one adapter
 * for embedded PGlite and one for a PostgreSQL server, so the same SQL runs on both.
 *
 * Results are normalised so both adapters return the same JS values:
 * - int8/bigint (count(*), bigserial) → `bigint` (PGlite would give a number when it fits, pg a string);
 * - json/jsonb → parsed values; numeric → string (exact);
 * - date → 'YYYY-MM-DD' string (pg would build a local-midnight Date); timestamptz → Date.
 * Parameters: pass JSON as a string (`JSON.stringify(x)`) with a `::jsonb` cast; pg would turn a JS
 * array into a PostgreSQL array literal.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { lockDataDir } from './dataDirLock.ts';
import type { Transaction as PgliteTransaction } from '@electric-sql/pglite';
import pg from 'pg';
import { ServiceUnavailableError } from '@xianjie/contracts/errors';

export interface SqlQueryResult<T> {
  rows: T[];
}

export interface SqlQueryOptions {
  /**
   * Keep the statement prepared on each connection (PostgreSQL: parsed and planned once per
   * connection instead of per call). Only for a fixed set of statement texts: each distinct text
   * stays prepared for the connection's lifetime. Ignored by PGlite.
   */
  prepare?: boolean;
}

export interface SqlClient {
  readonly dialect: 'pglite' | 'postgres';
  query<T = Record<string, unknown>>(
    text: string,
    params?: unknown[],
    options?: SqlQueryOptions,
  ): Promise<SqlQueryResult<T>>;
  /** Runs one or more statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * Runs `fn` in a transaction on one connection: committed when it resolves, rolled back when it
   * throws. Nested calls on `tx` use a savepoint.
   */
  transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T>;
  /** Closes the database (PGlite) or the pool; a no-op on a transaction handle. */
  close(): Promise<void>;
}

const INT8 = 20;
const DATE = 1082;

// ---------------------------------------------------------------- PGlite

export interface PgliteClientOptions {
  /** Directory for the database files; created when missing. In memory when undefined. */
  dataDir?: string;
}

export const createPgliteClient = async (options: PgliteClientOptions = {}): Promise<SqlClient> => {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const unlock = options.dataDir ? lockDataDir(options.dataDir) : () => {};
  try {
    const db = await PGlite.create({
      ...(options.dataDir ? { dataDir: options.dataDir } : {}),
      parsers: { [INT8]: (value: string) => BigInt(value), [DATE]: (value: string) => value },
    });
    return pgliteClient(db, db, 0, unlock);
  } catch (error) {
    unlock();
    throw error;
  }
};

type PgliteRunner = Pick<PgliteTransaction, 'query' | 'exec'>;

const pgliteClient = (db: PGlite, runner: PgliteRunner, depth: number, unlock: () => void = () => {}): SqlClient => {
  const client: SqlClient = {
    dialect: 'pglite',
    async query<T>(text: string, params: unknown[] = []) {
      const result = await runner.query<T>(text, params);
      return { rows: result.rows };
    },
    async exec(sql: string) {
      await runner.exec(sql);
    },
    async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
      if (depth > 0) return withSavepoint(client, depth, fn);
      return db.transaction((tx) => fn(pgliteClient(db, tx, 1)));
    },
    async close() {
      if (depth === 0 && !db.closed) {
        await db.close();
        unlock();
      }
    },
  };
  return client;
};

// ---------------------------------------------------------------- PostgreSQL (pg)

export interface PgClientOptions {
  connectionString: string;
  /** Pool size (default 10). */
  max?: number;
}

const pgTypes = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === INT8) return (value: string) => BigInt(value);
    if (oid === DATE) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  }) as typeof pg.types.getTypeParser,
};

export const createPgClient = (options: PgClientOptions): SqlClient => {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    types: pgTypes,
    // Short OLTP queries only: PostgreSQL's JIT, triggered by overestimated costs on a large events
    // table, compiled the projectors' and relays' polling queries every time (4–28 ms each) and
    // slowed every query beside them. A connection string's own `options` still wins.
    ...(/[?&]options=/.test(options.connectionString) ? {} : { options: '-c jit=off' }),
  });
  // An idle connection that dies must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  // Nor one that dies while pg-pool hands it over: the pool removes its idle listener before the
  // caller's `await pool.connect()` resumes, and a FATAL later in the same packet (pg_ctl restart)
  // had no listener and crashed the process. A dead connection is not queryable; release drops it.
  pool.on('connect', (client) => void client.on('error', () => {}));
  return {
    dialect: 'postgres',
    async query<T>(text: string, params?: unknown[], queryOptions?: SqlQueryOptions) {
      const result = await pool.query(toPgQuery(text, params, queryOptions)).catch(unreachable);
      return { rows: result.rows as T[] };
    },
    async exec(sql: string) {
      await pool.query(sql).catch(unreachable);
    },
    async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
      const connection = await pool.connect().catch(unreachable);
      // A server that ends a checked-out connection (restart, failover) must fail the statement in
      // flight; a broken one is not pooled again (the pool-wide listener above keeps the process up).
      let broken = false;
      const onError = () => void (broken = true);
      connection.on('error', onError);
      try {
        await connection.query('BEGIN');
        const result = await fn(pgConnectionClient(connection, 1));
        await connection.query('COMMIT');
        return result;
      } catch (error) {
        await connection.query('ROLLBACK').catch(() => {});
        return unreachable(error);
      } finally {
        connection.off('error', onError);
        connection.release(broken);
      }
    },
    async close() {
      await pool.end();
    },
  };
};

/** SQLSTATE classes and socket errors of a server that is down, restarting or out of reach. */
const isConnectionLoss = (error: unknown): boolean => {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && (/^(08|57P0[1-3])/.test(code) || ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND'].includes(code))) return true;
  return typeof message === 'string' && /Connection terminated|terminating connection|connection error|not queryable/i.test(message);
};

/**
 * A lost database is SERVICE_UNAVAILABLE (DESIGN §4), not a masked internal error: the caller may
 * retry with the same commandId (a command is applied once). The server's own text stays in the cause.
 */
const unreachable = (error: unknown): never => {
  if (!isConnectionLoss(error)) throw error;
  throw Object.assign(new ServiceUnavailableError('the event store', 'the database is not reachable; retry with the same commandId'), { cause: error });
};

const statementNames = new Map<string, string>();
const toPgQuery = (text: string, values: unknown[] = [], options?: SqlQueryOptions): pg.QueryConfig => {
  if (!options?.prepare) return { text, values };
  let name = statementNames.get(text);
  if (!name) {
    name = `xianjie_${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return { name, text, values };
};

const pgConnectionClient = (connection: pg.PoolClient, depth: number): SqlClient => {
  const client: SqlClient = {
    dialect: 'postgres',
    async query<T>(text: string, params?: unknown[], queryOptions?: SqlQueryOptions) {
      const result = await connection.query(toPgQuery(text, params, queryOptions));
      return { rows: result.rows as T[] };
    },
    async exec(sql: string) {
      await connection.query(sql);
    },
    async transaction<T>(fn: (tx: SqlClient) => Promise<T>): Promise<T> {
      return withSavepoint(client, depth, fn);
    },
    async close() {},
  };
  return client;
};

const withSavepoint = async <T>(
  tx: SqlClient,
  depth: number,
  fn: (tx: SqlClient) => Promise<T>,
): Promise<T> => {
  const name = `xianjie_sp_${depth}`;
  await tx.exec(`SAVEPOINT ${name}`);
  try {
    const result = await fn(tx);
    await tx.exec(`RELEASE SAVEPOINT ${name}`);
    return result;
  } catch (error) {
    await tx.exec(`ROLLBACK TO SAVEPOINT ${name}`);
    throw error;
  }
};
