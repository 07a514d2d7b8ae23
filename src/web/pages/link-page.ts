/**
 * Connecting a chat account to a chatrun account: which account will be
 * linked (platform, team, chat user name) and a Confirm button. The token
 * stays in the URL; the form posts back to the same path.
 */
import { html, type Html } from '../html.js';
import { pageLayout, type PageUser } from '../page-layout.js';

export interface LinkPageInput {
  readonly user: PageUser;
  readonly account: {
    readonly platform: string;
    readonly teamId: string;
    readonly teamDomain?: string;
    readonly chatUserName: string;
    readonly chatUserId: string;
  };
  /** This page's path, where Confirm posts. */
  readonly formPath: string;
  readonly expiresAt?: number;
}

export function linkPage(input: LinkPageInput): Html {
  const { account } = input;
  const team = account.teamDomain === undefined ? account.teamId : `${account.teamDomain} (${account.teamId})`;
  const body = html`<section class="card narrow">
<h1>Connect your chat account</h1>
<p>This connects the chat account below to your chatrun account <strong>${input.user.username}</strong>. Commands it sends will run as you.</p>
<dl class="job-facts link-account">
<div class="fact"><dt>Platform</dt><dd><code>${account.platform}</code></dd></div>
<div class="fact"><dt>Team</dt><dd><code>${team}</code></dd></div>
<div class="fact"><dt>Chat user</dt><dd><code>@${account.chatUserName}</code> <span class="muted">(${account.chatUserId})</span></dd></div>
</dl>
<form method="post" action="${input.formPath}" class="inline-form">
<button type="submit" class="primary" id="confirm-link">Confirm</button>
</form>
<a class="button" href="/-/console">Cancel</a>
</section>`;
  return pageLayout({ title: 'Connect chat account', user: input.user, body });
}
