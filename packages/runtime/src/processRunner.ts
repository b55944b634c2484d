import type { Server } from 'node:http';
import { pino, type Logger } from 'pino';
import { ConfigError, loadConfig, platformKeyProblems, type Config } from './config.ts';

export interface RunningProcess {
  server: Server;
  close(): Promise<void>;
}

/**
 * The life of one distributed-mode process: validated config (a bad variable stops it, named),
 * structured logs, and a graceful stop on SIGTERM/SIGINT (stop taking requests, finish the work in
 * hand, close the bus and the database).
 */
export const runProcess = async (
  name: string,
  start: (config: Config, logger: Logger) => Promise<RunningProcess>,
  options: { /** A service of the registry: it needs the platform keys (the gateway does not). */ needsPlatformKeys?: boolean } = {},
) => {
  let config: Config;
  try {
    config = loadConfig({ XIANJIE_MODE: 'distributed', ...process.env });
    const missing = options.needsPlatformKeys ? platformKeyProblems(config) : [];
    if (missing.length > 0) throw new ConfigError(missing);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${name}: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const logger = pino({ level: config.LOG_LEVEL, base: { process: name } });
  let running: RunningProcess;
  try {
    running = await start(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, `${name} failed to start`);
    process.exit(1);
  }
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, `${name} stopping`);
    const timer = setTimeout(() => {
      logger.error('graceful stop took more than 20 s; exiting');
      process.exit(1);
    }, 20_000);
    running.server.close();
    await running.close().catch((err: unknown) => logger.error({ err }, 'error while stopping'));
    clearTimeout(timer);
    logger.info(`${name} stopped`);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
};

/** Listens and resolves once the port is bound. */
export const listen = (app: { listen: (port: number, host: string) => Server }, port: number, host: string) =>
  new Promise<Server>((resolve, reject) => {
    const server = app.listen(port, host);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
