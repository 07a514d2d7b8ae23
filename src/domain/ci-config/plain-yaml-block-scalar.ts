import { isLineEnd } from './plain-yaml-inline.js';

/**
 * A literal (`|`) or folded (`>`) block scalar for ./plain-yaml-parser.ts,
 * with clip or strip chomping (`|`, `|-`). Undefined, so the full parser
 * reads the file, for the rarer forms whose edge rules are easy to get
 * wrong: keep chomping (`|+`), an explicit indentation digit, an empty
 * scalar, a blank line holding more spaces than the content indentation,
 * and more-indented lines inside a folded scalar.
 */
export interface BlockScalarRead {
  readonly text: string;
  /** The first line after the scalar. */
  readonly nextLine: number;
}

/**
 * `lines[headerLine]` holds the `|` or `>` at `at`; content must be
 * indented deeper than `parentIndent`.
 */
export function readBlockScalar(lines: readonly string[], headerLine: number, at: number, parentIndent: number): BlockScalarRead | undefined {
  const header = lines[headerLine] ?? '';
  const folded = header[at] === '>';
  let i = at + 1;
  const strip = header[i] === '-';
  if (strip) i += 1;
  if (!isLineEnd(header, i) || header[i] === '+' || /[0-9]/.test(header[i] ?? '')) return undefined;

  const content: string[] = [];
  let indent = -1;
  let line = headerLine + 1;
  for (; line < lines.length; line += 1) {
    const text = lines[line] ?? '';
    const spaces = leadingSpaces(text);
    if (spaces === text.length) {
      if (indent >= 0 ? spaces > indent : false) return undefined;
      content.push('');
      continue;
    }
    if (indent < 0) {
      if (spaces <= parentIndent || content.some((_, k) => leadingSpaces(lines[headerLine + 1 + k] ?? '') > spaces)) return undefined;
      indent = spaces;
    } else if (spaces < indent) break;
    content.push(text.slice(indent));
  }
  if (indent < 0) return undefined;
  while (content.length > 0 && content[content.length - 1] === '') content.pop();
  const body = folded ? fold(content) : content.join('\n');
  if (body === undefined) return undefined;
  return { text: strip ? body : `${body}\n`, nextLine: line };
}

/** Folding: a single line break between text lines becomes a space; n empty lines become n breaks. */
function fold(content: readonly string[]): string | undefined {
  let out = '';
  let empties = 0;
  let started = false;
  for (const text of content) {
    if (text === '') {
      empties += 1;
      continue;
    }
    if (text.startsWith(' ')) return undefined;
    if (started) out += empties === 0 ? ' ' : '\n'.repeat(empties);
    else out += '\n'.repeat(empties);
    out += text;
    started = true;
    empties = 0;
  }
  return out;
}

function leadingSpaces(text: string): number {
  let i = 0;
  while (text.charCodeAt(i) === 32) i += 1;
  return i;
}
