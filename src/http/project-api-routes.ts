/** GET /api/v1/projects — the caller's projects and their role in each. */
import type { FastifyInstance } from 'fastify';
import { projectUrl } from '../app/chatrun-urls.js';
import { requireApiUser } from './api-guard.js';
import type { HttpContext } from './http-context.js';
import { userProjects } from './user-projects.js';

export async function projectApiRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  const { deps } = ctx;
  app.get('/api/v1/projects', async (request, reply) => {
    const user = await requireApiUser(ctx, request, reply, { mutating: false });
    if (user === undefined) return reply;
    const projects = await userProjects(deps.store, user);
    return reply.send({
      projects: projects.map(({ project, role }) => ({
        id: project.id,
        path: project.path,
        defaultBranch: project.defaultBranch,
        ciConfigPath: project.ciConfigPath,
        role,
        webUrl: projectUrl(deps.settings.externalUrl, project.path),
      })),
    });
  });
}
