import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { hashPassword, verifyPassword, passwordNeedsRehash, DEFAULT_SCRYPT_PARAMS } from './password-hash.js';

// Cheap parameters keep the suite fast; the format and code path are the same.
const fast = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashing', () => {
  test('hash then verify round-trips, and the format is scrypt$N$r$p$salt$hash', async () => {
    const encoded = await hashPassword('correct horse battery staple', fast);
    assert.match(encoded, /^scrypt\$1024\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    const salt = Buffer.from(encoded.split('$')[4] ?? '', 'base64');
    assert.equal(salt.length, 16);
    assert.equal(await verifyPassword('correct horse battery staple', encoded), true);
  });

  test('a wrong password fails', async () => {
    const encoded = await hashPassword('s3cret', fast);
    assert.equal(await verifyPassword('s3cret ', encoded), false);
    assert.equal(await verifyPassword('', encoded), false);
  });

  test('the same password hashes differently each time (random salt)', async () => {
    const a = await hashPassword('same', fast);
    const b = await hashPassword('same', fast);
    assert.notEqual(a, b);
    assert.equal(await verifyPassword('same', a), true);
    assert.equal(await verifyPassword('same', b), true);
  });

  test('a tampered hash fails: changed key, salt or parameters', async () => {
    const encoded = await hashPassword('pw', fast);
    const parts = encoded.split('$');
    const flip = (b64: string): string => {
      const bytes = Buffer.from(b64, 'base64');
      bytes[0] = (bytes[0] ?? 0) ^ 1;
      return bytes.toString('base64');
    };
    const withKey = [...parts.slice(0, 5), flip(parts[5] ?? '')].join('$');
    const withSalt = [...parts.slice(0, 4), flip(parts[4] ?? ''), parts[5]].join('$');
    const withN = ['scrypt', '2048', ...parts.slice(2)].join('$');
    for (const tampered of [withKey, withSalt, withN]) assert.equal(await verifyPassword('pw', tampered), false);
  });

  test('malformed or hostile hashes are rejected without throwing', async () => {
    const hostile = ['', 'plain', 'bcrypt$x', 'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==',
      `scrypt$${2 ** 30}$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAA==`, 'scrypt$1024$8$1$!!$??'];
    for (const encoded of hostile) assert.equal(await verifyPassword('pw', encoded), false, encoded);
  });

  test('parameters are read back from the string, so older costs still verify', async () => {
    const cheaper = await hashPassword('pw', { N: 2 ** 9, r: 4, p: 2 });
    assert.equal(await verifyPassword('pw', cheaper), true);
    assert.equal(passwordNeedsRehash(cheaper), true);
    assert.equal(passwordNeedsRehash(cheaper, { N: 2 ** 9, r: 4, p: 2 }), false);
  });

  test('the default cost is N=2^15, r=8, p=1 and works under Node memory limits', async () => {
    assert.deepEqual(DEFAULT_SCRYPT_PARAMS, { N: 32768, r: 8, p: 1 });
    const encoded = await hashPassword('pw');
    assert.match(encoded, /^scrypt\$32768\$8\$1\$/);
    assert.equal(await verifyPassword('pw', encoded), true);
  });

  test('invalid parameters are refused', async () => {
    await assert.rejects(hashPassword('pw', { N: 1000, r: 8, p: 1 }), RangeError);
  });
});
