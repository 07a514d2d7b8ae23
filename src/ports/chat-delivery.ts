import type { ChatMessage } from '../domain/chat-reply/chat-message.js';
import type { ReplyRecord } from './store/reply-outbox.js';

/**
 * Posts one stored reply to its chat platform. The delivery worker
 * (src/app/deliver-replies.ts) owns the policy — when to try, how often,
 * whether the command's response_url may still be used (at most 5 posts
 * per command, within 30 minutes of it) — and tells each attempt what it
 * may do. The implementation owns the routes: the response_url when
 * allowed, else (or when the response_url refuses) the platform's API with
 * a bot token (Slack `chat.postMessage`, Mattermost `POST /api/v4/posts`).
 *
 * Call order: one `deliver` per claimed reply and attempt; the worker
 * records the outcome and only then runs `followUp` (if any).
 *
 * Concurrency: calls for different replies may overlap; the worker never
 * runs two attempts for the same reply at once.
 *
 * Idempotency: none towards the platform. A post whose answer was lost can
 * be repeated by the next attempt, so delivery is at-least-once towards
 * the platform and exactly-once in chatrun's record (the outbox marks it
 * delivered once).
 *
 * Errors: every expected outcome is a value; `deliver` never rejects for a
 * network or platform error.
 */
export type DeliveryRoute = 'response_url' | 'platform_api';

/** Where a chat reply goes, decoded from the outbox's target. */
export interface ReplyDestination {
  readonly responseUrl: string | null;
  readonly teamId: string | null;
  readonly channelId: string | null;
  readonly channelName: string | null;
  /** Thread to answer in (Slack `thread_ts`, Mattermost `root_id`). */
  readonly thread: string | null;
}

/** What a reply says, decoded from the outbox's body. */
export interface ReplyContent {
  readonly message: ChatMessage;
  /**
   * The whole output, when the message can show only part of it (long
   * success output, or the tail of a failure): attached as a file where a
   * bot token allows.
   */
  readonly fullOutput?: string;
}

export interface DeliveryRequest {
  readonly reply: ReplyRecord;
  readonly destination: ReplyDestination;
  readonly content: ReplyContent;
  /** False once the command's response_url is used up (5 posts) or past its 30 minutes. */
  readonly responseUrlAllowed: boolean;
}

export type ChatDeliveryOutcome =
  | {
      readonly kind: 'delivered';
      readonly route: DeliveryRoute;
      readonly messageId?: string;
      /**
       * Best-effort extra work once the reply is recorded as delivered (the
       * full output as a file). Its failure changes nothing about the reply.
       */
      readonly followUp?: () => Promise<void>;
    }
  /** Try again later (network error, 5xx, 429), not before `afterMs` when the platform said so. */
  | { readonly kind: 'retry'; readonly route: DeliveryRoute; readonly afterMs?: number; readonly error: string }
  /** No route is left: the response_url may not be used and there is no bot token (or no channel). */
  | { readonly kind: 'no_route'; readonly reason: string }
  /** The platform refused for good (bad token, unknown channel, invalid message). */
  | { readonly kind: 'failed'; readonly route: DeliveryRoute; readonly error: string };

export interface ChatDelivery {
  deliver(request: DeliveryRequest): Promise<ChatDeliveryOutcome>;
}
