/**
 * The recording core of the fake chat platforms (fake-slack.ts,
 * fake-mattermost.ts): a real HTTP server on 127.0.0.1 port 0 that keeps
 * every request, answers each through the platform's handler, and can be
 * told to misbehave for the next few requests (an HTTP error, a 429 with
 * Retry-After, a hang) the way real platforms sometimes do.
 */
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

/** The body as a JSON object; undefined when it is not JSON or not an object. */
export function jsonObject(body: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
