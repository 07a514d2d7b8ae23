/**
 * Job traces as append-only byte chunks, with GitLab Runner's range rule: a
 * chunk is accepted only if it starts exactly at the bytes stored so far —
 * no gap, no overlap. A runner that lost track of what was stored learns the
 * real size from `range_mismatch` and resends from there.
 *
 * Contract:
 * - Bytes are bytes: any octets (invalid UTF-8, NUL, lone CR) come back
 *   byte-exact from `readTrace`.
 * - `appendTrace` is atomic per job: concurrent appends to the same job at
 *   the same offset store one of them; the other gets `range_mismatch` (or
 *   `already_stored` if it carried the same bytes).
 * - Re-sending bytes that are already stored (a retried request whose answer
 *   was lost) answers `already_stored` and writes nothing, so retries are
 *   safe. Bytes at a stored offset that differ answer `range_mismatch`.
 * - An empty chunk at the current size is accepted and writes nothing.
 * - The store does not check the job's status or a size limit: the caller
 *   decides (the answer carries the job status for that).
 * - A rejected promise means the database failed.
 */
import type { JobStatus } from '../../domain/job/job-status.js';

export type AppendTraceResult =
  | { readonly kind: 'appended'; readonly size: number; readonly status: JobStatus }
  | { readonly kind: 'already_stored'; readonly size: number; readonly status: JobStatus }
  /** Nothing written; `size` is how many bytes are stored (resend from there). */
  | { readonly kind: 'range_mismatch'; readonly size: number }
  | { readonly kind: 'job_not_found' };

export interface TraceStore {
  appendTrace(jobId: number, offset: number, bytes: Uint8Array): Promise<AppendTraceResult>;
  /** The bytes from `fromOffset` (default 0) to the end; empty when none (or no such job). */
  readTrace(jobId: number, fromOffset?: number): Promise<Uint8Array>;
  /** Bytes stored, or undefined when there is no such job. */
  traceSize(jobId: number): Promise<number | undefined>;
}
