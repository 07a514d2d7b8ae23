/**
 * How a job ended, read back from the last line of the trace chatrun exec
 * printed (GitLab Runner's words: `Job succeeded` or `ERROR: Job failed…`).
 * Reading it from the trace keeps the scenarios black-box: they see what a
 * user sees.
 */
import type { FailureReason } from '../../src/domain/job/failure-reason.js';

export type TraceOutcome =
  | { readonly status: 'success' }
  | { readonly status: 'failed'; readonly failureReason: FailureReason }
  | { readonly status: 'canceled' }
  | { readonly status: 'none' };

export function traceOutcome(trace: string): TraceOutcome {
  const lines = trace.split('\n').filter((line) => line.trim() !== '');
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    const line = lines[i] ?? '';
    if (line === 'Job succeeded') return { status: 'success' };
    if (line === 'ERROR: Job failed: canceled') return { status: 'canceled' };
    if (/^ERROR: Job failed: exit code \d+$/.test(line)) return { status: 'failed', failureReason: 'script_failure' };
    if (line.startsWith('ERROR: Job failed: execution took longer than')) return { status: 'failed', failureReason: 'job_execution_timeout' };
    if (line.startsWith('ERROR: Job failed (system failure)')) return { status: 'failed', failureReason: 'runner_system_failure' };
  }
  return { status: 'none' };
}
