/** GET /-/assets/<name> — the stylesheet and client scripts (only the listed files). */
import type { FastifyInstance } from 'fastify';
import { readWebAsset } from '../web/web-assets.js';

export async function assetRoutes(app: FastifyInstance): Promise<void> {
  app.get('/-/assets/:name', async (request, reply) => {
    const name = (request.params as Record<string, string | undefined>)['name'] ?? '';
    const asset = await readWebAsset(name);
    if (asset === undefined) return reply.code(404).type('text/plain; charset=utf-8').send('no such asset');
    return reply.type(asset.contentType).header('cache-control', 'no-cache').send(asset.body);
  });
}
