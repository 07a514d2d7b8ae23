/** GET /-/admin/audit — the audit log page, admins only (others: 403 page). */
import type { FastifyInstance } from 'fastify';
import { jobUrl } from '../app/chatrun-urls.js';
import { COMMAND_OUTCOMES } from '../domain/chat-command/command-outcome.js';
import { auditPage } from '../web/pages/audit-page.js';
import { noticePage } from '../web/pages/notice-page.js';
import { readAuditQuery } from './audit-query.js';
import type { HttpContext } from './http-context.js';
import { pageUser, requirePageUser } from './page-guard.js';
import { sendPage } from './send-page.js';

const PAGE_SIZE = 50;
/** What the filter offers before any event is seen: command outcomes and web actions. */
const DECISIONS: readonly string[] = [...COMMAND_OUTCOMES.filter((o) => o !== 'deferred'), 'canceled', 'cancel_requested'];

export async function auditPageRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  const { store } = ctx.deps;
  app.get('/-/admin/audit', async (request, reply) => {
    const user = await requirePageUser(ctx, request, reply);
    if (user === undefined) return reply;
    if (!user.isAdmin) {
      return sendPage(reply, 403, noticePage({ title: 'Admins only', message: 'The audit log is for admins only.', user: pageUser(user), tone: 'failure' }));
    }
    const query = await readAuditQuery(store, request.query);
    if (!query.ok) {
      return sendPage(reply, 400, noticePage({ title: 'Bad filter', message: query.message, user: pageUser(user), next: { label: 'All events', href: '/-/admin/audit' } }));
    }
    const limit = query.filter.limit ?? PAGE_SIZE;
    const [events, projects, users] = await Promise.all([
      query.matchesNothing ? [] : store.audit.list({ ...query.filter, limit }),
      store.projects.list(),
      store.users.list(),
    ]);
    const projectPaths = new Map(projects.map((p) => [p.id, p.path] as const));
    const jobLinks = new Map<number, string>();
    for (const event of events) {
      if (event.jobId === null || jobLinks.has(event.jobId)) continue;
      const job = await store.pipelines.getJob(event.jobId);
      const path = job === undefined ? undefined : projectPaths.get(job.projectId);
      if (job !== undefined && path !== undefined) jobLinks.set(job.id, jobUrl('', path, job.id));
    }
    const last = events[events.length - 1];
    const older =
      events.length === limit && last !== undefined
        ? new URLSearchParams({ ...withoutPaging(query.given), before_id: String(last.id) }).toString()
        : undefined;
    const seenDecisions = new Set([...DECISIONS, ...events.map((e) => e.decision)]);
    return sendPage(
      reply,
      200,
      auditPage({
        user: pageUser(user),
        events,
        filters: {
          ...(query.given['project'] ? { project: query.given['project'] } : {}),
          ...(query.given['user'] ? { user: query.given['user'] } : {}),
          ...(query.given['decision'] ? { decision: query.given['decision'] } : {}),
        },
        projects: projects.map((p) => p.path),
        usernames: users.map((u) => u.username),
        decisions: [...seenDecisions].sort(),
        jobLinks,
        ...(older === undefined ? {} : { olderQuery: older }),
      }),
    );
  });
}

function withoutPaging(given: Readonly<Record<string, string>>): Record<string, string> {
  return Object.fromEntries(Object.entries(given).filter(([key, value]) => key !== 'before_id' && value !== ''));
}
