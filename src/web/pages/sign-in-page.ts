/**
 * The sign-in form. `returnTo` (a local path, checked by the caller) rides
 * along as a hidden field so that a person sent here from a chat link lands
 * back on it.
 */
import { html, type Html } from '../html.js';
import { pageLayout } from '../page-layout.js';

export interface SignInPageInput {
  readonly error?: string;
  readonly username?: string;
  readonly returnTo?: string;
  /** Shown above the form, e.g. why signing in is needed. */
  readonly notice?: string;
}

export function signInPage(input: SignInPageInput): Html {
  const body = html`<section class="card narrow">
<h1>Sign in to chatrun</h1>
${input.notice === undefined ? '' : html`<p class="notice">${input.notice}</p>`}
${input.error === undefined ? '' : html`<p class="error" role="alert">${input.error}</p>`}
<form method="post" action="/-/sign_in" class="stacked-form">
<label>Username <input name="username" autocomplete="username" required value="${input.username ?? ''}"${input.username ? '' : html` autofocus`}></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required${input.username ? html` autofocus` : ''}></label>
${input.returnTo === undefined ? '' : html`<input type="hidden" name="return_to" value="${input.returnTo}">`}
<button type="submit" class="primary">Sign in</button>
</form>
</section>`;
  return pageLayout({ title: 'Sign in', body, bodyClass: 'page page-sign-in' });
}
