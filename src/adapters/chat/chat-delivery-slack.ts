/**
 * The Slack routes of ChatDelivery: the command's response_url while the
 * worker allows it, else (or when Slack refuses the response_url, e.g.
 * `expired_url`/`used_url`) `chat.postMessage` with the bot token, in the
 * command's thread when there is one. Long output goes up as a file after
 * the reply, best effort.
 */
import { stripAnsi } from '../../domain/trace/ansi.js';
import type { ChatDeliveryOutcome, DeliveryRequest } from '../../ports/chat-delivery.js';
import { deliverByRoutes } from './delivery-routes.js';
import { renderSlackMessage, SLACK_CODE_BUDGET } from './slack/render-slack-message.js';
import { slackPostMessage, slackUploadFile } from './slack/slack-delivery.js';

export interface SlackDeliverySettings {
  /** e.g. https://slack.com/api */
  readonly apiUrl: string;
  readonly botToken?: string;
}

export async function deliverToSlack(
  request: DeliveryRequest,
  settings: SlackDeliverySettings | undefined,
  timeoutMs: number,
): Promise<ChatDeliveryOutcome> {
  const { destination, content } = request;
  const payload = renderSlackMessage(content.message);
  const token = settings?.botToken;
  const api = settings === undefined || token === undefined || token === '' ? undefined : { url: settings.apiUrl, token };
  return deliverByRoutes(request, {
    payload,
    timeoutMs,
    hasBotToken: token !== undefined && token !== '',
    postViaApi:
      api === undefined
        ? undefined
        : (channel) =>
            slackPostMessage({
              apiUrl: api.url,
              botToken: api.token,
              channel,
              ...(destination.thread === null ? {} : { threadTs: destination.thread }),
              body: payload,
              timeoutMs,
            }),
    followUp: (postedTs) => attachment(request, settings, postedTs, timeoutMs),
  });
}

async function attachment(
  request: DeliveryRequest,
  settings: SlackDeliverySettings | undefined,
  postedTs: string | undefined,
  timeoutMs: number,
): Promise<void> {
  const { content, destination, reply } = request;
  const token = settings?.botToken;
  if (settings === undefined || !token || destination.channelId === null || content.fullOutput === undefined) return;
  if (content.fullOutput.length <= SLACK_CODE_BUDGET && content.message.outputTruncatedFrom === undefined) return;
  const threadTs = postedTs ?? destination.thread ?? undefined;
  const uploaded = await slackUploadFile({
    apiUrl: settings.apiUrl,
    botToken: token,
    channel: destination.channelId,
    ...(threadTs === undefined ? {} : { threadTs }),
    filename: `job-${reply.jobId ?? reply.id}-output.txt`,
    title: `Full output of job #${reply.jobId ?? reply.id}`,
    content: stripAnsi(content.fullOutput),
    timeoutMs,
  });
  if (uploaded.kind !== 'delivered') throw new Error(`attaching the full output failed: ${uploaded.error}`);
}
