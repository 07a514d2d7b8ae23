/**
 * One job: its status, who ran it and from where, the CHAT_INPUT, the trace
 * with colours and collapsible sections, Play/Cancel for those allowed, and
 * what became of the chat replies owed for it. job.js follows the live log
 * while the job is not finished. Job variables are never shown (masked
 * values are only ever in the runner's environment and masked traces).
 */
import type { JobStatus } from '../../domain/job/job-status.js';
import { isFinished } from '../../domain/job/job-status.js';
import { html, type Html } from '../html.js';
import { pageLayout, type PageUser } from '../page-layout.js';
import { elapsedText, timeHtml } from '../time-text.js';
import { replyListHtml, type ReplyView } from './reply-list.js';
import { statusBadge } from './status-badge.js';

export interface JobPageInput {
  readonly user: PageUser;
  readonly projectPath: string;
  readonly job: {
    readonly id: number;
    readonly name: string;
    readonly stage: string;
    readonly status: JobStatus;
    readonly failureReason: string | null;
    readonly exitCode: number | null;
    readonly when: string;
    readonly createdAt: number;
    readonly startedAt: number | null;
    readonly finishedAt: number | null;
  };
  readonly pipelineId: number;
  readonly ref: string;
  readonly shortSha: string;
  readonly triggeredBy?: { readonly username: string; readonly name: string };
  readonly origin: {
    readonly source: string;
    readonly platform?: string;
    readonly channelName?: string;
    readonly chatUserName?: string;
  };
  /** ARGS of the command that made the job; null when it had none, undefined when not a chat job. */
  readonly chatInput?: string | null;
  readonly trace: Html;
  readonly traceSize: number;
  readonly canPlay: boolean;
  readonly canCancel: boolean;
  readonly replies: readonly ReplyView[];
  /** Where Play and Cancel post (the job page's own URL). */
  readonly pagePath: string;
}

export function jobPage(input: JobPageInput): Html {
  const { job } = input;
  const live = !isFinished(job.status);
  const body = html`<section class="job" id="job" data-job-id="${job.id}" data-trace-size="${input.traceSize}" data-status="${job.status}" data-live="${live ? 'true' : 'false'}">
<div class="job-head">
<p class="crumbs"><a href="/-/console">Console</a> / <code>${input.projectPath}</code> / pipeline #${input.pipelineId}</p>
<h1>${statusBadge(job.status)} <span class="job-name">${job.name}</span> <span class="job-number">#${job.id}</span></h1>
<div class="job-actions">${actions(input)}</div>
</div>
<dl class="job-facts">
${fact('Triggered by', input.triggeredBy === undefined ? html`<span class="muted">unknown</span>` : html`<span title="${input.triggeredBy.name}">${input.triggeredBy.username}</span>`)}
${fact('From', originHtml(input.origin))}
${input.chatInput === undefined ? '' : fact('CHAT_INPUT', input.chatInput === null || input.chatInput === '' ? html`<span class="muted">(empty)</span>` : html`<pre class="chat-input">${input.chatInput}</pre>`)}
${fact('Stage', html`<code>${job.stage}</code>`)}
${fact('Commit', html`<code>${input.ref}</code> @ <code>${input.shortSha}</code>`)}
${job.when === 'manual' ? fact('When', html`<code>manual</code>`) : ''}
${fact('Created', timeHtml(job.createdAt))}
${fact('Started', timeHtml(job.startedAt))}
${fact('Finished', timeHtml(job.finishedAt))}
${job.startedAt !== null && job.finishedAt !== null ? fact('Duration', html`${elapsedText(job.startedAt, job.finishedAt)}`) : ''}
${job.failureReason === null ? '' : fact('Failure reason', html`<code class="failure">${job.failureReason}</code>`)}
${job.exitCode === null ? '' : fact('Exit code', html`<code>${job.exitCode}</code>`)}
</dl>
<h2>Log</h2>
<div class="trace term" id="trace" role="log">${input.trace}<div class="trace-live" id="trace-live"></div></div>
${live ? html`<p class="follow-note muted" id="follow-note">Following the log…</p>` : ''}
<h2>Chat replies</h2>
<div id="replies">${replyListHtml(input.replies)}</div>
</section>`;
  return pageLayout({
    title: `${job.name} #${job.id}`,
    user: input.user,
    body,
    scripts: ['job.js'],
    bodyClass: 'page page-job',
  });
}

function actions(input: JobPageInput): Html {
  const play = input.canPlay
    ? html`<form method="post" action="${input.pagePath}/play" class="inline-form"><button type="submit" class="primary" id="play-button">Play</button></form>`
    : '';
  const cancel = input.canCancel
    ? html`<form method="post" action="${input.pagePath}/cancel" class="inline-form"><button type="submit" class="danger" id="cancel-button">Cancel</button></form>`
    : '';
  return html`${play}${cancel}`;
}

function fact(label: string, value: Html): Html {
  return html`<div class="fact"><dt>${label}</dt><dd>${value}</dd></div>`;
}

function originHtml(origin: JobPageInput['origin']): Html {
  if (origin.platform === undefined) return html`<code>${origin.source}</code>`;
  const channel = origin.channelName === undefined ? '' : html` in <code>#${origin.channelName}</code>`;
  const who = origin.chatUserName === undefined ? '' : html` by <code>@${origin.chatUserName}</code>`;
  return html`<code>${origin.platform}</code>${channel}${who}`;
}
