/**
 * The door of every /api/v1 route: the caller must be signed in (session)
 * or send an API token, and a state-changing call made with the session
 * cookie must pass the same-origin rule (./same-origin.ts). On refusal the
 * JSON error is sent here and the route gets undefined.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRecord } from '../ports/store/user-store.js';
import { sendApiError } from './api-error.js';
import type { HttpContext } from './http-context.js';
import { isSameOrigin } from './same-origin.js';

export async function requireApiUser(
  ctx: HttpContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { readonly mutating: boolean },
): Promise<UserRecord | undefined> {
  const who = await ctx.auth.identify(request);
  if (who.kind === 'invalid_token') {
    sendApiError(reply, 'invalid_token', 'The Authorization header does not hold a valid API token (Bearer crt_…).');
    return undefined;
  }
  if (who.kind === 'anonymous') {
    sendApiError(reply, 'unauthenticated', 'Sign in, or send an API token as "Authorization: Bearer crt_…".');
    return undefined;
  }
  if (options.mutating && who.via === 'session' && !isSameOrigin(request, ctx.deps.settings.externalUrl)) {
    sendApiError(reply, 'cross_origin', 'This request did not come from a chatrun page (Origin check failed).');
    return undefined;
  }
  return who.user;
}
