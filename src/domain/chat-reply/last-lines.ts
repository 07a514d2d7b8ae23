/**
 * The end of a job's output, for failure replies: what went wrong is almost
 * always in the last lines, not the first.
 */

export interface LastLines {
  readonly text: string;
  /** Lines in the whole text (0 for empty text). */
  readonly totalLines: number;
  readonly truncated: boolean;
}

export function lastLines(text: string, count: number): LastLines {
  if (text === '') return { text: '', totalLines: 0, truncated: false };
  const lines = text.split('\n');
  const keep = Math.max(0, Math.floor(count));
  if (lines.length <= keep) return { text, totalLines: lines.length, truncated: false };
  return { text: keep === 0 ? '' : lines.slice(-keep).join('\n'), totalLines: lines.length, truncated: true };
}
