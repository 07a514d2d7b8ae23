import type { JobRecord } from '../../ports/store/pipeline-record.js';
import type { DatabaseHandle } from './database-handle.js';
import { toJobRecord } from './pipeline-rows.js';
import { skipLockedRows } from './row-lock.js';
import { writeTransaction } from './write-transaction.js';

/**
 * Takes the oldest pending job for a runner: one
 * `UPDATE jobs … WHERE id = (SELECT id … LIMIT 1 [FOR UPDATE SKIP LOCKED])
 * AND status = 'pending' RETURNING *`.
 *
 * On PostgreSQL SKIP LOCKED makes concurrent claimers pass over a row
 * another claimer has locked and take the next; the outer status check
 * catches a row that stopped being pending between snapshot and lock. On
 * SQLite the IMMEDIATE transaction makes the statement the only writer.
 * The pipeline becomes `running` in the same transaction.
 */
export function claimNextJob(handle: DatabaseHandle, runnerId: number, now: number): Promise<JobRecord | undefined> {
  return writeTransaction(handle, async (trx) => {
    const candidate = skipLockedRows(
      trx
        .selectFrom('jobs')
        .select('id')
        .where('status', '=', 'pending')
        .orderBy('queued_at')
        .orderBy('id')
        .limit(1),
      handle.dialect,
    );
    const row = await trx
      .updateTable('jobs')
      .set({ status: 'running', runner_id: runnerId, started_at: now, heartbeat_at: now })
      .where('id', '=', candidate)
      .where('status', '=', 'pending')
      .returningAll()
      .executeTakeFirst();
    if (row === undefined) return undefined;
    await trx
      .updateTable('pipelines')
      .set({ status: 'running' })
      .where('id', '=', row.pipeline_id)
      .where('status', 'in', ['created', 'pending'])
      .execute();
    return toJobRecord(row);
  });
}
