import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { repoRoot } from '../support/shared-conformance.js';
import { startWebTestServer, type WebTestServer } from '../support/web-test-server.js';
import { browserSkip, launchBrowser } from './browser.js';

const SCREENSHOTS = join(repoRoot(), 'docs', 'screenshots');
// The README's screenshots are refreshed only on request
// (CHATRUN_SCREENSHOTS=1 npm test -- test/web), so a test run leaves the
// working tree as it found it.
const takeScreenshots = process.env['CHATRUN_SCREENSHOTS'] === '1';

describe('web console in a real browser', { skip: browserSkip }, () => {
  let server: WebTestServer;
  let browser: Browser;
  let page: Page;

  before(async () => {
    [server, browser] = await Promise.all([startWebTestServer(), launchBrowser()]);
    const project = await server.project('demo/hello');
    const user = await server.user('jane', { name: 'Jane Doe', password: 'jane-password' });
    await server.member(user, project, 'developer');
    page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('signing in leads to the console', async () => {
    await page.goto(`${server.url}/-/console`);
    assert.match(page.url(), /\/-\/sign_in\?return_to=%2F-%2Fconsole$/);
    await page.fill('input[name=username]', 'jane');
    await page.fill('input[name=password]', 'jane-password');
    await page.click('button[type=submit]');
    await page.waitForURL(`${server.url}/-/console`);
    assert.equal(await page.textContent('.channel-head h1'), '# web-console');
    assert.equal(await page.textContent('.project-only code'), 'demo/hello');
  });

  test('typing /chatrun run hello-world shows the command, the acknowledgement, then Hello World.', async () => {
    await page.fill('#command-text', '/chatrun help');
    await page.press('#command-text', 'Enter');
    await page.locator('.chat-entry.bot .chat-text', { hasText: 'hello-world' }).first().waitFor();

    await page.fill('#command-text', '/chatrun run hello-world');
    await page.press('#command-text', 'Enter');
    const typed = page.locator('.chat-entry.user .typed-command').last();
    assert.equal(await typed.textContent(), '/chatrun run hello-world');
    const ack = page.locator('.chat-entry.bot .chat-message.in_channel', { hasText: 'ran' }).last();
    await ack.waitFor();
    assert.match((await ack.textContent()) ?? '', /@jane ran hello-world: job #\d+/);
    const result = page.locator('.chat-entry.bot .chat-message.tone-success .chat-output').last();
    await result.waitFor({ timeout: 20_000 });
    assert.equal((await result.textContent())?.trim(), 'Hello World.');
    assert.match((await page.locator('.job-progress').last().textContent()) ?? '', /success/);
    if (takeScreenshots) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, 'console.png') });
    }
  });

  test('the job page shows the coloured trace with its section headers', async () => {
    await page.locator('.chat-entry.bot .chat-message.in_channel a[href*="/-/jobs/"]').last().click();
    await page.waitForURL(/\/demo\/hello\/-\/jobs\/\d+$/);
    assert.equal(await page.textContent('.job-head .badge'), 'success');
    const headers = await page.locator('.trace-section > summary').allTextContents();
    assert.ok(headers.some((h) => h.startsWith('Executing "step_script" stage of the job script')), headers.join('\n'));
    assert.ok(headers.some((h) => h.startsWith('Getting source from Git repository')), headers.join('\n'));
    const echo = page.locator('.trace-line span.term-fg-2.term-bold', { hasText: '$ echo "Hello World."' });
    assert.equal(await echo.count(), 1);
    // Runs in the page, where the DOM exists (this file compiles without the DOM library).
    const weight = await echo.evaluate(
      (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontWeight: string } }).getComputedStyle(el).fontWeight,
    );
    assert.equal(weight, '700');
    assert.match(await page.locator('#trace').innerText(), /Hello World\.\n/);
    assert.doesNotMatch(await page.locator('#trace').innerText(), /section_(start|end)/);
    const sectionToggle = page.locator('details.trace-section[data-section="step_script"]');
    assert.equal(await sectionToggle.getAttribute('open'), '');
    await sectionToggle.locator('> summary').click();
    assert.equal(await sectionToggle.getAttribute('open'), null, 'a section collapses on click');
    await sectionToggle.locator('> summary').click();
    assert.match((await page.locator('.reply-list').textContent()) ?? '', /result to web: delivered/);
    if (takeScreenshots) await page.screenshot({ path: join(SCREENSHOTS, 'job.png'), fullPage: true });
  });
});
