/**
 * Who is behind a chat command. On Slack and Mattermost it is the chatrun
 * user the chat account is linked to; an unlinked account gets a fresh
 * single-use link (SPEC section 2: expires in 10 minutes) and nothing else.
 * On the web console the person is signed in already: the web layer puts
 * their chatrun user id in `chatUserId`, as a decimal string.
 *
 * The link token comes from the injected `newLinkToken` (randomness is an
 * adapter's business); only its hash is stored.
 */
import { hashToken } from '../domain/access/secret-token-format.js';
import type { ChatCommandRequest } from '../domain/chat-command/chat-command-request.js';
import type { Store } from '../ports/store/store.js';
import type { UserRecord } from '../ports/store/user-store.js';
import type { AppSettings } from './app-settings.js';
import { chatLinkUrl } from './chatrun-urls.js';

export type ChatUserIdentity =
  | { readonly kind: 'linked'; readonly user: UserRecord }
  | { readonly kind: 'not_linked'; readonly linkUrl: string; readonly validMinutes: number }
  | { readonly kind: 'unknown_web_user' };

const DECIMAL_ID = /^[1-9][0-9]{0,15}$/;

export async function identifyChatUser(
  deps: { readonly store: Store; readonly settings: AppSettings; readonly newLinkToken: () => string },
  request: ChatCommandRequest,
  now: number,
): Promise<ChatUserIdentity> {
  const { store, settings } = deps;
  if (request.platform === 'web') {
    const id = DECIMAL_ID.test(request.chatUserId) ? Number(request.chatUserId) : undefined;
    const user = id === undefined ? undefined : await store.users.getById(id);
    return user === undefined ? { kind: 'unknown_web_user' } : { kind: 'linked', user };
  }
  const identity = await store.chatIdentities.find(request.platform, request.teamId, request.chatUserId);
  const user = identity === undefined ? undefined : await store.users.getById(identity.userId);
  if (user !== undefined) return { kind: 'linked', user };

  const token = deps.newLinkToken();
  await store.chatIdentities.createLinkToken(
    {
      platform: request.platform,
      teamId: request.teamId,
      chatUserId: request.chatUserId,
      chatUserName: request.chatUserName,
      tokenHash: hashToken(token),
      expiresAt: now + settings.linkTokenTtlMs,
    },
    now,
  );
  return {
    kind: 'not_linked',
    linkUrl: chatLinkUrl(settings.externalUrl, token),
    validMinutes: Math.max(1, Math.round(settings.linkTokenTtlMs / 60_000)),
  };
}
