import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatToken, hashToken, TOKEN_BYTES, TOKEN_PREFIXES, tokenKind, type TokenKind } from './secret-token-format.js';

const KINDS: readonly TokenKind[] = ['api', 'link', 'session'];

function bytes(fill: (i: number) => number): Uint8Array {
  return Uint8Array.from({ length: TOKEN_BYTES }, (_, i) => fill(i));
}

describe('secret token format', () => {
  test('each kind has its own prefix', () => {
    assert.deepEqual(TOKEN_PREFIXES, { api: 'crt_', link: 'crl_', session: 'crs_' });
  });

  test('formatToken: the prefix, then the bytes in unpadded base64url', () => {
    assert.equal(formatToken('link', bytes(() => 0)), 'crl_' + 'A'.repeat(43));
    // 0xfb 0xff … is where base64url differs from base64 ('-' and '_' for '+' and '/').
    const token = formatToken('api', bytes((i) => (i % 2 === 0 ? 0xfb : 0xff)));
    assert.ok(token.startsWith('crt_-__7'), token);
    assert.equal(token.length, 4 + 43);
    assert.ok(!token.includes('=') && !token.includes('+') && !token.includes('/'));
    assert.deepEqual(Buffer.from(token.slice(4), 'base64url'), Buffer.from(bytes((i) => (i % 2 === 0 ? 0xfb : 0xff))));
  });

  test('tokenKind recognises every well-formed token of every kind', () => {
    for (const kind of KINDS) {
      for (const fill of [() => 0, (i: number) => i * 7, () => 0xff]) {
        assert.equal(tokenKind(formatToken(kind, bytes(fill))), kind);
      }
    }
  });

  test('tokenKind rejects what chatrun never issues', () => {
    const body = 'a'.repeat(43);
    const bad = [
      '',
      'crt_',
      'crl_short',
      'crl_' + 'a'.repeat(44),
      'crl_' + 'a'.repeat(42) + '=',
      'crl_' + 'a'.repeat(42) + '+',
      'crs_' + 'a'.repeat(42) + '/',
      'xyz_' + body,
      'CRL_' + body,
      ' crl_' + body,
      'crl_' + body + '\n',
      'glpat-abcdefghijklmnopqrst',
      formatToken('link', new Uint8Array(16)),
    ];
    for (const token of bad) assert.equal(tokenKind(token), undefined, JSON.stringify(token));
  });

  test('hashToken is SHA-256 of the whole token as lowercase hex', () => {
    assert.equal(hashToken(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(hashToken('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    // Text is hashed as UTF-8: 'é' is the two bytes c3 a9, not latin-1 e9.
    assert.equal(hashToken('é'), '4a99557e4033c3539de2eb65472017cad5f9557f7a0625a09f1c3f6e2ba69c4c');
    const body = 'A'.repeat(43);
    assert.notEqual(hashToken('crl_' + body), hashToken('crs_' + body), 'the prefix is hashed too');
    assert.match(hashToken('crl_' + body), /^[0-9a-f]{64}$/);
  });
});
