import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Logger } from 'pino';

/** The newest modification time under `dir` (files only; node_modules and dist skipped). */
const newestChange = (dir: string): number => {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
};

/**
 * `pnpm start` serves the console from services/console/dist: build it when it is missing or older
 * than its sources (a fresh clone, or after a pull). A failed build is reported and the API still
 * starts; the console then answers 404 until it is built.
 */
export const ensureConsoleBuilt = (consoleDir: string, logger: Logger): boolean => {
  const packageDir = dirname(consoleDir);
  if (!existsSync(join(packageDir, 'package.json'))) return existsSync(join(consoleDir, 'index.html'));
  const built = join(consoleDir, 'index.html');
  if (existsSync(built) && statSync(built).mtimeMs >= newestChange(packageDir)) return true;
  logger.info('正在构建工作台 building the console (services/console), about half a minute…');
  const started = performance.now();
  const result = spawnSync('pnpm', ['--filter', '@xianjie/console', 'build'], { cwd: packageDir, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    logger.error({ status: result.status, error: result.error?.message }, '工作台构建失败 the console did not build: the API still starts; fix the error above and restart');
    return false;
  }
  logger.info({ ms: Math.round(performance.now() - started) }, 'console built');
  return true;
};
