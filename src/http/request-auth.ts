/**
 * Who is making a request: a web session (cookie) or an API token
 * (`Authorization: Bearer crt_…`). Both are looked up by the SHA-256 of the
 * secret, so nothing secret is compared in application code. A malformed
 * secret is rejected before any lookup. The answer is remembered per
 * request, so guards and handlers may ask again for free.
 */
import type { FastifyRequest } from 'fastify';
import { hashToken, tokenKind } from '../adapters/auth/secret-token.js';
import type { UserRecord } from '../ports/store/user-store.js';
import type { HttpDeps } from './http-deps.js';
import { SESSION_COOKIE } from './session-cookie.js';

export type RequestIdentity =
  | { readonly kind: 'signed_in'; readonly user: UserRecord; readonly via: 'session'; readonly sessionHash: string }
  | { readonly kind: 'signed_in'; readonly user: UserRecord; readonly via: 'token' }
  | { readonly kind: 'anonymous' }
  /** An Authorization header that is not a live API token: refused, never treated as anonymous. */
  | { readonly kind: 'invalid_token' };

export interface RequestAuth {
  identify(request: FastifyRequest): Promise<RequestIdentity>;
}

export function createRequestAuth(deps: Pick<HttpDeps, 'store' | 'clock'>): RequestAuth {
  const known = new WeakMap<FastifyRequest, Promise<RequestIdentity>>();
  return {
    identify(request) {
      let answer = known.get(request);
      if (answer === undefined) {
        answer = lookUp(deps, request);
        known.set(request, answer);
      }
      return answer;
    },
  };
}

async function lookUp(deps: Pick<HttpDeps, 'store' | 'clock'>, request: FastifyRequest): Promise<RequestIdentity> {
  const authorization = request.headers.authorization;
  if (authorization !== undefined) {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
    if (token === undefined || tokenKind(token) !== 'api') return { kind: 'invalid_token' };
    const found = await deps.store.users.findApiToken(hashToken(token));
    if (found === undefined) return { kind: 'invalid_token' };
    await deps.store.users.touchApiToken(found.token.id, deps.clock.now());
    return { kind: 'signed_in', user: found.user, via: 'token' };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (cookie === undefined || tokenKind(cookie) !== 'session') return { kind: 'anonymous' };
  const sessionHash = hashToken(cookie);
  const found = await deps.store.users.findSession(sessionHash, deps.clock.now());
  if (found === undefined) return { kind: 'anonymous' };
  return { kind: 'signed_in', user: found.user, via: 'session', sessionHash };
}
