import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateToken, hashToken, tokenKind, TOKEN_PREFIXES } from './secret-token.js';
import * as format from '../../domain/access/secret-token-format.js';

test('tokens carry their kind prefix and 32 random bytes in base64url', () => {
  for (const kind of ['api', 'link', 'session'] as const) {
    const token = generateToken(kind);
    assert.ok(token.startsWith(TOKEN_PREFIXES[kind]));
    const body = token.slice(TOKEN_PREFIXES[kind].length);
    assert.match(body, /^[A-Za-z0-9_-]+$/);
    assert.equal(Buffer.from(body, 'base64url').length, 32);
    assert.equal(tokenKind(token), kind);
  }
  assert.equal(TOKEN_PREFIXES.api, 'crt_');
});

test('tokens are unique', () => {
  const seen = new Set(Array.from({ length: 200 }, () => generateToken('api')));
  assert.equal(seen.size, 200);
});

test('hashToken is stable SHA-256 hex and differs per token', () => {
  const token = generateToken('session');
  assert.equal(hashToken(token), hashToken(token));
  assert.match(hashToken(token), /^[0-9a-f]{64}$/);
  assert.notEqual(hashToken(token), hashToken(generateToken('session')));
  // Known vector: SHA-256("abc").
  assert.equal(hashToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('tokenKind rejects malformed tokens', () => {
  for (const bad of ['', 'crt_', 'crt_short', 'xyz_' + 'a'.repeat(43), 'crt_' + 'a'.repeat(42) + '=', 'glpat-abc']) {
    assert.equal(tokenKind(bad), undefined, bad);
  }
});

test('the format, hash and kind check are the domain ones, not copies', () => {
  assert.equal(hashToken, format.hashToken);
  assert.equal(tokenKind, format.tokenKind);
  assert.equal(TOKEN_PREFIXES, format.TOKEN_PREFIXES);
});
