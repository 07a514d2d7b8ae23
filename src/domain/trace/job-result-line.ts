/**
 * The last line of a trace, outside any section, in GitLab Runner's words:
 * `Job succeeded` in bold green, or one `ERROR: Job failed…` line in bold red.
 */
import { goDuration } from './go-duration.js';
import { errorLine, noticeLine } from './trace-format.js';

export type JobResult =
  | { kind: 'success' }
  | { kind: 'script_failure'; exitCode: number }
  | { kind: 'timeout'; timeoutSeconds: number }
  | { kind: 'canceled' }
  | { kind: 'system_failure'; error: string };

export function jobResultLine(result: JobResult): string {
  switch (result.kind) {
    case 'success':
      return noticeLine('Job succeeded');
    case 'script_failure':
      return errorLine(`Job failed: exit code ${result.exitCode}`);
    case 'timeout':
      return errorLine(`Job failed: execution took longer than ${goDuration(result.timeoutSeconds)} seconds`);
    case 'canceled':
      return errorLine('Job failed: canceled');
    case 'system_failure':
      return errorLine(`Job failed (system failure): ${result.error}`);
  }
}
