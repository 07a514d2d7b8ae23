/**
 * A real HTTP server on 127.0.0.1 that plays Mattermost for tests: command
 * response URLs (`/hooks/commands/<id>`, 5 posts within 30 minutes on an
 * injectable clock, answered as Mattermost does once expired — 404 — or used
 * up — 400), `POST /api/v4/posts` and `POST /api/v4/files` behind a bot's
 * bearer token, the 16,383-character message limit, programmable faults and
 * a record of every request. Plus the client side: sending token-authenticated
 * slash commands to chatrun.
 */
import { randomBytes } from 'node:crypto';
import { jsonObject, startRecordingServer, type FakeReply, type RecordedRequest, type RecordingServer } from './recording-server.js';
import { readSent, type SentCommand } from './sent-command.js';
import type { SlashCommandFields } from './slash-command-fields.js';

export interface FakeMattermostOptions {
  /** The bot access token the API accepts (default `mm-bot-token`). */
  readonly botToken?: string;
  readonly now?: () => number;
  /** When given, posting to any other channel answers 403, as for a channel the bot is not in. */
  readonly channels?: readonly string[];
}

export interface FakeMattermostPost {
  readonly via: 'response_url' | 'api';
  readonly id: string;
  readonly channelId?: string;
  readonly rootId?: string;
  readonly message: string;
  readonly attachments?: readonly unknown[];
  readonly fileIds?: readonly string[];
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface FakeMattermost extends RecordingServer {
  readonly botToken: string;
  /** Everything Mattermost accepted and would show, in order. */
  readonly posts: readonly FakeMattermostPost[];
  readonly files: ReadonlyMap<string, { readonly filename: string; readonly content: string; readonly channelId: string }>;
  /** A fresh command response URL, valid 30 minutes (fake clock) for 5 posts. */
  createResponseUrl(): string;
}

const LIFETIME_MS = 30 * 60 * 1000;
const USES = 5;
const MESSAGE_LIMIT = 16_383;

export async function startFakeMattermost(options: FakeMattermostOptions = {}): Promise<FakeMattermost> {
  const now = options.now ?? Date.now;
  const botToken = options.botToken ?? 'mm-bot-token';
  const hooks = new Map<string, { createdAtMs: number; uses: number }>();
  const posts: FakeMattermostPost[] = [];
  const files = new Map<string, { filename: string; content: string; channelId: string }>();
  const newId = (): string => randomBytes(13).toString('hex').slice(0, 26);

  const responseUrl = (request: RecordedRequest, id: string): FakeReply => {
    const hook = hooks.get(id);
    if (!hook || now() - hook.createdAtMs > LIFETIME_MS) {
      return appError(404, 'app.command_webhook.get.missing', 'Unable to get the webhook.');
    }
    const payload = jsonObject(request.body);
    if (!payload) return appError(400, 'app.command_webhook.handle_command_webhook.parse', 'Unable to parse incoming data.');
    if (hook.uses >= USES) {
      return appError(400, 'app.command_webhook.try_use.invalid', 'Invalid webhook.');
    }
    const message = typeof payload.text === 'string' ? payload.text : '';
    const attachments = Array.isArray(payload.attachments) ? (payload.attachments as unknown[]) : undefined;
    if (tooLong(message, attachments)) return tooLongError();
    hook.uses += 1;
    posts.push({ via: 'response_url', id: newId(), message, ...(attachments ? { attachments } : {}), payload });
    return { status: 200, body: { status: 'OK' } };
  };

  const authorised = (request: RecordedRequest): boolean => request.headers.authorization === `Bearer ${botToken}`;

  const createPost = (request: RecordedRequest): FakeReply => {
    if (!authorised(request)) return sessionExpired();
    const payload = jsonObject(request.body);
    if (!payload) return appError(400, 'api.context.invalid_body_param.app_error', 'Invalid or missing post in request body.');
    const channelId = typeof payload.channel_id === 'string' ? payload.channel_id : '';
    if (!channelId) return appError(400, 'api.context.invalid_body_param.app_error', 'Invalid or missing channel_id.');
    if (options.channels && !options.channels.includes(channelId)) {
      return appError(403, 'api.context.permissions.app_error', 'You do not have the appropriate permissions.');
    }
    const message = typeof payload.message === 'string' ? payload.message : '';
    const props = typeof payload.props === 'object' && payload.props !== null ? (payload.props as Record<string, unknown>) : {};
    const attachments = Array.isArray(props.attachments) ? (props.attachments as unknown[]) : undefined;
    const fileIds = Array.isArray(payload.file_ids) ? payload.file_ids.filter((f): f is string => typeof f === 'string') : [];
    if (fileIds.some((f) => !files.has(f))) return appError(400, 'api.post.create_post.file_ids.app_error', 'Invalid file ids.');
    if (message === '' && !attachments && fileIds.length === 0) {
      return appError(400, 'model.post.is_valid.message.app_error', 'Invalid message.');
    }
    if (tooLong(message, attachments)) return tooLongError();
    const rootId = typeof payload.root_id === 'string' && payload.root_id !== '' ? payload.root_id : undefined;
    const post: FakeMattermostPost = {
      via: 'api',
      id: newId(),
      channelId,
      message,
      payload,
      ...(rootId ? { rootId } : {}),
      ...(attachments ? { attachments } : {}),
      ...(fileIds.length > 0 ? { fileIds } : {}),
    };
    posts.push(post);
    return {
      status: 201,
      body: { id: post.id, create_at: now(), channel_id: channelId, root_id: rootId ?? '', message, props, file_ids: fileIds },
    };
  };

  const uploadFile = async (request: RecordedRequest): Promise<FakeReply> => {
    if (!authorised(request)) return sessionExpired();
    let form: FormData;
    try {
      form = await new Request('http://fake/', {
        method: 'POST',
        headers: { 'content-type': request.headers['content-type'] ?? '' },
        body: request.body,
      }).formData();
    } catch {
      return appError(400, 'api.file.upload_file.read_request.app_error', 'Unable to read the multipart form.');
    }
    const channelId = form.get('channel_id');
    const file = form.get('files');
    if (typeof channelId !== 'string' || !channelId || !(file instanceof Blob)) {
      return appError(400, 'api.file.upload_file.incorrect_number_of_files.app_error', 'Expected channel_id and files.');
    }
    const id = newId();
    const filename = file instanceof File ? file.name : 'file';
    files.set(id, { filename, content: await file.text(), channelId });
    return { status: 201, body: { file_infos: [{ id, name: filename, size: file.size }], client_ids: [] } };
  };

  const server = await startRecordingServer({
    now,
    rateLimitBody: { id: 'api.context.rate_limit.app_error', message: 'Too many requests.', status_code: 429 },
    handle: (request) => {
      const path = request.path.split('?')[0] ?? '';
      if (request.method !== 'POST') return appError(405, 'api.context.method_not_allowed', 'Method not allowed.');
      if (path.startsWith('/hooks/commands/')) return responseUrl(request, path.slice('/hooks/commands/'.length));
      if (path === '/api/v4/posts') return createPost(request);
      if (path === '/api/v4/files') return uploadFile(request);
      return appError(404, 'api.context.404.app_error', 'Sorry, we could not find the page.');
    },
  });
  return Object.assign(server, {
    botToken,
    posts,
    files,
    createResponseUrl() {
      const id = newId();
      hooks.set(id, { createdAtMs: now(), uses: 0 });
      return `${server.url}/hooks/commands/${id}`;
    },
  });
}

function appError(status: number, id: string, message: string): FakeReply {
  return { status, body: { id, message, detailed_error: '', request_id: randomBytes(8).toString('hex'), status_code: status } };
}

function sessionExpired(): FakeReply {
  return appError(401, 'api.context.session_expired.app_error', 'Invalid or expired session, please login again.');
}

function tooLongError(): FakeReply {
  return appError(400, 'model.post.is_valid.message_length.app_error', `Message must be ${MESSAGE_LIMIT} characters or fewer.`);
}

// Counts the message and the attachments' text together, as chatrun's renderer promises to stay under.
function tooLong(message: string, attachments: readonly unknown[] | undefined): boolean {
  let total = Array.from(message).length;
  for (const attachment of attachments ?? []) {
    if (typeof attachment !== 'object' || attachment === null) continue;
    const { text } = attachment as { text?: unknown };
    if (typeof text === 'string') total += Array.from(text).length;
  }
  return total > MESSAGE_LIMIT;
}

// ------------------------------------------------------------ client side

export interface MattermostCommandFields extends SlashCommandFields {
  readonly root_id: string;
}

/** A slash-command form body as Mattermost sends it; unset fields get plausible defaults. */
export function mattermostCommandBody(fields: Partial<MattermostCommandFields> = {}): string {
  const defaults: MattermostCommandFields = {
    token: 'mm-command-token',
    team_id: 'team1',
    team_domain: 'example',
    channel_id: 'chan1',
    channel_name: 'ops',
    user_id: 'abc123',
    user_name: 'alice',
    command: '/chatrun',
    text: 'help',
    response_url: 'http://127.0.0.1:8065/hooks/commands/unused',
    trigger_id: randomBytes(16).toString('hex'),
    root_id: '',
  };
  return new URLSearchParams({ ...defaults, ...fields }).toString();
}

/**
 * POSTs a slash command to chatrun (e.g. `${base}/chat/mattermost`) the way
 * Mattermost does: `Authorization: Token <t>` and the form's token field.
 * `via: 'field'` drops the header (as when an OAuth connection replaces it).
 */
export async function sendMattermostCommand(
  url: string,
  options: { readonly body: string; readonly token?: string; readonly via?: 'header' | 'field' | 'both' },
): Promise<SentCommand> {
  const token = options.token ?? new URLSearchParams(options.body).get('token') ?? '';
  const via = options.via ?? 'both';
  const form = new URLSearchParams(options.body);
  if (via === 'header') form.delete('token');
  else form.set('token', token);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
      'user-agent': 'Mattermost-Bot/1.1',
      ...(via === 'field' ? {} : { authorization: `Token ${token}` }),
    },
    body: form.toString(),
    signal: AbortSignal.timeout(5000),
  });
  return readSent(response);
}
