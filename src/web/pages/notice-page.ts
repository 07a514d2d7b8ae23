/**
 * A page that only says something: not found, not allowed, a link that
 * expired. Used wherever a page cannot show what was asked for.
 */
import { html, type Html } from '../html.js';
import { pageLayout, type PageUser } from '../page-layout.js';

export interface NoticePageInput {
  readonly title: string;
  readonly message: string;
  readonly user?: PageUser;
  readonly tone?: 'neutral' | 'success' | 'failure' | 'warning';
  /** A way on, e.g. back to the console. */
  readonly next?: { readonly label: string; readonly href: string };
}

export function noticePage(input: NoticePageInput): Html {
  const body = html`<section class="card narrow notice-card tone-${input.tone ?? 'neutral'}">
<h1>${input.title}</h1>
<p>${input.message}</p>
${input.next === undefined ? '' : html`<p><a class="button" href="${input.next.href}">${input.next.label}</a></p>`}
</section>`;
  return pageLayout({ title: input.title, body, ...(input.user === undefined ? {} : { user: input.user }) });
}
