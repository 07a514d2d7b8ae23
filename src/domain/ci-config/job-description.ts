import { tokenizePlainScalar } from './psych-scalar.js';
import { rubyToS } from './ruby-text.js';
import type { YamlNode } from './yaml-node.js';

/**
 * A job's description is the comment block directly above its key (SPEC
 * section 2). GitLab ignores comments, so this reads the source text: the
 * contiguous `#` lines right above the key's line, at the key's own
 * indentation, with `#` and one space stripped. A blank line, code, or a
 * comment indented differently (the tail of the previous job) ends it.
 *
 * It walks back from the key rather than splitting the file into lines, so
 * describing every job of a large file costs only its comment lines.
 */
export function commentAbove(text: string, keyOffset: number): string | undefined {
  const keyLineStart = lineStartBefore(text, keyOffset);
  const keyColumn = keyOffset - keyLineStart;
  const collected: string[] = [];
  for (let end = keyLineStart - 1; end >= 0; ) {
    const start = lineStartBefore(text, end);
    let line = text.slice(start, end);
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const indent = line.length - line.trimStart().length;
    if (indent !== keyColumn || !line.trimStart().startsWith('#')) break;
    collected.push(line.trimStart().slice(1).replace(/^ /, '').trimEnd());
    end = start - 1;
  }
  if (collected.length === 0) return undefined;
  return collected.reverse().join('\n');
}

/** Offset where the line holding `index` starts (`index` may be that line's newline). */
function lineStartBefore(text: string, index: number): number {
  return index <= 0 ? 0 : text.lastIndexOf('\n', index - 1) + 1;
}

/** Descriptions of the jobs (top-level keys) of one file, by key as the loader names it (Ruby `to_s`). */
export function describeTopLevelKeys(root: YamlNode | null, text: string): Map<string, string> {
  const descriptions = new Map<string, string>();
  if (root?.kind !== 'map') return descriptions;
  for (const { key } of root.pairs) {
    if (key?.kind !== 'scalar') continue;
    const description = commentAbove(text, key.offset);
    if (description === undefined) continue;
    let name = key.text;
    if (key.plain && key.tag === undefined) {
      const typed = tokenizePlainScalar(key.text);
      name = typed.ok ? rubyToS(typed.value) : key.text;
    }
    descriptions.set(name, description);
  }
  return descriptions;
}
