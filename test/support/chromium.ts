import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

/** The distribution's Chromium (.ci/run installs it); Playwright's own browser downloads are not reachable here. */
export const chromiumPath = process.env.XIANJIE_CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(chromiumPath);

/**
 * The flags that work on a closed network: without the background-networking ones Chromium keeps
 * reaching for Google's hosts and the refused connections slow every start.
 */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium with a fresh profile per context. */
export const launchChromium = (): Promise<Browser> => chromium.launch({ executablePath: chromiumPath, headless: true, args: chromiumArgs });
