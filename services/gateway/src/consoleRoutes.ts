import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type Router } from 'express';

/**
 * The CSP of the console's pages: its own scripts only; inline styles because Ant Design writes its
 * styles at run time (CSS-in-JS); XHR to this origin and, with OIDC, to the issuer.
 */
export const consoleContentSecurityPolicy = (connectTo: readonly string[] = []): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectTo].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');

/**
 * The console's static bundle (services/console/dist) at `/`: hashed assets cached for a year,
 * every other GET that wants HTML answered with index.html (the app routes in the browser).
 * Null when the bundle was not built (the gateway then serves the API only).
 */
export const consoleRoutes = (distDir: string, connectTo: readonly string[] = []): Router | null => {
  const index = join(distDir, 'index.html');
  if (!existsSync(index)) return null;
  const csp = consoleContentSecurityPolicy(connectTo);
  const router = express.Router();
  router.use('/assets', express.static(join(distDir, 'assets'), { immutable: true, maxAge: '365d', index: false, fallthrough: false }));
  router.use(express.static(distDir, { index: false, maxAge: 0 }));
  router.get(/^\/(?!graphql|auth\/|healthz|exports\/|downloads\/).*/, (req, res, next) => {
    if (req.accepts(['text/html', 'application/json']) !== 'text/html') return next();
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
};

/** Where the monorepo's console build lands (services/console/dist). */
export const defaultConsoleDir = fileURLToPath(new URL('../../console/dist', import.meta.url));
