/**
 * How replies are written into the outbox and read back: the body is
 * `{ message: ChatMessage, fullOutput? }`, the target is the chat context's
 * routing fields. Every use case that enqueues a reply (acks on the command
 * side, results here) writes them with these functions, and the delivery
 * worker reads them with the same, so the two sides cannot drift apart.
 *
 * Reading is tolerant: a body that is a bare ChatMessage is accepted too,
 * and snake_case target keys are read as well.
 */
import { z } from 'zod';
import type { ChatMessage } from '../domain/chat-reply/chat-message.js';
import type { ReplyContent, ReplyDestination } from '../ports/chat-delivery.js';
import type { JsonObject, JsonValue } from '../ports/store/json-value.js';
import type { ChatContext } from '../ports/store/pipeline-record.js';

const messageSchema = z.object({
  visibility: z.enum(['ephemeral', 'in_channel']),
  tone: z.enum(['neutral', 'success', 'failure', 'warning']),
  mention: z.object({ chatUserId: z.string(), chatUserName: z.string() }).optional(),
  text: z.string(),
  output: z.string().optional(),
  outputTruncatedFrom: z.number().int().nonnegative().optional(),
  logUrl: z.string().optional(),
});

const contentSchema = z.object({ message: messageSchema, fullOutput: z.string().optional() });

export function encodeReplyContent(content: ReplyContent): JsonObject {
  const m = content.message;
  const message: JsonObject = {
    visibility: m.visibility,
    tone: m.tone,
    text: m.text,
    ...(m.mention === undefined ? {} : { mention: { chatUserId: m.mention.chatUserId, chatUserName: m.mention.chatUserName } }),
    ...(m.output === undefined ? {} : { output: m.output }),
    ...(m.outputTruncatedFrom === undefined ? {} : { outputTruncatedFrom: m.outputTruncatedFrom }),
    ...(m.logUrl === undefined ? {} : { logUrl: m.logUrl }),
  };
  return content.fullOutput === undefined ? { message } : { message, fullOutput: content.fullOutput };
}

export function readReplyContent(body: JsonValue): ReplyContent | undefined {
  const wrapped = contentSchema.safeParse(body);
  if (wrapped.success) {
    const message = withoutUndefined(wrapped.data.message);
    return wrapped.data.fullOutput === undefined ? { message } : { message, fullOutput: wrapped.data.fullOutput };
  }
  const bare = messageSchema.safeParse(body);
  return bare.success ? { message: withoutUndefined(bare.data) } : undefined;
}

/** The outbox target for a chat context: where the reply goes and which thread. */
export function replyTargetFor(chat: ChatContext): JsonObject {
  return {
    responseUrl: chat.responseUrl,
    teamId: chat.teamId,
    channelId: chat.channelId,
    channelName: chat.channelName,
    thread: chat.thread,
  };
}

export function readReplyDestination(target: JsonObject): ReplyDestination {
  const text = (...keys: string[]): string | null => {
    for (const key of keys) {
      const value = target[key];
      if (typeof value === 'string' && value !== '') return value;
    }
    return null;
  };
  return {
    responseUrl: text('responseUrl', 'response_url'),
    teamId: text('teamId', 'team_id'),
    channelId: text('channelId', 'channel_id'),
    channelName: text('channelName', 'channel_name'),
    thread: text('thread', 'threadTs', 'thread_ts', 'rootId', 'root_id'),
  };
}

// zod marks absent optional keys as `undefined`-able; ChatMessage wants them absent.
function withoutUndefined(parsed: z.infer<typeof messageSchema>): ChatMessage {
  return {
    visibility: parsed.visibility,
    tone: parsed.tone,
    text: parsed.text,
    ...(parsed.mention === undefined ? {} : { mention: parsed.mention }),
    ...(parsed.output === undefined ? {} : { output: parsed.output }),
    ...(parsed.outputTruncatedFrom === undefined ? {} : { outputTruncatedFrom: parsed.outputTruncatedFrom }),
    ...(parsed.logUrl === undefined ? {} : { logUrl: parsed.logUrl }),
  };
}
