/**
 * The answers of the command side that the domain's composers
 * (src/domain/chat-reply/) do not cover: redeliveries, the deferred
 * "working on it", which project, an unreadable repository, and `play`.
 * Same rules as there: plain sentences, user text only inside code spans,
 * refusals ephemeral.
 */
import type { ChatMessage, ChatUserRef } from '../domain/chat-reply/chat-message.js';
import { code, link } from '../domain/chat-reply/inline-markup.js';

function notice(text: string, tone: ChatMessage['tone'] = 'neutral'): ChatMessage {
  return { visibility: 'ephemeral', tone, text };
}

export function composeDuplicateNotice(): ChatMessage {
  return notice('This command was already received and is being handled; it will not run twice.');
}

export function composeDeferredNotice(): ChatMessage {
  return notice('Working on it: reading the project takes longer than usual. The answer will follow here shortly.');
}

/** No project named, the channel has none, and there are several: which one? */
export function composeProjectRequiredMessage(input: {
  readonly commandName: string;
  /** Projects the user may see, by path. */
  readonly projects: readonly string[];
}): ChatMessage {
  const how = `This channel has no default project, so name one: ${code(`${input.commandName} PROJECT run JOB`)}.`;
  if (input.projects.length === 0) {
    return notice(`${how} You are not a member of any project yet; ask a project maintainer to add you.`, 'warning');
  }
  const listed = input.projects.slice(0, 20).map(code).join(', ');
  const more = input.projects.length > 20 ? ` and ${input.projects.length - 20} more` : '';
  return notice(`${how} Your projects: ${listed}${more}.`, 'warning');
}

export function composeRepositoryUnavailableMessage(input: { readonly projectPath: string }): ChatMessage {
  return notice(
    `chatrun cannot read the repository of ${code(input.projectPath)} right now, so no job can run. Try again later; if it persists, an administrator can see why in the audit log.`,
    'failure',
  );
}

/** A web console user id that names no user (deleted, or a stale session). */
export function composeUnknownWebUserMessage(): ChatMessage {
  return notice('Your session does not belong to a chatrun user any more. Sign in again.', 'warning');
}

export function composePlayStartedMessage(input: {
  readonly user: ChatUserRef;
  readonly jobName: string;
  readonly jobId: number;
  readonly logUrl: string;
}): ChatMessage {
  return {
    visibility: 'in_channel',
    tone: 'neutral',
    mention: input.user,
    logUrl: input.logUrl,
    text: `started ${code(input.jobName)}: job ${link(`#${input.jobId}`, input.logUrl)}. Its output will be posted here when it finishes.`,
  };
}

/** Same answer whether the job does not exist or is in a project hidden from the user. */
export function composePlayJobNotFoundMessage(input: { readonly jobId: number }): ChatMessage {
  return notice(`There is no job #${input.jobId} that you can start.`, 'warning');
}

export function composePlayNotManualMessage(input: {
  readonly jobId: number;
  readonly jobName: string;
  readonly status: string;
  readonly logUrl: string;
}): ChatMessage {
  return {
    ...notice(
      `Job ${link(`#${input.jobId}`, input.logUrl)} (${code(input.jobName)}) is not waiting to be started: it is ${input.status}.`,
      'warning',
    ),
    logUrl: input.logUrl,
  };
}
