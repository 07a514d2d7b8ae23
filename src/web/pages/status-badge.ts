/** A job status as a coloured badge, in GitLab's words (no synonyms). */
import type { JobStatus } from '../../domain/job/job-status.js';
import { html, type Html } from '../html.js';

export function statusBadge(status: JobStatus): Html {
  return html`<span class="badge status-${status}" data-status="${status}">${status}</span>`;
}
