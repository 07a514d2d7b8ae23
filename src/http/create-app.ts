/**
 * The whole HTTP side of chatrun as one Fastify app, built from plain
 * dependencies and never listening: the serve command calls `listen`,
 * tests call `app.inject()` or listen on port 0.
 *
 * Scopes: the chat endpoints get raw form bodies (for signature checks)
 * and answer errors the chat way (./chat-routes.ts); everything else —
 * health, metrics, sign-in, the JSON API and the pages — shares parsed form
 * and JSON bodies, JSON errors under /api/ and HTML error pages elsewhere.
 *
 * CSRF rule (one for the whole app): state-changing requests authenticated
 * by the session cookie must carry an Origin (or Referer) of chatrun itself
 * (./same-origin.ts); API-token requests are exempt.
 */
import formbody from '@fastify/formbody';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { noticePage } from '../web/pages/notice-page.js';
import { sendApiError } from './api-error.js';
import { assetRoutes } from './asset-routes.js';
import { auditApiRoutes } from './audit-api-routes.js';
import { auditPageRoutes } from './audit-page-routes.js';
import { chatRoutes } from './chat-routes.js';
import { consoleApiRoutes } from './console-api-routes.js';
import { consolePageRoutes } from './console-page-routes.js';
import { fastifyErrorAnswer } from './fastify-error-answer.js';
import { healthRoutes } from './health-routes.js';
import type { HttpContext } from './http-context.js';
import type { HttpDeps } from './http-deps.js';
import { jobApiRoutes } from './job-api-routes.js';
import { jobPageRoutes } from './job-page-routes.js';
import { linkPageRoutes } from './link-page-routes.js';
import { projectApiRoutes } from './project-api-routes.js';
import { createRequestAuth } from './request-auth.js';
import { addSecurityHeaders } from './security-headers.js';
import { sendPage } from './send-page.js';
import { sessionRoutes } from './session-routes.js';

/** Forms and JSON the UI and API take are small; chat bodies have their own limit. */
const BODY_LIMIT = 256 * 1024;

export function createApp(deps: HttpDeps): FastifyInstance {
  const app: FastifyInstance = Fastify({
    ...(deps.logger === undefined ? { logger: false } : { loggerInstance: deps.logger }),
    bodyLimit: BODY_LIMIT,
    genReqId: () => randomBytes(6).toString('hex'),
  });
  const ctx: HttpContext = {
    deps,
    auth: createRequestAuth(deps),
    jobDeps: deps.jobDeps ?? {
      store: deps.store,
      settings: deps.settings,
      clock: deps.clock,
      ...(deps.replyWake === undefined ? {} : { notifyReplies: deps.replyWake }),
    },
  };

  void app.register(cookie);
  addSecurityHeaders(app);
  void app.register(async (scope) => chatRoutes(scope, ctx));
  void app.register(async (scope) => {
    await scope.register(formbody, { bodyLimit: BODY_LIMIT });
    scope.setErrorHandler((error: FastifyError, request, reply) => answerError(error, request, reply));
    scope.setNotFoundHandler((request, reply) => answerNotFound(request, reply));
    await healthRoutes(scope, ctx);
    await sessionRoutes(scope, ctx);
    await consoleApiRoutes(scope, ctx);
    await jobApiRoutes(scope, ctx);
    await projectApiRoutes(scope, ctx);
    await auditApiRoutes(scope, ctx);
    if (deps.extraRoutes !== undefined) await deps.extraRoutes(scope);
    await consolePageRoutes(scope, ctx);
    await auditPageRoutes(scope, ctx);
    await linkPageRoutes(scope, ctx);
    await assetRoutes(scope);
    await jobPageRoutes(scope, ctx);
  });
  return app;
}

function isApi(request: FastifyRequest): boolean {
  return request.url.startsWith('/api/');
}

function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const known = fastifyErrorAnswer(error);
  if (known !== undefined) {
    if (isApi(request) || known.code !== 'invalid_request') return sendApiError(reply, known.code, known.message);
    return sendPage(reply, 400, noticePage({ title: 'Bad request', message: known.message }));
  }
  const reference = String(request.id);
  request.log.error({ err: error, reference }, 'request failed');
  if (isApi(request)) {
    return sendApiError(reply, 'internal_error', `Something went wrong; the server log has the details under reference ${reference}.`, { reference });
  }
  return sendPage(
    reply,
    500,
    noticePage({ title: 'Something went wrong', message: `Please try again. If it keeps failing, give your chatrun admin the reference ${reference}.`, tone: 'failure' }),
  );
}

function answerNotFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (isApi(request)) return sendApiError(reply, 'not_found', `There is no ${request.method} ${request.url.split('?')[0] ?? ''}.`);
  return sendPage(reply, 404, noticePage({ title: 'Not found', message: 'There is no such page.', next: { label: 'Go to the console', href: '/-/console' } }));
}
