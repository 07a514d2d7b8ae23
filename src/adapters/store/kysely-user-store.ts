import type { Selectable } from 'kysely';
import type {
  ApiTokenRecord,
  CreateUserResult,
  SessionRecord,
  UserInput,
  UserRecord,
  UserStore,
} from '../../ports/store/user-store.js';
import type { DatabaseHandle } from './database-handle.js';
import type { ApiTokensTable, SessionsTable, UsersTable } from './database-schema.js';

function toUser(row: Selectable<UsersTable>): UserRecord {
  return {
    id: row.id,
    username: row.username,
    name: row.name,
    email: row.email,
    isAdmin: row.is_admin !== 0,
    passwordHash: row.password_hash,
    createdAt: row.created_at,
  };
}

function toToken(row: Selectable<ApiTokensTable>): ApiTokenRecord {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    tokenHash: row.token_hash,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
  };
}

function toSession(row: Selectable<SessionsTable>): SessionRecord {
  return { idHash: row.id_hash, userId: row.user_id, createdAt: row.created_at, expiresAt: row.expires_at };
}

export function createKyselyUserStore({ db }: DatabaseHandle): UserStore {
  const insertValues = (input: UserInput, now: number) => ({
    username: input.username,
    name: input.name,
    email: input.email,
    is_admin: input.isAdmin ? 1 : 0,
    password_hash: input.passwordHash ?? null,
    created_at: now,
  });

  const userById = async (id: number) => {
    const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  };

  return {
    async create(input, now): Promise<CreateUserResult> {
      const row = await db
        .insertInto('users')
        .values(insertValues(input, now))
        .onConflict((oc) => oc.column('username').doNothing())
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? { kind: 'username_taken' } : { kind: 'created', user: toUser(row) };
    },

    async upsertByUsername(input, now) {
      const row = await db
        .insertInto('users')
        .values(insertValues(input, now))
        .onConflict((oc) =>
          oc.column('username').doUpdateSet((eb) => ({
            name: eb.ref('excluded.name'),
            email: eb.ref('excluded.email'),
            is_admin: eb.ref('excluded.is_admin'),
            ...(input.passwordHash === undefined ? {} : { password_hash: eb.ref('excluded.password_hash') }),
          })),
        )
        .returningAll()
        .executeTakeFirstOrThrow();
      return toUser(row);
    },

    getById: userById,

    async getByUsername(username) {
      const row = await db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
      return row && toUser(row);
    },

    async list() {
      const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
      return rows.map(toUser);
    },

    async setPasswordHash(userId, passwordHash) {
      const result = await db
        .updateTable('users')
        .set({ password_hash: passwordHash })
        .where('id', '=', userId)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    async createApiToken(input, now) {
      const row = await db
        .insertInto('api_tokens')
        .values({ user_id: input.userId, name: input.name, token_hash: input.tokenHash, created_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toToken(row);
    },

    async findApiToken(tokenHash) {
      const token = await db
        .selectFrom('api_tokens')
        .selectAll()
        .where('token_hash', '=', tokenHash)
        .executeTakeFirst();
      if (token === undefined) return undefined;
      const user = await userById(token.user_id);
      return user && { token: toToken(token), user };
    },

    async touchApiToken(id, now) {
      await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
    },

    async listApiTokens(userId) {
      const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('id').execute();
      return rows.map(toToken);
    },

    async deleteApiToken(id) {
      const result = await db.deleteFrom('api_tokens').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async createSession(input, now) {
      const row = await db
        .insertInto('sessions')
        .values({ id_hash: input.idHash, user_id: input.userId, expires_at: input.expiresAt, created_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toSession(row);
    },

    async findSession(idHash, now) {
      const session = await db
        .selectFrom('sessions')
        .selectAll()
        .where('id_hash', '=', idHash)
        .where('expires_at', '>', now)
        .executeTakeFirst();
      if (session === undefined) return undefined;
      const user = await userById(session.user_id);
      return user && { session: toSession(session), user };
    },

    async deleteSession(idHash) {
      const result = await db.deleteFrom('sessions').where('id_hash', '=', idHash).executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async deleteExpiredSessions(now) {
      const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
