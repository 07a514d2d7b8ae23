/**
 * GET /healthz for load balancers and GET /metrics for Prometheus. Neither
 * needs a session: health says only whether this replica can reach the
 * database; metrics hold counts, never secrets or user text.
 */
import type { FastifyInstance } from 'fastify';
import type { HttpContext } from './http-context.js';

export async function healthRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  const { deps } = ctx;
  app.get('/healthz', async (request, reply) => {
    let database = true;
    try {
      // The cheapest real query every store offers: it fails when the database is gone.
      await deps.store.users.getById(0);
    } catch (error) {
      database = false;
      request.log.error({ err: error }, 'health check: database unreachable');
    }
    return reply
      .code(database ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ ok: database, database: database ? 'reachable' : 'unreachable' });
  });

  app.get('/metrics', async (_request, reply) => {
    const text = await deps.metrics.render();
    return reply.code(200).type(deps.metrics.contentType).header('cache-control', 'no-store').send(text);
  });
}
