/**
 * The frame every page shares: head, top bar with the signed-in user, and
 * the one stylesheet. Pages pass their body as Html; scripts are served from
 * /-/assets/ (the Content-Security-Policy allows no inline script).
 */
import { html, type Html } from './html.js';

export const ASSET_PATH = '/-/assets';

/** The signed-in person as pages show them. */
export interface PageUser {
  readonly username: string;
  readonly name: string;
  readonly isAdmin: boolean;
}

export interface PageInput {
  readonly title: string;
  readonly user?: PageUser;
  readonly body: Html;
  /** Asset file names, e.g. `job.js`. */
  readonly scripts?: readonly string[];
  readonly bodyClass?: string;
}

export function pageLayout(input: PageInput): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title} · chatrun</title>
<link rel="stylesheet" href="${ASSET_PATH}/chatrun.css">
</head>
<body class="${input.bodyClass ?? 'page'}">
<header class="topbar">
<a class="brand" href="/-/console">chatrun</a>
${input.user === undefined ? '' : navigation(input.user)}
</header>
<main class="content">
${input.body}
</main>
${(input.scripts ?? []).map((name) => html`<script type="module" src="${ASSET_PATH}/${name}"></script>`)}
</body>
</html>
`;
}

function navigation(user: PageUser): Html {
  return html`<nav class="topnav">
<a href="/-/console">Console</a>
${user.isAdmin ? html`<a href="/-/admin/audit">Audit log</a>` : ''}
</nav>
<div class="who">
<span class="who-name" title="${user.name}">${user.username}</span>
<form method="post" action="/-/sign_out" class="inline-form"><button type="submit" class="link-button">Sign out</button></form>
</div>`;
}
