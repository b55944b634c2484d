import { ErrorResponse, InMemoryWebStorage, UserManager, WebStorageStateStore } from 'oidc-client-ts';
import { safeNext } from './safeNext.ts';
import { exchangeOidcAccessToken, fetchAuthConfig, type AuthConfig } from './session.ts';

/**
 * 统一身份认证 (OIDC) sign-in: authorization code with PKCE (oidc-client-ts makes the verifier and
 * the S256 challenge) at the issuer `/auth/config` names. The access token is handed straight to
 * `POST /auth/session`, which verifies it and sets the HttpOnly session cookie; the console keeps
 * no token: the user store lives in memory and is emptied at once. Only the request's state (PKCE
 * verifier, where to go next) waits in sessionStorage between the redirect and the callback.
 */
export type OidcSettings = NonNullable<AuthConfig['oidc']>;

/** Registered at the issuer as the console's redirect URI: `<console origin>/signin/callback`. */
export const oidcCallbackPath = '/signin/callback';

const userManagerFor = (oidc: OidcSettings): UserManager =>
  new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    scope: oidc.scope,
    redirect_uri: `${window.location.origin}${oidcCallbackPath}`,
    response_type: 'code',
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
  });

/** Sends the browser to the issuer's login page; `next` is where to land once signed in. */
export const startOidcSignIn = async (oidc: OidcSettings, next: string): Promise<void> => {
  await userManagerFor(oidc).signinRedirect({ state: { next: safeNext(next) } });
};

/** Why a sign-in failed, for the user (Chinese). */
export class OidcSignInError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'OidcSignInError';
  }
}

/**
 * On `/signin/callback`: checks the state, trades the code (with the PKCE verifier) for the tokens at
 * the issuer, hands the access token to the gateway and forgets it. Resolves to the path to go to.
 */
export const completeOidcSignIn = async (callbackUrl: string = window.location.href): Promise<string> => {
  const config = await fetchAuthConfig();
  if (config.signIn !== 'oidc' || !config.oidc) throw new OidcSignInError('本系统未启用统一身份认证登录');
  const manager = userManagerFor(config.oidc);
  let user;
  try {
    user = await manager.signinRedirectCallback(callbackUrl);
  } catch (error) {
    if (error instanceof ErrorResponse && error.error === 'access_denied') throw new OidcSignInError('统一身份认证登录已取消', { cause: error });
    if (error instanceof ErrorResponse) throw new OidcSignInError(`统一身份认证未能完成登录（${error.error ?? '未知错误'}）`, { cause: error });
    // No matching state: the link was opened twice, in another tab, or after too long.
    throw new OidcSignInError('登录请求已失效，请重新登录', { cause: error });
  }
  try {
    await exchangeOidcAccessToken(user.access_token);
  } finally {
    await manager.removeUser();
  }
  return safeNext((user.state as { next?: unknown } | undefined)?.next);
};
