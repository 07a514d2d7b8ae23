/**
 * A ChatMessage as the web console shows it: the same words the chat gets,
 * with links clickable, code spans as code, and the job's output in a code
 * block with its ANSI colours (chat platforms strip them; the console can
 * show them). The text's markup arrives already split into parts by the
 * caller (the chat adapters own that grammar), so this view never
 * interprets the text itself.
 */
import type { ChatMessage } from '../domain/chat-reply/chat-message.js';
import { parseAnsi } from '../domain/trace/ansi.js';
import { ansiSpansHtml } from './ansi-html.js';
import { html, joinHtml, type Html } from './html.js';

export type MessageTextPart =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly label: string; readonly url: string }
  | { readonly kind: 'code'; readonly text: string };

export function chatMessageHtml(message: ChatMessage, parts: readonly MessageTextPart[]): Html {
  const mention = message.mention === undefined ? '' : html`<span class="mention">@${message.mention.chatUserName}</span> `;
  const output = message.output === undefined || message.output === '' ? '' : html`<pre class="chat-output term">${outputHtml(message.output)}</pre>`;
  const showLogLink = message.logUrl !== undefined && !parts.some((p) => p.kind === 'link' && p.url === message.logUrl);
  const meta = [
    message.visibility === 'ephemeral' ? html`<span class="only-you">Only visible to you</span>` : undefined,
    showLogLink && message.logUrl !== undefined ? html`<a href="${message.logUrl}">Job log</a>` : undefined,
  ].filter((part): part is Html => part !== undefined);
  return html`<div class="chat-message tone-${message.tone} ${message.visibility}"><p class="chat-text">${mention}${joinHtml(
    parts.map(partHtml),
  )}</p>${output}${meta.length === 0 ? '' : html`<p class="chat-meta">${joinHtml(meta, ' · ')}</p>`}</div>`;
}

function partHtml(part: MessageTextPart): Html {
  if (part.kind === 'code') return html`<code>${part.text}</code>`;
  // Only web links become anchors, whoever built the parts: no `javascript:` href can reach a page.
  if (part.kind === 'link') {
    return /^(?:https?:\/\/|mailto:)/i.test(part.url) ? html`<a href="${part.url}">${part.label}</a>` : html`${part.label}`;
  }
  return html`${part.text}`;
}

/** Output lines with colours; a carriage return inside a line keeps what a terminal would show last. */
function outputHtml(output: string): Html {
  const lines = output.split('\n').map((line) => {
    const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
    return trimmed.slice(trimmed.lastIndexOf('\r') + 1);
  });
  return ansiSpansHtml(parseAnsi(lines.join('\n')));
}
