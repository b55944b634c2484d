import type { Logger } from 'pino';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import { openStorage } from './storage.ts';
import { createMarketRegulationService, type MarketRegulationService } from '@xianjie/market-regulation';
import { createDisciplineInspectionService, type DisciplineInspectionService } from '@xianjie/discipline-inspection';
import { createBus } from './bus.ts';
import type { Config } from './config.ts';
import { createIdentity } from './identity.ts';
import { createInProcessCaseClient } from './caseClient.ts';
import { createInProcessOversightClient } from './oversightClient.ts';
import type { Platform } from './context.ts';
import { seedDemo } from './seed/demoSeed.ts';

export interface EmbeddedPlatform extends Platform {
  marketRegulation: MarketRegulationService;
  disciplineInspection: DisciplineInspectionService;
  sql: SqlClient;
  devSecret: string | null;
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
  const prefix = options.schemaPrefix ?? config.XIANJIE_SCHEMA_PREFIX;
  const { store, sql, close: closeStorage } = await openStorage(config, logger, prefix);

  const { directory, rules, verifier, devSecret } = createIdentity(config);

  const bus = createBus(config, logger, 'xianjie-embedded');
  const marketRegulation = await createMarketRegulationService({
    store,
    sql,
    bus,
    directory,
    rules,
    logger,
    schema: `${prefix}market_regulation`,
    ...(options.now ? { now: options.now } : {}),
  });
  const disciplineInspection = await createDisciplineInspectionService({
    sql,
    bus,
    directory,
    rules,
    logger,
    schema: `${prefix}discipline_inspection`,
  });
  await disciplineInspection.start();
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
    oversight: createInProcessOversightClient(disciplineInspection),
    marketRegulation,
    disciplineInspection,
    logger,
    async close() {
      await marketRegulation.stop();
      await disciplineInspection.stop();
      await bus.close();
      await closeStorage();
    },
  };
  // Embedded mode seeds the demo data unless told not to (XIANJIE_SEED=none).
  if ((config.XIANJIE_SEED ?? 'demo') === 'demo') await seedDemo(platform, logger);
  return platform;
};


export type { EventStore };
