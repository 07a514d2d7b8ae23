import type { Updateable } from 'kysely';
import type { EnqueueReplyResult, ReplyOutbox, ReplyRecord } from '../../ports/store/reply-outbox.js';
import { countValue } from './count-value.js';
import type { DatabaseHandle } from './database-handle.js';
import type { RepliesTable } from './database-schema.js';
import { toJsonText } from './json-column.js';
import { toReplyRecord } from './reply-rows.js';
import { skipLockedRows } from './row-lock.js';
import { writeTransaction } from './write-transaction.js';

export function createKyselyReplyOutbox(handle: DatabaseHandle): ReplyOutbox {
  const { db } = handle;

  /**
   * Ends a lease: applies only while `workerId` still holds the reply.
   * `postedToResponseUrl` adds one to the reply's response_url post count.
   */
  const endLease = async (
    id: number,
    workerId: string,
    set: Updateable<RepliesTable>,
    postedToResponseUrl: boolean,
  ): Promise<boolean> => {
    const result = await db
      .updateTable('replies')
      .set((eb) => ({
        ...set,
        locked_by: null,
        locked_until: null,
        response_url_posts: eb('response_url_posts', '+', postedToResponseUrl ? 1 : 0),
      }))
      .where('id', '=', id)
      .where('state', '=', 'delivering')
      .where('locked_by', '=', workerId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  };

  return {
    async enqueue(reply, now): Promise<EnqueueReplyResult> {
      const row = await db
        .insertInto('replies')
        .values({
          job_id: reply.jobId ?? null,
          pipeline_id: reply.pipelineId ?? null,
          kind: reply.kind,
          platform: reply.platform,
          target: toJsonText(reply.target),
          body: toJsonText(reply.body),
          dedupe_key: reply.dedupeKey,
          state: 'pending',
          next_attempt_at: reply.nextAttemptAt ?? now,
          expires_at: reply.expiresAt ?? null,
          created_at: now,
        })
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .returningAll()
        .executeTakeFirst();
      if (row !== undefined) return { kind: 'enqueued', reply: toReplyRecord(row) };
      const stored = await db
        .selectFrom('replies')
        .selectAll()
        .where('dedupe_key', '=', reply.dedupeKey)
        .executeTakeFirstOrThrow();
      return { kind: 'duplicate', reply: toReplyRecord(stored) };
    },

    claimDue(now, limit, lockForMs, workerId) {
      if (limit <= 0) return Promise.resolve([]);
      return writeTransaction(handle, async (trx): Promise<readonly ReplyRecord[]> => {
        // Two steps (select ids, then update them) rather than
        // `UPDATE … WHERE id IN (SELECT … LIMIT n FOR UPDATE SKIP LOCKED)`:
        // PostgreSQL may evaluate such a subquery more than once.
        const due = await skipLockedRows(
          trx
            .selectFrom('replies as r')
            .select('r.id')
            .where((eb) =>
              eb.or([
                eb.and([eb('r.state', '=', 'pending'), eb('r.next_attempt_at', '<=', now)]),
                eb.and([eb('r.state', '=', 'delivering'), eb('r.locked_until', '<=', now)]),
              ]),
            )
            // Per-pipeline order: wait while an older reply of the same pipeline is unsettled.
            .where(({ not, exists, selectFrom }) =>
              not(
                exists(
                  selectFrom('replies as older')
                    .select('older.id')
                    .whereRef('older.pipeline_id', '=', 'r.pipeline_id')
                    .whereRef('older.id', '<', 'r.id')
                    .where('older.state', 'in', ['pending', 'delivering']),
                ),
              ),
            )
            .orderBy('r.next_attempt_at')
            .orderBy('r.id')
            .limit(limit),
          handle.dialect,
        ).execute();
        if (due.length === 0) return [];
        const rows = await trx
          .updateTable('replies')
          .set((eb) => ({
            state: 'delivering',
            locked_by: workerId,
            locked_until: now + lockForMs,
            attempts: eb('attempts', '+', 1),
          }))
          .where(
            'id',
            'in',
            due.map((r) => r.id),
          )
          .returningAll()
          .execute();
        return rows.map(toReplyRecord).sort((a, b) => a.nextAttemptAt - b.nextAttemptAt || a.id - b.id);
      });
    },

    markDelivered(id, workerId, now, viaResponseUrl) {
      return endLease(id, workerId, { state: 'delivered', delivered_at: now }, viaResponseUrl);
    },

    scheduleRetry(id, workerId, nextAt, error, countsAsResponseUrlPost) {
      return endLease(
        id,
        workerId,
        { state: 'pending', next_attempt_at: nextAt, last_error: error },
        countsAsResponseUrlPost,
      );
    },

    markExpired(id, workerId, _now, reason) {
      return endLease(id, workerId, { state: 'expired', last_error: reason }, false);
    },

    markFailed(id, workerId, _now, error) {
      return endLease(id, workerId, { state: 'failed', last_error: error }, false);
    },

    async get(id) {
      const row = await db.selectFrom('replies').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toReplyRecord(row);
    },

    async listForJob(jobId) {
      const rows = await db.selectFrom('replies').selectAll().where('job_id', '=', jobId).orderBy('id').execute();
      return rows.map(toReplyRecord);
    },

    async listForPipeline(pipelineId) {
      const rows = await db.selectFrom('replies').selectAll().where('pipeline_id', '=', pipelineId).orderBy('id').execute();
      return rows.map(toReplyRecord);
    },

    async responseUrlPostsForPipeline(pipelineId) {
      const row = await db
        .selectFrom('replies')
        .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('response_url_posts'), eb.lit(0)).as('posts'))
        .where('pipeline_id', '=', pipelineId)
        .executeTakeFirst();
      return Number(row?.posts ?? 0);
    },

    async countOpen() {
      const row = await db
        .selectFrom('replies')
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .where('state', 'in', ['pending', 'delivering'])
        .executeTakeFirstOrThrow();
      return countValue(row.n);
    },
  };
}
