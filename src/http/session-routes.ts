/**
 * Signing in and out of the web UI. A session is a random `crs_…` token in
 * an HttpOnly cookie; the store keeps only its hash and expiry. Wrong
 * username and wrong password get the same answer, and an unknown username
 * costs the same scrypt work as a known one, so neither the page nor its
 * timing says which usernames exist.
 */
import type { FastifyInstance } from 'fastify';
import { hashPassword, verifyPassword } from '../adapters/auth/password-hash.js';
import { generateToken, hashToken } from '../adapters/auth/secret-token.js';
import { noticePage } from '../web/pages/notice-page.js';
import { signInPage } from '../web/pages/sign-in-page.js';
import { DEFAULT_SESSION_TTL_MS } from './http-deps.js';
import type { HttpContext } from './http-context.js';
import { formField } from './form-field.js';
import { sendPage } from './send-page.js';
import { isSameOrigin } from './same-origin.js';
import { clearedSessionCookieOptions, SESSION_COOKIE, sessionCookieOptions } from './session-cookie.js';
import { safeReturnPath } from './sign-in-path.js';

export async function sessionRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  const { deps } = ctx;
  const ttlMs = deps.sessionTtlMs ?? DEFAULT_SESSION_TTL_MS;
  let decoy: Promise<string> | undefined;
  const decoyHash = (): Promise<string> => (decoy ??= hashPassword(generateToken('session')));

  app.get('/-/sign_in', async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const returnTo = safeReturnPath(query['return_to']);
    const who = await ctx.auth.identify(request);
    if (who.kind === 'signed_in' && who.via === 'session') return reply.redirect(returnTo ?? '/-/console', 303);
    const notice = returnTo?.startsWith('/-/chat/link/') ? 'Sign in to connect your chat account.' : undefined;
    return sendPage(reply, 200, signInPage({ ...(returnTo === undefined ? {} : { returnTo }), ...(notice === undefined ? {} : { notice }) }));
  });

  app.post('/-/sign_in', async (request, reply) => {
    if (!isSameOrigin(request, deps.settings.externalUrl)) {
      return sendPage(reply, 403, noticePage({ title: 'Request refused', message: 'This form was not sent from a chatrun page.', tone: 'failure' }));
    }
    const username = formField(request.body, 'username').trim();
    const password = formField(request.body, 'password');
    const returnTo = safeReturnPath(formField(request.body, 'return_to'));
    const user = username === '' ? undefined : await deps.store.users.getByUsername(username);
    const hash = user?.passwordHash ?? (await decoyHash());
    const valid = (await verifyPassword(password, hash)) && user?.passwordHash != null;
    if (user === undefined || !valid) {
      request.log.info({ username }, 'sign-in refused');
      return sendPage(
        reply,
        401,
        signInPage({ error: 'Wrong username or password.', username, ...(returnTo === undefined ? {} : { returnTo }) }),
      );
    }
    const token = generateToken('session');
    const now = deps.clock.now();
    await deps.store.users.createSession({ idHash: hashToken(token), userId: user.id, expiresAt: now + ttlMs }, now);
    reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(deps.settings.externalUrl, Math.floor(ttlMs / 1000)));
    return reply.redirect(returnTo ?? '/-/console', 303);
  });

  app.post('/-/sign_out', async (request, reply) => {
    if (!isSameOrigin(request, deps.settings.externalUrl)) {
      return sendPage(reply, 403, noticePage({ title: 'Request refused', message: 'This form was not sent from a chatrun page.', tone: 'failure' }));
    }
    const who = await ctx.auth.identify(request);
    if (who.kind === 'signed_in' && who.via === 'session') await deps.store.users.deleteSession(who.sessionHash);
    reply.clearCookie(SESSION_COOKIE, clearedSessionCookieOptions(deps.settings.externalUrl));
    return reply.redirect('/-/sign_in', 303);
  });
}
