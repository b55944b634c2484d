import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { startEmbeddedGateway, type GraphQLResult, type TestGateway } from '../support/embeddedGateway.ts';
import { freePort } from '../support/freePort.ts';
import { signInByCodeFlow } from '../support/oidcCodeFlow.ts';
import { startOidcProvider, type TestOidcProvider } from '../support/oidcProvider.ts';

/**
 * 统一身份认证 (OIDC) sign-in against a real OpenID provider: the console's token, obtained by the
 * authorization code flow with PKCE, becomes the gateway's session cookie; tokens for another API or
 * from another issuer are refused, and demo sign-in does not exist in this mode.
 */

const audience = 'https://xianjie.test/api';
const otherResource = 'urn:other:api';

describe('OIDC sign-in (authorization code + PKCE) with a real provider', () => {
  let provider: TestOidcProvider;
  let stranger: TestOidcProvider;
  let gw: TestGateway;
  let redirectUri: string;

  beforeAll(async () => {
    const port = await freePort();
    redirectUri = `http://127.0.0.1:${port}/signin/callback`;
    provider = await startOidcProvider({ redirectUris: [redirectUri], audience, otherApis: { [otherResource]: 'other-app' } });
    // Another issuer, same audience and client: its tokens are signed with keys the gateway does not trust.
    stranger = await startOidcProvider({ redirectUris: [redirectUri], audience });
    gw = await startEmbeddedGateway(
      { AUTH_JWKS_URL: provider.jwksUrl, AUTH_ISSUER: provider.issuer, AUTH_AUDIENCE: audience, AUTH_OIDC_CLIENT_ID: provider.clientId },
      { port },
    );
  });
  afterAll(async () => {
    await gw?.close();
    await provider?.close();
    await stranger?.close();
  });

  const signIn = (login: string, from = provider, resource?: string) =>
    signInByCodeFlow({ issuer: from.issuer, clientId: from.clientId, redirectUri, login, ...(resource ? { resource } : {}) });

  const postSession = (token: string, csrf = true) =>
    fetch(`${gw.url}/auth/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, ...(csrf ? { 'x-xianjie-csrf': '1' } : {}) },
    });

  const me = async (headers: Record<string, string>) => {
    const res = await fetch(`${gw.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query: '{ me { userId name agency { id } roles } }' }),
    });
    return { status: res.status, body: (await res.json()) as GraphQLResult<{ me: { userId: string; name: string; agency: { id: string }; roles: string[] } | null }> };
  };

  it('tells the console to sign in at the issuer', async () => {
    const res = await fetch(`${gw.url}/auth/config`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      signIn: 'oidc',
      oidc: { authority: provider.issuer, clientId: provider.clientId, scope: 'openid profile' },
    });
  });

  it('issues a JWT access token for Xianjie through the code flow, with the claims the gateway reads', async () => {
    const { accessToken, idToken, tokenType, loginPage } = await signIn('u-amr-650100-officer');
    expect(loginPage).toContain('用户名');
    expect(loginPage).toContain('登录');
    expect(tokenType).toBe('Bearer');
    expect(idToken).toBeTypeOf('string');
    expect(decodeProtectedHeader(accessToken)).toMatchObject({ alg: 'RS256', typ: 'at+jwt' });
    const claims = decodeJwt(accessToken);
    expect(claims).toMatchObject({
      iss: provider.issuer,
      aud: audience,
      sub: 'u-amr-650100-officer',
      client_id: provider.clientId,
      name: '帕丽旦·热合曼',
      agency: 'amr-650100',
      roles: ['officer'],
    });
    expect((claims.exp ?? 0) - (claims.iat ?? 0)).toBe(15 * 60);
  });

  it('refuses a wrong user name at the provider, a request without PKCE and a code exchange with a wrong verifier', async () => {
    await expect(signIn('u-nobody')).rejects.toThrow(/\(401\): 没有用户 u-nobody/);
    await expect(
      signInByCodeFlow({ issuer: provider.issuer, clientId: provider.clientId, redirectUri, login: 'u-amr-650100-officer', verifierAtExchange: 'x'.repeat(43) }),
    ).rejects.toThrow(/token request failed \(400\): invalid_grant/);
    // PKCE is required: an authorization request without a code challenge is refused.
    const bare = new URL(`${provider.issuer}/auth`);
    for (const [k, v] of Object.entries({ client_id: provider.clientId, redirect_uri: redirectUri, response_type: 'code', scope: 'openid' }))
      bare.searchParams.set(k, v);
    const res = await fetch(bare, { redirect: 'manual' });
    const location = new URL(res.headers.get('location') ?? '', provider.issuer);
    expect(location.href.startsWith(redirectUri)).toBe(true);
    expect(location.searchParams.get('error')).toBe('invalid_request');
    expect(location.searchParams.get('error_description')).toMatch(/requires PKCE/);
  });

  it('turns the token into an HttpOnly session cookie that answers GraphQL with the CSRF header', async () => {
    const { accessToken } = await signIn('u-police-650100-supervisor');
    expect((await postSession(accessToken, false)).status).toBe(403);

    const res = await postSession(accessToken);
    expect(res.status).toBe(204);
    const [cookieLine = ''] = res.headers.getSetCookie();
    expect(cookieLine).toMatch(/^xianjie_session=[\w-]+\.[\w-]+\.[\w-]+;/);
    expect(cookieLine).toContain('HttpOnly');
    expect(cookieLine).toContain('SameSite=Strict');
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookieLine)?.[1]);
    expect(maxAge).toBeGreaterThan(14 * 60);
    expect(maxAge).toBeLessThanOrEqual(15 * 60);
    const cookie = cookieLine.split(';')[0]!;

    const signedIn = await me({ cookie, 'x-xianjie-csrf': '1' });
    expect(signedIn.body.errors).toBeUndefined();
    expect(signedIn.body.data?.me).toEqual({
      userId: 'u-police-650100-supervisor',
      name: '鲁建岳',
      agency: { id: 'police-650100' },
      roles: ['supervisor'],
    });

    // Without the header the cookie does not count on /graphql (a cross-site form cannot set it).
    const withoutHeader = await me({ cookie });
    expect(withoutHeader.body.data?.me ?? null).toBeNull();
    expect(withoutHeader.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');

    // The bearer token itself works too (an API client of the same issuer).
    expect((await me({ authorization: `Bearer ${accessToken}` })).body.data?.me?.userId).toBe('u-police-650100-supervisor');
  });

  it('refuses a token of the same issuer for another API (audience)', async () => {
    const { accessToken } = await signIn('u-amr-650100-officer', provider, otherResource);
    expect(decodeJwt(accessToken)).toMatchObject({ iss: provider.issuer, aud: 'other-app', agency: 'amr-650100' });
    const res = await postSession(accessToken);
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toEqual([]);
    const body = (await res.json()) as GraphQLResult;
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await me({ authorization: `Bearer ${accessToken}` })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token from another issuer', async () => {
    const { accessToken } = await signIn('u-amr-650100-officer', stranger);
    expect(decodeJwt(accessToken)).toMatchObject({ iss: stranger.issuer, aud: audience, sub: 'u-amr-650100-officer' });
    const res = await postSession(accessToken);
    expect(res.status).toBe(401);
    expect(res.headers.getSetCookie()).toEqual([]);
    expect((await me({ authorization: `Bearer ${accessToken}` })).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('has no demo sign-in in this mode', async () => {
    const users = await fetch(`${gw.url}/auth/demo-users`);
    expect(users.status).toBe(404);
    expect(JSON.stringify(await users.json())).not.toContain('u-amr-650100-officer');
    const demo = await fetch(`${gw.url}/auth/demo-sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-xianjie-csrf': '1' },
      body: JSON.stringify({ userId: 'u-admin' }),
    });
    expect(demo.status).toBe(404);
    expect(demo.headers.getSetCookie()).toEqual([]);
  });
});
