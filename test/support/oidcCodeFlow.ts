import { createHash, randomBytes } from 'node:crypto';

/**
 * The authorization code flow with PKCE (S256) driven with fetch, as a browser would: discovery,
 * the authorization request, the provider's login form posted with the user's name, the redirect
 * back with the code, and the code exchanged (with the verifier) for the access token. Cookies of
 * the provider are kept between the steps like a browser keeps them.
 */
export interface CodeFlowOptions {
  issuer: string;
  clientId: string;
  redirectUri: string;
  /** Typed into the provider's 用户名 field. */
  login: string;
  scope?: string;
  /** An API to ask a token for (RFC 8707); none: the provider's default. */
  resource?: string;
  /** Sent at the code exchange instead of the flow's own PKCE verifier (to see a wrong one refused). */
  verifierAtExchange?: string;
}

export interface CodeFlowResult {
  accessToken: string;
  idToken: string | undefined;
  tokenType: string;
  /** The provider's login page as the user saw it (HTML). */
  loginPage: string;
}

const base64url = (bytes: Buffer) => bytes.toString('base64url');

export const signInByCodeFlow = async ({ issuer, clientId, redirectUri, login, scope = 'openid profile', resource, verifierAtExchange }: CodeFlowOptions): Promise<CodeFlowResult> => {
  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as {
    issuer: string;
    authorization_endpoint: string;
    token_endpoint: string;
    code_challenge_methods_supported?: string[];
  };
  if (discovery.issuer !== issuer) throw new Error(`discovery names issuer ${discovery.issuer}, expected ${issuer}`);

  const verifier = base64url(randomBytes(32));
  const challenge = base64url(createHash('sha256').update(verifier).digest());
  const state = base64url(randomBytes(16));
  const authorize = new URL(discovery.authorization_endpoint);
  for (const [name, value] of Object.entries({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...(resource ? { resource } : {}),
  }))
    authorize.searchParams.set(name, value);

  const jar = new Map<string, string>();
  const request = async (url: string, init: RequestInit = {}): Promise<Response> => {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string> | undefined), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') },
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1] ?? '') < Date.now()));
      if (expired) jar.delete(name);
      else jar.set(name, pair.slice(at + 1).trim());
    }
    return res;
  };

  // Follow redirects within the provider until it sends the browser back to the client.
  const follow = async (first: Response): Promise<{ res: Response; backTo?: URL }> => {
    let res = first;
    for (let hops = 0; hops < 10; hops++) {
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) return { res };
      const next = new URL(location, res.url || issuer);
      if (next.href.startsWith(redirectUri)) return { res, backTo: next };
      res = await request(next.href);
    }
    throw new Error('too many redirects at the provider');
  };

  const atLogin = await follow(await request(authorize.href));
  if (atLogin.backTo) throw new Error(`the provider answered without a login: ${atLogin.backTo.href}`);
  const loginPage = await atLogin.res.text();
  if (atLogin.res.status !== 200) throw new Error(`the provider's login page answered ${atLogin.res.status}: ${loginPage.slice(0, 300)}`);
  const action = /<form[^>]*action="([^"]+)"/.exec(loginPage)?.[1];
  if (!action) throw new Error(`no login form on the provider's page: ${loginPage.slice(0, 300)}`);

  const submitted = await request(new URL(action.replace(/&amp;/g, '&'), atLogin.res.url).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ login }).toString(),
  });
  const back = await follow(submitted);
  if (!back.backTo) {
    const html = await back.res.text();
    const alert = /role="alert">([^<]*)</.exec(html)?.[1];
    throw new Error(`the provider did not send the user back (${back.res.status}): ${alert ?? html.slice(0, 300)}`);
  }
  const error = back.backTo.searchParams.get('error');
  if (error) throw new Error(`the provider refused: ${error} ${back.backTo.searchParams.get('error_description') ?? ''}`);
  if (back.backTo.searchParams.get('state') !== state) throw new Error('the state came back changed');
  const code = back.backTo.searchParams.get('code');
  if (!code) throw new Error(`no code in ${back.backTo.href}`);

  const tokenRes = await fetch(discovery.token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: clientId,
      code_verifier: verifierAtExchange ?? verifier,
      ...(resource ? { resource } : {}),
    }).toString(),
  });
  const tokens = (await tokenRes.json()) as { access_token?: string; id_token?: string; token_type?: string; error?: string; error_description?: string };
  if (!tokenRes.ok || !tokens.access_token) throw new Error(`token request failed (${tokenRes.status}): ${tokens.error} ${tokens.error_description ?? ''}`);
  return { accessToken: tokens.access_token, idToken: tokens.id_token, tokenType: tokens.token_type ?? '', loginPage };
};
