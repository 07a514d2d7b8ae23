import type { Kysely, Selectable } from 'kysely';
import type {
  ChatAccount,
  ChatIdentityRecord,
  ChatIdentityStore,
  ConsumeLinkTokenResult,
  LinkTokenRecord,
} from '../../ports/store/chat-identity-store.js';
import type { DatabaseHandle } from './database-handle.js';
import type { ChatIdentitiesTable, Database, LinkTokensTable } from './database-schema.js';
import { writeTransaction } from './write-transaction.js';

function toIdentity(row: Selectable<ChatIdentitiesTable>): ChatIdentityRecord {
  return {
    id: row.id,
    platform: row.platform,
    teamId: row.team_id,
    chatUserId: row.chat_user_id,
    chatUserName: row.chat_user_name,
    userId: row.user_id,
    createdAt: row.created_at,
  };
}

function toLinkToken(row: Selectable<LinkTokensTable>): LinkTokenRecord {
  return {
    tokenHash: row.token_hash,
    platform: row.platform,
    teamId: row.team_id,
    chatUserId: row.chat_user_id,
    chatUserName: row.chat_user_name,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
  };
}

async function upsertIdentity(
  db: Kysely<Database>,
  account: ChatAccount,
  userId: number,
  now: number,
): Promise<ChatIdentityRecord> {
  const row = await db
    .insertInto('chat_identities')
    .values({
      platform: account.platform,
      team_id: account.teamId,
      chat_user_id: account.chatUserId,
      chat_user_name: account.chatUserName,
      user_id: userId,
      created_at: now,
    })
    .onConflict((oc) =>
      oc.columns(['platform', 'team_id', 'chat_user_id']).doUpdateSet((eb) => ({
        user_id: eb.ref('excluded.user_id'),
        chat_user_name: eb.ref('excluded.chat_user_name'),
      })),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toIdentity(row);
}

export function createKyselyChatIdentityStore(handle: DatabaseHandle): ChatIdentityStore {
  const { db } = handle;
  return {
    link: (account, userId, now) => upsertIdentity(db, account, userId, now),

    async find(platform, teamId, chatUserId) {
      const row = await db
        .selectFrom('chat_identities')
        .selectAll()
        .where('platform', '=', platform)
        .where('team_id', '=', teamId)
        .where('chat_user_id', '=', chatUserId)
        .executeTakeFirst();
      return row && toIdentity(row);
    },

    async listForUser(userId) {
      const rows = await db.selectFrom('chat_identities').selectAll().where('user_id', '=', userId).orderBy('id').execute();
      return rows.map(toIdentity);
    },

    async unlink(platform, teamId, chatUserId) {
      const result = await db
        .deleteFrom('chat_identities')
        .where('platform', '=', platform)
        .where('team_id', '=', teamId)
        .where('chat_user_id', '=', chatUserId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async createLinkToken(input, now) {
      const row = await db
        .insertInto('link_tokens')
        .values({
          token_hash: input.tokenHash,
          platform: input.platform,
          team_id: input.teamId,
          chat_user_id: input.chatUserId,
          chat_user_name: input.chatUserName,
          created_at: now,
          expires_at: input.expiresAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toLinkToken(row);
    },

    async findLinkToken(tokenHash) {
      const row = await db.selectFrom('link_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && toLinkToken(row);
    },

    consumeLinkToken(tokenHash, userId, now): Promise<ConsumeLinkTokenResult> {
      return writeTransaction(handle, async (trx) => {
        // The conditional UPDATE is the single-use guarantee: on PostgreSQL a
        // concurrent consumer blocks on the row lock, then re-checks
        // used_at and finds it set.
        const consumed = await trx
          .updateTable('link_tokens')
          .set({ used_at: now })
          .where('token_hash', '=', tokenHash)
          .where('used_at', 'is', null)
          .where('expires_at', '>', now)
          .returningAll()
          .executeTakeFirst();
        if (consumed !== undefined) {
          const identity = await upsertIdentity(trx, toLinkToken(consumed), userId, now);
          return { kind: 'linked', identity };
        }
        const token = await trx
          .selectFrom('link_tokens')
          .select(['used_at'])
          .where('token_hash', '=', tokenHash)
          .executeTakeFirst();
        if (token === undefined) return { kind: 'not_found' };
        return token.used_at === null ? { kind: 'expired' } : { kind: 'already_used' };
      });
    },

    async deleteExpiredLinkTokens(before) {
      const result = await db.deleteFrom('link_tokens').where('expires_at', '<', before).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}
