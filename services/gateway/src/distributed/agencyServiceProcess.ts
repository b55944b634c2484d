import express, { type Router } from 'express';
import type { AgencyDirectory, WorkingCalendar } from '@xianjie/contracts';
import type { AccessRules, TokenVerifier } from '@xianjie/auth';
import type { EventStore, SqlClient } from '@xianjie/event-store';
import type { Bus } from '@xianjie/messaging';
import type { Logger } from 'pino';
import { createOperationsService } from '@xianjie/operations';
import { createBus } from '../bus.ts';
import { createIdentity } from '../identity.ts';
import { openStorage } from '../storage.ts';
import { createAgencyService, serviceEndpoint } from '../agencyServices.ts';
import type { AgencyServiceName } from '../agencyServices.ts';
import type { Config } from '../config.ts';
import { listen, runProcess } from './runProcess.ts';
import { loadWorkingCalendar } from '../calendar.ts';

interface ServiceDeps {
  store: EventStore;
  sql: SqlClient;
  bus: Bus;
  directory: AgencyDirectory;
  rules: AccessRules;
  logger: Logger;
  schemaPrefix: string;
  calendar: WorkingCalendar;
}

interface RunnableService {
  start(): Promise<void>;
  stop(): Promise<void>;
  router(verifier: TokenVerifier): Router;
}

/**
 * One service as its own process (distributed mode): its command and query APIs over HTTP, its
 * outbox relay to Kafka and its consumers, its read models in its own schema.
 */
const runServiceProcess = (
  name: string,
  portOf: (config: Config) => number,
  create: (deps: ServiceDeps) => Promise<RunnableService>,
) =>
  runProcess(name, async (config, logger) => {
    const { directory, rules, verifier } = createIdentity(config);
    const storage = await openStorage(config, logger, config.XIANJIE_SCHEMA_PREFIX);
    const bus = createBus(config, logger, `xianjie-${name}`);
    const service = await create({
      store: storage.store,
      sql: storage.sql,
      bus,
      directory,
      rules,
      logger,
      schemaPrefix: config.XIANJIE_SCHEMA_PREFIX,
      calendar: loadWorkingCalendar(config),
    });
    await service.start();
    const app = express();
    app.get('/healthz', (_req, res) => void res.json({ status: 'ok', service: name }));
    app.use(service.router(verifier));
    const port = portOf(config);
    const server = await listen(app, port, config.HOST);
    logger.info({ port }, `${name} listening`);
    return {
      server,
      async close() {
        await service.stop();
        await bus.close();
        await storage.close();
      },
    };
  });

/** An agency service (market regulation, health, medical insurance, police, the commission). */
export const runAgencyServiceProcess = (name: AgencyServiceName) =>
  runServiceProcess(name, (config) => serviceEndpoint(config, name).port, (deps) => createAgencyService(name, deps));

/** 专项整治 (operations): plans, groups, inspections, the ledger, progress. */
export const runOperationsProcess = () =>
  runServiceProcess(
    'operations',
    (config) => config.OPERATIONS_PORT,
    ({ schemaPrefix, calendar: _calendar, ...deps }) => createOperationsService({ ...deps, schema: `${schemaPrefix}operations` }),
  );
