import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import { createYoga, type GraphiQLOptions } from 'graphql-yoga';
import { isXianjieError } from '@xianjie/contracts';
import type { Principal } from '@xianjie/auth';
import { clientHttpError, securityHeaders } from '@xianjie/http';
import type { Config } from '@xianjie/runtime';
import { schema } from './schema.ts';
import { createErrorMasker, errorKind } from './errors.ts';
import type { GatewayContext, Platform } from './context.ts';
import { defaultQueryLimits, useQueryLimits, type QueryLimits } from './queryLimits.ts';
import { createRateLimiter } from './rateLimit.ts';
import { useSchemaHiddenFromAnonymous } from './schemaDisclosure.ts';
import { useUnsafeStringRefusal } from './unsafeStrings.ts';
import { authRoutes, type SignInOptions } from './session/authRoutes.ts';
import { cookieBearer, csrfHeaderName } from './session/sessionCookie.ts';
import { consoleRoutes } from './consoleRoutes.ts';

/** The readiness of what the gateway depends on; `details` names parts, never addresses or errors. */
export interface GatewayHealth {
  healthy: boolean;
  details: Record<string, unknown>;
}

/** The HTTP limits and policies of the gateway (decision 0009), from the runtime config. */
export interface GatewayHttpOptions {
  /** Origins a browser may call from with credentials; empty: same-origin only. */
  corsOrigins: string[];
  /** express `trust proxy` (who may say the client's address and `x-forwarded-proto`). */
  trustProxy: boolean | number | string;
  bodyLimitBytes: number;
  /** Requests per minute: per client address, per user (token subject), bad tokens per address. */
  rateLimits: { perAddress: number; perUser: number; badTokensPerAddress: number };
  queryLimits: QueryLimits;
}

export const defaultGatewayHttpOptions: GatewayHttpOptions = {
  corsOrigins: [],
  trustProxy: false,
  bodyLimitBytes: 1024 * 1024,
  rateLimits: { perAddress: 3000, perUser: 1200, badTokensPerAddress: 60 },
  queryLimits: defaultQueryLimits,
};

export const gatewayHttpOptionsFrom = (config: Config): GatewayHttpOptions => ({
  corsOrigins: config.CORS_ORIGINS,
  trustProxy: config.XIANJIE_TRUST_PROXY,
  bodyLimitBytes: config.HTTP_BODY_LIMIT_BYTES,
  rateLimits: {
    perAddress: config.RATE_LIMIT_PER_ADDRESS,
    perUser: config.RATE_LIMIT_PER_USER,
    badTokensPerAddress: config.RATE_LIMIT_BAD_TOKENS_PER_ADDRESS,
  },
  queryLimits: {
    maxDepth: config.GRAPHQL_MAX_DEPTH,
    maxAliases: config.GRAPHQL_MAX_ALIASES,
    maxDirectives: config.GRAPHQL_MAX_DIRECTIVES,
    maxTokens: config.GRAPHQL_MAX_TOKENS,
    maxCost: config.GRAPHQL_MAX_COST,
  },
});

export interface GatewayAppOptions {
  platform: Platform;
  /** Readiness of the dependencies for /healthz (503 when not healthy). */
  health?: () => Promise<GatewayHealth>;
  /** Limits and policies; each missing one takes its default. */
  http?: Partial<GatewayHttpOptions>;
  /** More routes on the same port (embedded mode's downloads), behind the same headers and limits. */
  routes?: express.RequestHandler[];
  /** How the console signs people in (/auth/*); default: no demo sign-in, no OIDC. */
  signIn?: SignInOptions;
  /** The console's built bundle (services/console/dist), served at `/` when it exists. */
  consoleDir?: string;
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

/**
 * The CSP of the GraphiQL page only (embedded mode): the bundled page is inline scripts and styles,
 * its editor workers are blob: URLs; it still loads nothing from elsewhere and cannot be framed.
 */
const graphiqlContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob: data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const graphqlError = (message: string, code: string, extra: Record<string, unknown> = {}) => ({
  errors: [{ message, extensions: { code, ...extra } }],
});

type Verified = { principal: Principal } | { error: unknown };

/**
 * graphql-yoga on express: POST /graphql (GraphiQL on GET in embedded mode) and GET /healthz, and
 * `routes`; every response with the security headers, every request but /healthz rate limited.
 */
export const createGatewayApp = ({
  platform,
  health,
  http = {},
  routes = [],
  signIn = { demoSecret: null, oidc: null },
  consoleDir,
}: GatewayAppOptions): Express => {
  const options = { ...defaultGatewayHttpOptions, ...http };
  const logger = platform.logger.child({ component: 'gateway' });
  // The rate limiter verifies a token once; the GraphQL context takes the outcome from here.
  const verifiedRequests = new WeakMap<express.Request, Promise<Verified>>();
  // Settled before yoga runs (the rate limiter awaits the verification): read synchronously in validation.
  const principals = new WeakMap<express.Request, Principal>();
  const signedIn = (context: unknown): boolean => {
    const req = (context as { req?: express.Request } | undefined)?.req;
    return req !== undefined && principals.has(req);
  };
  const verify = (req: express.Request, header: string): Promise<Verified> => {
    let verified = verifiedRequests.get(req);
    if (!verified) {
      verified = platform.verifier.verify(header).then(
        (principal) => {
          principals.set(req, principal);
          return { principal };
        },
        (error: unknown) => ({ error }),
      );
      verifiedRequests.set(req, verified);
    }
    return verified;
  };

  const yoga = createYoga<{ req: express.Request }, GatewayContext>({
    schema,
    graphqlEndpoint: '/graphql',
    graphiql: platform.mode === 'embedded' ? { title: '衔接 Xianjie GraphQL' } : false,
    renderGraphiQL: bundledGraphiQL(),
    landingPage: false,
    // An allow-list (CORS_ORIGINS); yoga's default reflects any origin with credentials.
    cors: (request) => {
      const origin = request.headers.get('origin');
      return origin && options.corsOrigins.includes(origin)
        ? { origin: [origin], credentials: true, methods: ['GET', 'POST'], allowedHeaders: ['authorization', 'content-type', 'x-correlation-id', csrfHeaderName] }
        : false;
    },
    plugins: [
      useQueryLimits(options.queryLimits),
      useUnsafeStringRefusal(),
      ...(platform.mode === 'distributed' ? [useSchemaHiddenFromAnonymous(signedIn)] : []),
    ],
    logging: {
      debug: (...args) => logger.debug(args),
      info: (...args) => logger.info(args),
      warn: (...args) => logger.warn(args),
      // Yoga logs every error it masks, at error. A caller's mistake is not ours: info; a service
      // that did not answer: warn; a bug was already logged by the masker, with its stack.
      error: (...args) => {
        const kind = errorKind(args[0]);
        if (kind === 'client') logger.info({ refused: String((args[0] as Error | undefined)?.message ?? args[0]) }, 'request refused');
        else if (kind === 'unavailable') logger.warn({ err: args[0] }, 'a service did not answer');
        else logger.debug(args);
      },
    },
    maskedErrors: { maskError: createErrorMasker(logger) },
    context: async ({ request, req }): Promise<GatewayContext> => {
      const correlationId = request.headers.get('x-correlation-id') ?? randomUUID();
      const header = request.headers.get('authorization');
      let principal: Principal | null = null;
      // A bad token is an error even on public fields: the caller meant to authenticate.
      if (header) {
        const verified = await verify(req, header);
        if ('error' in verified) throw verified.error;
        principal = verified.principal;
      }
      return { platform, principal, token: header ? header.replace(/^Bearer\s+/i, '') : null, correlationId };
    },
  });

  const byAddress = createRateLimiter(options.rateLimits.perAddress);
  const byUser = createRateLimiter(options.rateLimits.perUser);
  const badTokens = createRateLimiter(options.rateLimits.badTokensPerAddress);

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy);
  app.use(securityHeaders());

  app.get('/healthz', async (req, res) => {
    let state: GatewayHealth = { healthy: true, details: {} };
    try {
      if (health) state = await health();
    } catch (error) {
      logger.warn({ err: error }, 'health check failed');
      state = { healthy: false, details: {} };
    }
    if (!state.healthy) logger.warn({ health: state.details }, 'unhealthy');
    const status = state.healthy ? 'ok' : 'unavailable';
    // Anonymous callers learn up or down, nothing of the platform's parts.
    const header = req.header('authorization');
    const known = header ? 'principal' in (await verify(req, header)) : false;
    res.status(state.healthy ? 200 : 503).json(known ? { status, mode: platform.mode, ...state.details } : { status });
  });

  // The console's session cookie stands for the Authorization header where it may count (sessionCookie.ts).
  app.use((req, _res, next) => {
    if (!req.headers.authorization) {
      const token = cookieBearer(req);
      if (token) req.headers.authorization = `Bearer ${token}`;
    }
    next();
  });

  // Every other route (GraphQL, the embedded downloads): per address, then per user or per bad token.
  app.use(async (req, res, next) => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    let wait = byAddress.take(address);
    const header = req.header('authorization');
    if (wait === null && header) {
      const verified = await verify(req, header);
      if ('principal' in verified) wait = byUser.take(`user:${verified.principal.userId}`);
      else if (isXianjieError(verified.error)) wait = badTokens.take(address);
    }
    if (wait === null) return next();
    logger.warn({ address, retryAfter: wait }, 'rate limited');
    res.setHeader('Retry-After', String(wait));
    res
      .status(429)
      .json(graphqlError(`请求过于频繁 too many requests: retry after ${wait} s`, 'RATE_LIMITED', { retryAfterSeconds: wait }));
  });

  if (platform.mode === 'embedded') {
    // The GraphiQL page needs inline scripts; only that page gets them.
    app.get(yoga.graphqlEndpoint, (req, res, next) => {
      if (req.accepts(['application/json', 'text/html']) === 'text/html') res.setHeader('Content-Security-Policy', graphiqlContentSecurityPolicy);
      next();
    });
  }
  app.use(yoga.graphqlEndpoint, express.raw({ type: () => true, limit: options.bodyLimitBytes }));
  app.use(yoga.graphqlEndpoint, (req, res) => void yoga.handle(req, res, { req }));
  for (const route of routes) app.use(route);
  app.use(authRoutes({ signIn, directory: platform.directory, verifier: platform.verifier }));
  const consoleApp = consoleDir ? consoleRoutes(consoleDir, signIn.oidc ? [new URL(signIn.oidc.authority).origin] : []) : null;
  if (consoleApp) app.use(consoleApp);
  // express's own 404 page would replace the CSP; a JSON answer keeps every header.
  app.use((_req, res) => void res.status(404).json(graphqlError('not found', 'NOT_FOUND')));
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    if (isXianjieError(error)) {
      res.status(401).json(graphqlError(error.message, error.code));
      return;
    }
    const client = clientHttpError(error);
    if (client) {
      logger.warn({ status: client.status, code: client.code }, client.message);
      res.status(client.status).json(graphqlError(client.message, client.code));
      return;
    }
    logger.error({ err: error }, 'request failed');
    res.status(500).json({ errors: [{ message: 'internal error' }] });
  });
  return app;
};
