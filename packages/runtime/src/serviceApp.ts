import express, { type Express, type RequestHandler } from 'express';
import type { Logger } from 'pino';
import { apiErrorHandler, keepRawBody, rejectUnsafeStrings, securityHeaders } from '@xianjie/http';

export interface ServiceAppOptions {
  name: string;
  logger: Logger;
  /** The service's own routes (`service.router(verifier)`). */
  router: RequestHandler;
  bodyLimitBytes: number;
  /** express `trust proxy` (HSTS behind a TLS-terminating proxy). */
  trustProxy: boolean | number | string;
}

/**
 * The HTTP app of one service in distributed mode, with the hygiene every service shares (decision
 * 0009): security headers, a JSON body of at most `bodyLimitBytes` (413 beyond), no string a store
 * cannot hold (BAD_USER_INPUT naming the field), `/healthz` saying only `{status}`, a JSON 404, and
 * failures answered as the API's error form, never express's HTML page.
 */
export const createServiceApp = ({ name, logger, router, bodyLimitBytes, trustProxy }: ServiceAppOptions): Express => {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  app.use(securityHeaders());
  // Raw text kept: internal routes check the service signature over the bytes sent (decision 0008).
  app.use(express.json({ limit: bodyLimitBytes, verify: keepRawBody }), rejectUnsafeStrings);
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.use(router);
  app.use((_req, res) => void res.status(404).json({ error: { code: 'NOT_FOUND', message: 'not found' } }));
  app.use(apiErrorHandler(logger, name));
  return app;
};
