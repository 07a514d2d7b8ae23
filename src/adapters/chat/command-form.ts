import { createHash } from 'node:crypto';
import type { ChatCommandRequest, ChatPlatform, ParseChatCommandResult } from '../../domain/chat-command/chat-command-request.js';

/**
 * The form-encoded slash-command payload Slack defined and Mattermost copied.
 * Both parsers share the field rules here; only platform extras differ.
 */
const REQUIRED = ['team_id', 'channel_id', 'channel_name', 'user_id', 'user_name', 'command'] as const;

export function rawBodyText(rawBody: string | Uint8Array): string {
  return typeof rawBody === 'string' ? rawBody : Buffer.from(rawBody).toString('utf8');
}

export function readCommandForm(rawBody: string | Uint8Array): URLSearchParams {
  return new URLSearchParams(rawBodyText(rawBody));
}

export interface CommandFormExtras {
  readonly retryNum?: number;
}

export function commandRequestFromForm(
  platform: ChatPlatform,
  rawBody: string | Uint8Array,
  extras: CommandFormExtras = {},
): ParseChatCommandResult {
  const form = readCommandForm(rawBody);
  for (const field of REQUIRED) {
    if (!form.get(field)) {
      return { ok: false, reason: 'missing_field', field, message: `the ${platform} request has no ${field}` };
    }
  }
  const command = form.get('command') ?? '';
  if (!command.startsWith('/')) {
    return { ok: false, reason: 'bad_field', field: 'command', message: `command must start with "/", got "${command}"` };
  }
  const responseUrl = optional(form, 'response_url');
  if (responseUrl !== undefined && !isHttpUrl(responseUrl)) {
    return { ok: false, reason: 'bad_field', field: 'response_url', message: 'response_url is not an http(s) URL' };
  }
  const teamId = form.get('team_id') ?? '';
  const triggerId = optional(form, 'trigger_id');
  const request: ChatCommandRequest = {
    platform,
    teamId,
    teamDomain: optional(form, 'team_domain'),
    channelId: form.get('channel_id') ?? '',
    channelName: form.get('channel_name') ?? '',
    chatUserId: form.get('user_id') ?? '',
    chatUserName: form.get('user_name') ?? '',
    command,
    text: form.get('text') ?? '',
    responseUrl,
    triggerId,
    rootId: optional(form, 'root_id'),
    retryNum: extras.retryNum,
    requestKey:
      triggerId !== undefined
        ? `${platform}:${teamId}:trigger:${triggerId}`
        : `${platform}:sha256:${createHash('sha256').update(rawBodyText(rawBody), 'utf8').digest('hex')}`,
  };
  return { ok: true, request: dropUndefined(request) };
}

function optional(form: URLSearchParams, name: string): string | undefined {
  const value = form.get(name);
  return value === null || value === '' ? undefined : value;
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

// Keeps the request comparable with deepEqual and its JSON free of nulls.
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
