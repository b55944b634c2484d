import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { errors, type Configuration, type JWK, type KoaContextWithOIDC } from 'oidc-provider';
import { findDemoUser } from '@xianjie/auth';

/**
 * A real OpenID provider (panva's certified `oidc-provider`) in the test process, standing in for a
 * province's 统一身份认证 platform: one public client (authorization code + PKCE S256, no secret),
 * access tokens as JWTs for Xianjie's audience with the claims the gateway reads (`name`, `agency`,
 * `roles`), the demo users as its accounts, and a small login page of its own.
 *
 * The package's built-in dev interactions are not used: their page is English, loads a web font
 * from the internet (none here) and signs in any name typed; ours knows only the demo users.
 */
export interface OidcProviderOptions {
  /** Where the client may be sent back to, e.g. `<console origin>/signin/callback`. */
  redirectUris: string[];
  /** The `aud` of the access tokens for Xianjie (the gateway's AUTH_AUDIENCE). */
  audience: string;
  /** Other APIs this issuer serves, resource indicator → audience: their tokens must not open Xianjie. */
  otherApis?: Record<string, string>;
  clientId?: string;
}

export interface TestOidcProvider {
  /** The issuer (`iss`), also the authority the console is configured with: `http://127.0.0.1:<port>`. */
  issuer: string;
  jwksUrl: string;
  clientId: string;
  /** The resource indicator of Xianjie's API; asked for by default when a request names none. */
  xianjieResource: string;
  close(): Promise<void>;
}

export const xianjieResource = 'urn:xianjie:api';
/** The one scope Xianjie's resource server knows (access tokens only carry scopes of their resource server). */
const xianjieScope = 'xianjie';

export const startOidcProvider = async ({ redirectUris, audience, otherApis = {}, clientId = 'xianjie-console' }: OidcProviderOptions): Promise<TestOidcProvider> => {
  // The issuer must be known before the provider exists, so the port is taken first (requests are handled once it exists).
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const audiences: Record<string, string> = { ...otherApis, [xianjieResource]: audience };
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...(privateKey.export({ format: 'jwk' }) as JWK), kid: `test-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' };

  const configuration: Configuration = {
    clients: [
      {
        client_id: clientId,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code'],
        response_types: ['code'],
        redirect_uris: redirectUris,
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    pkce: { required: () => true },
    claims: { openid: ['sub'], profile: ['name'] },
    async findAccount(_ctx, sub) {
      const user = findDemoUser(sub);
      if (!user) return undefined;
      return { accountId: user.userId, claims: () => ({ sub: user.userId, name: user.name }) };
    },
    // What the gateway reads from the access token (packages/auth/src/principal.ts).
    async extraTokenClaims(_ctx, token) {
      const user = 'accountId' in token && typeof token.accountId === 'string' ? findDemoUser(token.accountId) : undefined;
      return user
        ? { name: user.name, agency: user.agencyId, roles: [...user.roles], ...(user.capacity ? { capacity: user.capacity } : {}) }
        : undefined;
    },
    features: {
      devInteractions: { enabled: false },
      resourceIndicators: {
        enabled: true,
        // A sign-in that names no API gets a token for Xianjie's: the console sends no `resource`.
        defaultResource: (_ctx, _client, oneOf) => (oneOf && oneOf.length > 0 ? oneOf : xianjieResource),
        // …and at the token endpoint the granted resource counts even with `openid` (else the token is for userinfo, opaque).
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resourceIndicator) {
          const aud = audiences[resourceIndicator];
          if (!aud) throw new errors.InvalidTarget();
          return { scope: xianjieScope, audience: aud, accessTokenFormat: 'jwt', accessTokenTTL: 15 * 60, jwt: { sign: { alg: 'RS256' } } };
        },
      },
    },
    // The console is the platform's own client: signing in grants what it asks for, no consent page.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, provider, result } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) {
        const existing = await provider.Grant.find(grantId);
        if (existing) return existing;
      }
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid profile');
      for (const resource of Object.keys(audiences)) grant.addResourceScope(resource, xianjieScope);
      await grant.save();
      return grant;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = page('登录出错', `<p>${escapeHtml(String(out.error))}：${escapeHtml(String(out.error_description ?? ''))}</p>`);
    },
    clientBasedCORS: (_ctx, origin, client) => (client.redirectUris ?? []).some((uri) => new URL(uri).origin === origin),
    ttl: { AccessToken: 15 * 60, AuthorizationCode: 60, IdToken: 15 * 60, Interaction: 10 * 60, Session: 60 * 60, Grant: 60 * 60 },
  };
  const provider = new Provider(issuer, configuration);
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const interaction = /^\/interaction\/([\w-]+)(\/login)?$/.exec(new URL(req.url ?? '/', issuer).pathname);
    if (!interaction) return void callback(req, res);
    loginInteraction(provider, req, res, interaction[2] !== undefined).catch((error: unknown) => {
      if (!res.headersSent) sendHtml(res, 400, page('登录出错', `<p>${escapeHtml(error instanceof Error ? error.message : String(error))}</p>`));
    });
  });

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId,
    xianjieResource,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

/** GET shows the login form; POST (…/login) signs the named demo user in or shows the form again. */
const loginInteraction = async (provider: Provider, req: IncomingMessage, res: ServerResponse, submitted: boolean): Promise<void> => {
  const details = await provider.interactionDetails(req, res);
  if (details.prompt.name !== 'login') {
    // loadExistingGrant grants the console everything it may ask: no other prompt is expected.
    return sendHtml(res, 501, page('登录出错', `<p>测试身份提供方不支持此步骤：${escapeHtml(details.prompt.name)}</p>`));
  }
  const action = `/interaction/${details.uid}/login`;
  if (!submitted || req.method !== 'POST') return sendHtml(res, 200, loginPage(action));
  const login = new URLSearchParams(await readBody(req)).get('login')?.trim() ?? '';
  const user = findDemoUser(login);
  if (!user) return sendHtml(res, 401, loginPage(action, login, `没有用户 ${login || '（空）'}`));
  await provider.interactionFinished(req, res, { login: { accountId: user.userId } }, { mergeWithLastSubmission: false });
};

const readBody = async (req: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 4096) throw new Error('请求过大');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
};

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

const sendHtml = (res: ServerResponse, status: number, html: string): void => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
};

const page = (title: string, body: string): string => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>
  body { font-family: sans-serif; background: #f0f2f5; margin: 0; }
  main { width: 320px; margin: 80px auto; padding: 24px 32px; background: #fff; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  h1 { font-size: 20px; margin: 0 0 4px; }
  p.hint { color: #666; font-size: 13px; margin: 0 0 16px; }
  label { display: block; margin-bottom: 4px; }
  input { width: 100%; box-sizing: border-box; padding: 8px; font-size: 15px; margin-bottom: 16px; }
  button { width: 100%; padding: 8px; font-size: 15px; background: #1677ff; color: #fff; border: 0; border-radius: 6px; cursor: pointer; }
  .error { color: #cf1322; }
</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`;

const loginPage = (action: string, login = '', error?: string): string =>
  page(
    '统一身份认证',
    `<p class="hint">测试身份提供方：以演示用户编号登录，如 u-amr-650100-officer</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="${escapeHtml(action)}" autocomplete="off">
  <label for="login">用户名</label>
  <input id="login" name="login" required autofocus value="${escapeHtml(login)}">
  <button type="submit">登录</button>
</form>`,
  );
