import express, { type ErrorRequestHandler, type Request } from 'express';
import { isServiceSignatureValid, serviceSignatureHeader, serviceTimestampHeader } from './client/serviceSignature.ts';
import type { Logger } from 'pino';
import { errorToWire, httpStatusOf, isXianjieError, UnauthenticatedError } from '@xianjie/contracts';
import type { Principal, TokenVerifier } from '@xianjie/auth';

/**
 * The pieces every service's HTTP API shares (the gateway calls them in distributed mode): who is
 * calling, and one mapping of failures to HTTP, the same as GraphQL's (contracts' error kinds).
 */

/** The bare token of a request's `Authorization: Bearer` header (to forward it), or null. */
export const bearerOf = (req: Request): string | null => {
  const header = req.header('authorization');
  return header ? header.replace(/^Bearer\s+/i, '') : null;
};

/**
 * Express JSON body parsing that keeps the raw body, for a route signed by a service
 * (`requireServiceSignature` checks the signature over the bytes that were sent).
 */
export const jsonKeepingRawBody = (limit: string | number) => express.json({ limit, verify: keepRawBody });

/**
 * A JSON parser's `verify` that keeps the raw text: a signed internal call is checked over the bytes
 * sent, and the app-wide parser runs before any route's own (so it must keep them too).
 */
export const keepRawBody = (req: unknown, _res: unknown, buf: Buffer): void => {
  (req as { rawBody?: string }).rawBody = buf.toString('utf8');
};

/**
 * An internal route: the call must carry a valid signature of the platform's service key (ADR 0008)
 * besides the reader's token. UNAUTHENTICATED otherwise (a user's token alone does not pass).
 */
export const requireServiceSignature = (serviceKey: string | null, req: Request): void => {
  const valid =
    serviceKey !== null &&
    isServiceSignatureValid(serviceKey, {
      method: req.method,
      path: req.originalUrl,
      timestamp: req.header(serviceTimestampHeader),
      signature: req.header(serviceSignatureHeader),
      body: (req as unknown as { rawBody?: string }).rawBody ?? '',
    });
  if (!valid) throw new UnauthenticatedError('this route is for the services of the platform (a signed service call)');
};

/** The verified principal of a request's bearer token; UnauthenticatedError without one. */
export const principalFrom =
  (verifier: TokenVerifier) =>
  async (req: Request): Promise<Principal> => {
    const header = req.header('authorization');
    if (!header) throw new UnauthenticatedError();
    return verifier.verify(header);
  };

/**
 * A body parser's refusal (body-parser errors carry a 4xx `status` and a `type`): too large is 413
 * PAYLOAD_TOO_LARGE naming the limit, anything else (not JSON, bad charset...) 400 BAD_USER_INPUT.
 * Null for anything that is not the caller's fault.
 */
export const clientHttpError = (error: unknown): { status: number; code: string; message: string } | null => {
  if (typeof error !== 'object' || error === null) return null;
  const { status, type, limit, length } = error as { status?: unknown; type?: unknown; limit?: unknown; length?: unknown };
  if (type === 'entity.too.large') {
    return {
      status: 413,
      code: 'PAYLOAD_TOO_LARGE',
      message: `请求体过大 request body too large: ${typeof length === 'number' ? `${length} bytes, ` : ''}the limit is ${String(limit)} bytes`,
    };
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const reason = error instanceof SyntaxError ? `request body is not valid JSON: ${error.message}` : `bad request (${String(type ?? status)})`;
    return { status: status === 400 || status === 415 ? status : 400, code: 'BAD_USER_INPUT', message: reason };
  }
  if (error instanceof SyntaxError) return { status: 400, code: 'BAD_USER_INPUT', message: `request body is not valid JSON: ${error.message}` };
  return null;
};

/**
 * The error handler of a service API: our error kinds as their HTTP status with the wire form
 * (the gateway turns them back into the same errors), a body that is not JSON as BAD_USER_INPUT, a body
 * over the limit as 413 PAYLOAD_TOO_LARGE,
 * anything else as a logged 500 that says nothing of its cause.
 */
export const apiErrorHandler =
  (logger: Logger, what: string): ErrorRequestHandler =>
  (error: unknown, _req, res, _next) => {
    if (isXianjieError(error)) {
      res.status(httpStatusOf(error.code)).json({ error: errorToWire(error) });
      return;
    }
    const client = clientHttpError(error);
    if (client) {
      // The caller's fault (a body too large, not JSON...): worth a warning, not an error.
      logger.warn({ status: client.status, code: client.code }, `${what}: ${client.message}`);
      res.status(client.status).json({ error: { code: client.code, message: client.message } });
      return;
    }
    logger.error({ err: error }, `${what} failed`);
    res.status(500).json({ error: { code: 'INTERNAL', message: 'internal error' } });
  };

export {
  apiContentSecurityPolicy,
  defaultBodyLimitBytes,
  findUnsafeString,
  rejectUnsafeStrings,
  securityHeaders,
  unsafeStringReason,
} from './hygiene.ts';
