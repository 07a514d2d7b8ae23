/**
 * POST /api/v1/console/commands — the web console's slash command:
 * `{ "text": "run hello-world", "project"?: "ops/infra" }` → the same use
 * case as Slack and Mattermost, answered with the message (as data and as
 * HTML with the output's colours), the outcome, and the job and pipeline
 * when one was created. Refusals are messages too (200), as in chat.
 */
import type { FastifyInstance } from 'fastify';
import { handleChatCommand } from '../app/handle-chat-command.js';
import { jobUrl } from '../app/chatrun-urls.js';
import { requireApiUser } from './api-guard.js';
import { sendApiError } from './api-error.js';
import { wake, type HttpContext } from './http-context.js';
import { messageHtml } from './message-html.js';
import { commandText, webCommandRequest } from './web-command-request.js';

/** Slack caps command text near 4,000 characters; the console allows a little more. */
const MAX_TEXT = 8000;
/**
 * The browser has no 3-second limit, and a deferred answer would reach the
 * console only through the outbox, so the console waits for the decision.
 */
const WEB_DEADLINE_MS = 60_000;

export async function consoleApiRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  const { deps } = ctx;
  app.post('/api/v1/console/commands', async (request, reply) => {
    const user = await requireApiUser(ctx, request, reply, { mutating: true });
    if (user === undefined) return reply;
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return sendApiError(reply, 'invalid_request', 'Send a JSON object: { "text": "run JOB" }.');
    }
    const { text, project } = body as Record<string, unknown>;
    if (typeof text !== 'string') return sendApiError(reply, 'invalid_request', '"text" must be a string.', { field: 'text' });
    if (text.length > MAX_TEXT) return sendApiError(reply, 'invalid_request', `"text" is longer than ${MAX_TEXT} characters.`, { field: 'text' });
    if (project !== undefined && project !== null && typeof project !== 'string') {
      return sendApiError(reply, 'invalid_request', '"project" must be a project path.', { field: 'project' });
    }
    const commandName = deps.settings.commandNames.web;
    const command = webCommandRequest(user, commandName, commandText(text, project ?? undefined));
    const answer = await handleChatCommand({ ...deps.commandDeps, deadlineMs: WEB_DEADLINE_MS }, command);
    if (answer.jobId !== undefined) wake(deps.runnerWake);
    wake(deps.replyWake);
    const job = answer.jobId === undefined ? undefined : await deps.store.pipelines.getJob(answer.jobId);
    const projectPath = job === undefined ? undefined : (await deps.store.projects.getById(job.projectId))?.path;
    return reply.send({
      message: answer.message,
      messageHtml: messageHtml(answer.message).toString(),
      outcome: answer.outcome,
      ...(answer.jobId === undefined ? {} : { jobId: answer.jobId }),
      ...(answer.pipelineId === undefined ? {} : { pipelineId: answer.pipelineId }),
      ...(answer.duplicate === undefined ? {} : { duplicate: answer.duplicate }),
      ...(job === undefined || projectPath === undefined ? {} : { jobUrl: jobUrl(deps.settings.externalUrl, projectPath, job.id), jobStatus: job.status }),
    });
  });
}
