/**
 * The cross-site request forgery rule: a request that changes something
 * and is authenticated by the session cookie must come from one of
 * chatrun's own pages. Browsers send `Origin` on every POST (and `Referer`
 * where Origin is withheld); a page on another site cannot forge either.
 * The origin must be chatrun's external URL or match the Host the request
 * was sent to. A request carrying neither header is refused: no browser
 * sends a POST without them, and API clients authenticate with a bearer
 * token, which other sites cannot make a browser attach, so those need no
 * check.
 */
import type { FastifyRequest } from 'fastify';

export function isSameOrigin(request: FastifyRequest, externalUrl: string): boolean {
  const origin = headerText(request.headers.origin) ?? refererOrigin(headerText(request.headers.referer));
  if (origin === undefined || origin === 'null') return false;
  let given: URL;
  try {
    given = new URL(origin);
  } catch {
    return false;
  }
  if (sameOrigin(given, externalUrl)) return true;
  const host = headerText(request.headers.host);
  return host !== undefined && given.host === normalHost(given.protocol, host);
}

/** The Host header as URL.host writes it (lower case, default port dropped). */
function normalHost(protocol: string, host: string): string | undefined {
  try {
    return new URL(`${protocol}//${host}`).host;
  } catch {
    return undefined;
  }
}

function sameOrigin(given: URL, externalUrl: string): boolean {
  try {
    return new URL(externalUrl).origin === given.origin;
  } catch {
    return false;
  }
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (referer === undefined) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return undefined;
  }
}

function headerText(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}
