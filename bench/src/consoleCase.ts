/**
 * Case 6 — the console (工作台) in Chromium: the JavaScript the sign-in and 待办 pages load before
 * they are usable (gzip, as a server would send it), and the first render of 待办 for the busiest
 * police agency of the 1,000,000-event store (乌鲁木齐市公安局: 2,000 transfers in its inbox),
 * from navigation to the list on screen, with the platform of the queries case.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type Page, type Response } from 'playwright-core';
import { defaultConsoleDir } from '@xianjie/gateway';
import type { BenchEnv } from './benchEnv.ts';
import { percentile } from './measure.ts';
import { POLICE_OFFICER } from './platformParts.ts';
import { openMillionPlatform } from './queriesCase.ts';

const chromiumPath = process.env.XIANJIE_CHROMIUM ?? '/usr/bin/chromium';
const chromiumArgs = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const RENDERS = 7;

/** The scripts a page loads until the network is idle, each gzipped at level 6 (a web server's default). */
const initialScriptsGzip = async (page: Page, url: string): Promise<{ bytes: number; files: number }> => {
  const bodies: Promise<Buffer>[] = [];
  const onResponse = (response: Response) => {
    if (response.request().resourceType() === 'script') bodies.push(response.body());
  };
  page.on('response', onResponse);
  await page.goto(url, { waitUntil: 'networkidle' });
  page.off('response', onResponse);
  const all = await Promise.all(bodies);
  return { bytes: all.reduce((sum, body) => sum + gzipSync(body, { level: 6 }).byteLength, 0), files: all.length };
};

export const consoleCase = async (env: BenchEnv) => {
  if (!existsSync(chromiumPath)) {
    env.results.skip('console', `no Chromium at ${chromiumPath} (apt-get install chromium)`);
    return;
  }
  if (!existsSync(`${defaultConsoleDir}/index.html`)) {
    env.progress('console: building services/console (no dist yet)');
    const built = spawnSync('pnpm', ['--filter', '@xianjie/console', 'build'], { stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the console did not build');
  }
  const { platform, server } = await openMillionPlatform(env);
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    const page = await context.newPage();

    const signIn = await initialScriptsGzip(page, `${server.url}/signin`);
    env.results.add({ name: 'console.initialJs.signIn.gzip', unit: 'KB', value: signIn.bytes / 1024 });
    env.progress(`console: sign-in page loads ${signIn.files} scripts, ${(signIn.bytes / 1024).toFixed(1)} KB gzip`);

    // Signed in as the police officer (the cookie the sign-in page would get).
    const response = await page.request.post(`${server.url}/auth/demo-sign-in`, {
      headers: { 'x-xianjie-csrf': '1' },
      data: { userId: POLICE_OFFICER },
    });
    if (response.status() !== 204) throw new Error(`demo sign-in answered ${response.status()}`);

    const work = await initialScriptsGzip(page, `${server.url}/`);
    env.results.add({ name: 'console.initialJs.work.gzip', unit: 'KB', value: work.bytes / 1024 });
    env.progress(`console: 待办 page loads ${work.files} scripts, ${(work.bytes / 1024).toFixed(1)} KB gzip`);

    const renders: number[] = [];
    let rows = 0;
    for (let i = 0; i < RENDERS; i++) {
      const started = performance.now();
      await page.goto(`${server.url}/`, { waitUntil: 'commit' });
      await page.locator('[data-testid="work-list"][data-state="ready"]').waitFor({ timeout: 30_000 });
      renders.push(performance.now() - started);
      rows = await page.locator('[data-testid="work-item"]').count();
    }
    env.progress(`console: 待办 of ${POLICE_OFFICER}: ${rows} items, first render ${renders.map((ms) => ms.toFixed(0)).join(', ')} ms`);
    env.results.add({ name: 'console.work.firstRender.police1m.p50', unit: 'ms', value: percentile(renders, 50) });
    env.results.add({ name: 'console.work.firstRender.police1m.max', unit: 'ms', value: Math.max(...renders) });
  } finally {
    await browser?.close();
    await server.close();
    await platform.close();
  }
};
