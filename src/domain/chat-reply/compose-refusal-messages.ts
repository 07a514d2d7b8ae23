/**
 * The answers that refuse a command before any job exists (SPEC section 2).
 * Each names its real reason, where GitLab gives one vague sentence for most
 * of them. All are ephemeral: only the sender sees them.
 */
import type { ConfigError } from '../ci-config/job-spec.js';
import type { ChatMessage } from './chat-message.js';
import { helpText, type HelpInput } from './compose-help-message.js';
import { code, link, shorten } from './inline-markup.js';

/** Config errors shown in the answer; the rest are counted. */
export const SHOWN_CONFIG_ERRORS = 3;

function refusal(text: string, output?: string): ChatMessage {
  return { visibility: 'ephemeral', tone: 'warning', text, ...(output === undefined ? {} : { output }) };
}

/** The chat user has no chatrun account linked; the link is single use. */
export function composeNotLinkedMessage(input: { readonly linkUrl: string; readonly validMinutes?: number }): ChatMessage {
  const minutes = input.validMinutes ?? 10;
  return refusal(
    `Your chat account is not connected to a chatrun account yet: ${link('connect it', input.linkUrl)}, then send the command again. The link works once, for ${minutes} minutes.`,
  );
}

/**
 * Not a member, or a role below the one needed. Roles are GitLab's words
 * (guest, reporter, developer, maintainer, owner); `userRole` null means
 * not a member.
 */
export function composeNotAllowedMessage(input: {
  readonly projectPath: string;
  readonly requiredRole: string;
  readonly userRole: string | null;
}): ChatMessage {
  const you = input.userRole === null ? 'you are not a member of it' : `you are ${article(input.userRole)} ${input.userRole}`;
  return refusal(
    `You may not run jobs in ${code(input.projectPath)}: that needs the ${input.requiredRole} role or higher, and ${you}.`,
  );
}

/** Same answer whether the project is hidden from this user or does not exist. */
export function composeUnknownProjectMessage(input: { readonly projectPath: string; readonly commandName?: string }): ChatMessage {
  const hint = input.commandName === undefined ? '' : ` Send ${code(`${input.commandName} help`)} to see what you can do here.`;
  return refusal(`There is no project ${code(shorten(input.projectPath, 100))} that you can use.${hint}`);
}

export function composeConfigInvalidMessage(input: {
  readonly projectPath: string;
  readonly configPath: string;
  readonly errors: readonly ConfigError[];
}): ChatMessage {
  const total = input.errors.length;
  const shown = input.errors.slice(0, SHOWN_CONFIG_ERRORS).map((e) => e.message);
  const which =
    total === 0 ? '' : total <= SHOWN_CONFIG_ERRORS ? ` ${plural(total, 'error')}:` : ` The first ${SHOWN_CONFIG_ERRORS} of ${total} errors:`;
  return refusal(
    `The CI config ${code(input.configPath)} of ${code(input.projectPath)} is invalid, so no job can run until it is fixed.${which}`,
    shown.length === 0 ? undefined : shown.join('\n'),
  );
}

export function composeJobNotFoundMessage(input: {
  readonly projectPath: string;
  readonly jobName: string;
  readonly suggestions: readonly string[];
  readonly commandName?: string;
}): ChatMessage {
  const first = `${code(input.projectPath)} has no job named ${code(shorten(input.jobName, 100))}.`;
  if (input.suggestions.length > 0) {
    return refusal(`${first} Did you mean ${orList(input.suggestions.map(code))}?`);
  }
  const hint = input.commandName === undefined ? '' : ` Send ${code(`${input.commandName} help`)} to list the jobs you may run.`;
  return refusal(`${first}${hint}`);
}

/**
 * The job exists but chat may not run it: hidden (`.name`), or excluded by
 * `only`/`except`/`rules`/`workflow`. `detail` is the reason as a sentence
 * fragment, e.g. "its `except` includes chat pipelines".
 */
export function composeCannotRunFromChatMessage(input: {
  readonly projectPath: string;
  readonly jobName: string;
  readonly detail: string;
}): ChatMessage {
  const detail = input.detail.trim().replace(/\.+$/, '');
  return refusal(`The job ${code(input.jobName)} of ${code(input.projectPath)} cannot be run from chat: ${detail}.`);
}

export function composeRateLimitedMessage(input: {
  readonly retryAfterSeconds: number;
  readonly limitPerMinute?: number;
}): ChatMessage {
  const wait = Math.max(1, Math.ceil(input.retryAfterSeconds));
  const limit = input.limitPerMinute === undefined ? '' : ` (at most ${input.limitPerMinute} a minute)`;
  return refusal(`Too many commands${limit}. Try again in ${plural(wait, 'second')}.`);
}

/** Anything that is not a command: says so, echoes what was typed, and shows the help. */
export function composeInvalidCommandMessage(input: { readonly text: string; readonly help: HelpInput }): ChatMessage {
  return refusal(`${code(shorten(input.text, 100))} is not a valid command.\n${helpText(input.help)}`);
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1] ?? ''}`;
}
