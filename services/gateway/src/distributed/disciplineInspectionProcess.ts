import express from 'express';
import { createPgClient } from '@xianjie/event-store';
import { createDisciplineInspectionService, createOversightQueryApi } from '@xianjie/discipline-inspection';
import { createBus } from '../bus.ts';
import { createIdentity } from '../identity.ts';
import { listen, runProcess } from './runProcess.ts';

/** 纪委监委 as its own process: consumes the agencies' public events from Kafka, answers oversight queries. */
await runProcess('discipline-inspection', async (config, logger) => {
  const { directory, rules, verifier } = createIdentity(config);
  const sql = createPgClient({ connectionString: config.DATABASE_URL! });
  const bus = createBus(config, logger, 'xianjie-discipline-inspection');
  const service = await createDisciplineInspectionService({
    sql,
    bus,
    directory,
    rules,
    logger,
    schema: `${config.XIANJIE_SCHEMA_PREFIX}discipline_inspection`,
  });
  await service.start();
  const app = express();
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok', service: 'discipline-inspection' }));
  app.use(createOversightQueryApi({ service, verifier, logger }));
  const server = await listen(app, config.DISCIPLINE_INSPECTION_PORT, config.HOST);
  logger.info({ port: config.DISCIPLINE_INSPECTION_PORT }, 'discipline-inspection listening');
  return {
    server,
    async close() {
      await service.stop();
      await bus.close();
      await sql.close();
    },
  };
});
