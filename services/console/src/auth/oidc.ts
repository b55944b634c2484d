import { exchangeOidcAccessToken } from './session.ts';
import type { AuthConfig } from './session.ts';

/**
 * OIDC sign-in (authorization code flow with PKCE, a public client: no secret in the browser).
 * `signInWithOidc` sends the browser to the identity provider; `/signin/callback` calls
 * `completeOidcSignIn`, which trades the code for an access token and the access token for the
 * session cookie (`POST /auth/session`). The access token is not kept.
 */

type OidcSettings = NonNullable<AuthConfig['oidc']>;

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

/** What the callback needs from the redirect, kept for this tab only. */
interface PendingSignIn {
  state: string;
  verifier: string;
  next: string;
  tokenEndpoint: string;
  clientId: string;
  redirectUri: string;
}

const pendingKey = 'xianjie.console.oidc';

const base64Url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

/** A random PKCE code verifier (43 characters of base64url, RFC 7636 §4.1). */
export const newCodeVerifier = (): string => base64Url(crypto.getRandomValues(new Uint8Array(32)));

/** S256 code challenge of a verifier (RFC 7636 §4.2). */
export const codeChallenge = async (verifier: string): Promise<string> =>
  base64Url(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier))));

export const redirectUriOf = (origin: string): string => `${origin}/signin/callback`;

/** The identity provider's authorization URL for this sign-in. */
export const authorizationUrl = (
  endpoint: string,
  params: { clientId: string; redirectUri: string; scope: string; state: string; challenge: string },
): string => {
  const url = new URL(endpoint);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', params.clientId);
  url.searchParams.set('redirect_uri', params.redirectUri);
  url.searchParams.set('scope', params.scope);
  url.searchParams.set('state', params.state);
  url.searchParams.set('code_challenge', params.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
};

const discover = async (authority: string): Promise<Discovery> => {
  const response = await fetch(`${authority.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!response.ok) throw new Error(`OIDC discovery failed: HTTP ${response.status}`);
  return (await response.json()) as Discovery;
};

/** Leaves for the identity provider; comes back to /signin/callback. */
export const signInWithOidc = async (settings: OidcSettings, next: string): Promise<void> => {
  const discovery = await discover(settings.authority);
  const verifier = newCodeVerifier();
  const state = newCodeVerifier();
  const redirectUri = redirectUriOf(window.location.origin);
  const pending: PendingSignIn = { state, verifier, next, tokenEndpoint: discovery.token_endpoint, clientId: settings.clientId, redirectUri };
  sessionStorage.setItem(pendingKey, JSON.stringify(pending));
  window.location.assign(
    authorizationUrl(discovery.authorization_endpoint, {
      clientId: settings.clientId,
      redirectUri,
      scope: settings.scope,
      state,
      challenge: await codeChallenge(verifier),
    }),
  );
};

/** The callback: checks the state, redeems the code, opens the session; answers where to go next. */
export const completeOidcSignIn = async (search: URLSearchParams): Promise<string> => {
  const stored = sessionStorage.getItem(pendingKey);
  sessionStorage.removeItem(pendingKey);
  if (!stored) throw new Error('no sign-in in progress');
  const pending = JSON.parse(stored) as PendingSignIn;
  const error = search.get('error');
  if (error) throw new Error(`identity provider: ${error}`);
  const code = search.get('code');
  if (!code || search.get('state') !== pending.state) throw new Error('the sign-in answer does not match this sign-in');
  const response = await fetch(pending.tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: pending.redirectUri,
      client_id: pending.clientId,
      code_verifier: pending.verifier,
    }),
  });
  if (!response.ok) throw new Error(`token request failed: HTTP ${response.status}`);
  const { access_token: accessToken } = (await response.json()) as { access_token?: string };
  if (!accessToken) throw new Error('the identity provider answered no access token');
  await exchangeOidcAccessToken(accessToken);
  return pending.next;
};
