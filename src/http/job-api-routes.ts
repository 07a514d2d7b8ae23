/**
 * /api/v1/jobs/:id — a job's facts, its trace (from a byte offset, for
 * following a live log), its chat replies, and Play / Cancel. Seeing a job
 * needs reporter or above on its project; Play and Cancel need developer.
 *
 * The trace answer is the raw bytes after `offset` (application/octet-stream
 * semantics in a text/plain body: ANSI codes and section markers included),
 * with `X-Chatrun-Trace-Size` (bytes stored in all, the next offset) and
 * `X-Chatrun-Job-Status`, so a page can poll until the job is finished.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cancelJob } from '../app/cancel-job.js';
import { playManualJob } from '../app/play-manual-job.js';
import type { UserRecord } from '../ports/store/user-store.js';
import { requireApiUser } from './api-guard.js';
import { sendApiError } from './api-error.js';
import { recordWebAction } from './web-action-audit.js';
import { wake, type HttpContext } from './http-context.js';
import { jobJson, replyJson } from './job-json.js';
import { loadVisibleJob, parseId, type JobAccess } from './job-access.js';

type Visible = Extract<JobAccess, { kind: 'visible' }>;

export async function jobApiRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  const { deps } = ctx;

  async function visibleJob(
    request: FastifyRequest,
    reply: FastifyReply,
    mutating: boolean,
  ): Promise<{ user: UserRecord; access: Visible } | undefined> {
    const user = await requireApiUser(ctx, request, reply, { mutating });
    if (user === undefined) return undefined;
    const id = parseId((request.params as Record<string, unknown>)['id']);
    const access = await loadVisibleJob(deps.store, user, id);
    if (access.kind === 'not_found') {
      sendApiError(reply, 'not_found', `There is no job ${id > 0 ? `#${id} ` : ''}that you can see.`);
      return undefined;
    }
    return { user, access };
  }

  app.get('/api/v1/jobs/:id', async (request, reply) => {
    const found = await visibleJob(request, reply, false);
    if (found === undefined) return reply;
    const { job, pipeline, project } = found.access;
    return reply.header('cache-control', 'no-store').send(jobJson(job, pipeline, project, deps.settings.externalUrl));
  });

  app.get('/api/v1/jobs/:id/trace', async (request, reply) => {
    const found = await visibleJob(request, reply, false);
    if (found === undefined) return reply;
    const offsetText = (request.query as Record<string, unknown>)['offset'];
    if (offsetText !== undefined && (typeof offsetText !== 'string' || !/^[0-9]{1,15}$/.test(offsetText))) {
      return sendApiError(reply, 'invalid_request', 'offset must be a whole number of bytes.', { field: 'offset' });
    }
    const offset = offsetText === undefined ? 0 : Number(offsetText);
    const { job } = found.access;
    // Status first, bytes second: a reader who sees a finished status has then read every byte.
    const status = (await deps.store.pipelines.getJob(job.id))?.status ?? job.status;
    const bytes = await deps.store.traces.readTrace(job.id, offset);
    const size = bytes.length > 0 ? offset + bytes.length : ((await deps.store.traces.traceSize(job.id)) ?? 0);
    return reply
      .code(200)
      .type('text/plain; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('x-chatrun-trace-size', String(size))
      .header('x-chatrun-job-status', status)
      .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  });

  app.get('/api/v1/jobs/:id/replies', async (request, reply) => {
    const found = await visibleJob(request, reply, false);
    if (found === undefined) return reply;
    const replies = await deps.store.replies.listForJob(found.access.job.id);
    return reply.header('cache-control', 'no-store').send({ replies: replies.map(replyJson) });
  });

  app.post('/api/v1/jobs/:id/play', async (request, reply) => {
    const found = await visibleJob(request, reply, true);
    if (found === undefined) return reply;
    const { user, access } = found;
    if (!access.canRun) return sendApiError(reply, 'forbidden', `Starting jobs in ${access.project.path} needs the developer role or higher.`);
    const result = await playManualJob(deps.commandDeps, { jobId: access.job.id, userId: user.id });
    switch (result.kind) {
      case 'started': {
        wake(deps.runnerWake);
        const job = (await deps.store.pipelines.getJob(access.job.id)) ?? access.job;
        return reply.send({ result: 'started', job: jobJson(job, access.pipeline, access.project, deps.settings.externalUrl) });
      }
      case 'not_manual':
        return sendApiError(reply, 'not_manual', `Job #${access.job.id} is not waiting to be started (it is ${access.job.status}).`);
      case 'forbidden':
        return sendApiError(reply, 'forbidden', `You may not start jobs in ${access.project.path}.`);
      case 'not_found':
        return sendApiError(reply, 'not_found', `There is no job #${access.job.id} that you can see.`);
    }
  });

  app.post('/api/v1/jobs/:id/cancel', async (request, reply) => {
    const found = await visibleJob(request, reply, true);
    if (found === undefined) return reply;
    const { user, access } = found;
    if (!access.canRun) return sendApiError(reply, 'forbidden', `Cancelling jobs in ${access.project.path} needs the developer role or higher.`);
    const result = await cancelJob(ctx.jobDeps, access.job.id);
    if (result.kind === 'not_found') return sendApiError(reply, 'not_found', `There is no job #${access.job.id} that you can see.`);
    if (result.kind === 'already_finished') {
      return sendApiError(reply, 'already_finished', `Job #${access.job.id} already finished (${result.job.status}).`);
    }
    await recordWebAction(deps, { user, action: 'cancel', decision: result.kind, project: access.project.path, job: result.job });
    wake(deps.replyWake);
    return reply.send({ result: result.kind, job: jobJson(result.job, access.pipeline, access.project, deps.settings.externalUrl) });
  });
}
