/**
 * Users with their API tokens and web sessions. Secrets never reach the
 * store in clear: passwords arrive as hashes, tokens and session ids as
 * hashes of the value the client holds (the caller hashes before calling).
 *
 * Contract:
 * - All methods may run concurrently; each is one statement.
 * - `upsertByUsername` is idempotent (config sync at start-up on several
 *   replicas at once is safe). `create` answers `username_taken` instead of
 *   throwing.
 * - `findSession` treats an expired session as absent; expired rows are
 *   removed by `deleteExpiredSessions`, which may run at any time.
 * - Deleting a user is not offered: audit events and pipelines refer to
 *   users forever.
 * - A rejected promise means the database failed.
 */
export interface UserRecord {
  readonly id: number;
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly isAdmin: boolean;
  readonly passwordHash: string | null;
  readonly createdAt: number;
}

export interface UserInput {
  readonly username: string;
  readonly name: string;
  readonly email: string;
  readonly isAdmin: boolean;
  /** On upsert, undefined keeps the stored hash (null clears it). */
  readonly passwordHash?: string | null;
}

export type CreateUserResult =
  | { readonly kind: 'created'; readonly user: UserRecord }
  | { readonly kind: 'username_taken' };

export interface ApiTokenRecord {
  readonly id: number;
  readonly userId: number;
  readonly name: string;
  readonly tokenHash: string;
  readonly createdAt: number;
  readonly lastUsedAt: number | null;
}

export interface SessionRecord {
  readonly idHash: string;
  readonly userId: number;
  readonly createdAt: number;
  readonly expiresAt: number;
}

export interface UserStore {
  create(input: UserInput, now: number): Promise<CreateUserResult>;
  upsertByUsername(input: UserInput, now: number): Promise<UserRecord>;
  getById(id: number): Promise<UserRecord | undefined>;
  getByUsername(username: string): Promise<UserRecord | undefined>;
  /** Ordered by username. */
  list(): Promise<readonly UserRecord[]>;
  setPasswordHash(userId: number, passwordHash: string | null): Promise<boolean>;

  createApiToken(
    input: { readonly userId: number; readonly name: string; readonly tokenHash: string },
    now: number,
  ): Promise<ApiTokenRecord>;
  /** The token and its owner, or undefined. Does not record use: call `touchApiToken`. */
  findApiToken(tokenHash: string): Promise<{ readonly token: ApiTokenRecord; readonly user: UserRecord } | undefined>;
  touchApiToken(id: number, now: number): Promise<void>;
  listApiTokens(userId: number): Promise<readonly ApiTokenRecord[]>;
  deleteApiToken(id: number): Promise<boolean>;

  createSession(
    input: { readonly idHash: string; readonly userId: number; readonly expiresAt: number },
    now: number,
  ): Promise<SessionRecord>;
  /** The live session (expiresAt > now) and its user, else undefined. */
  findSession(
    idHash: string,
    now: number,
  ): Promise<{ readonly session: SessionRecord; readonly user: UserRecord } | undefined>;
  deleteSession(idHash: string): Promise<boolean>;
  /** Removes sessions with expiresAt <= now; answers how many. */
  deleteExpiredSessions(now: number): Promise<number>;
}
