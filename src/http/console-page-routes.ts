/** GET / → the console; GET /-/console — the web console page. */
import type { FastifyInstance } from 'fastify';
import { consolePage } from '../web/pages/console-page.js';
import type { HttpContext } from './http-context.js';
import { pageUser, requirePageUser } from './page-guard.js';
import { sendPage } from './send-page.js';
import { userProjects } from './user-projects.js';
import { WEB_CHANNEL_NAME } from './web-command-request.js';

export async function consolePageRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  const { deps } = ctx;
  app.get('/', async (_request, reply) => reply.redirect('/-/console', 302));

  app.get('/-/console', async (request, reply) => {
    const user = await requirePageUser(ctx, request, reply);
    if (user === undefined) return reply;
    const projects = await userProjects(deps.store, user);
    return sendPage(
      reply,
      200,
      consolePage({
        user: pageUser(user),
        projects: projects.map(({ project, role }) => ({ path: project.path, role })),
        commandName: deps.settings.commandNames.web,
        channelName: WEB_CHANNEL_NAME,
      }),
    );
  });
}
