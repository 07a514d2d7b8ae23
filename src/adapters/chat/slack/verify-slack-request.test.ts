import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { verifySlackRequest } from './verify-slack-request.js';
import { slackSignature } from './slack-signature.js';

// Slack's documented example (SPEC section 7, research 7.1).
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const TIMESTAMP = 1531420618;
const BODY =
  'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
const SIGNATURE = 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503';

function headers(signature = SIGNATURE, timestamp: string | number = TIMESTAMP): Record<string, string> {
  return { 'x-slack-signature': signature, 'x-slack-request-timestamp': String(timestamp) };
}

describe('verifySlackRequest', () => {
  test('the official Slack vector verifies (string and byte bodies)', () => {
    assert.equal(slackSignature(SECRET, String(TIMESTAMP), BODY), SIGNATURE);
    assert.deepEqual(verifySlackRequest({ signingSecret: SECRET, rawBody: BODY, headers: headers(), nowSeconds: TIMESTAMP }), {
      ok: true,
      timestamp: TIMESTAMP,
    });
    const bytes = new TextEncoder().encode(BODY);
    assert.equal(verifySlackRequest({ signingSecret: SECRET, rawBody: bytes, headers: headers(), nowSeconds: TIMESTAMP }).ok, true);
  });

  test('the empty-body derived vector matches', () => {
    assert.equal(
      slackSignature(SECRET, String(TIMESTAMP), ''),
      'v0=55f41ec73231010289b54e669149ea021fccab11b5524355523533ce930cb739',
    );
  });

  test('header names are case-insensitive and Fetch Headers work', () => {
    const mixed = { 'X-Slack-Signature': SIGNATURE, 'X-Slack-Request-Timestamp': String(TIMESTAMP) };
    assert.equal(verifySlackRequest({ signingSecret: SECRET, rawBody: BODY, headers: mixed, nowSeconds: TIMESTAMP }).ok, true);
    const fetchHeaders = new Headers(headers());
    assert.equal(verifySlackRequest({ signingSecret: SECRET, rawBody: BODY, headers: fetchHeaders, nowSeconds: TIMESTAMP }).ok, true);
  });

  test('a tampered body fails', () => {
    const result = verifySlackRequest({ signingSecret: SECRET, rawBody: `${BODY}------`, headers: headers(), nowSeconds: TIMESTAMP });
    assert.equal(result.ok, false);
    assert.equal(!result.ok && result.reason, 'bad_signature');
  });

  test('a wrong secret fails', () => {
    const result = verifySlackRequest({ signingSecret: `${SECRET}x`, rawBody: BODY, headers: headers(), nowSeconds: TIMESTAMP });
    assert.equal(!result.ok && result.reason, 'bad_signature');
  });

  test('a tampered timestamp fails even within the window', () => {
    const result = verifySlackRequest({
      signingSecret: SECRET,
      rawBody: BODY,
      headers: headers(SIGNATURE, TIMESTAMP + 1),
      nowSeconds: TIMESTAMP,
    });
    assert.equal(!result.ok && result.reason, 'bad_signature');
  });

  test('±300 s is inside the window, ±301 s is stale, in both directions', () => {
    for (const offset of [-300, 300]) {
      const result = verifySlackRequest({ signingSecret: SECRET, rawBody: BODY, headers: headers(), nowSeconds: TIMESTAMP + offset });
      assert.equal(result.ok, true, `now = ts ${offset >= 0 ? '+' : ''}${offset}`);
    }
    for (const offset of [-301, 301, -3600]) {
      const result = verifySlackRequest({ signingSecret: SECRET, rawBody: BODY, headers: headers(), nowSeconds: TIMESTAMP + offset });
      assert.equal(!result.ok && result.reason, 'stale_timestamp', `now = ts ${offset}`);
    }
  });

  test('one of several secrets (rotation) is enough', () => {
    const result = verifySlackRequest({ signingSecret: ['old-secret', SECRET], rawBody: BODY, headers: headers(), nowSeconds: TIMESTAMP });
    assert.equal(result.ok, true);
  });

  test('missing or malformed headers and a missing secret are named', () => {
    const cases: [Record<string, string>, string, string | string[]][] = [
      [{ 'x-slack-request-timestamp': String(TIMESTAMP) }, 'missing_signature', SECRET],
      [{ 'x-slack-signature': SIGNATURE }, 'missing_timestamp', SECRET],
      [headers(SIGNATURE, '15314x0618'), 'bad_timestamp', SECRET],
      [headers('v1=abc'), 'bad_signature', SECRET],
      [headers(SIGNATURE.toUpperCase().replace('V0=', 'v0=')), 'bad_signature', SECRET],
      [headers(), 'not_configured', ''],
      [headers(), 'not_configured', []],
    ];
    for (const [given, reason, secret] of cases) {
      const result = verifySlackRequest({ signingSecret: secret, rawBody: BODY, headers: given, nowSeconds: TIMESTAMP });
      assert.equal(result.ok, false);
      assert.equal(!result.ok && result.reason, reason, JSON.stringify(given));
      assert.ok(!result.ok && result.message.length > 0);
    }
  });
});
