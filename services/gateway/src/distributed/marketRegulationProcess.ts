import express from 'express';
import { createCaseQueryApi, createCommandApi, createMarketRegulationService } from '@xianjie/market-regulation';
import { createBus } from '../bus.ts';
import { createIdentity } from '../identity.ts';
import { openStorage } from '../storage.ts';
import { listen, runProcess } from './runProcess.ts';

/** 市场监管 as its own process: command and query APIs over HTTP, outbox relay to Kafka. */
await runProcess('market-regulation', async (config, logger) => {
  const { directory, rules, verifier } = createIdentity(config);
  const storage = await openStorage(config, logger, config.XIANJIE_SCHEMA_PREFIX);
  const bus = createBus(config, logger, 'xianjie-market-regulation');
  const service = await createMarketRegulationService({
    store: storage.store,
    sql: storage.sql,
    bus,
    directory,
    rules,
    logger,
    schema: `${config.XIANJIE_SCHEMA_PREFIX}market_regulation`,
  });
  await service.start();
  const app = express();
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok', service: 'market-regulation' }));
  app.use(createCommandApi({ cases: service.cases, verifier, logger }));
  app.use(
    createCaseQueryApi({
      cases: service.cases,
      queries: service.queries,
      rules,
      agencyIds: () => directory.list().map((a) => a.id),
      verifier,
      logger,
    }),
  );
  const server = await listen(app, config.MARKET_REGULATION_PORT, config.HOST);
  logger.info({ port: config.MARKET_REGULATION_PORT }, 'market-regulation listening');
  return {
    server,
    async close() {
      await service.stop();
      await bus.close();
      await storage.close();
    },
  };
});
