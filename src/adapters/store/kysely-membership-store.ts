import type { Selectable } from 'kysely';
import { MEMBER_ROLES } from '../../ports/store/membership-store.js';
import type { MemberRecord, MemberRole, MembershipStore } from '../../ports/store/membership-store.js';
import type { DatabaseHandle } from './database-handle.js';
import type { MembersTable } from './database-schema.js';

const ROLES: ReadonlySet<string> = new Set(MEMBER_ROLES);

function toRole(text: string): MemberRole {
  // A role the code no longer knows grants the least, not an error page.
  return ROLES.has(text) ? (text as MemberRole) : 'guest';
}

function toRecord(row: Selectable<MembersTable>): MemberRecord {
  return { userId: row.user_id, projectId: row.project_id, role: toRole(row.role), createdAt: row.created_at };
}

export function createKyselyMembershipStore({ db }: DatabaseHandle): MembershipStore {
  return {
    async setRole(userId, projectId, role, now) {
      const row = await db
        .insertInto('members')
        .values({ user_id: userId, project_id: projectId, role, created_at: now })
        .onConflict((oc) => oc.columns(['user_id', 'project_id']).doUpdateSet({ role }))
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async remove(userId, projectId) {
      const result = await db
        .deleteFrom('members')
        .where('user_id', '=', userId)
        .where('project_id', '=', projectId)
        .executeTakeFirst();
      return result.numDeletedRows > 0n;
    },

    async getRole(userId, projectId) {
      const row = await db
        .selectFrom('members')
        .select('role')
        .where('user_id', '=', userId)
        .where('project_id', '=', projectId)
        .executeTakeFirst();
      return row && toRole(row.role);
    },

    async listForProject(projectId) {
      const rows = await db
        .selectFrom('members')
        .selectAll()
        .where('project_id', '=', projectId)
        .orderBy('user_id')
        .execute();
      return rows.map(toRecord);
    },

    async listForUser(userId) {
      const rows = await db.selectFrom('members').selectAll().where('user_id', '=', userId).orderBy('project_id').execute();
      return rows.map(toRecord);
    },
  };
}
