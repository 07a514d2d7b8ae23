/**
 * The two inline markups a ChatMessage text may hold (see chat-message.ts),
 * written so that no input can break out of them.
 */

/**
 * An inline code span. Chat platforms have no escape for a backtick inside
 * inline code, so backticks become apostrophes and line breaks spaces: the
 * span stays one span whatever the user typed.
 */
export function code(text: string): string {
  const flat = text.replace(/\r\n|[\r\n]/g, ' ').replace(/`/g, "'");
  return `\`${flat === '' ? ' ' : flat}\``;
}

/** A link; brackets leave the label and `(`, `)` and whitespace are percent-encoded in the URL. */
export function link(label: string, url: string): string {
  const safeLabel = label.replace(/[[\]]/g, '');
  const safeUrl = url.replace(/[()\s]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return `[${safeLabel}](${safeUrl})`;
}

/** At most `maxCodePoints` code points of `text`, with `…` when cut (for echoing user input). */
export function shorten(text: string, maxCodePoints: number): string {
  const points = Array.from(text);
  if (points.length <= maxCodePoints) return text;
  return `${points.slice(0, Math.max(0, maxCodePoints - 1)).join('')}…`;
}
