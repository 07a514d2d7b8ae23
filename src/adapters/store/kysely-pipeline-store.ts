import { isFinished } from '../../domain/job/job-status.js';
import type { JobRecord, JobTransitionResult } from '../../ports/store/pipeline-record.js';
import type { PipelineStore } from '../../ports/store/pipeline-store.js';
import { claimNextJob } from './claim-next-job.js';
import { countValue } from './count-value.js';
import type { DatabaseHandle } from './database-handle.js';
import { jobTransitionColumns } from './job-transition.js';
import { toJsonText } from './json-column.js';
import { toJobRecord, toJobStatus, toPipelineRecord } from './pipeline-rows.js';
import { writeTransaction } from './write-transaction.js';

const DEFAULT_PAGE = 50;

export function createKyselyPipelineStore(handle: DatabaseHandle): PipelineStore {
  const { db } = handle;

  const jobById = async (id: number): Promise<JobRecord | undefined> => {
    const row = await db.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toJobRecord(row);
  };

  return {
    createPipeline(pipeline, jobs, now) {
      return writeTransaction(handle, async (trx) => {
        const chat = pipeline.chat;
        const row = await trx
          .insertInto('pipelines')
          .values({
            project_id: pipeline.projectId,
            source: pipeline.source,
            ref: pipeline.ref,
            sha: pipeline.sha,
            user_id: pipeline.userId,
            status: pipeline.status,
            platform: chat?.platform ?? null,
            team_id: chat?.teamId ?? null,
            channel_id: chat?.channelId ?? null,
            channel_name: chat?.channelName ?? null,
            chat_user_id: chat?.chatUserId ?? null,
            chat_user_name: chat?.chatUserName ?? null,
            response_url: chat?.responseUrl ?? null,
            thread: chat?.thread ?? null,
            command_text: chat?.commandText ?? null,
            created_at: now,
            finished_at: isFinished(pipeline.status) ? now : null,
          })
          .returningAll()
          .executeTakeFirstOrThrow();
        const created: JobRecord[] = [];
        // One insert per job keeps ids in list order on both dialects.
        for (const job of jobs) {
          const jobRow = await trx
            .insertInto('jobs')
            .values({
              pipeline_id: row.id,
              project_id: pipeline.projectId,
              name: job.name,
              stage: job.stage,
              status: job.status,
              when: job.when,
              allow_failure: job.allowFailure ? 1 : 0,
              timeout_seconds: job.timeoutSeconds,
              payload: toJsonText(job.payload),
              created_at: now,
              queued_at: job.status === 'pending' ? now : null,
              finished_at: isFinished(job.status) ? now : null,
            })
            .returningAll()
            .executeTakeFirstOrThrow();
          created.push(toJobRecord(jobRow));
        }
        return { pipeline: toPipelineRecord(row), jobs: created };
      });
    },

    async getPipeline(id) {
      const row = await db.selectFrom('pipelines').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toPipelineRecord(row);
    },

    async listPipelines(filter = {}) {
      let query = db.selectFrom('pipelines').selectAll();
      if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
      if (filter.userId !== undefined) query = query.where('user_id', '=', filter.userId);
      if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(filter.limit ?? DEFAULT_PAGE)
        .execute();
      return rows.map(toPipelineRecord);
    },

    async transitionPipeline(id, from, to, at) {
      if (from.length === 0) return false;
      const result = await db
        .updateTable('pipelines')
        .set({ status: to, ...(isFinished(to) ? { finished_at: at } : {}) })
        .where('id', '=', id)
        .where('status', 'in', from)
        .executeTakeFirst();
      return result.numUpdatedRows > 0n;
    },

    getJob: jobById,

    async listJobsForPipeline(pipelineId) {
      const rows = await db.selectFrom('jobs').selectAll().where('pipeline_id', '=', pipelineId).orderBy('id').execute();
      return rows.map(toJobRecord);
    },

    async listJobs(filter = {}) {
      let query = db.selectFrom('jobs').selectAll();
      if (filter.projectId !== undefined) query = query.where('project_id', '=', filter.projectId);
      if (filter.statuses !== undefined) {
        if (filter.statuses.length === 0) return [];
        query = query.where('status', 'in', filter.statuses);
      }
      if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
      const rows = await query
        .orderBy('id', 'desc')
        .limit(filter.limit ?? DEFAULT_PAGE)
        .execute();
      return rows.map(toJobRecord);
    },

    async countJobs(statuses) {
      // `IN ()` is not valid SQL, and nothing can be in no status.
      if (statuses.length === 0) return 0;
      const [only, ...more] = statuses;
      const query = db.selectFrom('jobs').select((eb) => eb.fn.countAll<number | string | bigint>().as('n'));
      // With `=` rather than `IN (…)`, SQLite answers the pending count from
      // the partial jobs_queue index instead of scanning every job ever run.
      const row = await (only !== undefined && more.length === 0
        ? query.where('status', '=', only)
        : query.where('status', 'in', statuses)
      ).executeTakeFirstOrThrow();
      return countValue(row.n);
    },

    transitionJob(id, from, to, patch, guard = {}) {
      return writeTransaction(handle, async (trx): Promise<JobTransitionResult> => {
        let update = trx.updateTable('jobs').set(jobTransitionColumns(to, patch)).where('id', '=', id);
        // An empty `from` can never match; `IN ()` is not valid SQL.
        update = from.length === 0 ? update.where(({ lit }) => lit(false)) : update.where('status', 'in', from);
        if (guard.runnerId !== undefined) update = update.where('runner_id', '=', guard.runnerId);
        if (guard.heartbeatBefore !== undefined) update = update.where('heartbeat_at', '<', guard.heartbeatBefore);
        const row = await update.returningAll().executeTakeFirst();
        if (row === undefined) {
          const current = await trx.selectFrom('jobs').selectAll().where('id', '=', id).executeTakeFirst();
          return current === undefined ? { kind: 'not_found' } : { kind: 'conflict', job: toJobRecord(current) };
        }
        if (patch.pipelineStatus !== undefined) {
          await trx
            .updateTable('pipelines')
            .set({
              status: patch.pipelineStatus,
              ...(isFinished(patch.pipelineStatus) ? { finished_at: patch.at } : {}),
            })
            .where('id', '=', row.pipeline_id)
            .execute();
        }
        return { kind: 'applied', job: toJobRecord(row) };
      });
    },

    claimNextJob: (runnerId, now) => claimNextJob(handle, runnerId, now),

    async heartbeat(jobId, runnerId, now) {
      const row = await db
        .updateTable('jobs')
        .set({ heartbeat_at: now })
        .where('id', '=', jobId)
        .where('runner_id', '=', runnerId)
        .where('status', '=', 'running')
        .returning('cancel_requested')
        .executeTakeFirst();
      if (row !== undefined) return { kind: 'alive', cancelRequested: row.cancel_requested !== 0 };
      const current = await db.selectFrom('jobs').select('status').where('id', '=', jobId).executeTakeFirst();
      if (current === undefined) return { kind: 'not_found' };
      // Running but held by another runner reads as not running *for this runner*.
      const status = toJobStatus(current.status);
      return { kind: 'not_running', status };
    },

    async findStaleRunningJobs(olderThan, limit = DEFAULT_PAGE) {
      const rows = await db
        .selectFrom('jobs')
        .selectAll()
        .where('status', '=', 'running')
        .where('heartbeat_at', '<', olderThan)
        .orderBy('heartbeat_at')
        .orderBy('id')
        .limit(limit)
        .execute();
      return rows.map(toJobRecord);
    },

    requestCancel(jobId, now) {
      return writeTransaction(handle, async (trx) => {
        const canceled = await trx
          .updateTable('jobs')
          .set({ status: 'canceled', finished_at: now, cancel_requested: 1 })
          .where('id', '=', jobId)
          .where('status', 'in', ['created', 'pending', 'manual'])
          .returningAll()
          .executeTakeFirst();
        if (canceled !== undefined) return { kind: 'canceled', job: toJobRecord(canceled) };
        const requested = await trx
          .updateTable('jobs')
          .set({ cancel_requested: 1 })
          .where('id', '=', jobId)
          .where('status', '=', 'running')
          .returningAll()
          .executeTakeFirst();
        if (requested !== undefined) return { kind: 'cancel_requested', job: toJobRecord(requested) };
        const current = await trx.selectFrom('jobs').selectAll().where('id', '=', jobId).executeTakeFirst();
        return current === undefined ? { kind: 'not_found' } : { kind: 'already_finished', job: toJobRecord(current) };
      });
    },
  };
}
