import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkip } from '@xianjie/testing';
import { startEmbeddedGateway, type TestGateway } from '../support/embeddedGateway.ts';

// The distribution's Chromium (.ci/run installs it); playwright's own browser downloads are not reachable.
const chromiumPath = '/usr/bin/chromium';
const hasChromium = existsSync(chromiumPath);
if (!hasChromium) {
  announceSkip('GraphiQL offline (test/e2e/graphiqlOffline.e2e.spec.ts)', `no Chromium at ${chromiumPath} (apt-get install chromium)`);
}

const isLocal = (url: string): boolean => {
  const { protocol, hostname } = new URL(url);
  // GraphiQL's editor workers are blob: URLs made from the inlined page; data: is the favicon.
  if (protocol === 'blob:' || protocol === 'data:') return true;
  return hostname === '127.0.0.1' || hostname === 'localhost';
};

/** GET /graphql in a real browser on a machine without internet: the editor must render from the gateway alone. */
describe.skipIf(!hasChromium)('GraphiQL with bundled assets', () => {
  let gw: TestGateway;
  let context: BrowserContext;
  let profileDir: string;

  beforeAll(async () => {
    gw = await startEmbeddedGateway();
    profileDir = mkdtempSync(path.join(tmpdir(), 'xianjie-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 800 },
    });
  }, 120_000);
  afterAll(async () => {
    await context?.close();
    await gw?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  it('renders the editor at /graphql and no request leaves the host', async () => {
    const external: string[] = [];
    // Every request of the page and its workers passes here; one bound elsewhere is recorded and never sent.
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (isLocal(url)) return route.continue();
      external.push(url);
      return route.abort('internetdisconnected');
    });
    const page = await context.newPage();
    const response = await page.goto(`${gw.url}/graphql`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    expect(await page.title()).toBe('衔接 Xianjie GraphQL');

    // The query editor and the run button exist only once GraphiQL's React app has mounted.
    await page.locator('.graphiql-container .graphiql-query-editor').waitFor({ state: 'visible', timeout: 30_000 });
    await expect(page.locator('.graphiql-execute-button').isVisible()).resolves.toBe(true);
    // The introspection query went to this gateway and the schema arrived: the docs explorer lists Query.
    await page.locator('button[aria-label="Show Documentation Explorer"]').click();
    await page.locator('.graphiql-doc-explorer').getByText('Query', { exact: true }).first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: path.join(tmpdir(), 'graphiql.png') });

    expect(external).toEqual([]);
  });
});
