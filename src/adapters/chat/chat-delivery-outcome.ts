/**
 * How one HTTP delivery result reads as a ChatDelivery outcome, shared by
 * the platform routes: a refusal of the platform API is final (`failed`);
 * a refusal of the response_url is not handled here — the routes fall back
 * to the API instead.
 */
import type { ChatDeliveryOutcome, DeliveryRoute } from '../../ports/chat-delivery.js';
import type { DeliveryResult } from './delivery-result.js';

export function deliveryOutcome(
  result: DeliveryResult,
  route: DeliveryRoute,
  followUp: () => Promise<void>,
): ChatDeliveryOutcome {
  switch (result.kind) {
    case 'delivered':
      return { kind: 'delivered', route, followUp, ...(result.messageId === undefined ? {} : { messageId: result.messageId }) };
    case 'retry':
      return { kind: 'retry', route, error: result.error, ...(result.afterMs === undefined ? {} : { afterMs: result.afterMs }) };
    case 'rejected':
      return { kind: 'failed', route, error: result.error };
  }
}

/** Why no route is left, for the reply's record (shown in the web UI). */
export function noRouteReason(refusal: string | undefined, hasToken: boolean): string {
  const why =
    refusal === undefined
      ? 'the response_url can no longer be used (5 posts or 30 minutes)'
      : `the response_url refused it (${refusal})`;
  return hasToken ? `${why}, and the reply names no channel to post to` : `${why}, and no bot token is configured`;
}
