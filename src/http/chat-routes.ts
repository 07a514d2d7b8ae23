/**
 * The slash-command endpoints, POST /chat/slack and POST /chat/mattermost,
 * in their own scope: bodies arrive as raw bytes (Slack signs the exact
 * bytes, so they must not be re-encoded before checking), at most
 * `chatBodyLimitBytes` (413 beyond), form-encoded only (415 otherwise).
 *
 * Order per request: authenticate (401 and nothing else: no command
 * recorded, no audit event) → parse (400 naming the field) → the use case
 * → 200 with the platform's message → wake the runner and the reply
 * worker. Past authentication every failure still answers 200 with an
 * ephemeral "something went wrong, reference …": the chat shows our text
 * instead of its own opaque error, and the reference finds the log line.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { randomBytes } from 'node:crypto';
import { parseMattermostCommand } from '../adapters/chat/mattermost/parse-mattermost-command.js';
import { renderMattermostMessage } from '../adapters/chat/mattermost/render-mattermost-message.js';
import { verifyMattermostRequest } from '../adapters/chat/mattermost/verify-mattermost-request.js';
import { isSlackSslCheck, parseSlackCommand } from '../adapters/chat/slack/parse-slack-command.js';
import { renderSlackMessage } from '../adapters/chat/slack/render-slack-message.js';
import { verifySlackRequest } from '../adapters/chat/slack/verify-slack-request.js';
import { handleChatCommand } from '../app/handle-chat-command.js';
import type { ChatMessage } from '../domain/chat-reply/chat-message.js';
import type { ChatPlatform, ParseChatCommandResult } from '../domain/chat-command/chat-command-request.js';
import { sendApiError } from './api-error.js';
import { DEFAULT_CHAT_BODY_LIMIT } from './http-deps.js';
import { wake, type HttpContext } from './http-context.js';
import { fastifyErrorAnswer } from './fastify-error-answer.js';

interface ChatEndpoint {
  readonly platform: Exclude<ChatPlatform, 'web'>;
  /** undefined: authentic; else the refusal already sent. */
  authenticate(raw: Buffer, request: FastifyRequest, reply: FastifyReply): FastifyReply | undefined;
  parse(raw: Buffer, request: FastifyRequest): ParseChatCommandResult;
  render(message: ChatMessage): unknown;
}

export async function chatRoutes(app: FastifyInstance, ctx: HttpContext): Promise<void> {
  const { deps } = ctx;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'buffer', bodyLimit: deps.chatBodyLimitBytes ?? DEFAULT_CHAT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = fastifyErrorAnswer(error);
    if (known !== undefined) return sendApiError(reply, known.code, known.message);
    return somethingWentWrong(request, reply, error, endpointFor(request.url));
  });

  const slack: ChatEndpoint = {
    platform: 'slack',
    authenticate(raw, request, reply) {
      const secrets = deps.slack?.signingSecrets ?? [];
      if (secrets.length === 0) return sendApiError(reply, 'platform_not_configured', 'Slack is not configured on this server.');
      const verdict = verifySlackRequest({
        signingSecret: secrets,
        rawBody: raw,
        headers: request.headers,
        nowSeconds: Math.floor(deps.clock.now() / 1000),
      });
      if (verdict.ok) return undefined;
      request.log.warn({ reason: verdict.reason }, 'refused a Slack request');
      return sendApiError(reply, 'bad_signature', verdict.message);
    },
    parse: (raw, request) => parseSlackCommand(raw, request.headers),
    render: renderSlackMessage,
  };
  const mattermost: ChatEndpoint = {
    platform: 'mattermost',
    authenticate(raw, request, reply) {
      const tokens = deps.mattermost?.tokens ?? [];
      if (tokens.length === 0) {
        return sendApiError(reply, 'platform_not_configured', 'Mattermost is not configured on this server.');
      }
      const verdict = verifyMattermostRequest({ tokens, rawBody: raw, headers: request.headers });
      if (verdict.ok) return undefined;
      request.log.warn({ reason: verdict.reason }, 'refused a Mattermost request');
      return sendApiError(reply, 'bad_token', verdict.message);
    },
    parse: (raw) => parseMattermostCommand(raw),
    render: renderMattermostMessage,
  };
  const endpoints = { '/chat/slack': slack, '/chat/mattermost': mattermost } as const;
  const endpointFor = (url: string): ChatEndpoint | undefined =>
    url.startsWith('/chat/slack') ? slack : url.startsWith('/chat/mattermost') ? mattermost : undefined;

  for (const [path, endpoint] of Object.entries(endpoints)) {
    app.post(path, async (request, reply) => {
      const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      if (endpoint.platform === 'slack' && isSlackSslCheck(raw)) return reply.code(200).send('');
      const refused = endpoint.authenticate(raw, request, reply);
      if (refused !== undefined) return refused;
      const parsed = endpoint.parse(raw, request);
      if (!parsed.ok) {
        if (parsed.reason === 'ssl_check') return reply.code(200).send('');
        deps.metrics.countCommand(endpoint.platform, 'bad_request');
        return sendApiError(reply, parsed.reason, parsed.message, parsed.field === undefined ? {} : { field: parsed.field });
      }
      const answer = await handleChatCommand(deps.commandDeps, parsed.request);
      reply.code(200).type('application/json; charset=utf-8').send(endpoint.render(answer.message));
      if (answer.jobId !== undefined) wake(deps.runnerWake);
      wake(deps.replyWake);
      // A deferred command creates its job (and its answer) after we replied.
      void answer.background?.then(() => {
        wake(deps.runnerWake);
        wake(deps.replyWake);
      });
      return reply;
    });
  }
}

function somethingWentWrong(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  endpoint: ChatEndpoint | undefined,
): FastifyReply {
  const reference = randomBytes(6).toString('hex');
  request.log.error({ err: error, reference }, 'chat command failed');
  const message: ChatMessage = {
    visibility: 'ephemeral',
    tone: 'failure',
    text: `Something went wrong while handling this command. Please try again; if it keeps failing, give your chatrun admin the reference ${reference}.`,
  };
  const body = endpoint === undefined ? message : endpoint.render(message);
  return reply.code(200).type('application/json; charset=utf-8').send(body);
}
