import { describe, expect, it } from 'vitest';
import { cookieBearer, readCookie, secondsUntilExpiry, sessionCookie } from './sessionCookie.ts';
import { signInOptionsFrom } from './authRoutes.ts';

const jwtWith = (payload: object) => `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;

describe('the console session cookie', () => {
  it('reads one cookie among several and writes HttpOnly SameSite=Strict, Secure over TLS', () => {
    expect(readCookie('a=1; xianjie_session=t%2Bk; b=2', 'xianjie_session')).toBe('t+k');
    expect(readCookie('a=1', 'xianjie_session')).toBeUndefined();
    expect(sessionCookie('t', 60, true)).toBe('xianjie_session=t; Path=/; HttpOnly; SameSite=Strict; Max-Age=60; Secure');
    expect(sessionCookie('t', undefined, false)).toBe('xianjie_session=t; Path=/; HttpOnly; SameSite=Strict');
  });

  it('lasts until the token expires', () => {
    expect(secondsUntilExpiry(jwtWith({ exp: 1_000 }), 400_000)).toBe(600);
    expect(secondsUntilExpiry(jwtWith({}), 0)).toBeUndefined();
    expect(secondsUntilExpiry('not a jwt')).toBeUndefined();
  });

  it('counts on /graphql only with the CSRF header; on other GETs (downloads) without it', () => {
    const cookie = 'xianjie_session=tok';
    expect(cookieBearer({ method: 'POST', path: '/graphql', headers: { cookie } })).toBeUndefined();
    expect(cookieBearer({ method: 'GET', path: '/graphql', headers: { cookie } })).toBeUndefined();
    expect(cookieBearer({ method: 'POST', path: '/graphql', headers: { cookie, 'x-xianjie-csrf': '1' } })).toBe('tok');
    expect(cookieBearer({ method: 'GET', path: '/exports/operations/o/ledger.xlsx', headers: { cookie } })).toBe('tok');
    expect(cookieBearer({ method: 'POST', path: '/exports/x', headers: { cookie } })).toBeUndefined();
  });
});

describe('sign-in options from the config', () => {
  const base = { AUTH_OIDC_SCOPE: 'openid profile' };
  it('offers demo sign-in only with a development secret and never with NODE_ENV=production', () => {
    expect(signInOptionsFrom(base, 's'.repeat(32)).demoSecret).toBe('s'.repeat(32));
    expect(signInOptionsFrom({ ...base, NODE_ENV: 'production' }, 's'.repeat(32)).demoSecret).toBeNull();
    expect(signInOptionsFrom(base, null).demoSecret).toBeNull();
  });
  it('offers OIDC with a JWKS URL, an issuer and a client id', () => {
    const oidc = { ...base, AUTH_JWKS_URL: 'https://idp.example/jwks', AUTH_ISSUER: 'https://idp.example', AUTH_OIDC_CLIENT_ID: 'xianjie-console' };
    expect(signInOptionsFrom(oidc, null).oidc).toEqual({ authority: 'https://idp.example', clientId: 'xianjie-console', scope: 'openid profile' });
    expect(signInOptionsFrom({ ...oidc, AUTH_OIDC_CLIENT_ID: undefined }, null).oidc).toBeNull();
  });
});
