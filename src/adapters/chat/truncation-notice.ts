import type { FittedOutput } from './fit-output.js';

/**
 * The sentence that tells a reader the renderer cut the output to fit the
 * platform, and which end they see. `upstreamLines` is the message's
 * outputTruncatedFrom: the output was already the end of a longer text of
 * that many lines, so that is the whole the shown lines are counted against.
 */
export function truncationNotice(keep: 'head' | 'tail', fitted: FittedOutput, upstreamLines: number | undefined): string {
  const which = keep === 'head' ? 'first' : 'last';
  const shown = `${fitted.shownLines.toLocaleString('en-US')} line${fitted.shownLines === 1 ? '' : 's'}`;
  const total = (upstreamLines ?? fitted.totalLines).toLocaleString('en-US');
  return `Output truncated: showing the ${which} ${shown} of ${total}.`;
}
