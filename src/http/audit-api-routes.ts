/**
 * GET /api/v1/audit — the audit log, newest first, for admins only (others
 * get 403 forbidden). Filters and paging as in ./audit-query.ts; the answer
 * carries `nextBeforeId` when an older page may exist.
 */
import type { FastifyInstance } from 'fastify';
import { requireApiUser } from './api-guard.js';
import { sendApiError } from './api-error.js';
import { readAuditQuery } from './audit-query.js';
import type { HttpContext } from './http-context.js';

export async function auditApiRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  const { deps } = ctx;
  app.get('/api/v1/audit', async (request, reply) => {
    const user = await requireApiUser(ctx, request, reply, { mutating: false });
    if (user === undefined) return reply;
    if (!user.isAdmin) return sendApiError(reply, 'forbidden', 'The audit log is for admins only.');
    const query = await readAuditQuery(deps.store, request.query);
    if (!query.ok) return sendApiError(reply, 'invalid_request', query.message, { field: query.field });
    const limit = query.filter.limit ?? 50;
    const events = query.matchesNothing ? [] : await deps.store.audit.list({ ...query.filter, limit });
    const last = events[events.length - 1];
    return reply.header('cache-control', 'no-store').send({
      events: events.map((event) => ({ ...event, at: new Date(event.at).toISOString() })),
      nextBeforeId: events.length === limit && last !== undefined ? last.id : null,
    });
  });
}
