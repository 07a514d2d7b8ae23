/**
 * Links between chat accounts (platform, team, chat user) and chatrun users,
 * and the single-use link tokens that create them.
 *
 * Flow: an unlinked chat user runs a command → the server calls
 * `createLinkToken` with the hash of a random token and answers with a link
 * holding the token → the person opens it, logs in, and the server calls
 * `consumeLinkToken(hash, userId, now)`, which marks the token used and
 * links the chat account to that user in one transaction.
 *
 * Contract:
 * - `consumeLinkToken` is atomic: of any number of concurrent calls with the
 *   same token (double click, two replicas), exactly one answers `linked`;
 *   the others answer `already_used`. A token past `expiresAt` answers
 *   `expired` and is not consumed.
 * - `findLinkToken` only reads: the token with that hash as stored, used or
 *   not, expired or not (the caller compares `expiresAt` with its clock), or
 *   undefined when there is none (never issued, or swept by
 *   `deleteExpiredLinkTokens`). It is what the link page shows before the
 *   person confirms, and may be called any number of times, concurrently
 *   with `consumeLinkToken`; a read racing a consume sees the token either
 *   before or after it, never half-consumed.
 * - `link` is an idempotent upsert on (platform, teamId, chatUserId): linking
 *   an already-linked chat account moves it to the new user and refreshes
 *   its display name.
 * - Chat user names are display data only; identity is the id triple.
 * - A rejected promise means the database failed.
 */
export interface ChatAccount {
  readonly platform: string;
  readonly teamId: string;
  readonly chatUserId: string;
  readonly chatUserName: string;
}

export interface ChatIdentityRecord extends ChatAccount {
  readonly id: number;
  readonly userId: number;
  readonly createdAt: number;
}

export interface LinkTokenRecord extends ChatAccount {
  readonly tokenHash: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly usedAt: number | null;
}

export type ConsumeLinkTokenResult =
  | { readonly kind: 'linked'; readonly identity: ChatIdentityRecord }
  | { readonly kind: 'not_found' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'already_used' };

export interface ChatIdentityStore {
  link(account: ChatAccount, userId: number, now: number): Promise<ChatIdentityRecord>;
  find(platform: string, teamId: string, chatUserId: string): Promise<ChatIdentityRecord | undefined>;
  /** Ordered by id. */
  listForUser(userId: number): Promise<readonly ChatIdentityRecord[]>;
  unlink(platform: string, teamId: string, chatUserId: string): Promise<boolean>;

  createLinkToken(
    input: ChatAccount & { readonly tokenHash: string; readonly expiresAt: number },
    now: number,
  ): Promise<LinkTokenRecord>;
  /** Reads only; the caller decides validity from usedAt and expiresAt. */
  findLinkToken(tokenHash: string): Promise<LinkTokenRecord | undefined>;
  /** Valid while usedAt is null and now < expiresAt. */
  consumeLinkToken(tokenHash: string, userId: number, now: number): Promise<ConsumeLinkTokenResult>;
  /** Deletes tokens that expired before `before`; answers how many. */
  deleteExpiredLinkTokens(before: number): Promise<number>;
}
