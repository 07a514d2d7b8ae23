/**
 * Debian's chromium driven by playwright-core, for the browser tests. When
 * /usr/bin/chromium is missing the tests skip, loudly: `browserSkip` is the
 * reason to pass as `{ skip }`.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

export const browserSkip: string | false = existsSync(CHROMIUM)
  ? false
  : `${CHROMIUM} not found: the browser tests of the web UI are SKIPPED (apt-get install chromium)`;

if (browserSkip !== false) console.warn(`\n*** ${browserSkip} ***\n`);

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
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
  });
}
