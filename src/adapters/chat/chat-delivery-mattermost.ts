/**
 * The Mattermost routes of ChatDelivery: the command's response_url while
 * the worker allows it, else (or when Mattermost refuses it: 404 expired,
 * 400 used up) `POST /api/v4/posts` with the bot account's token, under the
 * command's root post when there is one. The API lives on the server the
 * response_url points at unless configured otherwise. Long output goes up
 * as a file in a follow-up post, best effort.
 */
import { stripAnsi } from '../../domain/trace/ansi.js';
import type { ChatDeliveryOutcome, DeliveryRequest } from '../../ports/chat-delivery.js';
import { deliverByRoutes } from './delivery-routes.js';
import { mattermostCreatePost, mattermostUploadFile } from './mattermost/mattermost-delivery.js';
import { MATTERMOST_MESSAGE_LIMIT, renderMattermostMessage } from './mattermost/render-mattermost-message.js';

export interface MattermostDeliverySettings {
  /** The server's base URL (SiteURL); default: the origin of the response_url. */
  readonly apiUrl?: string;
  readonly botToken?: string;
}

// Output this long cannot fit beside the message text in one post.
const ATTACH_ABOVE = MATTERMOST_MESSAGE_LIMIT / 2;

export async function deliverToMattermost(
  request: DeliveryRequest,
  settings: MattermostDeliverySettings | undefined,
  timeoutMs: number,
): Promise<ChatDeliveryOutcome> {
  const { destination, content } = request;
  const payload = renderMattermostMessage(content.message);
  const api = apiOf(request, settings);
  return deliverByRoutes(request, {
    payload,
    timeoutMs,
    hasBotToken: Boolean(settings?.botToken),
    postViaApi:
      api === undefined
        ? undefined
        : (channelId) =>
            mattermostCreatePost({
              apiUrl: api.url,
              botToken: api.token,
              channelId,
              ...(destination.thread === null ? {} : { rootId: destination.thread }),
              body: payload,
              timeoutMs,
            }),
    followUp: () => attachment(request, api, timeoutMs),
  });
}

function apiOf(
  request: DeliveryRequest,
  settings: MattermostDeliverySettings | undefined,
): { url: string; token: string } | undefined {
  const token = settings?.botToken;
  if (!token) return undefined;
  if (settings?.apiUrl) return { url: settings.apiUrl, token };
  const responseUrl = request.destination.responseUrl;
  if (responseUrl === null || !URL.canParse(responseUrl)) return undefined;
  return { url: new URL(responseUrl).origin, token };
}

async function attachment(
  request: DeliveryRequest,
  api: { url: string; token: string } | undefined,
  timeoutMs: number,
): Promise<void> {
  const { content, destination, reply } = request;
  if (api === undefined || destination.channelId === null || content.fullOutput === undefined) return;
  if (content.fullOutput.length <= ATTACH_ABOVE && content.message.outputTruncatedFrom === undefined) return;
  const id = reply.jobId ?? reply.id;
  const uploaded = await mattermostUploadFile({
    apiUrl: api.url,
    botToken: api.token,
    channelId: destination.channelId,
    filename: `job-${id}-output.txt`,
    content: stripAnsi(content.fullOutput),
    timeoutMs,
  });
  if (uploaded.kind !== 'delivered' || uploaded.messageId === undefined) {
    throw new Error(`attaching the full output failed: ${uploaded.kind === 'delivered' ? 'no file id' : uploaded.error}`);
  }
  const posted = await mattermostCreatePost({
    apiUrl: api.url,
    botToken: api.token,
    channelId: destination.channelId,
    ...(destination.thread === null ? {} : { rootId: destination.thread }),
    body: { response_type: 'in_channel', text: `Full output of job #${id}`, skip_slack_parsing: true },
    fileIds: [uploaded.messageId],
    timeoutMs,
  });
  if (posted.kind !== 'delivered') throw new Error(`posting the full output failed: ${posted.error}`);
}
