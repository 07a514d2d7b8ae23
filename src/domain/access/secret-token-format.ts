/**
 * The shape of the bearer secrets chatrun hands out (API tokens, chat-account
 * link tokens, web session ids) and the one form in which they are stored.
 *
 * A token is a prefix naming its kind (so a leaked one is recognisable in
 * logs and by secret scanners) followed by 32 random bytes in base64url (43
 * characters, no padding). Only `hashToken(token)` is ever stored or looked
 * up: a database dump yields no usable secret, and since lookups are by
 * hash, no timing-sensitive comparison of secrets happens in our code.
 *
 * Everything here is deterministic, so both the use cases and the web layer
 * share it; drawing the random bytes is the auth adapter's job
 * (src/adapters/auth/secret-token.ts).
 */
import { createHash } from 'node:crypto';

export const TOKEN_PREFIXES = {
  api: 'crt_',
  link: 'crl_',
  session: 'crs_',
} as const;

export type TokenKind = keyof typeof TOKEN_PREFIXES;

/** How many random bytes follow the prefix. */
export const TOKEN_BYTES = 32;

// 32 bytes in unpadded base64url are exactly 43 characters.
const BODY = /^[A-Za-z0-9_-]{43}$/;

const KINDS = Object.keys(TOKEN_PREFIXES) as TokenKind[];

/** SHA-256 of the whole token (prefix included), lowercase hex: the only form that is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The kind of a well-formed token, or undefined (reject before any database lookup). */
export function tokenKind(token: string): TokenKind | undefined {
  for (const kind of KINDS) {
    const prefix = TOKEN_PREFIXES[kind];
    if (token.startsWith(prefix) && BODY.test(token.slice(prefix.length))) return kind;
  }
  return undefined;
}

/** A token of `kind` around `randomBytes` (which must be TOKEN_BYTES long to be well formed). */
export function formatToken(kind: TokenKind, randomBytes: Uint8Array): string {
  return TOKEN_PREFIXES[kind] + Buffer.from(randomBytes).toString('base64url');
}
