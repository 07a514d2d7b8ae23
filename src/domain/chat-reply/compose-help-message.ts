/**
 * The answer to `help` (or an empty command): what this user may do here,
 * the commands and the chat-runnable jobs they may run, each with the
 * description written above it in the CI config. The caller passes only the
 * jobs this user may run from this channel.
 */
import type { ChatMessage } from './chat-message.js';
import { code } from './inline-markup.js';

export interface HelpJob {
  readonly name: string;
  readonly description?: string;
}

export interface HelpInput {
  /** The slash command as the user typed it, e.g. `/chatrun`. */
  readonly commandName: string;
  /** The project the commands apply to; absent when the user must name one. */
  readonly projectPath?: string;
  /** True when the channel has no default project, so commands must name it. */
  readonly projectRequired?: boolean;
  readonly jobs: readonly HelpJob[];
}

export function composeHelpMessage(input: HelpInput): ChatMessage {
  return { visibility: 'ephemeral', tone: 'neutral', text: helpText(input) };
}

/** The help text alone, also used under "not a valid command". */
export function helpText(input: HelpInput): string {
  const cmd = input.commandName;
  const where = input.projectRequired === true && input.projectPath !== undefined ? `${input.projectPath} ` : '';
  const lines: string[] = [];
  if (input.projectPath === undefined) {
    lines.push(
      `${code(`${cmd} PROJECT run JOB [ARGS]`)} runs the job JOB of the CI config of PROJECT (for example ${code(`${cmd} ops/infra run deploy production`)}); ARGS reach the job as ${code('$CHAT_INPUT')}.`,
      `${code(`${cmd} PROJECT play JOB_ID`)} starts a manual job.`,
      `${code(`${cmd} PROJECT help`)} lists the jobs of PROJECT you may run.`,
    );
    return lines.join('\n');
  }
  lines.push(
    `${code(`${cmd} ${where}run JOB [ARGS]`)} runs the job JOB of ${code(input.projectPath)}; ARGS reach the job as ${code('$CHAT_INPUT')}.`,
    `${code(`${cmd} ${where}play JOB_ID`)} starts a manual job.`,
    `${code(`${cmd} ${where}help`)} shows this message.`,
  );
  if (input.jobs.length === 0) {
    lines.push(`There is no job in ${code(input.projectPath)} you may run from chat.`);
    return lines.join('\n');
  }
  lines.push(`Jobs you may run in ${code(input.projectPath)}:`);
  for (const job of input.jobs) {
    const description = job.description?.split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '').join(' ');
    lines.push(description ? `${code(job.name)} — ${description}` : code(job.name));
  }
  // A name with whitespace cannot be typed after `run`, so it makes no example.
  const example = input.jobs.find((job) => !/[ \t\n\v\f\r]/.test(job.name));
  if (example !== undefined) lines.push(`For example: ${code(`${cmd} ${where}run ${example.name}`)}`);
  return lines.join('\n');
}
