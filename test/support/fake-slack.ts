/**
 * A real HTTP server on 127.0.0.1 that plays Slack for tests: response_url
 * endpoints with Slack's 5-posts-in-30-minutes rule (on an injectable
 * clock), the Web API methods chatrun calls (chat.postMessage and the
 * external file upload), programmable faults, and a record of every request
 * (the last two from recording-server.ts, shared with fake-mattermost.ts).
 * Plus the client side: signing and sending slash commands to chatrun.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { jsonObject, requestFields, startRecordingServer, type FakeReply, type RecordedRequest, type RecordingServer } from './recording-server.js';
import { readSent, type SentCommand } from './sent-command.js';
import type { SlashCommandFields } from './slash-command-fields.js';

export interface FakeSlackOptions {
  /** The bot token chat.postMessage accepts (default `xoxb-test-token`). */
  readonly botToken?: string;
  readonly now?: () => number;
  /** When given, posting to any other channel answers channel_not_found. */
  readonly channels?: readonly string[];
}

export interface FakeSlackMessage {
  readonly via: 'response_url' | 'chat.postMessage' | 'files.completeUploadExternal';
  readonly channel?: string;
  readonly threadTs?: string;
  readonly ts?: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface FakeSlack extends RecordingServer {
  /** Base of the Web API, for config chat.slack.api_url. */
  readonly apiUrl: string;
  readonly botToken: string;
  /** Everything Slack accepted and would show, in order. */
  readonly messages: readonly FakeSlackMessage[];
  /** Uploaded files by id, with their content. */
  readonly files: ReadonlyMap<string, { readonly filename: string; readonly content: string }>;
  /** A fresh response_url, valid 30 minutes (fake clock) for 5 posts. */
  createResponseUrl(): string;
  /** The next `count` Web API calls answer HTTP 200 `{ok:false, error}`. */
  apiErrorNext(count: number, error: string): void;
}

const RESPONSE_URL_LIFETIME_MS = 30 * 60 * 1000;
const RESPONSE_URL_USES = 5;

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const now = options.now ?? Date.now;
  const botToken = options.botToken ?? 'xoxb-test-token';
  const hooks = new Map<string, { createdAtMs: number; uses: number }>();
  const messages: FakeSlackMessage[] = [];
  const files = new Map<string, { filename: string; content: string; expected: number }>();
  let counter = 0;
  let base = '';
  const ts = (): string => `${Math.floor(now() / 1000)}.${String(++counter).padStart(6, '0')}`;
  const apiError = (error: string): FakeReply => ({ status: 200, body: { ok: false, error } });

  const responseUrl = (request: RecordedRequest): FakeReply => {
    const hook = hooks.get(request.path);
    if (!hook) return { status: 404, body: { ok: false, error: 'invalid_url' } };
    if (now() - hook.createdAtMs > RESPONSE_URL_LIFETIME_MS) return { status: 404, body: { ok: false, error: 'expired_url' } };
    if (hook.uses >= RESPONSE_URL_USES) return { status: 404, body: { ok: false, error: 'used_url' } };
    const payload = jsonObject(request.body);
    if (!payload) return { status: 400, body: { ok: false, error: 'invalid_payload' } };
    const problem = messageProblem(payload);
    if (problem) return { status: 400, body: { ok: false, error: problem } };
    hook.uses += 1;
    messages.push({ via: 'response_url', payload });
    return { status: 200, body: { ok: true } };
  };

  const api = (request: RecordedRequest, method: string): FakeReply => {
    const auth = request.headers.authorization;
    if (!auth) return apiError('not_authed');
    if (auth !== `Bearer ${botToken}`) return apiError('invalid_auth');
    const fields = requestFields(request);
    switch (method) {
      case 'chat.postMessage': {
        const channel = typeof fields.channel === 'string' ? fields.channel : '';
        if (!channel || (options.channels && !options.channels.includes(channel))) return apiError('channel_not_found');
        const problem = messageProblem(fields);
        if (problem) return apiError(problem);
        const threadTs = typeof fields.thread_ts === 'string' ? fields.thread_ts : undefined;
        const message: FakeSlackMessage = { via: 'chat.postMessage', channel, ts: ts(), payload: fields };
        messages.push(threadTs ? { ...message, threadTs } : message);
        return { status: 200, body: { ok: true, channel, ts: message.ts, message: { text: fields.text } } };
      }
      case 'files.getUploadURLExternal': {
        const filename = typeof fields.filename === 'string' ? fields.filename : '';
        const length = Number(fields.length);
        if (!filename || !Number.isInteger(length) || length < 1) return apiError('invalid_arguments');
        const id = `F${String(++counter).padStart(8, '0')}`;
        files.set(id, { filename, content: '', expected: length });
        return { status: 200, body: { ok: true, upload_url: `${base}/upload/${id}`, file_id: id } };
      }
      case 'files.completeUploadExternal': {
        let list: unknown;
        try {
          list = typeof fields.files === 'string' ? JSON.parse(fields.files) : fields.files;
        } catch {
          return apiError('invalid_arguments');
        }
        const entries = Array.isArray(list) ? (list as { id?: unknown; title?: unknown }[]) : [];
        const ids = entries.map((e) => (typeof e.id === 'string' ? e.id : ''));
        if (ids.length === 0 || ids.some((id) => !files.get(id)?.content)) return apiError('file_not_found');
        const channel = typeof fields.channel_id === 'string' ? fields.channel_id : undefined;
        if (channel && options.channels && !options.channels.includes(channel)) return apiError('channel_not_found');
        messages.push({ via: 'files.completeUploadExternal', ...(channel ? { channel } : {}), payload: fields });
        return { status: 200, body: { ok: true, files: entries } };
      }
      default:
        return { status: 404, body: { ok: false, error: 'unknown_method' } };
    }
  };

  const upload = (request: RecordedRequest, id: string): FakeReply => {
    const file = files.get(id);
    if (!file) return { status: 404, body: 'Not Found' };
    file.content = request.body;
    return { status: 200, body: `OK - ${Buffer.byteLength(request.body)}` };
  };

  const server = await startRecordingServer({
    now,
    rateLimitBody: { ok: false, error: 'ratelimited' },
    handle: (request) => {
      const path = request.path.split('?')[0] ?? '';
      if (request.method !== 'POST') return { status: 405, body: 'Method Not Allowed' };
      if (path.startsWith('/commands/')) return responseUrl(request);
      if (path.startsWith('/api/')) return api(request, path.slice('/api/'.length));
      if (path.startsWith('/upload/')) return upload(request, path.slice('/upload/'.length));
      return { status: 404, body: 'Not Found' };
    },
  });
  base = server.url;
  return Object.assign(server, {
    apiUrl: `${server.url}/api`,
    botToken,
    messages,
    files,
    createResponseUrl() {
      counter += 1;
      const id = `${counter}${randomBytes(4).readUInt32BE()}`;
      const path = `/commands/T0001/${id}/${randomBytes(12).toString('hex')}`;
      hooks.set(path, { createdAtMs: now(), uses: 0 });
      return `${server.url}${path}`;
    },
    apiErrorNext(count: number, error: string) {
      server.replyNext(count, { status: 200, body: { ok: false, error } }, { path: '/api/' });
    },
  });
}

/** Why Slack would refuse this message body, as Slack names it; undefined when fine. */
function messageProblem(payload: Readonly<Record<string, unknown>>): string | undefined {
  const text = payload.text;
  const blocks = payload.blocks;
  if ((typeof text !== 'string' || text === '') && !Array.isArray(blocks)) return 'no_text';
  if (typeof text === 'string' && text.length > 40_000) return 'msg_too_long';
  if (blocks === undefined) return undefined;
  if (!Array.isArray(blocks) || blocks.length === 0 || blocks.length > 50) return 'invalid_blocks';
  for (const block of blocks as unknown[]) {
    if (typeof block !== 'object' || block === null) return 'invalid_blocks';
    const b = block as { type?: unknown; text?: { text?: unknown }; elements?: { text?: unknown }[] };
    const texts = b.type === 'section' ? [b.text?.text] : b.type === 'context' ? (b.elements ?? []).map((e) => e.text) : [];
    if (texts.length === 0) return 'invalid_blocks';
    for (const t of texts) if (typeof t !== 'string' || t.length === 0 || t.length > 3000) return 'invalid_blocks';
  }
  return undefined;
}

// ------------------------------------------------------------ client side

/** `v0=` + hex HMAC-SHA256 over `v0:<timestamp>:<body>`, as Slack signs requests. */
export function signSlackRequest(signingSecret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackCommandFields extends SlashCommandFields {
  readonly api_app_id: string;
}

/** A slash-command form body as Slack sends it; unset fields get plausible defaults. */
export function slackCommandBody(fields: Partial<SlackCommandFields> = {}): string {
  const defaults: SlackCommandFields = {
    token: 'deprecated-verification-token',
    team_id: 'T0001',
    team_domain: 'example',
    channel_id: 'C0123',
    channel_name: 'ops',
    user_id: 'U0001',
    user_name: 'alice',
    command: '/chatrun',
    text: 'help',
    response_url: 'https://hooks.slack.com/commands/T0001/1/abc',
    trigger_id: `${Date.now()}.${randomBytes(4).readUInt32BE()}.${randomBytes(8).toString('hex')}`,
    api_app_id: 'A0001',
  };
  return new URLSearchParams({ ...defaults, ...fields }).toString();
}

/** POSTs a signed slash command to chatrun (e.g. `${base}/chat/slack`). */
export async function sendSlackCommand(
  url: string,
  options: {
    readonly signingSecret: string;
    readonly body: string;
    /** Unix seconds; default now. */
    readonly timestamp?: number;
    /** Overrides the computed signature (to send a bad one). */
    readonly signature?: string;
    readonly headers?: Readonly<Record<string, string>>;
  },
): Promise<SentCommand> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
      'x-slack-request-timestamp': String(timestamp),
      'x-slack-signature': options.signature ?? signSlackRequest(options.signingSecret, timestamp, options.body),
      ...options.headers,
    },
    body: options.body,
    signal: AbortSignal.timeout(5000),
  });
  return readSent(response);
}
