import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';
import { freePort } from '../support/freePort.ts';
import { startOidcProvider, type TestOidcProvider } from '../support/oidcProvider.ts';

/**
 * The console's 统一身份认证 (OIDC) sign-in in a real browser: the gateway serves the built console
 * (services/console/dist) and is configured for a real OpenID provider; the user clicks the button,
 * signs in on the provider's page, comes back to the page they asked for, signed in, with their
 * name in the header. Build the console first: `pnpm --filter @xianjie/console build`.
 */

const consoleDist = fileURLToPath(new URL('../../services/console/dist/index.html', import.meta.url));
const chromiumPath = '/usr/bin/chromium';
const screenshots = process.env.XIANJIE_SCREENSHOT_DIR ?? path.join(tmpdir(), 'xianjie-oidc-screenshots');
const audience = 'https://xianjie.test/api';

describe('console sign-in with 统一身份认证 (OIDC)', () => {
  let provider: TestOidcProvider;
  let gw: TestGateway;
  // A gateway expecting another audience: the provider's tokens are not for it.
  let misconfigured: TestGateway;
  let context: BrowserContext;
  let profileDir: string;

  beforeAll(async () => {
    // No skipping: a missing bundle or browser would make this pass without testing anything.
    if (!existsSync(consoleDist)) throw new Error(`no console bundle at ${consoleDist}: run \`pnpm --filter @xianjie/console build\` first`);
    if (!existsSync(chromiumPath)) throw new Error(`no Chromium at ${chromiumPath} (apt-get install chromium)`);
    const [port, otherPort] = [await freePort(), await freePort()];
    provider = await startOidcProvider({ redirectUris: [port, otherPort].map((p) => `http://127.0.0.1:${p}/signin/callback`), audience });
    const oidcEnv = { AUTH_JWKS_URL: provider.jwksUrl, AUTH_ISSUER: provider.issuer, AUTH_OIDC_CLIENT_ID: provider.clientId };
    gw = await startEmbeddedGateway({ ...oidcEnv, AUTH_AUDIENCE: audience }, { port });
    misconfigured = await startEmbeddedGateway({ ...oidcEnv, AUTH_AUDIENCE: 'https://another-system.test/api', XIANJIE_SEED: 'none' }, { port: otherPort });
    mkdirSync(screenshots, { recursive: true });
    profileDir = mkdtempSync(path.join(tmpdir(), 'xianjie-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 800 },
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
    });
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await gw?.close();
    await misconfigured?.close();
    await provider?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('signs in at the provider and comes back signed in to the page asked for', async () => {
    const leftTheHost: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (new URL(url).hostname === '127.0.0.1' || url.startsWith('data:')) return route.continue();
      leftTheHost.push(url);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    const consoleErrors: string[] = [];
    page.on('pageerror', (error) => consoleErrors.push(error.message));

    // Not signed in: 待办 sends the user to the sign-in page, which offers 统一身份认证 and no demo users.
    await page.goto(`${gw.url}/work`);
    await page.waitForURL(`${gw.url}/signin?next=%2Fwork`);
    const button = page.getByRole('button', { name: '使用统一身份认证登录' });
    await button.waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('demo-notice').count()).toBe(0);
    await page.screenshot({ path: path.join(screenshots, 'oidc-console-sign-in.png') });

    await button.click();
    await page.waitForURL((url) => url.origin === provider.issuer && url.pathname.startsWith('/interaction/'), { timeout: 30_000 });
    await page.getByRole('heading', { name: '统一身份认证' }).waitFor();
    await page.screenshot({ path: path.join(screenshots, 'oidc-provider-login.png') });

    // A name the provider does not know is refused on its own page.
    await page.getByLabel('用户名').fill('u-nobody');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '没有用户 u-nobody' }).waitFor();

    await page.getByLabel('用户名').fill('u-police-650100-supervisor');
    await page.getByRole('button', { name: '登录' }).click();

    // Back through /signin/callback to /work, signed in: the header names the user and the agency.
    await page.waitForURL(`${gw.url}/work`, { timeout: 30_000 });
    await page.getByText('鲁建岳', { exact: true }).waitFor({ timeout: 30_000 });
    await expect(page.getByText('乌鲁木齐市公安局', { exact: false }).first().isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'oidc-console-signed-in.png') });

    // The session is the gateway's HttpOnly cookie; the page keeps no token anywhere it can read.
    const cookies = await context.cookies(gw.url);
    const session = cookies.find((c) => c.name === 'xianjie_session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    const stored = await page.evaluate(() => JSON.stringify({ session: { ...sessionStorage }, local: { ...localStorage }, cookie: document.cookie }));
    expect(stored).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
    expect(stored).not.toContain(session!.value);

    // A reload stays signed in (the cookie, not page state).
    await page.reload();
    await page.getByText('鲁建岳', { exact: true }).waitFor({ timeout: 30_000 });

    expect(leftTheHost).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('shows why when the callback cannot complete (state used or missing)', async () => {
    const page = await context.newPage();
    await page.goto(`${gw.url}/signin/callback?code=forged&state=forged`);
    await page.getByTestId('oidc-callback-error').waitFor({ timeout: 30_000 });
    await expect(page.getByText('登录请求已失效，请重新登录').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: path.join(screenshots, 'oidc-console-callback-error.png') });
    await page.getByRole('button', { name: '返回登录页' }).click();
    await page.waitForURL(`${gw.url}/signin`);
  });

  it('says so when the gateway does not accept the provider\'s token, and sets no session', async () => {
    // Cookies do not tell ports apart: drop the provider's session (else it signs in without asking) and the other gateway's cookie.
    await context.clearCookies();
    const page = await context.newPage();
    await page.goto(`${misconfigured.url}/signin`);
    await page.getByRole('button', { name: '使用统一身份认证登录' }).click();
    await page.waitForURL((url) => url.origin === provider.issuer, { timeout: 30_000 });
    await page.getByLabel('用户名').fill('u-amr-650100-officer');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByTestId('oidc-callback-error').waitFor({ timeout: 30_000 });
    expect(new URL(page.url()).pathname).toBe('/signin/callback');
    await expect(page.getByText('本系统未接受统一身份认证签发的令牌', { exact: false }).isVisible()).resolves.toBe(true);
    expect((await context.cookies(misconfigured.url)).filter((c) => c.name === 'xianjie_session')).toEqual([]);
  });
});
