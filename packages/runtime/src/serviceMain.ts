import express from 'express';
import { createBus } from './bus.ts';
import { loadWorkingCalendar } from './calendar.ts';
import { serviceAddress } from './config.ts';
import { loadCheckpointKey } from './checkpointKey.ts';
import { createIdentity } from './identity.ts';
import { listen, runProcess } from './processRunner.ts';
import { serviceSchema, type ServiceFactory } from './service.ts';
import type { ServiceName } from './serviceRegistry.ts';
import { openStorage } from './storage.ts';

/**
 * One service as its own process (distributed mode): validated config, its store and read models,
 * its bus, its HTTP API on its port with `/healthz`, and a graceful stop. Each service's
 * `src/main.ts` is one call of this with its own factory.
 */
export const runServiceMain = (name: ServiceName, create: ServiceFactory): Promise<void> =>
  runProcess(name, async (config, logger) => {
    const { directory, regionNames, rules, verifier } = createIdentity(config);
    const storage = await openStorage(config, logger, config.XIANJIE_SCHEMA_PREFIX);
    const bus = createBus(config, logger, `xianjie-${name}`);
    const service = await create({
      store: storage.store,
      sql: storage.sql,
      schema: serviceSchema(config.XIANJIE_SCHEMA_PREFIX, name),
      bus,
      directory,
      regionNames,
      rules,
      logger,
      calendar: loadWorkingCalendar(config),
      checkpointKey: () => loadCheckpointKey(config),
      checkpointIntervalMs: config.XIANJIE_CHECKPOINT_INTERVAL * 1000,
    });
    await service.start();
    const app = express();
    app.disable('x-powered-by');
    app.get('/healthz', (_req, res) => void res.json({ status: 'ok', service: name }));
    app.use(service.router(verifier));
    const { port } = serviceAddress(config, name);
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
