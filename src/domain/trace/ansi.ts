/**
 * Terminal escape sequences in job output: removing them for chat platforms
 * that cannot show them, and reading their colours for the web console.
 *
 * Three treatments, because consumers differ:
 * - `stripSgr` removes only colour/style codes (`ESC [ digits/; m`), exactly
 *   the pattern GitLab's Mattermost responder strips; `\x1b[0K` survives.
 * - `stripAnsi` removes every escape sequence (CSI such as `\x1b[0K`, OSC such
 *   as window titles and hyperlinks, and two-byte escapes) and keeps the text.
 * - `parseAnsi` cuts text into spans carrying the SGR style in force; every
 *   other sequence is dropped, as a terminal would not print it.
 *
 * Only escape sequences are touched: `\r`, section markers and other control
 * characters are text here (section markers are found by section-parser.ts).
 */

/** ESC [ params intermediates final | ESC ] … BEL/ST | ESC intermediates final | lone ESC. */
const ESCAPE = /\x1b(?:\[([0-?]*)[ -/]*([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)|[ -/]*[0-~]|)/g;
const SGR = /\x1b\[[0-9;]*m/g;

export function stripSgr(text: string): string {
  return text.replace(SGR, '');
}

export function stripAnsi(text: string): string {
  return text.replace(ESCAPE, '');
}

/** Names of palette entries 0–7; 8–15 are their bright variants. */
export const ANSI_COLOR_NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'] as const;

/**
 * A colour as the program asked for it, left to the renderer to map onto its
 * theme: `palette` 0–15 are the named colours (0–7 normal, 8–15 bright),
 * 16–255 the xterm 256-colour cube and greys; `rgb` is 24-bit colour.
 */
export type AnsiColor =
  | { readonly kind: 'palette'; readonly index: number }
  | { readonly kind: 'rgb'; readonly r: number; readonly g: number; readonly b: number };

export interface AnsiSpan {
  readonly text: string;
  readonly fg?: AnsiColor;
  readonly bg?: AnsiColor;
  readonly bold: boolean;
  readonly italic: boolean;
  readonly underline: boolean;
}

interface Style {
  fg?: AnsiColor;
  bg?: AnsiColor;
  bold: boolean;
  italic: boolean;
  underline: boolean;
}

const plainStyle = (): Style => ({ bold: false, italic: false, underline: false });

/** Spans of text with the style in force; adjacent spans of equal style are merged, empty ones omitted. */
export function parseAnsi(text: string): AnsiSpan[] {
  const spans: AnsiSpan[] = [];
  let style = plainStyle();
  let last = 0;
  const push = (chunk: string): void => {
    if (chunk === '') return;
    const previous = spans[spans.length - 1];
    if (previous !== undefined && sameStyle(previous, style)) {
      spans[spans.length - 1] = { ...previous, text: previous.text + chunk };
    } else {
      spans.push({ text: chunk, ...copyStyle(style) });
    }
  };
  for (const match of text.matchAll(ESCAPE)) {
    const at = match.index ?? 0;
    push(text.slice(last, at));
    last = at + match[0].length;
    const params = match[1];
    if (match[2] === 'm' && params !== undefined && /^[0-9;:]*$/.test(params)) {
      style = applySgr(style, params);
    }
  }
  push(text.slice(last));
  return spans;
}

function applySgr(current: Style, paramText: string): Style {
  const style: Style = { ...current };
  const params = paramText.split(';');
  for (let i = 0; i < params.length; i += 1) {
    const param = params[i] ?? '';
    if (param.includes(':')) {
      // ITU form with sub-parameters, e.g. `38:2::255:0:0` or `38:5:208`.
      const [code, ...rest] = param.split(':');
      const colour = extendedColour(rest);
      if (code === '38' && colour.colour !== undefined) style.fg = colour.colour;
      if (code === '48' && colour.colour !== undefined) style.bg = colour.colour;
      if (code === '4') style.underline = rest[0] !== '0';
      continue;
    }
    const code = param === '' ? 0 : Number(param);
    if (code === 38 || code === 48) {
      const colour = extendedColour(params.slice(i + 1));
      i += colour.consumed;
      if (colour.colour !== undefined) {
        if (code === 38) style.fg = colour.colour;
        else style.bg = colour.colour;
      }
      continue;
    }
    applySimpleCode(style, code);
  }
  return style;
}

function applySimpleCode(style: Style, code: number): void {
  if (code === 0) {
    Object.assign(style, plainStyle());
    delete style.fg;
    delete style.bg;
  } else if (code === 1) style.bold = true;
  else if (code === 3) style.italic = true;
  else if (code === 4) style.underline = true;
  else if (code === 22) style.bold = false;
  else if (code === 23) style.italic = false;
  else if (code === 24) style.underline = false;
  else if (code >= 30 && code <= 37) style.fg = palette(code - 30);
  else if (code === 39) delete style.fg;
  else if (code >= 40 && code <= 47) style.bg = palette(code - 40);
  else if (code === 49) delete style.bg;
  else if (code >= 90 && code <= 97) style.fg = palette(code - 90 + 8);
  else if (code >= 100 && code <= 107) style.bg = palette(code - 100 + 8);
}

/** After a 38/48: `5;n` or `2;r;g;b` (also `2;;r;g;b` with an empty colour-space id in the colon form). */
function extendedColour(rest: readonly string[]): { colour?: AnsiColor; consumed: number } {
  const mode = rest[0];
  if (mode === '5') {
    const index = byte(rest[1]);
    return { consumed: 2, ...(index === undefined ? {} : { colour: palette(index) }) };
  }
  if (mode === '2') {
    const channels = rest.length >= 5 && rest[1] === '' ? rest.slice(2, 5) : rest.slice(1, 4);
    const [r, g, b] = channels.map(byte);
    const consumed = 4;
    if (r === undefined || g === undefined || b === undefined) return { consumed };
    return { consumed, colour: { kind: 'rgb', r, g, b } };
  }
  return { consumed: mode === undefined ? 0 : 1 };
}

function byte(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,3}$/.test(text)) return undefined;
  const value = Number(text);
  return value <= 255 ? value : undefined;
}

function palette(index: number): AnsiColor {
  return { kind: 'palette', index };
}

function copyStyle(style: Style): Omit<AnsiSpan, 'text'> {
  return {
    bold: style.bold,
    italic: style.italic,
    underline: style.underline,
    ...(style.fg === undefined ? {} : { fg: style.fg }),
    ...(style.bg === undefined ? {} : { bg: style.bg }),
  };
}

function sameStyle(a: Omit<AnsiSpan, 'text'>, b: Style): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    sameColour(a.fg, b.fg) &&
    sameColour(a.bg, b.bg)
  );
}

function sameColour(a: AnsiColor | undefined, b: AnsiColor | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  if (a.kind === 'palette' || b.kind === 'palette') {
    return a.kind === 'palette' && b.kind === 'palette' && a.index === b.index;
  }
  return a.r === b.r && a.g === b.g && a.b === b.b;
}
