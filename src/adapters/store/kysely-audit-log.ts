import type { Selectable } from 'kysely';
import type { AuditEventRecord, AuditLog } from '../../ports/store/audit-log.js';
import type { DatabaseHandle } from './database-handle.js';
import type { AuditEventsTable } from './database-schema.js';

const DEFAULT_PAGE = 50;

function toRecord(row: Selectable<AuditEventsTable>): AuditEventRecord {
  return {
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username,
    platform: row.platform,
    teamId: row.team_id,
    channelId: row.channel_id,
    channelName: row.channel_name,
    chatUserId: row.chat_user_id,
    text: row.text,
    decision: row.decision,
    reason: row.reason,
    projectPath: row.project_path,
    pipelineId: row.pipeline_id,
    jobId: row.job_id,
    outcome: row.outcome,
  };
}

export function createKyselyAuditLog({ db }: DatabaseHandle): AuditLog {
  return {
    async append(event) {
      const row = await db
        .insertInto('audit_events')
        .values({
          at: event.at,
          user_id: event.userId ?? null,
          username: event.username ?? null,
          platform: event.platform ?? null,
          team_id: event.teamId ?? null,
          channel_id: event.channelId ?? null,
          channel_name: event.channelName ?? null,
          chat_user_id: event.chatUserId ?? null,
          text: event.text ?? null,
          decision: event.decision,
          reason: event.reason ?? null,
          project_path: event.projectPath ?? null,
          pipeline_id: event.pipelineId ?? null,
          job_id: event.jobId ?? null,
          outcome: event.outcome ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toRecord(row);
    },

    async list(filter = {}) {
      let query = db.selectFrom('audit_events').selectAll();
      if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
      if (filter.platform !== undefined) query = query.where('platform', '=', filter.platform);
      if (filter.teamId !== undefined) query = query.where('team_id', '=', filter.teamId);
      if (filter.chatUserId !== undefined) query = query.where('chat_user_id', '=', filter.chatUserId);
      if (filter.projectPath !== undefined) query = query.where('project_path', '=', filter.projectPath);
      if (filter.decision !== undefined) query = query.where('decision', '=', filter.decision);
      if (filter.jobId !== undefined) query = query.where('job_id', '=', filter.jobId);
      if (filter.since !== undefined) query = query.where('at', '>=', filter.since);
      if (filter.until !== undefined) query = query.where('at', '<', filter.until);
      if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(filter.limit ?? DEFAULT_PAGE)
        .execute();
      return rows.map(toRecord);
    },

    async countByChatUser(account, since) {
      const row = await db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('platform', '=', account.platform)
        .where('team_id', account.teamId === null ? 'is' : '=', account.teamId)
        .where('chat_user_id', '=', account.chatUserId)
        .where('at', '>=', since)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async setOutcome(id, outcome) {
      const result = await db.updateTable('audit_events').set({ outcome }).where('id', '=', id).executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },
  };
}
