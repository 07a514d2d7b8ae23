import type { ChatMessage } from '../../../domain/chat-reply/chat-message.js';
import { codeBlockText } from '../code-block-text.js';
import { fitOutput } from '../fit-output.js';
import { truncationNotice } from '../truncation-notice.js';
import { keepFor, toneEmoji } from '../tone-emoji.js';
import { escapeSlackText, slackEscapedCost, slackLink, slackMrkdwn, splitMrkdwn } from './slack-mrkdwn.js';

/**
 * ChatMessage → the JSON Slack takes as an immediate slash-command answer,
 * a response_url post, or (with channel/thread added by slackPostMessage) a
 * chat.postMessage call. Stays inside Slack's limits: section text ≤ 3000
 * characters, ≤ 50 blocks; output longer than the code budget is cut (head
 * for success, tail for failure) and says so, with the log link.
 */
export interface SlackMessagePayload {
  readonly response_type: 'ephemeral' | 'in_channel';
  /** Notification and screen-reader fallback; Slack shows the blocks. */
  readonly text: string;
  readonly blocks: readonly SlackBlock[];
}

export type SlackBlock =
  | { readonly type: 'section'; readonly text: SlackText }
  | { readonly type: 'context'; readonly elements: readonly SlackText[] };

export interface SlackText {
  readonly type: 'mrkdwn';
  readonly text: string;
}

export const SLACK_SECTION_LIMIT = 3000;
export const SLACK_BLOCK_LIMIT = 50;
/** Room for the output itself inside a section, leaving the fence and marker. */
export const SLACK_CODE_BUDGET = 2900;

export function renderSlackMessage(message: ChatMessage): SlackMessagePayload {
  const headline = [
    toneEmoji(message.tone),
    message.mention ? `<@${message.mention.chatUserId}>` : undefined,
    slackMrkdwn(message.text),
  ]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' ');
  const tail = outputBlocks(message);
  const room = SLACK_BLOCK_LIMIT - tail.length;
  let pieces = headline === '' ? [] : splitMrkdwn(headline, SLACK_SECTION_LIMIT);
  if (pieces.length > room) pieces = [...pieces.slice(0, room - 1), '… (message shortened)'];
  const blocks: SlackBlock[] = [...pieces.map(section), ...tail];
  return {
    response_type: message.visibility,
    text: pieces[0] ?? (message.output ? 'Job output' : 'chatrun'),
    blocks,
  };
}

function outputBlocks(message: ChatMessage): SlackBlock[] {
  const blocks: SlackBlock[] = [];
  const display = message.output === undefined ? '' : codeBlockText(message.output);
  let noticed = false;
  if (display.trim() !== '') {
    const keep = keepFor(message.tone);
    const fitted = fitOutput(display, { budget: SLACK_CODE_BUDGET, keep, cost: slackEscapedCost });
    const body = escapeSlackText(fitted.text);
    const marked = fitted.truncated ? (keep === 'head' ? `${body}\n…` : `…\n${body}`) : body;
    blocks.push(section(`\`\`\`\n${marked}\n\`\`\``));
    if (fitted.truncated) {
      const notice = escapeSlackText(truncationNotice(keep, fitted, message.outputTruncatedFrom));
      const link = message.logUrl ? ` ${slackLink(message.logUrl, 'Full log')}` : '';
      blocks.push(context(`_${notice}_${link}`));
      noticed = true;
    }
  }
  // The composer's text says when it sent only the end of the output; the link must still be there.
  if (!noticed && message.logUrl && !message.text.includes(message.logUrl)) {
    const label = message.outputTruncatedFrom !== undefined ? 'Full log' : 'Job log';
    blocks.push(context(slackLink(message.logUrl, label)));
  }
  return blocks;
}

function section(text: string): SlackBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

function context(text: string): SlackBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text }] };
}
