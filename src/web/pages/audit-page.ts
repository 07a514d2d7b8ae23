/**
 * The audit log for admins: newest first, filtered by project, user and
 * decision (what became of the command), paged by id.
 */
import type { AuditEventRecord } from '../../ports/store/audit-log.js';
import { html, type Html } from '../html.js';
import { pageLayout, type PageUser } from '../page-layout.js';
import { timeHtml } from '../time-text.js';

export interface AuditPageFilters {
  readonly project?: string;
  readonly user?: string;
  readonly decision?: string;
}

export interface AuditPageInput {
  readonly user: PageUser;
  readonly events: readonly AuditEventRecord[];
  readonly filters: AuditPageFilters;
  readonly projects: readonly string[];
  readonly usernames: readonly string[];
  readonly decisions: readonly string[];
  /** Query string of the next (older) page, when there is one. */
  readonly olderQuery?: string;
  /** Where each job's page is, by job id (only jobs still known). */
  readonly jobLinks: ReadonlyMap<number, string>;
}

export function auditPage(input: AuditPageInput): Html {
  const body = html`<section class="audit">
<h1>Audit log</h1>
<form method="get" action="/-/admin/audit" class="filters">
${select('project', 'Project', input.projects, input.filters.project)}
${select('user', 'User', input.usernames, input.filters.user)}
${select('decision', 'Outcome', input.decisions, input.filters.decision)}
<button type="submit">Filter</button>
</form>
${input.events.length === 0 ? html`<p class="muted">No events match.</p>` : table(input)}
${input.olderQuery === undefined ? '' : html`<p><a class="button" href="/-/admin/audit?${input.olderQuery}">Older events</a></p>`}
</section>`;
  return pageLayout({ title: 'Audit log', user: input.user, body, bodyClass: 'page page-audit' });
}

function select(name: string, label: string, options: readonly string[], current: string | undefined): Html {
  const all = current !== undefined && !options.includes(current) ? [current, ...options] : options;
  return html`<label>${label} <select name="${name}"><option value="">any</option>${all.map(
    (o) => html`<option value="${o}"${o === current ? html` selected` : ''}>${o}</option>`,
  )}</select></label>`;
}

function table(input: AuditPageInput): Html {
  return html`<table class="audit-table">
<thead><tr><th>When</th><th>Who</th><th>Where</th><th>Input</th><th>Decision</th><th>Project</th><th>Job</th><th>Outcome</th></tr></thead>
<tbody>${input.events.map((event) => row(event, input.jobLinks))}</tbody>
</table>`;
}

function row(event: AuditEventRecord, jobLinks: ReadonlyMap<number, string>): Html {
  const where = [event.platform, event.channelName === null ? null : `#${event.channelName}`].filter((p) => p !== null).join(' ');
  const link = event.jobId === null ? undefined : jobLinks.get(event.jobId);
  const job = event.jobId === null ? '' : link === undefined ? html`#${event.jobId}` : html`<a href="${link}">#${event.jobId}</a>`;
  return html`<tr class="audit-row" data-decision="${event.decision}">
<td>${timeHtml(event.at)}</td>
<td>${event.username ?? html`<span class="muted">${event.chatUserId ?? '—'}</span>`}</td>
<td>${where}</td>
<td><code class="audit-text">${event.text ?? ''}</code></td>
<td><span class="decision decision-${event.decision}">${event.decision}</span>${event.reason === null ? '' : html`<div class="muted small">${event.reason}</div>`}</td>
<td>${event.projectPath ?? ''}</td>
<td>${job}</td>
<td>${event.outcome ?? ''}</td>
</tr>`;
}
