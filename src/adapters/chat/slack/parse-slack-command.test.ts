import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isSlackSslCheck, parseSlackCommand } from './parse-slack-command.js';

const OFFICIAL =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

const FULL = {
  token: 't',
  team_id: 'T0001',
  team_domain: 'example',
  enterprise_id: 'E0001',
  channel_id: 'C2147483705',
  channel_name: 'test',
  user_id: 'U2147483697',
  user_name: 'Steve',
  command: '/chatrun',
  text: 'run deploy production\nsecond line  ',
  response_url: 'https://hooks.slack.com/commands/1234/5678',
  trigger_id: '13345224609.738474920.8088930838d88f008e0',
  api_app_id: 'A123456',
};

describe('parseSlackCommand', () => {
  test('a full payload becomes a ChatCommandRequest with text kept verbatim', () => {
    const result = parseSlackCommand(form(FULL), { 'x-slack-retry-num': '2' });
    assert.deepEqual(result, {
      ok: true,
      request: {
        platform: 'slack',
        teamId: 'T0001',
        teamDomain: 'example',
        channelId: 'C2147483705',
        channelName: 'test',
        chatUserId: 'U2147483697',
        chatUserName: 'Steve',
        command: '/chatrun',
        text: 'run deploy production\nsecond line  ',
        responseUrl: 'https://hooks.slack.com/commands/1234/5678',
        triggerId: '13345224609.738474920.8088930838d88f008e0',
        retryNum: 2,
        requestKey: 'slack:T0001:trigger:13345224609.738474920.8088930838d88f008e0',
      },
    });
  });

  test('the official example parses, with an empty text', () => {
    const result = parseSlackCommand(Buffer.from(OFFICIAL));
    assert.equal(result.ok, true);
    assert.equal(result.ok && result.request.text, '');
    assert.equal(result.ok && result.request.command, '/webhook-collect');
    assert.equal(result.ok && result.request.channelName, 'foobar');
    assert.equal(result.ok && result.request.retryNum, undefined);
  });

  test('each required field, when missing or empty, is named', () => {
    for (const field of ['team_id', 'channel_id', 'channel_name', 'user_id', 'user_name', 'command']) {
      for (const body of [form({ ...FULL, [field]: '' }), form(Object.fromEntries(Object.entries(FULL).filter(([k]) => k !== field)))]) {
        const result = parseSlackCommand(body);
        assert.equal(result.ok, false, field);
        assert.equal(!result.ok && result.reason, 'missing_field');
        assert.equal(!result.ok && result.field, field);
        assert.match(!result.ok ? result.message : '', new RegExp(field));
      }
    }
  });

  test('text and response_url may be absent; a bad response_url or command is refused', () => {
    const { text: _t, response_url: _r, trigger_id: _g, ...rest } = FULL;
    const bare = parseSlackCommand(form(rest));
    assert.equal(bare.ok && bare.request.text, '');
    assert.equal(bare.ok && bare.request.responseUrl, undefined);
    const badUrl = parseSlackCommand(form({ ...FULL, response_url: 'javascript:alert(1)' }));
    assert.equal(!badUrl.ok && badUrl.reason, 'bad_field');
    const badCommand = parseSlackCommand(form({ ...FULL, command: 'chatrun' }));
    assert.equal(!badCommand.ok && badCommand.field, 'command');
  });

  test('without trigger_id the request key is a hash of the body: same body, same key', () => {
    const { trigger_id: _g, ...rest } = FULL;
    const a = parseSlackCommand(form(rest));
    const b = parseSlackCommand(form(rest));
    const c = parseSlackCommand(form({ ...rest, text: 'other' }));
    assert.ok(a.ok && b.ok && c.ok);
    assert.match(a.request.requestKey, /^slack:sha256:[0-9a-f]{64}$/);
    assert.equal(a.request.requestKey, b.request.requestKey);
    assert.notEqual(a.request.requestKey, c.request.requestKey);
  });

  test('ssl_check pings are recognised, not parsed as commands', () => {
    assert.equal(isSlackSslCheck('ssl_check=1&token=abc'), true);
    assert.equal(isSlackSslCheck(OFFICIAL), false);
    const result = parseSlackCommand('ssl_check=1&token=abc');
    assert.equal(!result.ok && result.reason, 'ssl_check');
  });
});
