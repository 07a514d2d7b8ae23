import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startFakeMattermost, type FakeMattermost } from '../../../../test/support/fake-mattermost.js';
import { manualClock } from '../../../../test/support/manual-clock.js';
import { postToResponseUrl } from '../post-to-response-url.js';
import { mattermostCreatePost, mattermostUploadFile } from './mattermost-delivery.js';
import { renderMattermostMessage } from './render-mattermost-message.js';

const clock = manualClock();
let mm: FakeMattermost;
const body = renderMattermostMessage({ visibility: 'in_channel', tone: 'failure', text: 'failed', output: 'boom' });

before(async () => {
  mm = await startFakeMattermost({ now: clock.now, channels: ['chan1'] });
});
after(() => mm.close());

describe('postToResponseUrl (Mattermost)', () => {
  test('a post is delivered with its attachment', async () => {
    assert.deepEqual(await postToResponseUrl(mm.createResponseUrl(), body), { kind: 'delivered' });
    const post = mm.posts.at(-1);
    assert.equal(post?.via, 'response_url');
    assert.equal(post?.message, ':x: failed');
    assert.equal(post?.attachments?.length, 1);
  });

  test('expired after 30 minutes → rejected 404; sixth post → rejected 400', async () => {
    const expiring = mm.createResponseUrl();
    clock.advance(31 * 60 * 1000);
    const expired = await postToResponseUrl(expiring, body);
    assert.equal(expired.kind === 'rejected' && expired.status, 404);
    assert.match(expired.kind === 'rejected' ? expired.error : '', /app\.command_webhook\.get\.missing/);
    const url = mm.createResponseUrl();
    for (let i = 0; i < 5; i += 1) assert.equal((await postToResponseUrl(url, body)).kind, 'delivered');
    const sixth = await postToResponseUrl(url, body);
    assert.equal(sixth.kind === 'rejected' && sixth.status, 400);
  });

  test('500 → retry; 429 → retry with afterMs; hang → retry', async () => {
    mm.failNext(1, 500);
    assert.equal((await postToResponseUrl(mm.createResponseUrl(), body)).kind, 'retry');
    mm.rateLimitNext(1, 2);
    const limited = await postToResponseUrl(mm.createResponseUrl(), body);
    assert.equal(limited.kind === 'retry' && limited.afterMs, 2000);
    mm.hangNext(1, 1000);
    assert.equal((await postToResponseUrl(mm.createResponseUrl(), body, { timeoutMs: 100 })).kind, 'retry');
  });
});

describe('mattermostCreatePost', () => {
  const input = () => ({ apiUrl: mm.url, botToken: mm.botToken, channelId: 'chan1', body });

  test('201 → delivered with the post id; attachments go in props; thread root kept', async () => {
    const result = await mattermostCreatePost({ ...input(), rootId: 'root1' });
    const post = mm.posts.at(-1);
    assert.deepEqual(result, { kind: 'delivered', messageId: post?.id });
    assert.equal(post?.via, 'api');
    assert.equal(post?.rootId, 'root1');
    assert.equal(post?.attachments?.length, 1);
    const request = await mm.waitFor((r) => r.path === '/api/v4/posts');
    assert.equal(request.headers.authorization, `Bearer ${mm.botToken}`);
  });

  test('a bad token → rejected 401; a channel the bot is not in → rejected 403', async () => {
    const unauthorised = await mattermostCreatePost({ ...input(), botToken: 'nope' });
    assert.equal(unauthorised.kind === 'rejected' && unauthorised.status, 401);
    const forbidden = await mattermostCreatePost({ ...input(), channelId: 'other' });
    assert.equal(forbidden.kind === 'rejected' && forbidden.status, 403);
  });

  test('503 and 429 → retry; an unreachable server → retry', async () => {
    mm.failNext(1, 503);
    assert.equal((await mattermostCreatePost(input())).kind, 'retry');
    mm.rateLimitNext(1, 1);
    const limited = await mattermostCreatePost(input());
    assert.equal(limited.kind === 'retry' && limited.afterMs, 1000);
    assert.equal((await mattermostCreatePost({ ...input(), apiUrl: 'http://127.0.0.1:9', timeoutMs: 1000 })).kind, 'retry');
  });

  test('a file uploaded first is attached to the post', async () => {
    const content = 'full output\n'.repeat(2000);
    const uploaded = await mattermostUploadFile({ apiUrl: mm.url, botToken: mm.botToken, channelId: 'chan1', filename: 'job-42.log', content });
    assert.equal(uploaded.kind, 'delivered');
    const fileId = uploaded.kind === 'delivered' ? uploaded.messageId ?? '' : '';
    assert.equal(mm.files.get(fileId)?.content, content);
    assert.equal(mm.files.get(fileId)?.filename, 'job-42.log');
    const posted = await mattermostCreatePost({ ...input(), fileIds: [fileId] });
    assert.equal(posted.kind, 'delivered');
    assert.deepEqual(mm.posts.at(-1)?.fileIds, [fileId]);
  });
});
