import { createBus } from './bus.ts';
import { loadWorkingCalendar } from './calendar.ts';
import { loadTransferPolicies } from './localRules.ts';
import { serviceAddress } from './config.ts';
import { loadCheckpointKey } from './checkpointKey.ts';
import { createIdentity } from './identity.ts';
import { listen, runProcess } from './processRunner.ts';
import { serviceSchema, type ServiceFactory } from './service.ts';
import { createServiceApp } from './serviceApp.ts';
import type { ServiceName } from './serviceRegistry.ts';
import { openStorage } from './storage.ts';
import { httpPersonalDataReadRecorder, subjectRefOfConfig } from './platformKeys.ts';

const serviceKeyOf = (config: { XIANJIE_SERVICE_KEY?: string | undefined }): string => {
  if (!config.XIANJIE_SERVICE_KEY) throw new Error('XIANJIE_SERVICE_KEY is required to run a service alone (distributed mode)');
  return config.XIANJIE_SERVICE_KEY;
};

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
      policies: loadTransferPolicies(config, regionNames),
      subjectRefOf: subjectRefOfConfig(config),
      // The commission records its own reads in-process; every other service calls it, signed.
      recordReads: httpPersonalDataReadRecorder(serviceAddress(config, 'discipline-inspection').url, serviceKeyOf(config)),
      serviceKey: serviceKeyOf(config),
      checkpointKey: () => loadCheckpointKey(config),
      checkpointIntervalMs: config.XIANJIE_CHECKPOINT_INTERVAL * 1000,
      smtp: config.SMTP_URL ? { url: config.SMTP_URL, from: config.SMTP_FROM } : null,
    });
    await service.start();
    const app = createServiceApp({
      name,
      logger,
      router: service.router(verifier),
      bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
      trustProxy: config.XIANJIE_TRUST_PROXY,
    });
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
  }, { needsPlatformKeys: true });
