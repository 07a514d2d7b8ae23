import type { ParseChatCommandResult } from '../../../domain/chat-command/chat-command-request.js';
import { commandRequestFromForm } from '../command-form.js';

/**
 * Mattermost's slash-command form (Slack's fields plus trigger_id and
 * root_id) → ChatCommandRequest. Call after verifyMattermostRequest. For a
 * GET command pass the query string. Never throws.
 */
export function parseMattermostCommand(rawBody: string | Uint8Array): ParseChatCommandResult {
  return commandRequestFromForm('mattermost', rawBody);
}
