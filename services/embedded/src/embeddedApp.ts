import type { Express } from 'express';
import { createGatewayApp, defaultConsoleDir, type GatewayHttpOptions, type SignInOptions } from '@xianjie/gateway';
import type { EmbeddedPlatform } from './embeddedPlatform.ts';

/**
 * What `pnpm start` serves on one port: the GraphQL gateway (POST /graphql, GraphiQL, /healthz)
 * and the services' downloads that a browser fetches with a plain link (the operations' .xlsx
 * exports). `http`: limits and policies from the config (`gatewayHttpOptionsFrom`). In distributed mode each service serves its own downloads on its own port.
 */
export const createEmbeddedApp = (
  platform: EmbeddedPlatform,
  http?: Partial<GatewayHttpOptions>,
  { signIn, consoleDir = defaultConsoleDir }: { signIn?: SignInOptions; consoleDir?: string } = {},
): Express => {
  return createGatewayApp({
    platform,
    // The one dependency of embedded mode: the database (PGlite or PostgreSQL) answers.
    health: async () => {
      const store = await platform.sql.query('SELECT 1').then(
        () => 'ok',
        (error: unknown) => {
          platform.logger.warn({ err: error }, 'health: the database does not answer');
          return 'unreachable';
        },
      );
      return { healthy: store === 'ok', details: { store } };
    },
    ...(http ? { http } : {}),
    routes: [platform.services.operations.instance.downloads(platform.verifier)],
    // The console at `/`; demo sign-in where the development secret is accepted (signInOptionsFrom).
    signIn: signIn ?? { demoSecret: platform.devSecret, oidc: null },
    consoleDir,
  });
};
