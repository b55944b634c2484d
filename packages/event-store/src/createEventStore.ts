/**
 * Picks and prepares the adapter named by configuration: migrated and ready to append.
 * `sql` is the same connection for the service's read models (absent for EventStoreDB).
 */
import type { EventStore, HashAlgorithm } from './eventStore.ts';
import { createEventStoreDbEventStore } from './eventstoredb/eventStoreDbEventStore.ts';
import { createPgClient, createPgliteClient } from './sql/sqlClient.ts';
import type { SqlClient } from './sql/sqlClient.ts';
import { createSqlEventStore } from './sql/sqlEventStore.ts';

export type EventStoreConfig = (
  | { kind: 'pglite'; dataDir?: string }
  | { kind: 'postgres'; connectionString: string; schema?: string; poolSize?: number }
  | { kind: 'eventstoredb'; connectionString: string }
) & { hashAlgorithm?: HashAlgorithm };

export interface CreatedEventStore {
  /** Closing the store also closes `sql`. */
  store: EventStore;
  sql?: SqlClient;
}

export const createEventStore = async (config: EventStoreConfig): Promise<CreatedEventStore> => {
  const hashAlgorithm = config.hashAlgorithm ?? 'sm3';
  switch (config.kind) {
    case 'pglite': {
      const sql = await createPgliteClient(config.dataDir ? { dataDir: config.dataDir } : {});
      return migrated(sql, undefined, hashAlgorithm);
    }
    case 'postgres': {
      const sql = createPgClient({
        connectionString: config.connectionString,
        ...(config.poolSize ? { max: config.poolSize } : {}),
      });
      return migrated(sql, config.schema, hashAlgorithm);
    }
    case 'eventstoredb':
      return {
        store: createEventStoreDbEventStore({ connectionString: config.connectionString, hashAlgorithm }),
      };
    default:
      throw new Error(`unknown event store kind "${(config as { kind: string }).kind}"`);
  }
};

const migrated = async (sql: SqlClient, schema: string | undefined, hashAlgorithm: HashAlgorithm) => {
  const store = createSqlEventStore({
    client: sql,
    hashAlgorithm,
    ownsClient: true,
    ...(schema ? { schema } : {}),
  });
  try {
    await store.migrate();
  } catch (error) {
    await sql.close().catch(() => {});
    throw error;
  }
  return { store, sql };
};
