/**
 * The other end of "your chat account is not connected": the person opens
 * the link, signs in to the web console, sees which chat account it is
 * (`describeLinkToken`) and confirms (`confirmChatLink`), which links that
 * chat account to the signed-in user.
 *
 * A link is single use and expires (AppSettings.linkTokenTtlMs, 10
 * minutes): the store consumes the token and links the account in one
 * transaction, so of two concurrent confirmations (a double click, two
 * replicas) exactly one answers `linked`. Describing a token changes
 * nothing, and may be called any number of times.
 *
 * Only the token's hash (src/domain/access/secret-token-format.ts) is ever
 * looked up; the token itself is never stored.
 */
import { hashToken } from '../domain/access/secret-token-format.js';
import type { Clock } from '../ports/clock.js';
import type { ChatIdentityRecord, ChatIdentityStore } from '../ports/store/chat-identity-store.js';

export interface ChatLinkDeps {
  readonly store: { readonly chatIdentities: ChatIdentityStore };
  readonly clock: Clock;
}

export type LinkTokenDescription =
  | {
      readonly kind: 'valid' | 'expired' | 'used';
      readonly platform: string;
      readonly teamId: string;
      readonly chatUserId: string;
      readonly chatUserName: string;
      readonly expiresAt: number;
    }
  | { readonly kind: 'unknown' };

export type ConfirmChatLinkResult =
  | { readonly kind: 'linked'; readonly identity: ChatIdentityRecord }
  | { readonly kind: 'expired' }
  | { readonly kind: 'already_used' }
  | { readonly kind: 'unknown' };

export async function describeLinkToken(deps: ChatLinkDeps, token: string): Promise<LinkTokenDescription> {
  const record = token === '' ? undefined : await deps.store.chatIdentities.findLinkToken(hashToken(token));
  if (record === undefined) return { kind: 'unknown' };
  const kind = record.usedAt !== null ? 'used' : deps.clock.now() < record.expiresAt ? 'valid' : 'expired';
  return {
    kind,
    platform: record.platform,
    teamId: record.teamId,
    chatUserId: record.chatUserId,
    chatUserName: record.chatUserName,
    expiresAt: record.expiresAt,
  };
}

export async function confirmChatLink(
  deps: ChatLinkDeps,
  input: { readonly token: string; readonly userId: number },
): Promise<ConfirmChatLinkResult> {
  if (input.token === '') return { kind: 'unknown' };
  const consumed = await deps.store.chatIdentities.consumeLinkToken(hashToken(input.token), input.userId, deps.clock.now());
  switch (consumed.kind) {
    case 'linked':
      return { kind: 'linked', identity: consumed.identity };
    case 'expired':
      return { kind: 'expired' };
    case 'already_used':
      return { kind: 'already_used' };
    case 'not_found':
      return { kind: 'unknown' };
  }
}
