/**
 * The console's session: the bearer token in an HttpOnly cookie, so page scripts never hold it
 * (XSS cannot read it) and a plain link can download an export. SameSite=Strict keeps other sites'
 * pages from sending it; on /graphql it counts only with the `x-xianjie-csrf` header, which a
 * cross-site form cannot set and a cross-origin script cannot send without passing CORS.
 */
export const sessionCookieName = 'xianjie_session';
export const csrfHeaderName = 'x-xianjie-csrf';

/** The value of cookie `name` in a Cookie header, or undefined. */
export const readCookie = (header: string | undefined, name: string): string | undefined => {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
};

/** The Set-Cookie value holding `token` for `maxAgeSeconds`; `Secure` when the request came over TLS. */
export const sessionCookie = (token: string, maxAgeSeconds: number | undefined, secure: boolean): string =>
  [
    `${sessionCookieName}=${encodeURIComponent(token)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    ...(maxAgeSeconds === undefined ? [] : [`Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`]),
    ...(secure ? ['Secure'] : []),
  ].join('; ');

export const clearedSessionCookie = (secure: boolean): string => sessionCookie('', 0, secure);

/** Seconds until a JWT's `exp`; undefined when it has none (the cookie then lasts as long as the browser session). */
export const secondsUntilExpiry = (token: string, nowMs = Date.now()): number | undefined => {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? Math.max(0, payload.exp - Math.floor(nowMs / 1000)) : undefined;
  } catch {
    return undefined;
  }
};

/**
 * The bearer token a request carries by cookie, when the cookie may count: any GET or HEAD but
 * /graphql (downloads by plain link), and any request that sends the CSRF header.
 */
export const cookieBearer = (req: { method: string; path: string; headers: Record<string, string | string[] | undefined> }): string | undefined => {
  const header = req.headers.cookie;
  const token = readCookie(typeof header === 'string' ? header : undefined, sessionCookieName);
  if (!token) return undefined;
  const safeRead = (req.method === 'GET' || req.method === 'HEAD') && !req.path.startsWith('/graphql');
  return safeRead || req.headers[csrfHeaderName] === '1' ? token : undefined;
};
