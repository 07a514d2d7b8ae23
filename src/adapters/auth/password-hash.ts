/**
 * Password hashing with scrypt (node:crypto), encoded as
 * `scrypt$N$r$p$<salt base64>$<hash base64>`. The cost parameters live in the
 * string, so hashes made with an older or cheaper setting still verify and
 * can be upgraded on the next login (`passwordNeedsRehash`).
 *
 * Cost: N=2^15, r=8, p=1 takes ~50–100 ms per hash on a server core, which
 * is the point (it slows guessing). Tests pass a small N. Both functions are
 * async (libuv thread pool), so a login never blocks the event loop.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** CPU/memory cost, a power of two. */
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

export const DEFAULT_SCRYPT_PARAMS: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
// A stored hash is trusted data, but a corrupted or hostile row must not be
// able to make one verify allocate gigabytes or spin for minutes.
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

function validParams({ N, r, p }: ScryptParams): boolean {
  const powerOfTwo = Number.isInteger(N) && N >= 2 && N <= MAX_N && (N & (N - 1)) === 0;
  return powerOfTwo && Number.isInteger(r) && r >= 1 && r <= MAX_R && Number.isInteger(p) && p >= 1 && p <= MAX_P;
}

function derive(password: string, salt: Buffer, params: ScryptParams, length: number): Promise<Buffer> {
  // scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is exactly the
  // default cost, so leave headroom.
  const maxmem = 256 * params.N * params.r + 1024 * 1024;
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, length, { ...params, maxmem }, (error, key) => {
      if (error) reject(error);
      else resolve(key);
    });
  });
}

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): Promise<string> {
  if (!validParams(params)) throw new RangeError(`invalid scrypt parameters N=${params.N} r=${params.r} p=${params.p}`);
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, params, KEY_BYTES);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

interface DecodedHash {
  readonly params: ScryptParams;
  readonly salt: Buffer;
  readonly key: Buffer;
}

function decode(encoded: string): DecodedHash | undefined {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return undefined;
  const [, n, r, p, salt, key] = parts;
  const digits = /^[1-9][0-9]{0,9}$/;
  if (!digits.test(n ?? '') || !digits.test(r ?? '') || !digits.test(p ?? '')) return undefined;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!validParams(params)) return undefined;
  const base64 = /^[A-Za-z0-9+/]+={0,2}$/;
  if (!base64.test(salt ?? '') || !base64.test(key ?? '')) return undefined;
  const saltBytes = Buffer.from(salt ?? '', 'base64');
  const keyBytes = Buffer.from(key ?? '', 'base64');
  if (saltBytes.length < 8 || keyBytes.length < 16 || keyBytes.length > 128) return undefined;
  return { params, salt: saltBytes, key: keyBytes };
}

/** False for a wrong password and for a malformed or tampered hash alike. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const decoded = decode(encoded);
  if (decoded === undefined) return false;
  const candidate = await derive(password, decoded.salt, decoded.params, decoded.key.length);
  return timingSafeEqual(candidate, decoded.key);
}

/** True when the hash was made with other parameters than `params` (or is not ours). */
export function passwordNeedsRehash(encoded: string, params: ScryptParams = DEFAULT_SCRYPT_PARAMS): boolean {
  const decoded = decode(encoded);
  if (decoded === undefined) return true;
  const { N, r, p } = decoded.params;
  return N !== params.N || r !== params.r || p !== params.p || decoded.key.length !== KEY_BYTES;
}
