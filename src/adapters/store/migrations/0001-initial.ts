import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { StoreDialect } from '../../../ports/store/store.js';
import { columnTypesFor } from './dialect-column-types.js';

/**
 * The first schema. One file on purpose: a migration is a unit that runs
 * once, and splitting it would hide the order in which tables may refer to
 * each other. Never edit it after release — add 0002-….
 *
 * Deleting a project cascades to its members, pipelines, jobs, traces and
 * replies. Audit events have no foreign keys: they outlive what they name.
 */
export function initialMigration(dialect: StoreDialect): Migration {
  const t = columnTypesFor(dialect);
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('projects')
        .addColumn('id', t.idType, t.idColumn)
        .addColumn('path', 'text', (c) => c.notNull().unique())
        .addColumn('repository', 'text', (c) => c.notNull())
        .addColumn('default_branch', 'text')
        .addColumn('ci_config_path', 'text', (c) => c.notNull())
        .addColumn('settings', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('id', t.idType, t.idColumn)
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('is_admin', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('password_hash', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_tokens')
        .addColumn('id', t.idType, t.idColumn)
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .execute();
      await db.schema.createIndex('api_tokens_user').on('api_tokens').column('user_id').execute();

      await db.schema
        .createTable('members')
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('project_id', 'bigint', (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('members_pkey', ['user_id', 'project_id'])
        .execute();
      await db.schema.createIndex('members_project').on('members').column('project_id').execute();

      await db.schema
        .createTable('chat_identities')
        .addColumn('id', t.idType, t.idColumn)
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('chat_user_id', 'text', (c) => c.notNull())
        .addColumn('chat_user_name', 'text', (c) => c.notNull())
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addUniqueConstraint('chat_identities_account', ['platform', 'team_id', 'chat_user_id'])
        .execute();
      await db.schema.createIndex('chat_identities_user').on('chat_identities').column('user_id').execute();

      await db.schema
        .createTable('link_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('team_id', 'text', (c) => c.notNull())
        .addColumn('chat_user_id', 'text', (c) => c.notNull())
        .addColumn('chat_user_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema.createIndex('link_tokens_expires').on('link_tokens').column('expires_at').execute();

      await db.schema
        .createTable('sessions')
        .addColumn('id_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sessions_expires').on('sessions').column('expires_at').execute();

      await db.schema
        .createTable('runners')
        .addColumn('id', t.idType, t.idColumn)
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull().unique())
        .addColumn('last_contact_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('pipelines')
        .addColumn('id', t.idType, t.idColumn)
        .addColumn('project_id', 'bigint', (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('ref', 'text', (c) => c.notNull())
        .addColumn('sha', 'text', (c) => c.notNull())
        .addColumn('user_id', 'bigint', (c) => c.references('users.id').onDelete('set null'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('platform', 'text')
        .addColumn('team_id', 'text')
        .addColumn('channel_id', 'text')
        .addColumn('channel_name', 'text')
        .addColumn('chat_user_id', 'text')
        .addColumn('chat_user_name', 'text')
        .addColumn('response_url', 'text')
        .addColumn('thread', 'text')
        .addColumn('command_text', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('finished_at', 'bigint')
        .execute();
      await db.schema.createIndex('pipelines_project').on('pipelines').columns(['project_id', 'id']).execute();
      await db.schema.createIndex('pipelines_user').on('pipelines').columns(['user_id', 'id']).execute();

      await db.schema
        .createTable('jobs')
        .addColumn('id', t.idType, t.idColumn)
        .addColumn('pipeline_id', 'bigint', (c) => c.notNull().references('pipelines.id').onDelete('cascade'))
        .addColumn('project_id', 'bigint', (c) => c.notNull().references('projects.id').onDelete('cascade'))
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('failure_reason', 'text')
        .addColumn('when', 'text', (c) => c.notNull())
        .addColumn('allow_failure', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('timeout_seconds', 'bigint', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('exit_code', 'integer')
        .addColumn('runner_id', 'bigint', (c) => c.references('runners.id').onDelete('set null'))
        .addColumn('trace_size', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('queued_at', 'bigint')
        .addColumn('started_at', 'bigint')
        .addColumn('finished_at', 'bigint')
        .addColumn('heartbeat_at', 'bigint')
        .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      // Partial indexes keep the queue and reaper scans as small as the
      // number of pending / running jobs, however long the history grows.
      await db.schema
        .createIndex('jobs_queue')
        .on('jobs')
        .columns(['queued_at', 'id'])
        .where(sql.ref('status'), '=', 'pending')
        .execute();
      await db.schema
        .createIndex('jobs_running_heartbeat')
        .on('jobs')
        .column('heartbeat_at')
        .where(sql.ref('status'), '=', 'running')
        .execute();
      await db.schema.createIndex('jobs_pipeline').on('jobs').column('pipeline_id').execute();
      await db.schema.createIndex('jobs_project').on('jobs').columns(['project_id', 'id']).execute();

      await db.schema
        .createTable('trace_chunks')
        .addColumn('job_id', 'bigint', (c) => c.notNull().references('jobs.id').onDelete('cascade'))
        .addColumn('start_offset', 'bigint', (c) => c.notNull())
        .addColumn('byte_size', 'bigint', (c) => c.notNull())
        .addColumn('data', t.bytes, (c) => c.notNull())
        .addPrimaryKeyConstraint('trace_chunks_pkey', ['job_id', 'start_offset'])
        .execute();

      await db.schema
        .createTable('replies')
        .addColumn('id', t.idType, t.idColumn)
        .addColumn('job_id', 'bigint', (c) => c.references('jobs.id').onDelete('cascade'))
        .addColumn('pipeline_id', 'bigint', (c) => c.references('pipelines.id').onDelete('cascade'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('dedupe_key', 'text', (c) => c.notNull().unique())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('response_url_posts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint')
        .addColumn('last_error', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('delivered_at', 'bigint')
        .addColumn('locked_until', 'bigint')
        .addColumn('locked_by', 'text')
        .execute();
      await db.schema.createIndex('replies_due').on('replies').columns(['state', 'next_attempt_at']).execute();
      await db.schema.createIndex('replies_job').on('replies').column('job_id').execute();
      await db.schema.createIndex('replies_pipeline').on('replies').columns(['pipeline_id', 'id']).execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('id', t.idType, t.idColumn)
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('user_id', 'bigint')
        .addColumn('username', 'text')
        .addColumn('platform', 'text')
        .addColumn('team_id', 'text')
        .addColumn('channel_id', 'text')
        .addColumn('channel_name', 'text')
        .addColumn('chat_user_id', 'text')
        .addColumn('text', 'text')
        .addColumn('decision', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('project_path', 'text')
        .addColumn('pipeline_id', 'bigint')
        .addColumn('job_id', 'bigint')
        .addColumn('outcome', 'text')
        .execute();
      await db.schema
        .createIndex('audit_events_chat_user')
        .on('audit_events')
        .columns(['platform', 'team_id', 'chat_user_id', 'at'])
        .execute();
      await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();

      await db.schema
        .createTable('command_receipts')
        .addColumn('platform', 'text', (c) => c.notNull())
        .addColumn('request_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('command_receipts_pkey', ['platform', 'request_key'])
        .execute();
      await db.schema.createIndex('command_receipts_created').on('command_receipts').column('created_at').execute();
    },
  };
}
