/**
 * The text after the slash command, turned into a command (SPEC section 2;
 * docs/chat-commands.md is the user-facing description of the same rules).
 *
 *   text      := "" | whitespace | [PROJECT WS+] command
 *   command   := "run" WS+ JOB [WS+ ARGS]    GitLab's grammar, see run-grammar.ts
 *              | "help" [WS anything]
 *              | "play" WS+ ["#"] JOB_ID [WS]
 *   PROJECT   := a GitLab-style path: segments of [A-Za-z0-9_.-] not starting
 *                with "." or "-", joined by "/"
 *
 * Decisions where GitLab differs or is silent:
 * - `run JOB` followed by a single whitespace character (`run foo\n`) runs
 *   JOB without arguments; GitLab refuses it.
 * - Keywords are lowercase and case-sensitive, and the text may not start
 *   with whitespace (`Run foo`, ` run foo`: invalid), as in GitLab.
 * - A first word that is a keyword is never a project: `run run x` runs the
 *   job `run`. Any whitespace may separate PROJECT from the command (GitLab's
 *   Slack app allows exactly one character).
 * - A project alone (`ops/infra`) is invalid rather than a guess at help.
 * - `help` followed by anything is help, as GitLab shows help for any text
 *   starting with `help`.
 */
import type { ChatCommand } from './chat-command.js';
import { matchRun } from './run-grammar.js';

const WHITESPACE_ONLY = /^[ \t\n\v\f\r]*$/;
const FIRST_WORD = /^([^ \t\n\v\f\r]+)(?:[ \t\n\v\f\r]+([\s\S]*))?$/;
const KEYWORD = /^(?:run|help|play)(?:[ \t\n\v\f\r]|$)/;
const HELP = /^help(?:[ \t\n\v\f\r][\s\S]*)?$/;
const PLAY = /^play[ \t\n\v\f\r]+#?([0-9]+)[ \t\n\v\f\r]?$/;
const PROJECT_PATH = /^[A-Za-z0-9_][A-Za-z0-9_.-]*(?:\/[A-Za-z0-9_][A-Za-z0-9_.-]*)*$/;

export function parseChatCommand(text: string): ChatCommand {
  if (WHITESPACE_ONLY.test(text)) return { kind: 'help' };
  if (KEYWORD.test(text)) return parseCommand(text, undefined) ?? { kind: 'invalid', text };

  const words = FIRST_WORD.exec(text);
  const project = words?.[1];
  const rest = words?.[2];
  if (project === undefined || rest === undefined || !PROJECT_PATH.test(project) || !KEYWORD.test(rest)) {
    return { kind: 'invalid', text };
  }
  return parseCommand(rest, project) ?? { kind: 'invalid', text };
}

function parseCommand(text: string, project: string | undefined): ChatCommand | undefined {
  const where = project === undefined ? {} : { project };
  const run = matchRun(text);
  if (run !== undefined) return { kind: 'run', ...where, job: run.job, args: run.args };
  if (HELP.test(text)) return { kind: 'help', ...where };
  const play = PLAY.exec(text);
  const jobId = Number(play?.[1]);
  if (play !== null && Number.isSafeInteger(jobId) && jobId > 0) return { kind: 'play', ...where, jobId };
  return undefined;
}
