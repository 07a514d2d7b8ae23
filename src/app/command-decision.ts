/**
 * What a chat command came to, before it is answered and recorded: the
 * message for the sender (or channel), the outcome, and the facts the audit
 * log keeps. Each step of handleChatCommand returns one.
 */
import type { ChatMessage } from '../domain/chat-reply/chat-message.js';
import type { UserRecord } from '../ports/store/user-store.js';
import type { CommandOutcome } from '../domain/chat-command/command-outcome.js';

export interface CommandDecision {
  readonly message: ChatMessage;
  readonly outcome: Exclude<CommandOutcome, 'deferred'>;
  readonly pipelineId?: number;
  readonly jobId?: number;
  /** Why, for the audit log (a detail the message may not show, e.g. git's error). */
  readonly reason?: string;
  readonly projectPath?: string;
  /** The chatrun user behind the command, once known. */
  readonly user?: UserRecord;
  /** The answer is already in the reply outbox (an acceptance decided after the deadline). */
  readonly answeredViaOutbox?: boolean;
}
