import type { Kysely } from 'kysely';
import type { AppendTraceResult, TraceStore } from '../../ports/store/trace-store.js';
import type { DatabaseHandle } from './database-handle.js';
import type { Database } from './database-schema.js';
import { toJobStatus } from './pipeline-rows.js';
import { writeTransaction } from './write-transaction.js';

/**
 * One row per accepted chunk, keyed (job_id, start_offset); jobs.trace_size
 * is the running total. The append is a compare-and-set on trace_size
 * (`UPDATE jobs SET trace_size = offset + n WHERE trace_size = offset`): on
 * PostgreSQL a concurrent append to the same job waits for the row lock and
 * then fails the comparison, on SQLite the IMMEDIATE transaction
 * serialises writers — no dialect-specific SQL needed.
 */

/** pg and better-sqlite3 hand out Buffers; a Uint8Array view is copied as bytes, never as text. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

async function readRange(db: Kysely<Database>, jobId: number, from: number, to: number | undefined): Promise<Buffer> {
  let query = db
    .selectFrom('trace_chunks')
    .select(['start_offset', 'data'])
    .where('job_id', '=', jobId)
    .where((eb) => eb(eb('start_offset', '+', eb.ref('byte_size')), '>', from));
  if (to !== undefined) query = query.where('start_offset', '<', to);
  const rows = await query.orderBy('start_offset').execute();
  if (rows.length === 0) return Buffer.alloc(0);
  const first = rows[0]?.start_offset ?? from;
  const joined = Buffer.concat(rows.map((r) => asBuffer(r.data)));
  return joined.subarray(from - first, to === undefined ? undefined : to - first);
}

export function createKyselyTraceStore(handle: DatabaseHandle): TraceStore {
  const { db } = handle;
  return {
    appendTrace(jobId, offset, bytes) {
      const data = asBuffer(bytes);
      return writeTransaction(handle, async (trx): Promise<AppendTraceResult> => {
        if (data.byteLength > 0) {
          const moved = await trx
            .updateTable('jobs')
            .set({ trace_size: offset + data.byteLength })
            .where('id', '=', jobId)
            .where('trace_size', '=', offset)
            .returning('status')
            .executeTakeFirst();
          if (moved !== undefined) {
            await trx
              .insertInto('trace_chunks')
              .values({ job_id: jobId, start_offset: offset, byte_size: data.byteLength, data })
              .execute();
            return { kind: 'appended', size: offset + data.byteLength, status: toJobStatus(moved.status) };
          }
        }
        const job = await trx.selectFrom('jobs').select(['trace_size', 'status']).where('id', '=', jobId).executeTakeFirst();
        if (job === undefined) return { kind: 'job_not_found' };
        const size = job.trace_size;
        if (data.byteLength === 0 && offset === size) {
          return { kind: 'appended', size, status: toJobStatus(job.status) };
        }
        const end = offset + data.byteLength;
        if (offset >= 0 && end <= size) {
          const stored = await readRange(trx, jobId, offset, end);
          if (stored.equals(data)) return { kind: 'already_stored', size, status: toJobStatus(job.status) };
        }
        return { kind: 'range_mismatch', size };
      });
    },

    readTrace(jobId, fromOffset = 0) {
      return readRange(db, jobId, Math.max(0, fromOffset), undefined);
    },

    async traceSize(jobId) {
      const job = await db.selectFrom('jobs').select('trace_size').where('id', '=', jobId).executeTakeFirst();
      return job?.trace_size;
    },
  };
}
