import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { createEventStore, createPgClient, createPgliteClient, type EventStore, type SqlClient } from '@xianjie/event-store';
import type { Config } from './config.ts';
import { resolveDataDir } from './dataDir.ts';

export interface Storage {
  store: EventStore;
  /** The SQL database for the services' read models (each service in its own schema). */
  sql: SqlClient;
  close(): Promise<void>;
}

/**
 * The event store chosen by XIANJIE_STORE, and the SQL database for read models: the same
 * database for PGlite and PostgreSQL; for EventStoreDB, DATABASE_URL or a PGlite directory.
 */
export const openStorage = async (config: Config, logger: Logger, schemaPrefix: string): Promise<Storage> => {
  const storeConfig =
    config.XIANJIE_STORE === 'postgres'
      ? { kind: 'postgres' as const, connectionString: config.DATABASE_URL!, schema: `${schemaPrefix}xianjie` }
      : config.XIANJIE_STORE === 'eventstoredb'
        ? { kind: 'eventstoredb' as const, connectionString: config.EVENTSTORE_CONNECTION_STRING! }
        : { kind: 'pglite' as const, dataDir: ensureDir(path.join(config.XIANJIE_DATA_DIR, 'store')) };
  logger.info({ store: storeConfig.kind, hash: config.XIANJIE_HASH }, 'opening event store');
  const { store, sql: storeSql } = await createEventStore({ ...storeConfig, hashAlgorithm: config.XIANJIE_HASH });
  const sql =
    storeSql ??
    (config.DATABASE_URL
      ? createPgClient({ connectionString: config.DATABASE_URL })
      : await createPgliteClient({ dataDir: ensureDir(path.join(config.XIANJIE_DATA_DIR, 'read-models')) }));
  return {
    store,
    sql,
    async close() {
      await store.close(); // closes its own SQL client too
      if (sql !== storeSql) await sql.close();
    },
  };
};

const ensureDir = (dir: string): string => {
  const resolved = resolveDataDir(dir);
  mkdirSync(resolved, { recursive: true });
  return resolved;
};
