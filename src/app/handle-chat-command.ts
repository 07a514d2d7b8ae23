/**
 * One slash command, from any platform, after the HTTP layer verified it
 * (bad signatures never get here and are not audited). SPEC section 2:
 *
 *   redelivery? → rate → who (link if unlinked) → parse → queue full? → project → role
 *   → config at the default branch's head → job selection → pipeline
 *
 * Every command ends in exactly one CommandDecision, which is appended to
 * the audit log and reported to `onOutcome` once, and answered once:
 * - directly (the returned answer), when decided within `deadlineMs`;
 * - otherwise the returned answer is an ephemeral "working on it" (outcome
 *   `deferred`, with `background` settling when the work is done), and the
 *   decision's answer goes to the reply outbox (./enqueue-command-answer.ts).
 *
 * The rate limit is checked before identity so that an unlinked account
 * cannot have link tokens minted at will.
 *
 * Errors: expected outcomes are answers. A rejected promise means the
 * database failed before the deadline; after it, such a failure goes to
 * `onBackgroundError` and the sender hears nothing more.
 */
import type { ChatCommandRequest } from '../domain/chat-command/chat-command-request.js';
import { parseChatCommand } from '../domain/chat-command/parse-chat-command.js';
import type { ChatMessage } from '../domain/chat-reply/chat-message.js';
import { composeInvalidCommandMessage, composeNotLinkedMessage, composeRateLimitedMessage } from '../domain/chat-reply/compose-refusal-messages.js';
import { refuseWhenBusy } from './admission-control.js';
import { AnswerDeadline } from './answer-deadline.js';
import { answerChatHelp } from './answer-chat-help.js';
import { answerChatPlay } from './answer-chat-play.js';
import type { ChatCommandDeps } from './chat-command-deps.js';
import { checkChatRate } from './check-chat-rate.js';
import type { CommandDecision } from './command-decision.js';
import type { CommandOutcome } from '../domain/chat-command/command-outcome.js';
import { composeDeferredNotice, composeDuplicateNotice, composeUnknownWebUserMessage } from './compose-command-notices.js';
import { enqueueCommandAnswer } from './enqueue-command-answer.js';
import { identifyChatUser } from './identify-chat-user.js';
import { runChatJob } from './run-chat-job.js';

export type { ChatCommandDeps } from './chat-command-deps.js';
export type { CommandOutcome } from '../domain/chat-command/command-outcome.js';

export interface ChatCommandAnswer {
  readonly message: ChatMessage;
  readonly outcome: CommandOutcome;
  readonly pipelineId?: number;
  readonly jobId?: number;
  readonly duplicate?: boolean;
  /** Only with outcome `deferred`: settles once the real answer is in the outbox (never rejects). */
  readonly background?: Promise<void>;
}

export const DEFAULT_COMMAND_DEADLINE_MS = 2500;

export async function handleChatCommand(deps: ChatCommandDeps, request: ChatCommandRequest): Promise<ChatCommandAnswer> {
  const receivedAt = deps.clock.now();
  const deadline = new AnswerDeadline(deps.deadlineMs ?? DEFAULT_COMMAND_DEADLINE_MS);
  const claimDirect = (): boolean => deadline.claimDirect();
  const settled = decideChatCommand(deps, request, receivedAt, claimDirect).then(async (decision) => {
    await recordDecision(deps, request, decision, receivedAt);
    return deliverDecision(deps, request, decision, receivedAt, deadline);
  });

  let first: ChatCommandAnswer | undefined | 'deferred';
  try {
    first = await Promise.race([settled, deadline.expired.then(() => 'deferred' as const)]);
  } catch (error) {
    deadline.stop();
    throw error;
  }
  if (first !== 'deferred' && first !== undefined) return first;
  const background = settled.then(
    () => undefined,
    (error: unknown) => deps.onBackgroundError?.(error),
  );
  return { message: composeDeferredNotice(), outcome: 'deferred', background };
}

async function decideChatCommand(
  deps: ChatCommandDeps,
  request: ChatCommandRequest,
  receivedAt: number,
  claimDirect: () => boolean,
): Promise<CommandDecision> {
  const { store, settings } = deps;
  const receipt = await store.commandReceipts.recordOnce(request.platform, request.requestKey, receivedAt);
  if (receipt === 'duplicate') {
    return { message: composeDuplicateNotice(), outcome: 'duplicate', reason: `redelivery of ${request.requestKey}` };
  }
  const rate = await checkChatRate(store.audit, {
    account: { platform: request.platform, teamId: request.teamId, chatUserId: request.chatUserId },
    limitPerMinute: settings.rateLimitPerMinute,
    now: receivedAt,
  });
  if (!rate.allowed) {
    return {
      message: composeRateLimitedMessage({ retryAfterSeconds: rate.retryAfterSeconds, limitPerMinute: settings.rateLimitPerMinute }),
      outcome: 'rate_limited',
      reason: `more than ${settings.rateLimitPerMinute} a minute; retry after ${rate.retryAfterSeconds} s`,
    };
  }
  const identity = await identifyChatUser(deps, request, receivedAt);
  if (identity.kind === 'not_linked') {
    return {
      message: composeNotLinkedMessage({ linkUrl: identity.linkUrl, validMinutes: identity.validMinutes }),
      outcome: 'refused_unlinked',
      reason: 'link token issued',
    };
  }
  if (identity.kind === 'unknown_web_user') {
    return { message: composeUnknownWebUserMessage(), outcome: 'refused_unlinked', reason: `no user ${request.chatUserId}` };
  }
  const { user } = identity;
  const command = parseChatCommand(request.text);
  const busy = await refuseWhenBusy(deps.admission, command, user);
  if (busy !== undefined) return busy;
  switch (command.kind) {
    case 'help':
      return answerChatHelp(deps, { request, user, projectWord: command.project });
    case 'invalid':
      return {
        message: composeInvalidCommandMessage({ text: command.text, help: { commandName: settings.commandNames[request.platform], jobs: [] } }),
        outcome: 'invalid_command',
        user,
      };
    case 'play':
      return answerChatPlay(deps, { request, user, command });
    case 'run':
      return runChatJob(deps, { request, user, command, receivedAt, claimDirect });
  }
}

/** The answer to return now, or undefined when the decision went to the outbox (the sender was told to wait). */
async function deliverDecision(
  deps: ChatCommandDeps,
  request: ChatCommandRequest,
  decision: CommandDecision,
  receivedAt: number,
  deadline: AnswerDeadline,
): Promise<ChatCommandAnswer | undefined> {
  if (decision.answeredViaOutbox === true) return undefined;
  if (deadline.claimDirect()) return answerOf(decision);
  await enqueueCommandAnswer(deps.store, {
    request,
    message: decision.message,
    receivedAt,
    now: deps.clock.now(),
    ...(decision.pipelineId === undefined ? {} : { pipelineId: decision.pipelineId }),
    ...(decision.jobId === undefined ? {} : { jobId: decision.jobId }),
  });
  return undefined;
}

async function recordDecision(deps: ChatCommandDeps, request: ChatCommandRequest, decision: CommandDecision, receivedAt: number): Promise<void> {
  await deps.store.audit.append({
    at: receivedAt,
    userId: decision.user?.id ?? null,
    username: decision.user?.username ?? null,
    platform: request.platform,
    teamId: request.teamId,
    channelId: request.channelId,
    channelName: request.channelName,
    chatUserId: request.chatUserId,
    text: request.text,
    decision: decision.outcome,
    reason: decision.reason ?? null,
    projectPath: decision.projectPath ?? null,
    pipelineId: decision.pipelineId ?? null,
    jobId: decision.jobId ?? null,
  });
  deps.onOutcome?.(decision.outcome, request.platform);
}

function answerOf(decision: CommandDecision): ChatCommandAnswer {
  return {
    message: decision.message,
    outcome: decision.outcome,
    ...(decision.pipelineId === undefined ? {} : { pipelineId: decision.pipelineId }),
    ...(decision.jobId === undefined ? {} : { jobId: decision.jobId }),
    ...(decision.outcome === 'duplicate' ? { duplicate: true } : {}),
  };
}
