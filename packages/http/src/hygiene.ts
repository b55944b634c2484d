import type { NextFunction, Request, RequestHandler, Response } from 'express';
import helmet from 'helmet';
import { ValidationError } from '@xianjie/contracts';

/**
 * HTTP hygiene shared by the gateway and every service (issue #12, hole 11; decision 0009):
 * security headers, HSTS only behind TLS, and strings that no store can hold refused at the edge.
 */

/** The CSP of an API: it serves JSON, never a page, so nothing may load and nothing may frame it. */
export const apiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/**
 * nosniff, frame-ancestors 'none' + X-Frame-Options DENY, no referrer, a strict CSP; HSTS only
 * when the request came over TLS (`req.secure`, which honours express's `trust proxy`), since a
 * plain-HTTP local run must not pin a browser to https.
 */
export const securityHeaders = (): RequestHandler[] => [
  helmet({
    contentSecurityPolicy: false,
    strictTransportSecurity: false,
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
  }),
  (req, res, next) => {
    res.setHeader('Content-Security-Policy', apiContentSecurityPolicy);
    if (req.secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    next();
  },
];

/** The default limit of a request body (the gateway's /graphql and every service's JSON routes). */
export const defaultBodyLimitBytes = 1024 * 1024;

/** A high surrogate not followed by a low one, or a low one not preceded by a high one (code units, no `u` flag). */
const loneSurrogate = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Why a string cannot be stored, or null: PostgreSQL text and jsonb refuse NUL (`\u0000`), and a
 * lone UTF-16 surrogate is not a character at all (it cannot be encoded as UTF-8).
 */
export const unsafeStringReason = (value: string): string | null => {
  if (value.includes('\u0000')) return '不得包含空字符 must not contain NUL (\\u0000) characters';
  if (loneSurrogate.test(value)) return '包含无效的 Unicode 代理项 contains a lone UTF-16 surrogate (not valid Unicode)';
  return null;
};

/** The dotted path of the first unsafe string (keys included) in a JSON value, with the reason. */
export const findUnsafeString = (value: unknown, path = ''): { path: string; reason: string } | null => {
  if (typeof value === 'string') {
    const reason = unsafeStringReason(value);
    return reason ? { path, reason } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnsafeString(item, path ? `${path}.${index}` : String(index));
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const keyPath = path ? `${path}.${key}` : key;
      const keyReason = unsafeStringReason(key);
      if (keyReason) return { path: keyPath, reason: keyReason };
      const found = findUnsafeString(item, keyPath);
      if (found) return found;
    }
  }
  return null;
};

/** After a JSON body parser: a body or query string with an unsafe string is BAD_USER_INPUT naming the field. */
export const rejectUnsafeStrings: RequestHandler = (req: Request, _res: Response, next: NextFunction) => {
  const found = findUnsafeString(req.body) ?? findUnsafeString({ ...req.query });
  if (found) next(new ValidationError([{ path: found.path, message: found.reason }]));
  else next();
};
