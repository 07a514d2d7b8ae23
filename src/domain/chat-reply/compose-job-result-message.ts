/**
 * The message posted when a chat job finishes (SPEC section 6, "How it is
 * shown"). Unlike GitLab, which posts nothing for empty output and only
 * "Sorry, the build failed!" on failure, every ending gets a message that
 * says what happened; failures carry the last lines of output, where the
 * cause usually is.
 */
import type { FailureReason } from '../job/failure-reason.js';
import type { JobStatus } from '../job/job-status.js';
import type { ChatMessage, ChatUserRef } from './chat-message.js';
import { formatDuration } from './duration-text.js';
import { code, link } from './inline-markup.js';
import { lastLines } from './last-lines.js';

/** Lines of output a failure, timeout or cancel reply shows. */
export const FAILURE_OUTPUT_LINES = 20;

export type FinishedJobStatus = Extract<JobStatus, 'success' | 'failed' | 'canceled' | 'skipped'>;

export interface JobResultInput {
  readonly jobName: string;
  readonly jobId: number;
  readonly status: FinishedJobStatus;
  /** For `failed`; absent is read as `script_failure`. */
  readonly failureReason?: FailureReason;
  readonly exitCode?: number;
  /** From extractReplyText; empty when the job printed nothing or had no reply section. */
  readonly replyText: string;
  readonly logUrl: string;
  readonly mention?: ChatUserRef;
  readonly durationSeconds?: number;
  /** The limit that was hit, for `job_execution_timeout`; falls back to the duration. */
  readonly timeoutSeconds?: number;
}

export function composeJobResultMessage(input: JobResultInput): ChatMessage {
  const subject = `${code(input.jobName)} (job ${link(`#${input.jobId}`, input.logUrl)})`;
  const took = input.durationSeconds === undefined ? '' : ` in ${formatDuration(input.durationSeconds)}`;
  const base = {
    visibility: 'in_channel' as const,
    logUrl: input.logUrl,
    ...(input.mention === undefined ? {} : { mention: input.mention }),
  };

  switch (input.status) {
    case 'success':
      if (input.replyText === '') {
        return { ...base, tone: 'success', text: `${subject} succeeded${took}, no output.` };
      }
      return { ...base, tone: 'success', text: `${subject} succeeded${took}.`, output: input.replyText };
    case 'skipped':
      return { ...base, tone: 'neutral', text: `${subject} was skipped.` };
    case 'canceled':
      return withTail({ ...base, tone: 'warning' }, `${subject} was canceled${afterTime(input.durationSeconds)}.`, input.replyText);
    case 'failed':
      return withTail({ ...base, tone: 'failure' }, `${subject} ${failureClause(input)}.`, input.replyText);
  }
}

function failureClause(input: JobResultInput): string {
  switch (input.failureReason ?? 'script_failure') {
    case 'script_failure':
      return input.exitCode === undefined ? 'failed' : `failed with exit code ${input.exitCode}`;
    case 'job_execution_timeout': {
      const limit = input.timeoutSeconds ?? input.durationSeconds;
      return limit === undefined ? 'timed out' : `timed out after ${formatDuration(limit)}`;
    }
    case 'runner_system_failure':
      return 'failed: its runner had a system failure';
    case 'stuck_or_timeout_failure':
      return 'failed: no runner picked it up in time';
    case 'unknown_failure':
      return 'failed for an unknown reason';
  }
}

function afterTime(seconds: number | undefined): string {
  return seconds === undefined ? '' : ` after ${formatDuration(seconds)}`;
}

function withTail(
  base: Pick<ChatMessage, 'visibility' | 'tone' | 'logUrl' | 'mention'>,
  sentence: string,
  replyText: string,
): ChatMessage {
  const tail = lastLines(replyText, FAILURE_OUTPUT_LINES);
  if (tail.text === '') return { ...base, text: `${sentence} No output.` };
  if (!tail.truncated) return { ...base, text: sentence, output: tail.text };
  return {
    ...base,
    text: `${sentence} The last ${FAILURE_OUTPUT_LINES} of ${tail.totalLines} lines of output:`,
    output: tail.text,
    outputTruncatedFrom: tail.totalLines,
  };
}
