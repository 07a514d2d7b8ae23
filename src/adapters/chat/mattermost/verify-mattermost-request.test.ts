import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifyMattermostRequest } from './verify-mattermost-request.js';

// Mattermost's documented example request (research 7.4).
const TOKEN = 'qzgakf1nx3yt9dr4n8585ihbxy';
const BODY = new URLSearchParams({
  channel_id: 'jux16pkewjrkfj3ehep1psxyxc',
  channel_name: 'town-square',
  command: '/weather',
  response_url: 'http://localhost:8066/hooks/commands/i11f6nnfgfyk8eg56x9omc6dpa',
  team_domain: 'ad-1',
  team_id: 'xdbx5k3m5ib9dbc0rzxzhf5wrw',
  text: 'toronto week',
  token: TOKEN,
  user_id: 'd4ucqj4pfpbg8xfsf6n3dorjfe',
  user_name: 'somename',
}).toString();
const WITHOUT_FIELD = BODY.replace(`token=${TOKEN}`, 'token=');

describe('verifyMattermostRequest', () => {
  test('the token in the Authorization: Token header is accepted', () => {
    const result = verifyMattermostRequest({ tokens: TOKEN, rawBody: WITHOUT_FIELD, headers: { authorization: `Token ${TOKEN}` } });
    assert.deepEqual(result, { ok: true, via: 'header' });
  });

  test('the scheme is case-insensitive', () => {
    const result = verifyMattermostRequest({ tokens: TOKEN, rawBody: WITHOUT_FIELD, headers: { Authorization: `token ${TOKEN}` } });
    assert.equal(result.ok, true);
  });

  test('the token field alone is accepted (header replaced by an OAuth bearer)', () => {
    const result = verifyMattermostRequest({ tokens: TOKEN, rawBody: BODY, headers: { authorization: 'Bearer some-oauth-token' } });
    assert.deepEqual(result, { ok: true, via: 'field' });
    assert.equal(verifyMattermostRequest({ tokens: TOKEN, rawBody: Buffer.from(BODY), headers: {} }).ok, true);
  });

  test('any of several command tokens matches', () => {
    const result = verifyMattermostRequest({ tokens: ['first', TOKEN, 'third'], rawBody: BODY, headers: {} });
    assert.equal(result.ok, true);
  });

  test('a wrong token fails in header and field alike', () => {
    const header = verifyMattermostRequest({ tokens: TOKEN, rawBody: WITHOUT_FIELD, headers: { authorization: 'Token nope' } });
    assert.equal(!header.ok && header.reason, 'bad_token');
    const field = verifyMattermostRequest({ tokens: TOKEN, rawBody: BODY.replace(TOKEN, `${TOKEN}x`), headers: {} });
    assert.equal(!field.ok && field.reason, 'bad_token');
    const prefix = verifyMattermostRequest({ tokens: TOKEN, rawBody: WITHOUT_FIELD, headers: { authorization: `Token ${TOKEN.slice(0, -1)}` } });
    assert.equal(prefix.ok, false);
  });

  test('no token at all, or none configured, is named', () => {
    const missing = verifyMattermostRequest({ tokens: TOKEN, rawBody: WITHOUT_FIELD, headers: {} });
    assert.equal(!missing.ok && missing.reason, 'missing_token');
    const unconfigured = verifyMattermostRequest({ tokens: [''], rawBody: BODY, headers: {} });
    assert.equal(!unconfigured.ok && unconfigured.reason, 'not_configured');
  });
});
