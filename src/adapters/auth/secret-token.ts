/**
 * Fresh bearer secrets: API tokens, chat-account link tokens and web session
 * ids. Their format and the hash that is stored are pure facts kept in
 * src/domain/access/secret-token-format.ts; this adapter adds the one
 * impure part, drawing the random bytes from the operating system's CSPRNG.
 *
 * `hashToken`, `tokenKind` and the prefixes are re-exported so callers that
 * already depend on this module (HTTP sign-in, the token CLI) keep one
 * import; they are the domain's functions, not copies.
 */
import { randomBytes } from 'node:crypto';
import { formatToken, TOKEN_BYTES, type TokenKind } from '../../domain/access/secret-token-format.js';

export { hashToken, tokenKind, TOKEN_PREFIXES, type TokenKind } from '../../domain/access/secret-token-format.js';

export function generateToken(kind: TokenKind): string {
  return formatToken(kind, randomBytes(TOKEN_BYTES));
}
