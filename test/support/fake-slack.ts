/**
 * A real HTTP server on 127.0.0.1 that plays Slack for tests: response_url
 * endpoints with Slack's 5-posts-in-30-minutes rule (on an injectable
 * clock), the Web API methods chatrun calls (chat.postMessage and the
 * external file upload), programmable faults, and a record of every request.
 * Plus the client side: signing and sending slash commands to chatrun.
 *
 * The recording core (startRecordingServer, manualClock, requestFields) is
 * exported for fake-mattermost.ts, which plays the Slack-compatible
 * Mattermost. The file stays whole past 300 lines on purpose: the test
 * support files this task owns are this one and fake-mattermost.ts, and the
 * core belongs with the first platform that needed it.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  readonly method: string;
  /** Path and query string. */
  readonly path: string;
  /** Lower-cased names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Fake-clock time the request arrived. */
  readonly atMs: number;
}

export interface FakeReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  /** Objects are sent as JSON. */
  readonly body?: string | object;
}

export interface FaultOptions {
  /** Only requests whose path starts with this are affected (default: all). */
  readonly path?: string;
}

export interface RecordingServer {
  readonly url: string;
  readonly requests: readonly RecordedRequest[];
  /** Resolves with the first request (already seen or arriving) that matches. */
  waitFor(predicate: (request: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** The next `count` matching requests get this reply instead of the normal one. */
  replyNext(count: number, reply: FakeReply, options?: FaultOptions): void;
  /** The next `count` matching requests get HTTP `status` (default 500). */
  failNext(count: number, status?: number, options?: FaultOptions): void;
  /** The next `count` matching requests get 429 with `Retry-After: seconds`. */
  rateLimitNext(count: number, retryAfterSeconds: number, options?: FaultOptions): void;
  /** The next `count` matching requests get no answer for `ms`, then the normal one. */
  hangNext(count: number, ms: number, options?: FaultOptions): void;
  close(): Promise<void>;
}

export type RequestHandler = (request: RecordedRequest, raw: IncomingMessage) => FakeReply | Promise<FakeReply>;

type Fault = { readonly kind: 'reply'; readonly reply: FakeReply } | { readonly kind: 'hang'; readonly ms: number };

export interface ManualClock {
  readonly now: () => number;
  advance(ms: number): void;
}

export function manualClock(startMs = 1_700_000_000_000): ManualClock {
  let current = startMs;
  return { now: () => current, advance: (ms) => void (current += ms) };
}

export async function startRecordingServer(options: {
  readonly handle: RequestHandler;
  readonly now?: () => number;
  /** Body of the 429 answers rateLimitNext gives. */
  readonly rateLimitBody?: object;
}): Promise<RecordingServer> {
  const now = options.now ?? Date.now;
  const requests: RecordedRequest[] = [];
  const faults: { count: number; fault: Fault; path?: string }[] = [];
  const waiters = new Set<() => void>();
  const timers = new Set<NodeJS.Timeout>();

  const server = createServer((raw: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    raw.on('data', (chunk: Buffer) => chunks.push(chunk));
    raw.on('end', () => {
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(raw.headers)) {
        if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      const request: RecordedRequest = {
        method: raw.method ?? 'GET',
        path: raw.url ?? '/',
        headers,
        body: Buffer.concat(chunks).toString('utf8'),
        atMs: now(),
      };
      requests.push(request);
      for (const wake of [...waiters]) wake();
      const plan = faults.find((f) => f.count > 0 && (f.path === undefined || request.path.startsWith(f.path)));
      if (plan) plan.count -= 1;
      const answer = async (): Promise<void> => send(res, await options.handle(request, raw));
      if (plan?.fault.kind === 'reply') send(res, plan.fault.reply);
      else if (plan?.fault.kind === 'hang') {
        const timer = setTimeout(() => {
          timers.delete(timer);
          void answer();
        }, plan.fault.ms);
        timers.add(timer);
      } else void answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const addFault = (count: number, fault: Fault, path: string | undefined): void => {
    faults.push(path === undefined ? { count, fault } : { count, fault, path });
  };
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    waitFor(predicate, timeoutMs = 2000) {
      return new Promise((resolve, reject) => {
        const check = (): boolean => {
          const found = requests.find(predicate);
          if (found === undefined) return false;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(found);
          return true;
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = requests.map((r) => `${r.method} ${r.path}`).join(', ') || 'none';
          reject(new Error(`waitFor: no matching request within ${timeoutMs} ms (saw: ${seen})`));
        }, timeoutMs);
        if (!check()) waiters.add(check);
      });
    },
    replyNext: (count, reply, opts) => addFault(count, { kind: 'reply', reply }, opts?.path),
    failNext: (count, status = 500, opts) =>
      addFault(count, { kind: 'reply', reply: { status, body: 'Internal Server Error' } }, opts?.path),
    rateLimitNext: (count, seconds, opts) =>
      addFault(
        count,
        {
          kind: 'reply',
          reply: { status: 429, headers: { 'retry-after': String(seconds) }, body: options.rateLimitBody ?? 'Too Many Requests' },
        },
        opts?.path,
      ),
    hangNext: (count, ms, opts) => addFault(count, { kind: 'hang', ms }, opts?.path),
    async close() {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function send(res: ServerResponse, reply: FakeReply): void {
  if (res.writableEnded || res.destroyed) return;
  const isJson = typeof reply.body === 'object';
  const body = reply.body === undefined ? '' : isJson ? JSON.stringify(reply.body) : String(reply.body);
  res.writeHead(reply.status, {
    'content-type': isJson ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
    ...reply.headers,
  });
  res.end(body);
}

/** Fields of a JSON or form-encoded request body, as Slack's API accepts both. */
export function requestFields(request: RecordedRequest): Record<string, unknown> {
  if ((request.headers['content-type'] ?? '').includes('application/json')) {
    try {
      const parsed: unknown = JSON.parse(request.body);
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(request.body));
}

// ---------------------------------------------------------------- Slack

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

function jsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

// ------------------------------------------------------------ client side

/** `v0=` + hex HMAC-SHA256 over `v0:<timestamp>:<body>`, as Slack signs requests. */
export function signSlackRequest(signingSecret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackCommandFields {
  readonly token: string;
  readonly team_id: string;
  readonly team_domain: string;
  readonly channel_id: string;
  readonly channel_name: string;
  readonly user_id: string;
  readonly user_name: string;
  readonly command: string;
  readonly text: string;
  readonly response_url: string;
  readonly trigger_id: string;
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

export interface SentCommand {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
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

export async function readSent(response: Response): Promise<SentCommand> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
