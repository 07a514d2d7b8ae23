/**
 * The real server driven the way Mattermost drives it: slash commands with
 * the command token, replies to the fake Mattermost's response URL.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mattermostCommandBody, sendMattermostCommand } from '../support/fake-mattermost.js';
import { E2E_MATTERMOST_TOKEN, startE2eRun, stopE2eRun, waitUntil, type E2eWorld, type StartedServer } from '../support/start-server.js';

let world: E2eWorld;
let started: StartedServer;

before(async () => {
  ({ world, started } = await startE2eRun());
});

after(() => stopE2eRun({ world, started }));

describe('Mattermost, end to end', () => {
  test('/chatrun run hello-world: acknowledged, then "Hello World." at the response URL', async () => {
    const responseUrl = world.mattermost.createResponseUrl();
    const body = mattermostCommandBody({ text: 'run hello-world', response_url: responseUrl, token: E2E_MATTERMOST_TOKEN });
    const sent = await sendMattermostCommand(`${started.url}/chat/mattermost`, { body, via: 'header' });
    assert.equal(sent.status, 200);
    const ack = sent.json as { response_type?: string; text?: string };
    assert.equal(ack.response_type, 'in_channel');
    assert.match(ack.text ?? '', /hello-world/);
    const post = await waitUntil(
      async () => world.mattermost.posts.find((p) => p.via === 'response_url' && JSON.stringify(p.payload).includes('Hello World.')),
      'the result post',
    );
    assert.ok(JSON.stringify(post.payload).includes('/ops/app/-/jobs/'), 'the reply links the job log');
  });

  test('a wrong command token is refused with 401 and leaves no audit entry', async () => {
    const before = (await started.server.store.audit.list({ limit: 10_000 })).length;
    const body = mattermostCommandBody({ text: 'run hello-world', response_url: world.mattermost.createResponseUrl() });
    const sent = await sendMattermostCommand(`${started.url}/chat/mattermost`, { body, token: 'wrong-token' });
    assert.equal(sent.status, 401);
    assert.equal((await started.server.store.audit.list({ limit: 10_000 })).length, before);
  });
});
