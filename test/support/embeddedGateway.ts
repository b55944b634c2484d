import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { mintDevToken, findDemoUser } from '@xianjie/auth';
import { loadConfig } from '@xianjie/runtime';
import { createEmbeddedApp, createEmbeddedPlatform, type EmbeddedPlatform } from '@xianjie/embedded';
import { seedDemo } from '@xianjie/demo-seed';
import { gatewayHttpOptionsFrom, signInOptionsFrom } from '@xianjie/gateway';

export interface GraphQLResult<T = Record<string, unknown>> {
  data?: T | null;
  errors?: { message: string; path?: string[]; extensions?: Record<string, unknown> }[];
}

export interface TestGateway {
  url: string;
  platform: EmbeddedPlatform;
  tokenFor(userId: string): Promise<string>;
  gql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResult<T>>;
  close(): Promise<void>;
}

/**
 * The whole platform in this process, served over real HTTP on a free port, as `pnpm start` runs
 * it. `env` picks the store (PGlite in a temp dir by default).
 */
export const startEmbeddedGateway = async (
  env: Record<string, string> = {},
  options: { schemaPrefix?: string; now?: () => string; port?: number } = {},
): Promise<TestGateway> => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xianjie-e2e-'));
  const config = loadConfig({ XIANJIE_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const logger = pino({ level: process.env.E2E_LOG_LEVEL ?? 'silent' });
  const { port = 0, ...platformOptions } = options;
  const platform = await createEmbeddedPlatform(config, { logger, ...platformOptions });
  // As `pnpm start` does: the demo data unless XIANJIE_SEED=none.
  if ((config.XIANJIE_SEED ?? 'demo') === 'demo') await seedDemo(platform, logger);
  // Limits, policies and sign-in (demo, or OIDC with AUTH_OIDC_CLIENT_ID) from the same config, as `pnpm start` takes them.
  const app = createEmbeddedApp(platform, gatewayHttpOptionsFrom(config), { signIn: signInOptionsFrom(config, platform.devSecret) });
  const server = app.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    platform,
    async tokenFor(userId) {
      const user = findDemoUser(userId);
      if (!user) throw new Error(`no demo user ${userId}`);
      return mintDevToken({ secret: platform.devSecret!, ...user, roles: [...user.roles] });
    },
    async gql(query, variables, token) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      return (await res.json()) as GraphQLResult<never>;
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await platform.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
};
