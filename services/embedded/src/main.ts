import { pino } from 'pino';
import { ConfigError, loadConfig, loadDirectory, loadTransferPolicies, loadWorkingCalendar, resolveDataDir } from '@xianjie/runtime';
import { createEmbeddedPlatform } from './embeddedPlatform.ts';
import { createEmbeddedApp } from './embeddedApp.ts';
import { seedDemo } from '@xianjie/demo-seed';
import { defaultConsoleDir, gatewayHttpOptionsFrom, signInOptionsFrom } from '@xianjie/gateway';
import { ensureConsoleBuilt } from './consoleBuild.ts';

/** `pnpm start`: the whole platform in one process (embedded mode). */
const main = async () => {
  let config;
  try {
    config = loadConfig();
    loadWorkingCalendar(config); // a bad calendar file stops here, named, like any bad variable
    loadTransferPolicies(config, loadDirectory(config).regionNames); // and a bad local-rules file
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({
    level: config.LOG_LEVEL,
    ...(process.stdout.isTTY ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss' } } } : {}),
  });
  if (config.XIANJIE_MODE !== 'embedded') {
    logger.fatal('distributed mode runs one process per service: start each `services/<name>/src/main.ts` (or `pnpm start:distributed` locally)');
    process.exit(2);
  }
  const consoleReady = ensureConsoleBuilt(defaultConsoleDir, logger);
  const started = performance.now();
  logger.info({ dataDir: resolveDataDir(config.XIANJIE_DATA_DIR) }, 'starting the embedded platform');
  const platform = await createEmbeddedPlatform(config, { logger });
  // The demo data, only when asked (XIANJIE_SEED=demo, the default of embedded mode): through the command ports.
  if ((config.XIANJIE_SEED ?? 'demo') === 'demo') await seedDemo(platform, logger);

  const app = createEmbeddedApp(platform, gatewayHttpOptionsFrom(config), { signIn: signInOptionsFrom(config, platform.devSecret) });
  const server = app.listen(config.PORT, config.HOST);
  server.once('error', (error: NodeJS.ErrnoException) => {
    logger.fatal(
      { err: error },
      error.code === 'EADDRINUSE'
        ? `port ${config.PORT} on ${config.HOST} is already in use: stop the other process or set PORT`
        : 'the gateway could not listen',
    );
    void platform.close().finally(() => process.exit(1));
  });
  server.once('listening', () => {
    const origin = `http://${config.HOST}:${config.PORT}`;
    logger.info({ graphql: `${origin}/graphql`, ms: Math.round(performance.now() - started) }, '衔接 Xianjie is running (embedded mode)');
    if (consoleReady) logger.info(`工作台 the console: open ${origin}/ in a browser and sign in as a demo user`);
    logger.info(`GraphQL: ${origin}/graphql (a token for scripts: pnpm dev-token --user u-amr-650100-officer)`);
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    await platform.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
};

main().catch((error: unknown) => {
  console.error('Xianjie failed to start:', error);
  process.exit(1);
});
