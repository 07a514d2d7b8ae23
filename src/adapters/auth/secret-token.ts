/**
 * Bearer secrets chatrun hands out: API tokens, chat-account link tokens and
 * web session ids. Each is 32 random bytes in base64url behind a prefix that
 * says what it is (so a leaked one is recognisable in logs and by secret
 * scanners). Only `hashToken(token)` is ever stored: a database dump yields
 * no usable secret, and lookups are by hash, so no timing-sensitive compare
 * of secrets happens in application code.
 */
import { createHash, randomBytes } from 'node:crypto';

export const TOKEN_PREFIXES = {
  api: 'crt_',
  link: 'crl_',
  session: 'crs_',
} as const;

export type TokenKind = keyof typeof TOKEN_PREFIXES;

const TOKEN_BYTES = 32;
const BODY = /^[A-Za-z0-9_-]{43}$/;

export function generateToken(kind: TokenKind): string {
  return TOKEN_PREFIXES[kind] + randomBytes(TOKEN_BYTES).toString('base64url');
}

/** SHA-256 of the whole token (prefix included), lowercase hex: the only form that is stored. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The kind of a well-formed token, or undefined (reject before any database lookup). */
export function tokenKind(token: string): TokenKind | undefined {
  for (const kind of Object.keys(TOKEN_PREFIXES) as TokenKind[]) {
    const prefix = TOKEN_PREFIXES[kind];
    if (token.startsWith(prefix) && BODY.test(token.slice(prefix.length))) return kind;
  }
  return undefined;
}
