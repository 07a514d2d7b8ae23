import { stripAnsi } from '../../domain/trace/ansi.js';

/**
 * Job output as it may appear inside a chat code block: colour codes
 * removed (chat cannot show them), carriage-return overwrites resolved the
 * way a terminal shows them (the last write wins), and runs of backticks
 * broken with a zero-width space so the output cannot close the fence.
 */
export function codeBlockText(output: string): string {
  const lines = stripAnsi(output)
    .split('\n')
    .map((line) => {
      const trimmed = line.endsWith('\r') ? line.slice(0, -1) : line;
      const lastReturn = trimmed.lastIndexOf('\r');
      return lastReturn === -1 ? trimmed : trimmed.slice(lastReturn + 1);
    });
  return lines.join('\n').replace(/`(?=`)/g, '`\u200b');
}
