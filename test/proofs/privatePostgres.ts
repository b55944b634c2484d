/**
 * A private PostgreSQL 15 cluster for fault tests: initdb into a temp directory, started with
 * pg_ctl on a free port (never the shared server on 5432), so a test may restart or stop it.
 * As root the binaries run as the `postgres` user (initdb refuses root).
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const binDir = process.env.PG_BIN_DIR ?? '/usr/lib/postgresql/15/bin';

export interface PrivatePostgres {
  url: string;
  port: number;
  /** `pg_ctl restart -m fast`: every connection is cut, the server is back when it resolves. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  /** Stops the server and removes its directory. */
  destroy(): Promise<void>;
}

export type PrivatePostgresProbe = { available: true } | { available: false; reason: string };

const asPostgres = (file: string, args: string[]) => {
  const bin = path.join(binDir, file);
  return process.getuid?.() === 0 ? run('runuser', ['-u', 'postgres', '--', bin, ...args]) : run(bin, args);
};

/** Whether a private cluster can be made here (binaries present; as root, a `postgres` user). */
export const probePrivatePostgres = async (): Promise<PrivatePostgresProbe> => {
  for (const file of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(path.join(binDir, file))) return { available: false, reason: `${path.join(binDir, file)} not found (set PG_BIN_DIR)` };
  }
  try {
    await asPostgres('initdb', ['--version']);
  } catch (error) {
    return { available: false, reason: `initdb cannot run here: ${(error as Error).message.split('\n')[0]}` };
  }
  return { available: true };
};

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

export const startPrivatePostgres = async (): Promise<PrivatePostgres> => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xianjie-pg-'));
  if (process.getuid?.() === 0) {
    const { uid, gid } = await run('id', ['-u', 'postgres']).then(async ({ stdout }) => ({
      uid: Number(stdout.trim()),
      gid: Number((await run('id', ['-g', 'postgres'])).stdout.trim()),
    }));
    chownSync(dir, uid, gid);
  } else {
    void userInfo();
  }
  const data = path.join(dir, 'data');
  const port = await freePort();
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const ctl = (...args: string[]) => asPostgres('pg_ctl', ['-D', data, '-l', path.join(dir, 'log'), '-w', '-t', '60', ...args]);
  await ctl('-o', options, 'start');
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    restart: async () => void (await ctl('-o', options, '-m', 'fast', 'restart')),
    stop: async () => void (await ctl('-m', 'fast', 'stop')),
    async destroy() {
      await ctl('-m', 'immediate', 'stop').catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
};
