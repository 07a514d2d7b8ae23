import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMattermostCommand } from './parse-mattermost-command.js';

const FULL = {
  token: 'qzgakf1nx3yt9dr4n8585ihbxy',
  team_id: 'xdbx5k3m5ib9dbc0rzxzhf5wrw',
  team_domain: 'ad-1',
  channel_id: 'jux16pkewjrkfj3ehep1psxyxc',
  channel_name: 'town-square',
  user_id: 'd4ucqj4pfpbg8xfsf6n3dorjfe',
  user_name: 'somename',
  command: '/chatrun',
  text: 'run deploy  staging ',
  response_url: 'http://localhost:8066/hooks/commands/i11f6nnfgfyk8eg56x9omc6dpa',
  trigger_id: 'OTdkZnBxZmZ3N2Y',
  root_id: 'p1o2s3t4',
};

describe('parseMattermostCommand', () => {
  test('a full payload becomes a ChatCommandRequest, thread root included', () => {
    const result = parseMattermostCommand(new URLSearchParams(FULL).toString());
    assert.deepEqual(result, {
      ok: true,
      request: {
        platform: 'mattermost',
        teamId: 'xdbx5k3m5ib9dbc0rzxzhf5wrw',
        teamDomain: 'ad-1',
        channelId: 'jux16pkewjrkfj3ehep1psxyxc',
        channelName: 'town-square',
        chatUserId: 'd4ucqj4pfpbg8xfsf6n3dorjfe',
        chatUserName: 'somename',
        command: '/chatrun',
        text: 'run deploy  staging ',
        responseUrl: 'http://localhost:8066/hooks/commands/i11f6nnfgfyk8eg56x9omc6dpa',
        triggerId: 'OTdkZnBxZmZ3N2Y',
        rootId: 'p1o2s3t4',
        requestKey: 'mattermost:xdbx5k3m5ib9dbc0rzxzhf5wrw:trigger:OTdkZnBxZmZ3N2Y',
      },
    });
  });

  test('a GET command passes its query string the same way', () => {
    const result = parseMattermostCommand(`?${new URLSearchParams(FULL).toString()}`.slice(1));
    assert.equal(result.ok && result.request.text, 'run deploy  staging ');
  });

  test('an empty root_id and a missing trigger_id are simply absent', () => {
    const { trigger_id: _t, ...rest } = FULL;
    const result = parseMattermostCommand(new URLSearchParams({ ...rest, root_id: '' }).toString());
    assert.ok(result.ok);
    assert.equal(result.request.rootId, undefined);
    assert.equal(result.request.triggerId, undefined);
    assert.match(result.request.requestKey, /^mattermost:sha256:[0-9a-f]{64}$/);
  });

  test('a missing field is named', () => {
    const { user_id: _u, ...rest } = FULL;
    const result = parseMattermostCommand(new URLSearchParams(rest).toString());
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, 'missing_field');
    assert.equal(!result.ok && result.field, 'user_id');
  });
});
