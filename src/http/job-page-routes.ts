/**
 * The job page at GitLab's path, /<project path>/-/jobs/<id> (see
 * src/app/chatrun-urls.ts), with its Play and Cancel forms posting to
 * …/play and …/cancel, and /<project>/-/pipelines/<id>, which shows the
 * pipeline's (only) job. A project path in the URL that is not the job's
 * redirects to the right one; a job the person may not see is a 404 page.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { cancelJob } from '../app/cancel-job.js';
import { jobUrl } from '../app/chatrun-urls.js';
import { playManualJob } from '../app/play-manual-job.js';
import { parseChatCommand } from '../domain/chat-command/parse-chat-command.js';
import { isFinished } from '../domain/job/job-status.js';
import type { UserRecord } from '../ports/store/user-store.js';
import type { Html } from '../web/html.js';
import { jobPage } from '../web/pages/job-page.js';
import { noticePage } from '../web/pages/notice-page.js';
import type { ReplyView } from '../web/pages/reply-list.js';
import { traceHtml } from '../web/trace-html.js';
import { sendApiError } from './api-error.js';
import type { HttpContext } from './http-context.js';
import { wake } from './http-context.js';
import { loadVisibleJob, projectRole, type JobAccess } from './job-access.js';
import { replyMessage } from './job-json.js';
import { messageHtml } from './message-html.js';
import { pageUser, requirePageUser } from './page-guard.js';
import { sendPage } from './send-page.js';
import { recordWebAction } from './web-action-audit.js';

const JOB_PATH = /^\/(.+)\/-\/jobs\/([1-9][0-9]{0,15})(?:\/(play|cancel))?\/?$/;
const PIPELINE_PATH = /^\/(.+)\/-\/pipelines\/([1-9][0-9]{0,15})\/?$/;

type Visible = Extract<JobAccess, { kind: 'visible' }>;

export async function jobPageRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  const { deps } = ctx;

  const notFound = (reply: FastifyReply, user: UserRecord | undefined): FastifyReply =>
    sendPage(
      reply,
      404,
      noticePage({
        title: 'Not found',
        message: 'There is no such page, or you may not see it.',
        ...(user === undefined ? {} : { user: pageUser(user) }),
        next: { label: 'Back to the console', href: '/-/console' },
      }),
    );

  app.get('/*', async (request, reply) => {
    const path = pathOf(request);
    if (path.startsWith('/api/')) return sendApiError(reply, 'not_found', `There is no GET ${path}.`);
    const pipelineMatch = PIPELINE_PATH.exec(path);
    const jobMatch = JOB_PATH.exec(path);
    if ((jobMatch === null || jobMatch[3] !== undefined) && pipelineMatch === null) return notFound(reply, undefined);
    const user = await requirePageUser(ctx, request, reply);
    if (user === undefined) return reply;
    if (pipelineMatch !== null) {
      const pipeline = await deps.store.pipelines.getPipeline(Number(pipelineMatch[2]));
      const first = pipeline === undefined ? undefined : (await deps.store.pipelines.listJobsForPipeline(pipeline.id))[0];
      const access = first === undefined ? undefined : await loadVisibleJob(deps.store, user, first.id);
      if (access?.kind !== 'visible') return notFound(reply, user);
      return reply.redirect(localJobPath(access), 303);
    }
    const access = await loadVisibleJob(deps.store, user, Number(jobMatch?.[2]));
    if (access.kind !== 'visible') return notFound(reply, user);
    if (decodeURIComponent(jobMatch?.[1] ?? '') !== access.project.path) return reply.redirect(localJobPath(access), 301);
    return sendPage(reply, 200, await renderJobPage(ctx, user, access));
  });

  app.post('/*', async (request, reply) => {
    const path = pathOf(request);
    if (path.startsWith('/api/')) return sendApiError(reply, 'not_found', `There is no POST ${path}.`);
    const match = JOB_PATH.exec(path);
    const action = match?.[3];
    if (match === null || action === undefined) return notFound(reply, undefined);
    const user = await requirePageUser(ctx, request, reply, { mutating: true });
    if (user === undefined) return reply;
    const access = await loadVisibleJob(deps.store, user, Number(match[2]));
    if (access.kind !== 'visible') return notFound(reply, user);
    const back = localJobPath(access);
    if (!access.canRun) {
      return sendPage(reply, 403, noticePage({
        title: 'Not allowed',
        message: `Starting or cancelling jobs in ${access.project.path} needs the developer role or higher.`,
        user: pageUser(user),
        tone: 'failure',
        next: { label: 'Back to the job', href: back },
      }));
    }
    if (action === 'play') {
      const result = await playManualJob(deps.commandDeps, { jobId: access.job.id, userId: user.id });
      if (result.kind === 'started') wake(deps.runnerWake);
    } else {
      const result = await cancelJob(ctx.jobDeps, access.job.id);
      if (result.kind === 'canceled' || result.kind === 'cancel_requested') {
        await recordWebAction(deps, { user, action: 'cancel', decision: result.kind, project: access.project.path, job: result.job });
        wake(deps.replyWake);
      }
    }
    // Whatever happened (played, already started by someone else…), the page shows the job as it is now.
    return reply.redirect(back, 303);
  });
}

function pathOf(request: FastifyRequest): string {
  const url = request.url;
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function localJobPath(access: Visible): string {
  return jobUrl('', access.project.path, access.job.id);
}

async function renderJobPage(ctx: HttpContext, user: UserRecord, access: Visible): Promise<Html> {
  const { store } = ctx.deps;
  const { job, pipeline, project } = access;
  const [trace, replies, triggeredBy, role] = await Promise.all([
    store.traces.readTrace(job.id),
    store.replies.listForJob(job.id),
    pipeline.userId === null ? undefined : store.users.getById(pipeline.userId),
    projectRole(store, user, project.id),
  ]);
  const chat = pipeline.chat;
  const command = chat?.commandText == null ? undefined : parseChatCommand(chat.commandText);
  const replyViews: ReplyView[] = replies.map((reply) => {
    const message = replyMessage(reply);
    return {
      id: reply.id,
      kind: reply.kind,
      platform: reply.platform,
      state: reply.state,
      attempts: reply.attempts,
      nextAttemptAt: reply.nextAttemptAt,
      deliveredAt: reply.deliveredAt,
      expiresAt: reply.expiresAt,
      lastError: reply.lastError,
      ...(message === undefined ? {} : { message: messageHtml(message) }),
    };
  });
  const canRun = role !== undefined && access.canRun;
  return jobPage({
    user: pageUser(user),
    projectPath: project.path,
    job,
    pipelineId: pipeline.id,
    ref: pipeline.ref,
    shortSha: pipeline.sha.slice(0, 8),
    ...(triggeredBy === undefined ? {} : { triggeredBy: { username: triggeredBy.username, name: triggeredBy.name } }),
    origin: {
      source: pipeline.source,
      ...(chat === null ? {} : { platform: chat.platform }),
      ...(chat?.channelName == null ? {} : { channelName: chat.channelName }),
      ...(chat?.chatUserName == null ? {} : { chatUserName: chat.chatUserName }),
    },
    ...(command === undefined ? {} : { chatInput: command.kind === 'run' ? command.args : null }),
    trace: traceHtml(trace),
    traceSize: trace.length,
    canPlay: canRun && job.status === 'manual',
    canCancel: canRun && !isFinished(job.status),
    replies: replyViews,
    pagePath: localJobPath(access),
  });
}
