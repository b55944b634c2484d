import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { demoDirectory } from '@xianjie/contracts';
import { createAccessRules, createTokenVerifier } from '@xianjie/auth';
import { createEventStore, createPgliteClient, type EventStore, type SqlClient } from '@xianjie/event-store';
import { createMarketRegulationService, type MarketRegulationService } from '@xianjie/market-regulation';
import { EMBEDDED_DEV_SECRET, type Config } from './config.ts';
import { createInProcessCaseClient } from './caseClient.ts';
import type { Platform } from './context.ts';
import { seedDemo } from './seed/demoSeed.ts';

export interface EmbeddedPlatform extends Platform {
  marketRegulation: MarketRegulationService;
  sql: SqlClient;
  devSecret: string;
  close(): Promise<void>;
}

/**
 * Embedded mode: every service in this process, the store chosen by config (PGlite by default),
 * read models in the same database under each service's own schema.
 */
export const createEmbeddedPlatform = async (
  config: Config,
  options: {
    logger: Logger;
    now?: () => string;
    /** Prefix for every SQL schema this platform creates (tests isolate themselves with it). */
    schemaPrefix?: string;
  },
): Promise<EmbeddedPlatform> => {
  const { logger } = options;
  const prefix = options.schemaPrefix ?? '';
  const storeConfig =
    config.XIANJIE_STORE === 'postgres'
      ? { kind: 'postgres' as const, connectionString: config.DATABASE_URL!, schema: `${prefix}xianjie` }
      : config.XIANJIE_STORE === 'eventstoredb'
        ? { kind: 'eventstoredb' as const, connectionString: config.EVENTSTORE_CONNECTION_STRING! }
        : { kind: 'pglite' as const, dataDir: ensureDir(path.join(config.XIANJIE_DATA_DIR, 'store')) };
  logger.info({ store: storeConfig.kind, hash: config.XIANJIE_HASH }, 'opening event store');
  const { store, sql: storeSql } = await createEventStore({ ...storeConfig, hashAlgorithm: config.XIANJIE_HASH });
  // EventStoreDB holds events only; read models then live in PostgreSQL (DATABASE_URL) or PGlite.
  const sql =
    storeSql ??
    (config.DATABASE_URL
      ? (await import('@xianjie/event-store')).createPgClient({ connectionString: config.DATABASE_URL })
      : await createPgliteClient({ dataDir: ensureDir(path.join(config.XIANJIE_DATA_DIR, 'read-models')) }));

  const directory = demoDirectory;
  const rules = createAccessRules((id) => directory.get(id));
  const devSecret = config.AUTH_DEV_SECRET ?? EMBEDDED_DEV_SECRET;
  const verifier = config.AUTH_JWKS_URL
    ? createTokenVerifier({ mode: 'jwks', jwksUrl: config.AUTH_JWKS_URL, knownAgency: (id) => directory.get(id) !== undefined })
    : createTokenVerifier({ mode: 'dev', secret: devSecret, knownAgency: (id) => directory.get(id) !== undefined });

  const marketRegulation = await createMarketRegulationService({
    store,
    sql,
    directory,
    rules,
    logger,
    schema: `${prefix}market_regulation`,
    ...(options.now ? { now: options.now } : {}),
  });
  await marketRegulation.start();

  const platform: EmbeddedPlatform = {
    mode: 'embedded',
    directory,
    rules,
    verifier,
    store,
    sql,
    devSecret,
    cases: createInProcessCaseClient(marketRegulation),
    marketRegulation,
    logger,
    async close() {
      await marketRegulation.stop();
      await store.close();
      if (sql !== storeSql) await sql.close();
    },
  };
  // Embedded mode seeds the demo data unless told not to (XIANJIE_SEED=none).
  if ((config.XIANJIE_SEED ?? 'demo') === 'demo') await seedDemo(platform, logger);
  return platform;
};

const ensureDir = (dir: string): string => {
  mkdirSync(dir, { recursive: true });
  return path.resolve(dir);
};

export type { EventStore };
