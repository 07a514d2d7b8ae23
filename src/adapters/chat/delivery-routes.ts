/**
 * The order of routes both platforms follow (ChatDelivery in
 * src/ports/chat-delivery.ts): the command's response_url while the worker
 * allows it; when it is not allowed or refuses the post (expired, used up),
 * the platform API with the bot token; with neither, no route, and why.
 * The follow-up (the full output as a file) is handed to the worker with a
 * delivery, never run here. Never throws for a network or platform error.
 */
import type { ChatDeliveryOutcome, DeliveryRequest } from '../../ports/chat-delivery.js';
import { deliveryOutcome, noRouteReason } from './chat-delivery-outcome.js';
import type { DeliveryResult } from './delivery-result.js';
import { postToResponseUrl } from './post-to-response-url.js';

export interface PlatformRoutes {
  /** The rendered message: the response_url and the API take the same payload. */
  readonly payload: unknown;
  readonly timeoutMs: number;
  /** Whether a bot token is configured, for the no-route reason. */
  readonly hasBotToken: boolean;
  /** Posts through the API to this channel; undefined when the API cannot be used (no token, no URL). */
  readonly postViaApi: ((channelId: string) => Promise<DeliveryResult>) | undefined;
  /** What follows a delivery; `postedId` is the API post's id (undefined after the response_url). */
  readonly followUp: (postedId: string | undefined) => Promise<void>;
}

export async function deliverByRoutes(request: DeliveryRequest, routes: PlatformRoutes): Promise<ChatDeliveryOutcome> {
  const { destination } = request;
  let refusal: string | undefined;
  if (request.responseUrlAllowed && destination.responseUrl !== null) {
    const posted = await postToResponseUrl(destination.responseUrl, routes.payload, { timeoutMs: routes.timeoutMs });
    if (posted.kind !== 'rejected') return deliveryOutcome(posted, 'response_url', () => routes.followUp(undefined));
    refusal = posted.error;
  }
  if (routes.postViaApi === undefined || destination.channelId === null) {
    return { kind: 'no_route', reason: noRouteReason(refusal, routes.hasBotToken) };
  }
  const posted = await routes.postViaApi(destination.channelId);
  return deliveryOutcome(posted, 'platform_api', () => routes.followUp(posted.kind === 'delivered' ? posted.messageId : undefined));
}
