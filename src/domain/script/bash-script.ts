/**
 * The bash text a runner feeds to bash for one step: `step_script`
 * (before_script followed by script, in one shell so `export` and `cd`
 * carry over) or `after_script` (a shell of its own).
 *
 * Like GitLab Runner's bash: errexit and pipefail are on, noclobber is off,
 * each command is trimmed and echoed as `$ <command>` before it runs, and an
 * empty command becomes a bare `echo`. Command text is pasted as it was
 * written in `.gitlab-ci.yml` (that is the job author's code, and commands
 * may span list entries, e.g. an `if` opened in one and closed in another);
 * the echo is always ANSI-C quoted data. Variables, `CHAT_INPUT` above all,
 * are never pasted: the executor exports them into the environment.
 */
import { ansiCQuote } from './ansi-c-quote.js';
import { commandEchoText } from './command-echo.js';

const PRELUDE = ['set -eo pipefail', 'set +o noclobber'];

export function buildBashScript(commands: readonly string[]): string {
  const lines = [...PRELUDE];
  for (const raw of commands) {
    const command = raw.trim();
    if (command === '') {
      lines.push('echo');
      continue;
    }
    lines.push(`printf '%s\\n' ${ansiCQuote(commandEchoText(command))}`);
    lines.push(command);
  }
  return lines.join('\n') + '\n';
}

/** The `step_script` step: before_script then script, one shell. */
export function buildStepScript(beforeScript: readonly string[], script: readonly string[]): string {
  return buildBashScript([...beforeScript, ...script]);
}
