import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { UnauthenticatedError } from '@xianjie/contracts/errors';
import { mintDevToken } from './devTokens.ts';
import { createTokenVerifier, type TokenVerifier, type TokenVerifierOptions } from './tokenVerifier.ts';

const secret = 'test-secret-0123456789abcdef-0123456789';
const officer = {
  userId: 'u-amr-650100-officer',
  name: '帕丽旦·热合曼',
  agencyId: 'amr-650100',
  roles: ['officer' as const],
};
const officerPrincipal = {
  userId: officer.userId,
  name: officer.name,
  agencyId: officer.agencyId,
  roles: ['officer'],
};
const directory = new Set(['amr-650100', 'police-650100']);

/** Signs arbitrary claims, for tokens mintDevToken refuses to make. */
const sign = (
  claims: JWTPayload,
  key: Uint8Array | CryptoKey,
  { alg = 'HS256', kid, exp = '1h' }: { alg?: string; kid?: string; exp?: string | null } = {},
) => {
  const jwt = new SignJWT(claims).setProtectedHeader(kid ? { alg, kid } : { alg }).setIssuedAt();
  if (exp) jwt.setExpirationTime(exp);
  return jwt.sign(key);
};
const devClaims = {
  sub: officer.userId,
  name: officer.name,
  agency: 'amr-650100',
  roles: ['officer'],
  iss: 'xianjie-dev',
  aud: 'xianjie',
};
const secretKey = new TextEncoder().encode(secret);

/** Asserts an UnauthenticatedError whose message matches `reason`. */
const rejects = async (promise: Promise<unknown>, reason: RegExp) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected a rejection').toBeInstanceOf(UnauthenticatedError);
  expect((error as UnauthenticatedError).code).toBe('UNAUTHENTICATED');
  expect((error as Error).message).toMatch(reason);
};

describe('dev mode (HS256, AUTH_DEV_SECRET)', () => {
  const verifier = createTokenVerifier({ mode: 'dev', secret, knownAgency: (id) => directory.has(id) });

  it('verifies a minted token given as a bearer header or bare', async () => {
    const token = await mintDevToken({ secret, ...officer });
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual(officerPrincipal);
    await expect(verifier.verify(`bearer  ${token} `)).resolves.toEqual(officerPrincipal);
    await expect(verifier.verify(token)).resolves.toEqual(officerPrincipal);
  });

  it('refuses a missing token', async () => {
    await rejects(verifier.verify(undefined), /^missing token/);
    await rejects(verifier.verify(''), /^missing token/);
    await rejects(verifier.verify('Bearer '), /^missing token/);
  });

  it('refuses a malformed header or token', async () => {
    await rejects(
      verifier.verify('Basic dXNlcjpwYXNz'),
      /^malformed token: the authorization scheme must be "Bearer"/,
    );
    await rejects(verifier.verify('Bearer not-a-jwt'), /^malformed token: expected a JWT/);
    await rejects(verifier.verify('Bearer a.b c.d'), /^malformed token/);
    await rejects(verifier.verify('Bearer aaaa.bbbb.cccc'), /^malformed token/);
  });

  it('refuses an expired token', async () => {
    const token = await mintDevToken({ secret, ...officer, expiresIn: '-1h' });
    await rejects(verifier.verify(token), /^token expired at \d{4}-\d\d-\d\dT/);
  });

  it('refuses a token signed with another secret', async () => {
    const token = await mintDevToken({ secret: `${secret}-other`, ...officer });
    await rejects(
      verifier.verify(token),
      /^bad signature: the token was not signed with the development secret/,
    );
  });

  it('refuses another algorithm, even with the right secret', async () => {
    await rejects(
      verifier.verify(await sign(devClaims, secretKey, { alg: 'HS512' })),
      /^bad signature: the token's algorithm/,
    );
  });

  it('refuses a wrong audience or issuer, naming the claim', async () => {
    await rejects(
      verifier.verify(await sign({ ...devClaims, aud: 'someone-else' }, secretKey)),
      /^bad claims: .*"aud"/,
    );
    await rejects(
      verifier.verify(await sign({ ...devClaims, iss: 'elsewhere' }, secretKey)),
      /^bad claims: .*"iss"/,
    );
  });

  it('refuses a token without expiry', async () => {
    await rejects(verifier.verify(await sign(devClaims, secretKey, { exp: null })), /^bad claims: .*"exp"/);
  });

  it('names a missing or bad Xianjie claim', async () => {
    const { agency: _agency, ...withoutAgency } = devClaims;
    await rejects(
      verifier.verify(await sign(withoutAgency, secretKey)),
      /^bad claims: claim "agency" is missing$/,
    );
    const { sub: _sub, roles: _roles, ...withoutSubAndRoles } = devClaims;
    await rejects(
      verifier.verify(await sign(withoutSubAndRoles, secretKey)),
      /^bad claims: claim "sub" is missing; claim "roles" is missing$/,
    );
    await rejects(
      verifier.verify(await sign({ ...devClaims, roles: ['officer', 'chief'] }, secretKey)),
      /^bad claims: claim "roles" item 1: "chief" is not a role/,
    );
    await rejects(
      verifier.verify(await sign({ ...devClaims, roles: [] }, secretKey)),
      /claim "roles" must name at least one role/,
    );
    await rejects(
      verifier.verify(await sign({ ...devClaims, agency: '市场监管局' }, secretKey)),
      /claim "agency" must be an agency id/,
    );
  });

  it('refuses an agency that is not in the directory', async () => {
    const token = await mintDevToken({ secret, ...officer, agencyId: 'amr-999999' });
    await rejects(verifier.verify(token), /^agency "amr-999999" is not in the directory$/);
    // Without a directory check the same token passes.
    const lenient = createTokenVerifier({ mode: 'dev', secret });
    await expect(lenient.verify(token)).resolves.toMatchObject({ agencyId: 'amr-999999' });
  });

  it('refuses a short secret at creation, and when minting', async () => {
    expect(() => createTokenVerifier({ mode: 'dev', secret: 'too-short' })).toThrow(
      /AUTH_DEV_SECRET\) must be at least 32 bytes, got 9/,
    );
    await expect(mintDevToken({ secret: 'too-short', ...officer })).rejects.toThrow(/at least 32 bytes/);
  });

  it('refuses to mint a token with bad claims', async () => {
    await expect(mintDevToken({ secret, ...officer, roles: [] })).rejects.toThrow(
      /cannot mint a development token: bad claims: claim "roles" must name at least one role/,
    );
  });
});

describe('publicKey mode', () => {
  it('verifies with an SPKI public key, inferring the algorithm', async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    const verifier = createTokenVerifier({
      mode: 'publicKey',
      publicKeyPem: await exportSPKI(publicKey),
      issuer: 'https://idp.example',
      audience: 'xianjie',
    });
    const claims = { ...devClaims, iss: 'https://idp.example' };
    await expect(
      verifier.verify(`Bearer ${await sign(claims, privateKey, { alg: 'ES256' })}`),
    ).resolves.toEqual(officerPrincipal);

    const stranger = await generateKeyPair('ES256');
    await rejects(
      verifier.verify(await sign(claims, stranger.privateKey, { alg: 'ES256' })),
      /^bad signature/,
    );
    await rejects(
      verifier.verify(await sign(devClaims, privateKey, { alg: 'ES256' })),
      /^bad claims: .*"iss"/,
    );
    // An HS256 token "signed" with the public key must not pass (algorithm confusion).
    const pem = new TextEncoder().encode(await exportSPKI(publicKey));
    await rejects(verifier.verify(await sign(claims, pem)), /^bad signature: the token's algorithm/);
  });

  it('refuses a bad PEM at creation', () => {
    expect(() => createTokenVerifier({ mode: 'publicKey', publicKeyPem: 'not a key' })).toThrow(
      /publicKeyPem is not a PEM public key/,
    );
  });
});

describe('jwks mode (local JWKS server on 127.0.0.1)', () => {
  let server: Server;
  let jwksUrl: string;
  let requests = 0;
  let privateKey: CryptoKey;
  let verifier: TokenVerifier;
  const issuer = 'https://idp.example';
  const claims = { ...devClaims, iss: issuer };

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'key-1', alg: 'RS256', use: 'sig' };
    server = createServer((_req, res) => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/.well-known/jwks.json`;
    verifier = createTokenVerifier({
      mode: 'jwks',
      jwksUrl,
      issuer,
      audience: 'xianjie',
      knownAgency: (id) => directory.has(id),
    });
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifies a token signed by a key of the JWKS', async () => {
    const token = await sign(claims, privateKey, { alg: 'RS256', kid: 'key-1' });
    await expect(verifier.verify(`Bearer ${token}`)).resolves.toEqual(officerPrincipal);
    await expect(verifier.verify(token)).resolves.toEqual(officerPrincipal);
    expect(requests).toBe(1); // the key set is cached
  });

  it('refuses a key that is not in the JWKS, a wrong issuer, an expired token and an unknown agency', async () => {
    const stranger = await generateKeyPair('RS256');
    await rejects(
      verifier.verify(await sign(claims, stranger.privateKey, { alg: 'RS256', kid: 'key-2' })),
      /^bad signature: no single key/,
    );
    await rejects(
      verifier.verify(await sign(claims, stranger.privateKey, { alg: 'RS256', kid: 'key-1' })),
      /^bad signature/,
    );
    await rejects(
      verifier.verify(await sign(devClaims, privateKey, { alg: 'RS256', kid: 'key-1' })),
      /^bad claims: .*"iss"/,
    );
    await rejects(
      verifier.verify(await sign(claims, privateKey, { alg: 'RS256', kid: 'key-1', exp: '-5m' })),
      /^token expired/,
    );
    await rejects(
      verifier.verify(
        await sign({ ...claims, agency: 'cdi-110000' }, privateKey, { alg: 'RS256', kid: 'key-1' }),
      ),
      /^agency "cdi-110000" is not in the directory$/,
    );
  });

  it('attack: a token the same identity provider minted for another application (audience) is refused', async () => {
    await rejects(
      verifier.verify(await sign({ ...claims, aud: 'payroll-app' }, privateKey, { alg: 'RS256', kid: 'key-1' })),
      /^bad claims: .*"aud"/,
    );
    await rejects(
      verifier.verify(await sign({ ...claims, iss: 'https://other-idp.example' }, privateKey, { alg: 'RS256', kid: 'key-1' })),
      /^bad claims: .*"iss"/,
    );
  });

  it('refuses to be created without an issuer or an audience to check', () => {
    expect(() => createTokenVerifier({ mode: 'jwks', jwksUrl, issuer, audience: '' })).toThrow(/audience .*AUTH_AUDIENCE/);
    expect(() => createTokenVerifier({ mode: 'jwks', jwksUrl, issuer: ' ', audience: 'xianjie' })).toThrow(/issuer .*AUTH_ISSUER/);
    // A caller written before this check (untyped JavaScript) gets the same refusal.
    expect(() => createTokenVerifier({ mode: 'jwks', jwksUrl } as unknown as TokenVerifierOptions)).toThrow(/issuer/);
  });

  it("reports an unreachable JWKS as a server error, not the caller's", async () => {
    // A port that was just free: connection refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const unreachable = createTokenVerifier({
      mode: 'jwks',
      jwksUrl: `http://127.0.0.1:${port}/jwks`,
      issuer,
      audience: 'xianjie',
    });
    const error = await unreachable
      .verify(await sign(claims, privateKey, { alg: 'RS256', kid: 'key-1' }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UnauthenticatedError);
    expect((error as Error).message).toMatch(
      /^could not verify the token against the JWKS at http:\/\/127\.0\.0\.1/,
    );
  });
});
