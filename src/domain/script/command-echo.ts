/**
 * How the runner shows a script line before running it: bold green
 * `$ <command>`, then a reset. A multi-line command shows only its first
 * line, marked as collapsed, as GitLab Runner does.
 */
export const ECHO_COLOR = '\x1b[32;1m';
export const ECHO_RESET = '\x1b[0;m';

const COLLAPSED_SUFFIX = ' # collapsed multi-line command';

/** The text shown for one (already trimmed, non-empty) command, colours included. */
export function commandEchoText(command: string): string {
  const newline = command.indexOf('\n');
  const shown = newline === -1 ? command : command.slice(0, newline).trimEnd() + COLLAPSED_SUFFIX;
  return `${ECHO_COLOR}$ ${shown}${ECHO_RESET}`;
}
