import type { ChatMessage } from '../../domain/chat-reply/chat-message.js';

/**
 * The outcome at a glance. Slack has no colour bar for plain blocks, so both
 * platforms lead with the same emoji short code (both render them); neutral
 * messages (help, acknowledgements) get none.
 */
export function toneEmoji(tone: ChatMessage['tone']): string | undefined {
  switch (tone) {
    case 'success':
      return ':white_check_mark:';
    case 'failure':
      return ':x:';
    case 'warning':
      return ':warning:';
    case 'neutral':
      return undefined;
  }
}

/** Failures and warnings (timeout, cancel) need the last lines; the rest the first. */
export function keepFor(tone: ChatMessage['tone']): 'head' | 'tail' {
  return tone === 'failure' || tone === 'warning' ? 'tail' : 'head';
}
