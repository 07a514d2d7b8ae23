/**
 * The reply a finished job owes its chat: the text chosen from the stored
 * trace (SPEC 6), shaped by composeJobResultMessage, masked once more, and
 * written to the outbox under the dedupe key `result:<jobId>` — so however
 * often this runs for a job (a repeated finish, the reaper, recovery after
 * a restart) the chat gets one result.
 *
 * Pipelines without a chat context (API, CLI) owe nothing. Web-console
 * pipelines get their reply stored like any other; the delivery worker
 * marks it delivered without any HTTP.
 */
import { composeJobResultMessage, type FinishedJobStatus } from '../domain/chat-reply/compose-job-result-message.js';
import { extractReplyText } from '../domain/chat-reply/extract-reply-text.js';
import type { ChatMessage } from '../domain/chat-reply/chat-message.js';
import type { JobRecord, PipelineRecord } from '../ports/store/pipeline-record.js';
import { jobUrl } from './chatrun-urls.js';
import type { JobDependencies } from './job-dependencies.js';
import { maskedValuesOf, readJobPayload } from './job-payload.js';
import { maskSecrets } from './mask-secrets.js';
import { encodeReplyContent, replyTargetFor } from './reply-content.js';

/** How long a Slack/Mattermost response_url accepts posts after the command. */
export const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;

/**
 * Output longer than this is kept whole beside the message (for a file
 * attachment): no platform shows that much in a code block (Slack ~2,900).
 */
export const FULL_OUTPUT_THRESHOLD = 2500;

export type ResultReplyOutcome =
  | { readonly kind: 'enqueued' | 'duplicate'; readonly replyId: number }
  | { readonly kind: 'no_chat' }
  | { readonly kind: 'not_finished' };

export function resultDedupeKey(jobId: number): string {
  return `result:${jobId}`;
}

export async function enqueueResultReply(deps: JobDependencies, job: JobRecord): Promise<ResultReplyOutcome> {
  const status = finishedStatus(job);
  if (status === undefined) return { kind: 'not_finished' };
  const { store } = deps;
  const pipeline = await store.pipelines.getPipeline(job.pipelineId);
  if (pipeline?.chat == null) return { kind: 'no_chat' };
  const project = await store.projects.getById(job.projectId);
  const projectPath = project?.path ?? '';
  const projectVariables = project === undefined ? {} : deps.settings.projectVariables(project.path);
  const payload = readJobPayload(job.payload);
  const secrets = maskedValuesOf(payload.ok ? payload.payload : { variables: [] }, projectVariables);

  const trace = await store.traces.readTrace(job.id);
  const extracted = extractReplyText(trace);
  const replyText = extracted.ok ? extracted.text : '';
  const durationSeconds = durationOf(job);
  const message = composeJobResultMessage({
    jobName: job.name,
    jobId: job.id,
    status,
    ...(job.failureReason === null ? {} : { failureReason: job.failureReason }),
    ...(job.exitCode === null ? {} : { exitCode: job.exitCode }),
    replyText,
    logUrl: jobUrl(deps.settings.externalUrl, projectPath, job.id),
    ...mentionOf(pipeline),
    ...(durationSeconds === undefined ? {} : { durationSeconds }),
    timeoutSeconds: job.timeoutSeconds,
  });
  const partial = message.outputTruncatedFrom !== undefined || replyText.length > FULL_OUTPUT_THRESHOLD;
  const content = {
    message: maskMessage(message, secrets),
    ...(partial ? { fullOutput: maskSecrets(replyText, secrets) } : {}),
  };
  const chat = pipeline.chat;
  const result = await store.replies.enqueue(
    {
      jobId: job.id,
      pipelineId: pipeline.id,
      kind: 'result',
      platform: chat.platform,
      target: replyTargetFor(chat),
      body: encodeReplyContent(content),
      dedupeKey: resultDedupeKey(job.id),
      expiresAt: chat.responseUrl === null ? null : pipeline.createdAt + RESPONSE_URL_LIFETIME_MS,
    },
    deps.clock.now(),
  );
  if (result.kind === 'enqueued') deps.notifyReplies?.();
  return { kind: result.kind, replyId: result.reply.id };
}

export function durationOf(job: Pick<JobRecord, 'startedAt' | 'finishedAt'>): number | undefined {
  if (job.startedAt === null || job.finishedAt === null) return undefined;
  return Math.max(0, (job.finishedAt - job.startedAt) / 1000);
}

function finishedStatus(job: JobRecord): FinishedJobStatus | undefined {
  switch (job.status) {
    case 'success':
    case 'failed':
    case 'canceled':
    case 'skipped':
      return job.status;
    default:
      return undefined;
  }
}

function mentionOf(pipeline: PipelineRecord): { mention?: { chatUserId: string; chatUserName: string } } {
  const chat = pipeline.chat;
  if (chat?.chatUserId == null || chat.chatUserName == null) return {};
  return { mention: { chatUserId: chat.chatUserId, chatUserName: chat.chatUserName } };
}

function maskMessage(message: ChatMessage, secrets: readonly string[]): ChatMessage {
  if (secrets.length === 0) return message;
  return {
    ...message,
    text: maskSecrets(message.text, secrets),
    ...(message.output === undefined ? {} : { output: maskSecrets(message.output, secrets) }),
  };
}
