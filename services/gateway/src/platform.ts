import type { Logger } from 'pino';
import type { AgencyKind } from '@xianjie/contracts';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import type { MarketRegulationService } from '@xianjie/market-regulation';
import type { DisciplineInspectionService } from '@xianjie/discipline-inspection';
import { openStorage } from './storage.ts';
import { createBus } from './bus.ts';
import type { Config } from './config.ts';
import { createIdentity } from './identity.ts';
import { createCaseClientRouter, createInProcessCaseClient } from './caseClient.ts';
import type { CaseClient } from './caseClient.ts';
import { createInProcessOversightClient } from './oversightClient.ts';
import { createInProcessTransferClient, createTransferClients } from './transferClient.ts';
import type { TransferClient } from './transferClient.ts';
import { agencyServiceNames, createAgencyService } from './agencyServices.ts';
import type { AgencyService, AgencyServiceName } from './agencyServices.ts';
import type { Platform } from './context.ts';
import { seedDemo } from './seed/demoSeed.ts';
import { createOperationsService } from '@xianjie/operations';
import type { OperationsService } from '@xianjie/operations';
import { createInProcessOperationsClient } from './operationsClient.ts';
import { calendarWarnings, loadWorkingCalendar } from './calendar.ts';

export interface EmbeddedPlatform extends Platform {
  services: Readonly<Record<AgencyServiceName, AgencyService>>;
  marketRegulation: MarketRegulationService;
  disciplineInspection: DisciplineInspectionService;
  operationsService: OperationsService;
  sql: SqlClient;
  devSecret: string | null;
  /** The platform's clock; the demo seed pins it to tell a story over past days. */
  clock: { now(): string; pin(at: string | null): void };
  close(): Promise<void>;
}

/**
 * Embedded mode: every agency service in this process, the store chosen by config (PGlite by
 * default), one memory bus between them, read models in the same database under each service's
 * own schema. The services still talk only through integration events on the bus.
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
  const calendar = loadWorkingCalendar(config);
  for (const warning of calendarWarnings(calendar)) logger.warn(warning);

  let pinned: string | null = null;
  const now = () => pinned ?? options.now?.() ?? new Date().toISOString();

  const services = {} as Record<AgencyServiceName, AgencyService>;
  for (const name of agencyServiceNames) {
    services[name] = await createAgencyService(name, {
      store,
      sql,
      bus,
      directory,
      rules,
      logger,
      schemaPrefix: prefix,
      calendar,
      now,
    });
  }
  const operations = await createOperationsService({ store, sql, bus, directory, rules, logger, schema: `${prefix}operations`, now });
  // Consumers first (the commission, operations), then the publishers.
  await operations.start();
  for (const name of [...agencyServiceNames].reverse()) await services[name].start();

  const caseClients: Partial<Record<AgencyKind, CaseClient>> = {};
  const transferClients = {} as Record<AgencyKind, TransferClient>;
  for (const service of Object.values(services)) {
    if (service.cases) caseClients[service.kind] = createInProcessCaseClient(service.cases);
    transferClients[service.kind] = createInProcessTransferClient(service.transfers);
  }
  const marketRegulation = services['market-regulation'].cases!;
  const disciplineInspection = services['discipline-inspection'].oversight!;

  const platform: EmbeddedPlatform = {
    mode: 'embedded',
    directory,
    rules,
    verifier,
    store,
    sql,
    devSecret,
    clock: { now, pin: (at) => void (pinned = at) },
    calendar,
    cases: createCaseClientRouter(caseClients, directory),
    transfers: createTransferClients(transferClients),
    oversight: createInProcessOversightClient(disciplineInspection),
    operations: createInProcessOperationsClient(operations),
    operationsService: operations,
    services,
    marketRegulation,
    disciplineInspection,
    logger,
    async close() {
      for (const name of agencyServiceNames) await services[name].stop();
      await operations.stop();
      await bus.close();
      await closeStorage();
    },
  };
  // Embedded mode seeds the demo data unless told not to (XIANJIE_SEED=none).
  if ((config.XIANJIE_SEED ?? 'demo') === 'demo') await seedDemo(platform, logger);
  return platform;
};

export type { EventStore };
