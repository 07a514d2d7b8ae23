/** Sends a rendered page as HTML with the given status. */
import type { FastifyReply } from 'fastify';
import type { Html } from '../web/html.js';

export function sendPage(reply: FastifyReply, status: number, page: Html): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page.toString());
}
