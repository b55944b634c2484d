import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { loadConfig } from './config.ts';
import { createIdentity } from './identity.ts';

/** JWKS mode as configured from the environment, against a real JWKS served on 127.0.0.1. */
describe('identity in JWKS mode (issue #12, hole 9)', () => {
  let server: Server;
  let jwksUrl: string;
  let privateKey: CryptoKey;
  const issuer = 'https://idp.example/realms/gov';
  const claims = { sub: 'u-amr-650100-officer', name: '王敏', agency: 'amr-650100', roles: ['admin', 'officer'], iss: issuer, aud: 'xianjie' };
  const sign = (payload: JWTPayload) =>
    new SignJWT(payload).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuedAt().setExpirationTime('1h').sign(privateKey);

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('requires AUTH_ISSUER and AUTH_AUDIENCE with AUTH_JWKS_URL', () => {
    expect(() => loadConfig({ AUTH_JWKS_URL: jwksUrl })).toThrow(/AUTH_ISSUER: is required with AUTH_JWKS_URL[\s\S]*AUTH_AUDIENCE: is required/);
  });

  it('attack: an admin token the identity provider minted for another application (audience, issuer) is refused', async () => {
    const { verifier } = createIdentity(loadConfig({ AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: issuer, AUTH_AUDIENCE: 'xianjie' }));
    await expect(verifier.verify(await sign(claims))).resolves.toMatchObject({ userId: 'u-amr-650100-officer' });
    await expect(verifier.verify(await sign({ ...claims, aud: 'payroll' }))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/^bad claims: .*"aud"/),
    });
    await expect(verifier.verify(await sign({ ...claims, iss: 'https://idp.example/realms/other' }))).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
      message: expect.stringMatching(/^bad claims: .*"iss"/),
    });
  });
});

describe('the built-in development secret (public) in embedded mode', () => {
  it('works on a loopback address for `pnpm start`', () => {
    for (const HOST of ['127.0.0.1', 'localhost', '::1']) {
      expect(createIdentity(loadConfig({ HOST })).devSecret).toMatch(/do-not-use-in-production/);
    }
  });

  it('attack: bound to every interface, or with NODE_ENV=production, the process refuses to start and says what to set', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/HOST: .*built-in development secret is public .*AUTH_JWKS_URL.*AUTH_DEV_SECRET/);
    expect(() => loadConfig({ HOST: '10.1.2.3' })).toThrow(/refused on a non-loopback address/);
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/AUTH_JWKS_URL: .*refused with NODE_ENV=production/);
  });

  it('a secret of your own (or a JWKS) may listen anywhere', () => {
    const AUTH_DEV_SECRET = 'a-secret-of-our-own-of-at-least-32-chars';
    expect(loadConfig({ HOST: '0.0.0.0', AUTH_DEV_SECRET, NODE_ENV: 'production' }).HOST).toBe('0.0.0.0');
  });
});
