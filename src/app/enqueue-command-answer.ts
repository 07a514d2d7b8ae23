/**
 * A command's answer that could not be the HTTP answer (it was decided
 * after the deadline) goes to the reply outbox for the delivery worker.
 *
 * Kind `notice`, dedupe key `command:<requestKey>` (so a command is
 * answered at most once however often this runs), body and target written
 * with ./reply-content.ts as every reply is (an ephemeral message is meant
 * for the sender only), and expiresAt when a Slack/Mattermost response_url
 * stops working (30 minutes after the command), null without one.
 */
import type { ChatCommandRequest } from '../domain/chat-command/chat-command-request.js';
import type { ChatMessage } from '../domain/chat-reply/chat-message.js';
import type { Store } from '../ports/store/store.js';
import { chatContextOf } from './chat-context-of.js';
import { encodeReplyContent, replyTargetFor } from './reply-content.js';

export const RESPONSE_URL_LIFETIME_MS = 30 * 60_000;

export async function enqueueCommandAnswer(
  store: Store,
  input: {
    readonly request: ChatCommandRequest;
    readonly message: ChatMessage;
    readonly receivedAt: number;
    readonly now: number;
    readonly pipelineId?: number;
    readonly jobId?: number;
  },
): Promise<void> {
  const { request } = input;
  await store.replies.enqueue(
    {
      kind: 'notice',
      platform: request.platform,
      target: replyTargetFor(chatContextOf(request)),
      body: encodeReplyContent({ message: input.message }),
      dedupeKey: `command:${request.requestKey}`,
      pipelineId: input.pipelineId ?? null,
      jobId: input.jobId ?? null,
      expiresAt: request.responseUrl === undefined ? null : input.receivedAt + RESPONSE_URL_LIFETIME_MS,
    },
    input.now,
  );
}
