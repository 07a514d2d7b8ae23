import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { handleChatCommand } from '../../src/app/handle-chat-command.js';
import { startWebTestServer, type WebTestServer } from '../support/web-test-server.js';
import { browserSkip, launchBrowser } from './browser.js';

describe('job page and chat links in a real browser', { skip: browserSkip }, () => {
  let server: WebTestServer;
  let browser: Browser;

  before(async () => {
    [server, browser] = await Promise.all([startWebTestServer(), launchBrowser()]);
    const project = await server.project('demo/ops');
    const jane = await server.user('jane', { password: 'jane-password' });
    await server.member(jane, project, 'developer');
    await server.user('bob', { password: 'bob-password' });
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.fill('input[name=username]', username);
    await page.fill('input[name=password]', password);
    await page.click('button[type=submit]');
  }

  test('a manual job is played from its page, which then follows the live log to the end', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/-/sign_in`);
    await signIn(page, 'jane', 'jane-password');
    await page.waitForURL(`${server.url}/-/console`);
    await page.fill('#command-text', 'run deploy staging');
    await page.press('#command-text', 'Enter');
    const ack = page.locator('.chat-entry.bot .chat-message', { hasText: 'manual job' }).last();
    await ack.waitFor();
    await ack.locator('a', { hasText: 'start it' }).click();
    await page.waitForURL(/\/demo\/ops\/-\/jobs\/\d+$/);
    assert.equal(await page.textContent('.job-head .badge'), 'manual');
    assert.equal((await page.textContent('.chat-input'))?.trim(), 'staging');

    await page.click('#play-button');
    await page.waitForURL(/\/demo\/ops\/-\/jobs\/\d+$/);
    await page.evaluate(() => {
      (globalThis as unknown as { stayed: boolean }).stayed = true;
    });
    await page.locator('#trace', { hasText: 'Deploying to staging...' }).waitFor({ timeout: 15_000 });
    assert.equal(await page.textContent('.job-head .badge'), 'running', 'the log shows while the job runs');
    assert.equal(await page.locator('#cancel-button').count(), 1);
    await page.locator('.job-head .badge', { hasText: 'success' }).waitFor({ timeout: 15_000 });
    assert.match(await page.locator('#trace').innerText(), /Deployed\.\nJob succeeded/);
    assert.equal(
      await page.evaluate(() => (globalThis as unknown as { stayed?: boolean }).stayed),
      true,
      'followed in place, without a page load',
    );
    assert.equal(await page.locator('#play-button, #cancel-button').count(), 0);
    assert.ok((await page.locator('details.trace-section[data-section="step_script"]').count()) === 1, 'the finished log has its sections');
    await page.close();
  });

  test('a chat link: sign in, see the chat account, confirm, connected', async () => {
    const refused = await handleChatCommand(server.commandDeps, {
      platform: 'slack',
      teamId: 'T42',
      teamDomain: 'acme',
      channelId: 'C42',
      channelName: 'ops',
      chatUserId: 'U42',
      chatUserName: 'roadrunner',
      command: '/chatrun',
      text: 'run hello-world',
      requestKey: 'slack:T42:trigger:web-link-test',
    });
    const linkUrl = /\((http[^)]+\/-\/chat\/link\/[^)]+)\)/.exec(refused.message.text)?.[1];
    assert.ok(linkUrl, refused.message.text);

    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(linkUrl);
    assert.match(page.url(), /\/-\/sign_in\?return_to=/);
    assert.match((await page.textContent('.notice')) ?? '', /connect your chat account/);
    await signIn(page, 'bob', 'bob-password');
    await page.waitForURL(linkUrl);
    assert.match((await page.textContent('.link-account')) ?? '', /slack[\s\S]*T42[\s\S]*@roadrunner/);
    await page.click('#confirm-link');
    await page.locator('h1', { hasText: 'Chat account connected' }).waitFor();
    const bob = await server.store.users.getByUsername('bob');
    assert.equal((await server.store.chatIdentities.find('slack', 'T42', 'U42'))?.userId, bob?.id);

    await page.goto(linkUrl);
    assert.equal(await page.textContent('h1'), 'This link was already used');
    await context.close();
  });
});
