import { createHmac } from 'node:crypto';

/**
 * Slack's v0 request signature: `v0=` + hex HMAC-SHA256, keyed with the
 * signing secret as UTF-8 text, over `v0:<timestamp>:<raw body bytes>`.
 */
export function slackSignature(signingSecret: string, timestamp: string, rawBody: string | Uint8Array): string {
  const hmac = createHmac('sha256', Buffer.from(signingSecret, 'utf8'));
  hmac.update(`v0:${timestamp}:`, 'utf8');
  hmac.update(typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody);
  return `v0=${hmac.digest('hex')}`;
}
