import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { handleChatCommand } from '../../../src/app/handle-chat-command.js';
import { confirmChatLink, describeLinkToken } from '../../../src/app/link-chat-account.js';
import { generateToken } from '../../../src/adapters/auth/secret-token.js';
import { formatToken, hashToken, tokenKind } from '../../../src/domain/access/secret-token-format.js';
import type { ProjectRecord } from '../../../src/ports/store/project-store.js';
import { EXTERNAL_URL, createCommandWorld, unique, type CommandWorld } from './command-world.js';

const CONFIG = 'hello:\n  script: echo hi\n';

function linkTokenIn(text: string): string {
  const match = new RegExp(`\\[connect it\\]\\(${EXTERNAL_URL}/-/chat/link/([^)]+)\\)`).exec(text);
  assert.ok(match?.[1], `a link in: ${text}`);
  return decodeURIComponent(match[1]);
}

describe('handleChatCommand: who may run', () => {
  let world: CommandWorld;
  let project: ProjectRecord;

  before(async () => {
    world = await createCommandWorld();
    project = await world.project({ '.gitlab-ci.yml': CONFIG });
    world.channelDefaults.set('slack:C1', project.path);
  });
  after(() => world.close());

  test('unlinked: an ephemeral link; it works once; the account can then run jobs', async () => {
    const chatUserId = unique('U');
    const first = await handleChatCommand(world.deps(), world.request('run hello', { chatUserId, chatUserName: 'newbie' }));
    assert.equal(first.outcome, 'refused_unlinked');
    assert.equal(first.message.visibility, 'ephemeral');
    assert.match(first.message.text, /^Your chat account is not connected to a chatrun account yet: \[connect it\]\(.+\), then send the command again\. The link works once, for 10 minutes\.$/);
    const token = linkTokenIn(first.message.text);
    assert.equal(tokenKind(token), 'link');
    assert.equal((await world.store.pipelines.listPipelines({ projectId: project.id })).length, 0, 'nothing created');

    const described = await describeLinkToken({ store: world.store, clock: world.clock }, token);
    assert.deepEqual(described, { kind: 'valid', platform: 'slack', teamId: 'T1', chatUserId, chatUserName: 'newbie', expiresAt: world.clock.now() + 10 * 60_000 });

    const user = await world.user();
    await world.member(user, project, 'developer');
    const linked = await confirmChatLink({ store: world.store, clock: world.clock }, { token, userId: user.id });
    assert.equal(linked.kind, 'linked');
    assert.equal(linked.kind === 'linked' ? linked.identity.userId : 0, user.id);
    assert.deepEqual(await confirmChatLink({ store: world.store, clock: world.clock }, { token, userId: user.id }), { kind: 'already_used' });
    assert.equal((await describeLinkToken({ store: world.store, clock: world.clock }, token)).kind, 'used');

    const again = await handleChatCommand(world.deps(), world.request('run hello', { chatUserId }));
    assert.equal(again.outcome, 'accepted');
  });

  test('a link expires after 10 minutes and is then refused', async () => {
    const chatUserId = unique('U');
    const answer = await handleChatCommand(world.deps(), world.request('help', { chatUserId }));
    const token = linkTokenIn(answer.message.text);
    const user = await world.user();
    world.clock.advance(10 * 60_000 - 1);
    assert.equal((await describeLinkToken({ store: world.store, clock: world.clock }, token)).kind, 'valid');
    world.clock.advance(1);
    assert.equal((await describeLinkToken({ store: world.store, clock: world.clock }, token)).kind, 'expired');
    assert.deepEqual(await confirmChatLink({ store: world.store, clock: world.clock }, { token, userId: user.id }), { kind: 'expired' });
    assert.equal(await world.store.chatIdentities.find('slack', 'T1', chatUserId), undefined);
  });

  test('a token that was never issued is unknown', async () => {
    const token = generateToken('link');
    assert.deepEqual(await describeLinkToken({ store: world.store, clock: world.clock }, token), { kind: 'unknown' });
    const user = await world.user();
    assert.deepEqual(await confirmChatLink({ store: world.store, clock: world.clock }, { token, userId: user.id }), { kind: 'unknown' });
  });

  test('the link carries the injected generator\'s token; the store keeps only its hash', async () => {
    const chatUserId = unique('U');
    const token = formatToken('link', Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + chatUserId.length) % 256));
    let calls = 0;
    const newLinkToken = (): string => {
      calls += 1;
      return token;
    };
    const answer = await handleChatCommand(world.deps({ newLinkToken }), world.request('help', { chatUserId, chatUserName: 'wile' }));
    assert.equal(answer.outcome, 'refused_unlinked');
    assert.equal(calls, 1);
    assert.equal(linkTokenIn(answer.message.text), token);
    const stored = await world.store.chatIdentities.findLinkToken(hashToken(token));
    assert.deepEqual(
      stored && [stored.platform, stored.teamId, stored.chatUserId, stored.chatUserName, stored.usedAt],
      ['slack', 'T1', chatUserId, 'wile', null],
    );
    assert.equal(await world.store.chatIdentities.findLinkToken(token), undefined, 'the token itself is not a key');
    assert.deepEqual(await describeLinkToken({ store: world.store, clock: world.clock }, token), {
      kind: 'valid', platform: 'slack', teamId: 'T1', chatUserId, chatUserName: 'wile', expiresAt: world.clock.now() + 10 * 60_000,
    });
  });

  test('a linked account asks for no link token', async () => {
    const user = await world.user();
    await world.member(user, project, 'developer');
    const chatUserId = await world.linkSlack(user);
    const newLinkToken = (): string => assert.fail('no token for a linked account');
    const answer = await handleChatCommand(world.deps({ newLinkToken }), world.request('run hello', { chatUserId }));
    assert.equal(answer.outcome, 'accepted');
  });

  const roles: [string, 'reporter' | 'guest' | undefined, string][] = [
    ['not a member', undefined, 'you are not a member of it'],
    ['a reporter', 'reporter', 'you are a reporter'],
    ['a guest', 'guest', 'you are a guest'],
  ];
  for (const [who, role, says] of roles) {
    test(`${who} of the channel's project: not allowed, naming the project and the role needed`, async () => {
      const user = await world.user();
      if (role !== undefined) await world.member(user, project, role);
      const chatUserId = await world.linkSlack(user);
      const answer = await handleChatCommand(world.deps(), world.request('run hello', { chatUserId }));
      assert.equal(answer.outcome, 'refused_forbidden');
      assert.equal(answer.message.visibility, 'ephemeral');
      assert.equal(answer.message.text, `You may not run jobs in \`${project.path}\`: that needs the developer role or higher, and ${says}.`);
      assert.equal((await world.store.pipelines.listPipelines({ projectId: project.id, userId: user.id })).length, 0);
    });
  }

  test('an admin counts as owner everywhere', async () => {
    const admin = await world.user({ admin: true });
    const chatUserId = await world.linkSlack(admin);
    const answer = await handleChatCommand(world.deps(), world.request('run hello', { chatUserId }));
    assert.equal(answer.outcome, 'accepted');
  });

  test('an unknown project and a hidden one get the same answer', async () => {
    const hidden = await world.project({ '.gitlab-ci.yml': CONFIG });
    const user = await world.user();
    await world.member(user, project, 'developer');
    const chatUserId = await world.linkSlack(user);
    const missingPath = unique('ops/missing');
    const absent = await handleChatCommand(world.deps(), world.request(`${missingPath} run hello`, { chatUserId }));
    const secret = await handleChatCommand(world.deps(), world.request(`${hidden.path} run hello`, { chatUserId }));
    assert.equal(absent.outcome, 'refused_unknown_project');
    assert.equal(secret.outcome, 'refused_unknown_project');
    assert.equal(absent.message.text, `There is no project \`${missingPath}\` that you can use. Send \`/chatrun help\` to see what you can do here.`);
    assert.deepEqual({ ...secret.message, text: secret.message.text.replace(hidden.path, missingPath) }, absent.message);
  });

  test('no project named, no channel default, several projects: asked to name one of theirs', async () => {
    const user = await world.user();
    const mine = await world.project({ '.gitlab-ci.yml': CONFIG });
    await world.member(user, mine, 'reporter');
    const chatUserId = await world.linkSlack(user);
    const answer = await handleChatCommand(world.deps(), world.request('run hello', { chatUserId, channelId: 'C-elsewhere' }));
    assert.equal(answer.outcome, 'project_required');
    assert.equal(answer.message.visibility, 'ephemeral');
    assert.match(answer.message.text, /name one: `\/chatrun PROJECT run JOB`\./);
    assert.ok(answer.message.text.includes(`Your projects: \`${mine.path}\`.`));
    assert.ok(!answer.message.text.includes(project.path), 'projects the user is not in stay unnamed');
  });
});

describe('handleChatCommand: the only project', () => {
  test('with exactly one project and no channel default, commands mean that project (for its members only)', async () => {
    const world = await createCommandWorld();
    try {
      const only = await world.project({ '.gitlab-ci.yml': CONFIG });
      const dev = await world.user();
      await world.member(dev, only, 'developer');
      const ran = await handleChatCommand(world.deps(), world.request('run hello', { chatUserId: await world.linkSlack(dev) }));
      assert.equal(ran.outcome, 'accepted');
      const stranger = await world.user();
      const refused = await handleChatCommand(world.deps(), world.request('run hello', { chatUserId: await world.linkSlack(stranger) }));
      assert.equal(refused.outcome, 'project_required');
      assert.ok(!refused.message.text.includes(only.path));
      assert.match(refused.message.text, /You are not a member of any project yet/);
    } finally {
      await world.close();
    }
  });
});
