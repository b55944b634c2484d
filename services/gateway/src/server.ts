import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { createYoga, type GraphiQLOptions } from 'graphql-yoga';
import { isXianjieError } from '@xianjie/contracts';
import type { Principal } from '@xianjie/auth';
import { schema } from './schema.ts';
import { createErrorMasker } from './errors.ts';
import type { GatewayContext, Platform } from './context.ts';

export interface GatewayAppOptions {
  platform: Platform;
  /** Extra readiness checks for /healthz (store reachable, projections running...). */
  health?: () => Promise<Record<string, unknown>>;
}

/**
 * GraphiQL with its scripts, styles and editor workers inlined from the bundled package instead of
 * yoga's default CDN links: the embedded platform must work on a network without internet. The
 * page is ~9 MB, so the module loads on the first GET and the page is rendered once.
 */
const bundledGraphiQL = (): ((options: GraphiQLOptions) => Promise<string>) => {
  let page: Promise<string> | undefined;
  return (options) =>
    (page ??= import('@graphql-yoga/render-graphiql').then(({ renderGraphiQL }) => renderGraphiQL(options)));
};

/** graphql-yoga on express: POST /graphql (GraphiQL on GET in embedded mode) and GET /healthz; nothing else. */
export const createGatewayApp = ({ platform, health }: GatewayAppOptions): Express => {
  const logger = platform.logger.child({ component: 'gateway' });
  const yoga = createYoga<{ req: express.Request }, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: platform.mode === 'embedded' ? { title: '衔接 Xianjie GraphQL' } : false,
    renderGraphiQL: bundledGraphiQL(),
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(args),
      info: (...args) => logger.info(args),
      warn: (...args) => logger.warn(args),
      error: (...args) => logger.error(args),
    },
    maskedErrors: { maskError: createErrorMasker(logger) },
    context: async ({ request }): Promise<GatewayContext> => {
      const correlationId = request.headers.get('x-correlation-id') ?? randomUUID();
      const header = request.headers.get('authorization');
      let principal: Principal | null = null;
      // A bad token is an error even on public fields: the caller meant to authenticate.
      if (header) principal = await platform.verifier.verify(header);
      return { platform, principal, token: header ? header.replace(/^Bearer\s+/i, '') : null, correlationId };
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.get('/healthz', async (_req, res) => {
    try {
      res.json({ status: 'ok', mode: platform.mode, ...(health ? await health() : {}) });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', error: error instanceof Error ? error.message : String(error) });
    }
  });
  app.use(yoga.graphqlEndpoint, (req, res) => void yoga.handle(req, res, { req }));
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (isXianjieError(error)) {
      res.status(401).json({ errors: [{ message: error.message, extensions: { code: error.code } }] });
      return;
    }
    logger.error({ err: error }, 'request failed');
    res.status(500).json({ errors: [{ message: 'internal error' }] });
  });
  return app;
};
