/**
 * A command typed in the web console, as the one request shape every chat
 * platform produces. The signed-in user is the chat user (their id as the
 * chat user id), in one fixed channel, so the use case treats the console
 * exactly like a chat — same rules, same audit, same replies.
 *
 * What the console accepts: the text after the slash command, or the whole
 * line with the slash command (`/chatrun run x`: any leading `/word` is
 * dropped). A project picked in the page applies when the text names none.
 */
import { randomUUID } from 'node:crypto';
import type { ChatCommandRequest } from '../domain/chat-command/chat-command-request.js';
import { parseChatCommand } from '../domain/chat-command/parse-chat-command.js';
import type { UserRecord } from '../ports/store/user-store.js';

export const WEB_TEAM_ID = 'web';
export const WEB_CHANNEL_ID = 'console';
export const WEB_CHANNEL_NAME = 'web-console';

const LEADING_COMMAND = /^\/[^ \t\n\v\f\r]*[ \t\n\v\f\r]*/;

export function commandText(typed: string, project: string | undefined): string {
  const text = typed.replace(LEADING_COMMAND, '');
  if (project === undefined || project === '') return text;
  const command = parseChatCommand(text);
  if (command.kind === 'invalid' || command.project !== undefined) return text;
  return /^[ \t\n\v\f\r]*$/.test(text) ? `${project} help` : `${project} ${text}`;
}

export function webCommandRequest(user: UserRecord, commandName: string, text: string): ChatCommandRequest {
  return {
    platform: 'web',
    teamId: WEB_TEAM_ID,
    channelId: WEB_CHANNEL_ID,
    channelName: WEB_CHANNEL_NAME,
    chatUserId: String(user.id),
    chatUserName: user.username,
    command: commandName,
    text,
    requestKey: `web:${randomUUID()}`,
  };
}
