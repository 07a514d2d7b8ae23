/**
 * What became of the chat replies owed for a job: delivered, still pending
 * (with the next attempt), expired (kept here instead), failed. The message
 * itself is shown as the console would show it.
 */
import { html, type Html } from '../html.js';
import { timeHtml } from '../time-text.js';

export interface ReplyView {
  readonly id: number;
  readonly kind: string;
  readonly platform: string;
  readonly state: string;
  readonly attempts: number;
  readonly nextAttemptAt: number;
  readonly deliveredAt: number | null;
  readonly expiresAt: number | null;
  readonly lastError: string | null;
  readonly message?: Html;
}

export function replyListHtml(replies: readonly ReplyView[]): Html {
  if (replies.length === 0) return html`<p class="muted">No chat replies for this job.</p>`;
  return html`<ol class="reply-list">${replies.map(replyHtml)}</ol>`;
}

function replyHtml(reply: ReplyView): Html {
  return html`<li class="reply reply-${reply.state}" data-reply-state="${reply.state}">
<p class="reply-head"><span class="reply-kind">${reply.kind}</span> to <code>${reply.platform}</code>: <strong class="reply-state">${reply.state}</strong> ${stateDetail(reply)}</p>
${reply.message ?? ''}
</li>`;
}

function stateDetail(reply: ReplyView): Html {
  const attempts = reply.attempts === 1 ? '1 attempt' : `${reply.attempts} attempts`;
  const error = reply.lastError === null ? '' : html` — last error: <code>${reply.lastError}</code>`;
  switch (reply.state) {
    case 'delivered':
      return html`at ${timeHtml(reply.deliveredAt)}`;
    case 'pending':
      return html`(${attempts}; next attempt at ${timeHtml(reply.nextAttemptAt)})${error}`;
    case 'delivering':
      return html`(${attempts}; being sent now)`;
    case 'expired':
      return html`(the chat could no longer be reached; kept here)${error}`;
    default:
      return html`(${attempts})${error}`;
  }
}
