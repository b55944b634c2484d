import path from 'node:path';

/**
 * A relative XIANJIE_DATA_DIR (default `./data`) is taken from where the user ran the command,
 * not from the package whose script runs: pnpm runs scripts inside the package and passes the
 * user's directory as INIT_CWD, so `pnpm start` at the repository root keeps its data in `./data`
 * there, as the README says.
 */
export const resolveDataDir = (dataDir: string, env: Record<string, string | undefined> = process.env): string =>
  path.resolve(env.INIT_CWD ?? process.cwd(), dataDir);
