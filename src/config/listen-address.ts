/**
 * `server.listen`: where the HTTP server binds. `HOST:PORT`, `[IPv6]:PORT`,
 * `:PORT` (every interface) or a bare port (loopback only: a server should
 * not be reachable from the network unless the config says so).
 */
export interface ListenAddress {
  readonly host: string;
  /** 0 asks the OS for a free port (tests). */
  readonly port: number;
}

export type ListenResult = { readonly ok: true; readonly address: ListenAddress } | { readonly ok: false; readonly error: string };

const USAGE = 'must be HOST:PORT (127.0.0.1:8080, [::1]:8080, :8080) or a port number';

export function parseListen(input: unknown): ListenResult {
  const text = typeof input === 'number' ? String(input) : input;
  if (typeof text !== 'string') return { ok: false, error: USAGE };
  const trimmed = text.trim();
  const bracketed = /^\[([0-9A-Fa-f:.]+)\]:(\d{1,5})$/.exec(trimmed);
  const named = /^([A-Za-z0-9.-]*):(\d{1,5})$/.exec(trimmed);
  const bare = /^(\d{1,5})$/.exec(trimmed);
  let host: string;
  let portText: string | undefined;
  if (bracketed !== null) [host, portText] = [bracketed[1] ?? '', bracketed[2]];
  else if (named !== null) [host, portText] = [named[1] || '0.0.0.0', named[2]];
  else if (bare !== null) [host, portText] = ['127.0.0.1', bare[1]];
  else return { ok: false, error: `"${text}" ${USAGE}` };
  const port = Number(portText);
  if (port > 65_535) return { ok: false, error: `port ${port} is out of range (0-65535)` };
  return { ok: true, address: { host, port } };
}

/**
 * The URL people reach the server at when `server.external_url` is not set.
 * A wildcard bind says nothing about the machine's name, so it falls back to
 * loopback; set external_url whenever chat users are on other machines.
 */
export function deriveExternalUrl({ host, port }: ListenAddress): string {
  const reachable = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  const hostPart = reachable.includes(':') ? `[${reachable}]` : reachable;
  return `http://${hostPart}:${port}`;
}
