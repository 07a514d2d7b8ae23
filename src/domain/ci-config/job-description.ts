/**
 * A job's description is the comment block directly above its key (SPEC
 * section 2). GitLab ignores comments, so this reads the source text: the
 * contiguous `#` lines right above the key's line, at the key's own
 * indentation, with `#` and one space stripped. A blank line, code, or a
 * comment indented differently (the tail of the previous job) ends it.
 */
export function commentAbove(lines: readonly string[], keyLine: number, keyColumn: number): string | undefined {
  const collected: string[] = [];
  for (let index = keyLine - 1; index >= 0; index -= 1) {
    const line = lines[index] ?? '';
    const indent = line.length - line.trimStart().length;
    if (indent !== keyColumn || !line.trimStart().startsWith('#')) break;
    collected.push(line.trimStart().slice(1).replace(/^ /, '').trimEnd());
  }
  if (collected.length === 0) return undefined;
  return collected.reverse().join('\n');
}

/** Zero-based line and column of a character offset. */
export function lineAndColumn(lineStarts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low, column: offset - (lineStarts[low] ?? 0) };
}

export function lineStartOffsets(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}
