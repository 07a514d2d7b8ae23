/**
 * ChatDelivery over the Slack and Mattermost clients of this folder: picks
 * the platform's routes (./chat-delivery-slack.ts,
 * ./chat-delivery-mattermost.ts). A platform it has no route for (Discord
 * and Teams, later) answers `no_route`, and the worker marks such a reply
 * expired — it stays readable in the web UI.
 */
import type { ChatDelivery, ChatDeliveryOutcome, DeliveryRequest } from '../../ports/chat-delivery.js';
import { deliverToMattermost, type MattermostDeliverySettings } from './chat-delivery-mattermost.js';
import { deliverToSlack, type SlackDeliverySettings } from './chat-delivery-slack.js';
import { DEFAULT_TIMEOUT_MS } from './send-http-request.js';

export interface ChatDeliverySettings {
  readonly slack?: SlackDeliverySettings;
  readonly mattermost?: MattermostDeliverySettings;
  /** Per HTTP request (default 10 s). */
  readonly timeoutMs?: number;
}

export function createChatDelivery(settings: ChatDeliverySettings): ChatDelivery {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    deliver(request: DeliveryRequest): Promise<ChatDeliveryOutcome> {
      switch (request.reply.platform) {
        case 'slack':
          return deliverToSlack(request, settings.slack, timeoutMs);
        case 'mattermost':
          return deliverToMattermost(request, settings.mattermost, timeoutMs);
        default:
          return Promise.resolve({ kind: 'no_route', reason: `chatrun cannot post to ${request.reply.platform} yet` });
      }
    },
  };
}
