/**
 * Fits text into a platform's size limit (Slack about 3,000 characters per
 * block, Mattermost 16,383, Discord 2,000), keeping its beginning or its
 * end. Sizes are JavaScript string lengths (UTF-16 code units), which is
 * how those limits are counted; room for the renderer's own "truncated"
 * marker must be subtracted by the caller.
 *
 * The cut falls on a line boundary when that keeps at least half of the
 * allowed size (a whole line is easier to read than a broken one), else
 * mid-line, and never between the two halves of a surrogate pair, so no
 * emoji or CJK extension character is broken into invalid text.
 */

export interface TruncatedOutput {
  readonly text: string;
  readonly truncated: boolean;
}

export function truncateOutput(text: string, maxChars: number, options: { readonly keep: 'head' | 'tail' }): TruncatedOutput {
  const max = Math.max(0, Math.floor(maxChars));
  if (text.length <= max) return { text, truncated: false };
  if (max === 0) return { text: '', truncated: true };
  return { text: options.keep === 'head' ? head(text, max) : tail(text, max), truncated: true };
}

function head(text: string, max: number): string {
  if (text[max] === '\n') return text.slice(0, max);
  const newline = text.lastIndexOf('\n', max - 1);
  if (newline >= max / 2) return text.slice(0, newline);
  const cut = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, cut);
}

function tail(text: string, max: number): string {
  const start = text.length - max;
  if (text[start - 1] === '\n') return text.slice(start);
  const newline = text.indexOf('\n', start);
  if (newline >= 0 && text.length - (newline + 1) >= max / 2) return text.slice(newline + 1);
  const cut = isLowSurrogate(text.charCodeAt(start)) ? start + 1 : start;
  return text.slice(cut);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
