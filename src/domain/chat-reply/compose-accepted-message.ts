/**
 * The acknowledgement posted in the channel as soon as a command is accepted
 * (SPEC section 2): who ran which job, its number and a link to its log. A
 * `when: manual` job is created and waits; the message says so and links to
 * where it can be started.
 */
import type { ChatMessage, ChatUserRef } from './chat-message.js';
import { code, link } from './inline-markup.js';

export interface AcceptedInput {
  /** Who sent the command; mentioned, so the message reads "@jane ran …". */
  readonly user: ChatUserRef;
  readonly jobName: string;
  readonly jobId: number;
  readonly logUrl: string;
  readonly manual: boolean;
  /** Where a manual job is started (defaults to the job page). */
  readonly playUrl?: string;
  /** The slash command (`/chatrun`), to show the `play` command for a manual job. */
  readonly commandName?: string;
}

export function composeAcceptedMessage(input: AcceptedInput): ChatMessage {
  const job = link(`#${input.jobId}`, input.logUrl);
  const base = { visibility: 'in_channel' as const, tone: 'neutral' as const, mention: input.user, logUrl: input.logUrl };
  if (!input.manual) {
    return { ...base, text: `ran ${code(input.jobName)}: job ${job}. Its output will be posted here when it finishes.` };
  }
  const start = link('start it', input.playUrl ?? input.logUrl);
  const orPlay = input.commandName === undefined ? '' : ` or send ${code(`${input.commandName} play ${input.jobId}`)}`;
  return {
    ...base,
    text: `created ${code(input.jobName)} as job ${job}. It is a manual job and waits to be started: ${start}${orPlay}.`,
  };
}
