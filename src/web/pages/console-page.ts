/**
 * The web console: a chat channel of one's own. console.js sends what is
 * typed to the console API (the same use case as Slack and Mattermost),
 * shows the answer, follows the job and shows its final reply. With several
 * projects, the picker names the project for commands that name none.
 */
import { html, type Html } from '../html.js';
import { pageLayout, type PageUser } from '../page-layout.js';

export interface ConsoleProject {
  readonly path: string;
  readonly role: string;
}

export interface ConsolePageInput {
  readonly user: PageUser;
  readonly projects: readonly ConsoleProject[];
  /** The slash command as the console shows it, e.g. `/chatrun`. */
  readonly commandName: string;
  readonly channelName: string;
}

export function consolePage(input: ConsolePageInput): Html {
  const picker =
    input.projects.length > 1
      ? html`<label class="project-picker">Project
<select id="project" name="project">
<option value="">(as the command says)</option>
${input.projects.map((p, i) => html`<option value="${p.path}"${i === 0 ? html` selected` : ''}>${p.path} (${p.role})</option>`)}
</select></label>`
      : input.projects.length === 1
        ? html`<span class="project-only">Project <code>${input.projects[0]?.path ?? ''}</code></span>`
        : html`<span class="project-only muted">You are not a member of any project yet.</span>`;
  const body = html`<section class="console" id="console" data-command="${input.commandName}" data-user="${input.user.username}">
<div class="channel-head"><h1># ${input.channelName}</h1>${picker}</div>
<ol class="channel-log" id="channel-log" aria-live="polite">
<li class="chat-entry system"><div class="chat-message tone-neutral in_channel"><p class="chat-text">Type <code>${input.commandName} help</code> to see the jobs you may run, or <code>${input.commandName} run hello-world</code>.</p></div></li>
</ol>
<form id="composer" class="composer" autocomplete="off">
<input id="command-text" name="text" aria-label="Command" placeholder="${input.commandName} run hello-world" autofocus>
<button type="submit" class="primary">Send</button>
</form>
<noscript><p class="error">The console needs JavaScript.</p></noscript>
</section>`;
  return pageLayout({ title: 'Console', user: input.user, body, scripts: ['console.js'], bodyClass: 'page page-console' });
}
