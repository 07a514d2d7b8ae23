import type { ChatMessage } from '../../../domain/chat-reply/chat-message.js';
import { codeBlockText } from '../code-block-text.js';
import { fitOutput } from '../fit-output.js';
import { keepFor, toneEmoji } from '../tone-emoji.js';
import { truncationNotice } from '../truncation-notice.js';
import { escapeMattermostText, mattermostLink, mattermostMarkdown } from './mattermost-markdown.js';

/**
 * ChatMessage → Mattermost's command-response JSON (immediate answer or
 * response_url post); mattermostCreatePost turns the same value into a
 * `POST /api/v4/posts` body. The mention and text go in `text` (mentions
 * inside attachments do not notify); output goes in an attachment coloured
 * by tone, as a ```shell block. Everything together stays within
 * Mattermost's 16,383-character message limit.
 */
export interface MattermostMessagePayload {
  readonly response_type: 'ephemeral' | 'in_channel';
  readonly text: string;
  readonly attachments?: readonly MattermostAttachment[];
  /** Our text is Markdown; Slack-style `<url|label>` translation would garble it. */
  readonly skip_slack_parsing: true;
}

export interface MattermostAttachment {
  readonly fallback: string;
  readonly color?: string;
  readonly text: string;
}

export const MATTERMOST_MESSAGE_LIMIT = 16_383;
// Fences, notice sentence and log link, with room to spare.
const ATTACHMENT_OVERHEAD = 600;

export function renderMattermostMessage(message: ChatMessage): MattermostMessagePayload {
  const headline = [toneEmoji(message.tone), message.mention ? `@${message.mention.chatUserName}` : undefined]
    .filter((part): part is string => part !== undefined)
    .concat(mattermostMarkdown(message.text))
    .filter((part) => part !== '')
    .join(' ');
  const display = message.output === undefined ? '' : codeBlockText(message.output);
  const hasOutput = display.trim() !== '';
  const text = shorten(headline, hasOutput ? MATTERMOST_MESSAGE_LIMIT / 2 : MATTERMOST_MESSAGE_LIMIT);
  // The composer's text says when it sent only the end of the output; the link must still be there.
  const logLink =
    message.logUrl && !message.text.includes(message.logUrl)
      ? mattermostLink(message.logUrl, message.outputTruncatedFrom !== undefined ? 'Full log' : 'Job log')
      : undefined;
  if (!hasOutput) {
    const full = logLink ? `${text}\n${logLink}` : text;
    return { response_type: message.visibility, text: shorten(full, MATTERMOST_MESSAGE_LIMIT), skip_slack_parsing: true };
  }
  const keep = keepFor(message.tone);
  const fallback = `${message.tone === 'neutral' ? 'Job output' : `Job ${message.tone}`}`;
  const budget = MATTERMOST_MESSAGE_LIMIT - text.length - fallback.length - ATTACHMENT_OVERHEAD;
  const fitted = fitOutput(display, { budget, keep });
  const body = fitted.truncated ? (keep === 'head' ? `${fitted.text}\n…` : `…\n${fitted.text}`) : fitted.text;
  const notes: string[] = [];
  if (fitted.truncated) {
    const full = message.logUrl ? ` ${mattermostLink(message.logUrl, 'Full log')}` : '';
    notes.push(`_${escapeMattermostText(truncationNotice(keep, fitted, message.outputTruncatedFrom))}_${full}`);
  } else if (logLink) notes.push(logLink);
  const attachment: MattermostAttachment = {
    fallback,
    ...colourFor(message.tone),
    text: ['```shell', body, '```', ...notes].join('\n'),
  };
  return { response_type: message.visibility, text, attachments: [attachment], skip_slack_parsing: true };
}

/** Total characters Mattermost counts against its message limit (conservatively, UTF-16 units). */
export function mattermostMessageLength(payload: MattermostMessagePayload): number {
  return (
    payload.text.length +
    (payload.attachments ?? []).reduce((sum, a) => sum + a.text.length + a.fallback.length, 0)
  );
}

// Green and red as GitLab's Mattermost responder used them; amber for warnings.
function colourFor(tone: ChatMessage['tone']): { color?: string } {
  switch (tone) {
    case 'success':
      return { color: '#00c100' };
    case 'failure':
      return { color: '#e40303' };
    case 'warning':
      return { color: '#f0ad4e' };
    case 'neutral':
      return {};
  }
}

function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.lastIndexOf('\n', max - 2);
  const end = cut > max / 2 ? cut : max - 2;
  const code = text.charCodeAt(end - 1);
  return `${text.slice(0, code >= 0xd800 && code <= 0xdbff ? end - 1 : end)}\n…`;
}
