import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { defaultConsoleDir } from '@xianjie/gateway';
import { launchChromium } from '../support/chromium.ts';

/**
 * The console's browser tests drive the built bundle (services/console/dist) that the gateway
 * serves; turbo builds it before this package's tests. Missing, the suite fails: it does not skip.
 */
export const requireConsoleBuild = (): void => {
  if (!existsSync(path.join(defaultConsoleDir, 'index.html'))) {
    throw new Error(
      `the console is not built (${defaultConsoleDir}): run pnpm --filter @xianjie/console build`,
    );
  }
};

/** Where screenshots go when XIANJIE_SCREENSHOTS_DIR is set (`pnpm screenshots` writes docs/screenshots). */
const screenshotsDir = process.env.XIANJIE_SCREENSHOTS_DIR;
if (screenshotsDir) mkdirSync(screenshotsDir, { recursive: true });

export interface ConsoleUser {
  context: BrowserContext;
  page: Page;
  /** Requests that tried to leave 127.0.0.1 (none may: government networks have no internet). */
  external: string[];
  /** Uncaught errors and console errors of the page. */
  errors: string[];
}

export interface ConsoleSession {
  browser: Browser;
  /** A fresh browser context signed in through the sign-in page as a demo user. */
  signIn(userId: string, options?: { viewport?: { width: number; height: number } }): Promise<ConsoleUser>;
  close(): Promise<void>;
}

export const openConsole = async (baseUrl: string): Promise<ConsoleSession> => {
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    browser,
    async signIn(userId, { viewport = { width: 1366, height: 768 } } = {}) {
      const context = await browser.newContext({
        baseURL: baseUrl,
        viewport,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
      });
      contexts.push(context);
      const external: string[] = [];
      const errors: string[] = [];
      await context.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1' || url.protocol === 'data:' || url.protocol === 'blob:')
          return route.continue();
        external.push(url.href);
        return route.abort('internetdisconnected');
      });
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        // The browser logs a failed request (an expected 4xx answer) as an error of its own; the page's own errors count.
        if (message.type() === 'error' && !/Failed to load resource/.test(message.text()))
          errors.push(message.text());
      });
      await page.goto('/signin');
      await page.getByTestId(`sign-in-${userId}`).click();
      await page.getByTestId('current-user').waitFor();
      return { context, page, external, errors };
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
    },
  };
};

/** A screenshot for the docs (only when XIANJIE_SCREENSHOTS_DIR is set). */
export const screenshot = async (page: Page, name: string): Promise<void> => {
  if (!screenshotsDir) return;
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: path.join(screenshotsDir, `${name}.png`) });
};

/** axe-core on the page as it is: the serious and critical violations (rule id and the first target). */
export const seriousAccessibilityViolations = async (page: Page): Promise<string[]> => {
  const { violations } = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => `${n.target.join(' ')} [${n.any[0]?.message ?? ''}]`)
          .join('; ')}`,
    );
};

/** Words on screen that are the API's English codes instead of their Chinese labels. */
export const englishCodesOnScreen = async (page: Page): Promise<string[]> => {
  const text = await page.locator('main').innerText();
  return [...new Set(text.match(/\b[A-Z][A-Z_]{3,}\b/g) ?? [])];
};

/**
 * Picks an option of the antd Select labelled `label` by its (Chinese) title, and waits until the
 * field shows it. On a loaded machine a click can land while the dropdown is still moving in and
 * select nothing, or the dropdown can close under it (a blur); then it opens the dropdown again
 * and retries. It never clicks a chosen option again (that would unselect it in a multi-select),
 * nor the field while its dropdown is open (that would close it).
 */
export const choose = async (
  page: Page,
  label: string,
  option: string,
  scope: Page | ReturnType<Page['locator']> = page,
): Promise<void> => {
  const item = scope.locator('.ant-form-item').filter({ has: page.locator(`label[title="${label}"]`) });
  // The select itself (its dropdown is elsewhere, in a portal) shows the chosen option's title.
  const chosen = item.locator('.ant-select', { hasText: option });
  const optionInDropdown = page.locator(
    `.ant-select-dropdown:visible .ant-select-item-option[title="${option}"]`,
  );
  const succeeds = (action: Promise<unknown>) =>
    action.then(
      () => true,
      () => false,
    );
  for (let attempt = 1; attempt <= 4; attempt++) {
    if (!(await optionInDropdown.isVisible())) await scope.getByLabel(label, { exact: true }).click();
    if (
      (await succeeds(optionInDropdown.click({ timeout: 10_000 }))) &&
      (await succeeds(chosen.waitFor({ timeout: 5_000 })))
    )
      return;
    if (await chosen.count()) return;
  }
  throw new Error(`选择「${label}」的「${option}」四次都没有选中`);
};
