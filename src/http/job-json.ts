/**
 * The JSON shapes of jobs and replies in the API. Never the job's payload:
 * it holds variable names and the script, and the API has no business
 * handing out either.
 */
import { jobUrl } from '../app/chatrun-urls.js';
import { readReplyContent } from '../app/reply-content.js';
import type { ChatMessage } from '../domain/chat-reply/chat-message.js';
import type { JobRecord, PipelineRecord } from '../ports/store/pipeline-record.js';
import type { ProjectRecord } from '../ports/store/project-store.js';
import type { ReplyRecord } from '../ports/store/reply-outbox.js';
import { messageHtml } from './message-html.js';

function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

export function jobJson(job: JobRecord, pipeline: PipelineRecord, project: ProjectRecord, externalUrl: string): Record<string, unknown> {
  return {
    id: job.id,
    name: job.name,
    stage: job.stage,
    status: job.status,
    failureReason: job.failureReason,
    exitCode: job.exitCode,
    when: job.when,
    allowFailure: job.allowFailure,
    createdAt: iso(job.createdAt),
    queuedAt: iso(job.queuedAt),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
    cancelRequested: job.cancelRequested,
    traceSize: job.traceSize,
    webUrl: jobUrl(externalUrl, project.path, job.id),
    project: { id: project.id, path: project.path },
    pipeline: {
      id: pipeline.id,
      source: pipeline.source,
      ref: pipeline.ref,
      sha: pipeline.sha,
      userId: pipeline.userId,
      chat:
        pipeline.chat === null
          ? null
          : { platform: pipeline.chat.platform, channelName: pipeline.chat.channelName, chatUserName: pipeline.chat.chatUserName },
    },
  };
}

export function replyMessage(reply: ReplyRecord): ChatMessage | undefined {
  return readReplyContent(reply.body)?.message;
}

export function replyJson(reply: ReplyRecord): Record<string, unknown> {
  const message = replyMessage(reply);
  return {
    id: reply.id,
    kind: reply.kind,
    platform: reply.platform,
    state: reply.state,
    attempts: reply.attempts,
    nextAttemptAt: reply.state === 'pending' ? iso(reply.nextAttemptAt) : null,
    deliveredAt: iso(reply.deliveredAt),
    expiresAt: iso(reply.expiresAt),
    lastError: reply.lastError,
    createdAt: iso(reply.createdAt),
    message: message ?? null,
    messageHtml: message === undefined ? null : messageHtml(message).toString(),
  };
}
