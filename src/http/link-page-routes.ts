/**
 * /-/chat/link/<token> — where "connect your chat account" links lead.
 * GET signs the person in first (and comes back), then shows which chat
 * account the token would link; POST (Confirm) links it to the signed-in
 * user. Expired, used and unknown tokens each get their own clear page.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { confirmChatLink, describeLinkToken } from '../app/link-chat-account.js';
import type { UserRecord } from '../ports/store/user-store.js';
import { linkPage } from '../web/pages/link-page.js';
import { noticePage, type NoticePageInput } from '../web/pages/notice-page.js';
import type { HttpContext } from './http-context.js';
import { pageUser, requirePageUser } from './page-guard.js';
import { sendPage } from './send-page.js';

const CONSOLE = { label: 'Go to the console', href: '/-/console' } as const;

export async function linkPageRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  const { deps } = ctx;
  const tokenOf = (params: unknown): string => {
    const token = (params as Record<string, unknown>)['token'];
    return typeof token === 'string' ? token : '';
  };

  app.get('/-/chat/link/:token', async (request, reply) => {
    const user = await requirePageUser(ctx, request, reply);
    if (user === undefined) return reply;
    const token = tokenOf(request.params);
    const formPath = `/-/chat/link/${encodeURIComponent(token)}`;
    const described = await describeLinkToken(deps, token);
    switch (described.kind) {
      case 'valid':
        return sendPage(reply, 200, linkPage({ user: pageUser(user), account: described, formPath, expiresAt: described.expiresAt }));
      case 'expired':
      case 'used':
      case 'unknown':
        return refuseLink(reply, user, described.kind);
    }
  });

  app.post('/-/chat/link/:token', async (request, reply) => {
    const user = await requirePageUser(ctx, request, reply, { mutating: true });
    if (user === undefined) return reply;
    const result = await confirmChatLink(deps, { token: tokenOf(request.params), userId: user.id });
    switch (result.kind) {
      case 'linked': {
        const { identity } = result;
        request.log.info({ userId: user.id, platform: identity.platform, teamId: identity.teamId }, 'chat account linked');
        return sendPage(reply, 200, noticePage({
          title: 'Chat account connected',
          message: `Your ${identity.platform} account @${identity.chatUserName} is now connected to ${user.username}. Send your command again in the chat.`,
          user: pageUser(user),
          tone: 'success',
          next: CONSOLE,
        }));
      }
      case 'expired':
      case 'unknown':
        return refuseLink(reply, user, result.kind);
      case 'already_used':
        return refuseLink(reply, user, 'used');
    }
  });
}

type LinkRefusal = 'expired' | 'used' | 'unknown';

type RefusalPage = Pick<NoticePageInput, 'title' | 'message' | 'tone'> & { readonly status: number };

// Each way a link can fail gets its own page, so the person knows whether asking again helps.
const REFUSALS: Readonly<Record<LinkRefusal, RefusalPage>> = {
  expired: {
    status: 410,
    title: 'This link has expired',
    message: 'Links to connect a chat account work for 10 minutes. Send your command in the chat again to get a new one.',
    tone: 'warning',
  },
  used: {
    status: 410,
    title: 'This link was already used',
    message: 'Each link connects a chat account once. If your account is not connected, send your command in the chat again to get a new link.',
    tone: 'warning',
  },
  unknown: {
    status: 404,
    title: 'Unknown link',
    message: 'This is not a link chatrun made. Check that it was copied whole, or send your command in the chat again to get a new one.',
    tone: 'failure',
  },
};

function refuseLink(reply: FastifyReply, user: UserRecord, why: LinkRefusal): FastifyReply {
  const { status, ...notice } = REFUSALS[why];
  return sendPage(reply, status, noticePage({ ...notice, user: pageUser(user), next: CONSOLE }));
}
