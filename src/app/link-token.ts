/**
 * The single-use secret in a chat-account link. Its format is the one of
 * src/adapters/auth/secret-token.ts (`crl_` + 32 random bytes in base64url,
 * stored as the SHA-256 hex of the whole token), so the web layer's
 * `tokenKind` recognises it; it is restated here because use cases may not
 * import adapters, and test/app/commands checks that both agree.
 * Only the hash reaches the store.
 */
import { createHash, randomBytes } from 'node:crypto';

const LINK_PREFIX = 'crl_';
const TOKEN_BYTES = 32;

export function issueLinkToken(): string {
  return LINK_PREFIX + randomBytes(TOKEN_BYTES).toString('base64url');
}

export function hashLinkToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
