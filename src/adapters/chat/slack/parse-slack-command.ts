import type { ParseChatCommandResult } from '../../../domain/chat-command/chat-command-request.js';
import { commandRequestFromForm, readCommandForm } from '../command-form.js';
import { headerValue, type RequestHeaders } from '../request-headers.js';

/**
 * Slack's slash-command form → ChatCommandRequest. Call after
 * verifySlackRequest. Never throws; a missing field is a result.
 */
export function parseSlackCommand(rawBody: string | Uint8Array, headers: RequestHeaders = {}): ParseChatCommandResult {
  if (isSlackSslCheck(rawBody)) {
    return { ok: false, reason: 'ssl_check', message: 'Slack SSL check: answer 200 with an empty body' };
  }
  const retry = headerValue(headers, 'x-slack-retry-num');
  const retryNum = retry !== undefined && /^\d+$/.test(retry.trim()) ? Number(retry.trim()) : undefined;
  return commandRequestFromForm('slack', rawBody, retryNum === undefined ? {} : { retryNum });
}

/**
 * Slack occasionally pings a public app's command URL with `ssl_check=1`
 * (and a token, no command); such a request only wants a 200.
 */
export function isSlackSslCheck(rawBody: string | Uint8Array): boolean {
  return readCommandForm(rawBody).get('ssl_check') === '1';
}
