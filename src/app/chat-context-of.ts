/**
 * The chat context a command's pipeline keeps, and its replies are routed
 * by: where it came from (platform, team, channel, person), where answers
 * go (response_url, thread) and what was typed.
 */
import type { ChatCommandRequest } from '../domain/chat-command/chat-command-request.js';
import type { ChatContext } from '../ports/store/pipeline-record.js';

export function chatContextOf(request: ChatCommandRequest): ChatContext {
  return {
    platform: request.platform,
    teamId: request.teamId,
    channelId: request.channelId,
    channelName: request.channelName,
    chatUserId: request.chatUserId,
    chatUserName: request.chatUserName,
    responseUrl: request.responseUrl ?? null,
    thread: request.rootId ?? null,
    commandText: request.text,
  };
}
