import { pino } from 'pino';
import { ConfigError, loadConfig } from './config.ts';
import { createEmbeddedPlatform } from './platform.ts';
import { createGatewayApp } from './server.ts';
import { loadWorkingCalendar } from './calendar.ts';

/** `pnpm start`: the whole platform in one process (embedded mode). */
const main = async () => {
  let config;
  try {
    config = loadConfig();
    loadWorkingCalendar(config); // a bad calendar file stops here, named, like any bad variable
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
    logger.fatal('distributed mode is started with `pnpm start:distributed` (one process per service)');
    process.exit(2);
  }
  const started = performance.now();
  const platform = await createEmbeddedPlatform(config, { logger });

  const app = createGatewayApp({
    platform,
    health: async () => ({ caseProjection: 'running', version: await platform.store.streamVersion('system-seed') }),
  });
  const server = app.listen(config.PORT, config.HOST);
  server.once('error', async (error: NodeJS.ErrnoException) => {
    logger.fatal(
      { err: error },
      error.code === 'EADDRINUSE'
        ? `port ${config.PORT} on ${config.HOST} is already in use: stop the other process or set PORT`
        : 'the gateway could not listen',
    );
    await platform.close();
    process.exit(1);
  });
  server.once('listening', () => {
    logger.info(
      { url: `http://${config.HOST}:${config.PORT}/graphql`, ms: Math.round(performance.now() - started) },
      `衔接 Xianjie is serving GraphQL (embedded mode). Mint a token with: pnpm token --user u-amr-650100-officer`,
    );
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

main().catch((error) => {
  console.error('Xianjie failed to start:', error);
  process.exit(1);
});
