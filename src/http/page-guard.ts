/**
 * The door of every web page: a signed-in session, else a redirect to the
 * sign-in page that comes back here afterwards. Form posts must also pass
 * the same-origin rule; a failed check answers 403 with a page, never a
 * redirect (a forged post must not become a GET somewhere).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { UserRecord } from '../ports/store/user-store.js';
import { noticePage } from '../web/pages/notice-page.js';
import type { PageUser } from '../web/page-layout.js';
import type { HttpContext } from './http-context.js';
import { sendPage } from './send-page.js';
import { isSameOrigin } from './same-origin.js';
import { signInPath } from './sign-in-path.js';

export async function requirePageUser(
  ctx: HttpContext,
  request: FastifyRequest,
  reply: FastifyReply,
  options: { readonly mutating: boolean } = { mutating: false },
): Promise<UserRecord | undefined> {
  if (options.mutating && !isSameOrigin(request, ctx.deps.settings.externalUrl)) {
    sendPage(reply, 403, noticePage({ title: 'Request refused', message: 'This form was not sent from a chatrun page.', tone: 'failure' }));
    return undefined;
  }
  const who = await ctx.auth.identify(request);
  if (who.kind === 'signed_in' && who.via === 'session') return who.user;
  const back = options.mutating ? pathOf(request.headers.referer) : request.url;
  reply.redirect(signInPath(back), 303);
  return undefined;
}

export function pageUser(user: UserRecord): PageUser {
  return { username: user.username, name: user.name, isAdmin: user.isAdmin };
}

function pathOf(referer: string | undefined): string | undefined {
  if (referer === undefined) return undefined;
  try {
    const url = new URL(referer);
    return url.pathname + url.search;
  } catch {
    return undefined;
  }
}
