// Terminal text → DOM for the live log on the job page: the colour codes a
// job prints become styled spans, other escape sequences vanish, section
// markers are hidden. The server renders finished traces itself
// (src/web/trace-html.ts, with collapsible sections); this only has to look
// the same while a job is still writing. Palette colours use the
// stylesheet's term-fg-N / term-bg-N classes, like the server's rendering.

const ESCAPE = /\x1b(?:\[([0-?]*)[ -/]*([@-~])|\][^\x07\x1b]*(?:\x07|\x1b\\)|[ -/]*[0-~]|)/g;
export const SECTION_MARKER = /section_(?:start|end):\d+:[A-Za-z0-9_.-]+(?:\[[^\]\r\n]*\])?\r\x1b\[0K/g;

export function newStyle() {
  return { fg: null, bg: null, bold: false, italic: false, underline: false };
}

export function copyStyle(style) {
  return { ...style };
}

/** One line of a trace (no "\n") as a row element; `style` carries over to the next line. */
export function traceLineElement(line, style) {
  const row = document.createElement('div');
  row.className = 'trace-line';
  let text = line.replace(SECTION_MARKER, '');
  if (text.endsWith('\r')) text = text.slice(0, -1);
  // A carriage return inside a line redraws it, as a progress bar does; keep
  // the styles set before it but only the text after it.
  const lastReturn = text.lastIndexOf('\r');
  if (lastReturn >= 0) {
    appendAnsi(document.createElement('div'), text.slice(0, lastReturn), style);
    text = text.slice(lastReturn + 1);
  }
  appendAnsi(row, text, style);
  return row;
}

/** Appends `text` to `parent` as spans in the styles its SGR codes set (mutates `style`). */
export function appendAnsi(parent, text, style) {
  let last = 0;
  for (const match of text.matchAll(ESCAPE)) {
    push(parent, text.slice(last, match.index), style);
    last = match.index + match[0].length;
    if (match[2] === 'm' && match[1] !== undefined && /^[0-9;]*$/.test(match[1])) applySgr(style, match[1]);
  }
  push(parent, text.slice(last), style);
}

function push(parent, text, style) {
  if (text === '') return;
  const plain = style.fg === null && style.bg === null && !style.bold && !style.italic && !style.underline;
  if (plain) {
    parent.append(document.createTextNode(text));
    return;
  }
  const span = document.createElement('span');
  span.textContent = text;
  colour(span, style.fg, 'fg', 'color');
  colour(span, style.bg, 'bg', 'backgroundColor');
  if (style.bold) span.classList.add('term-bold');
  if (style.italic) span.classList.add('term-italic');
  if (style.underline) span.classList.add('term-underline');
  parent.append(span);
}

function colour(span, value, prefix, property) {
  if (value === null) return;
  if (typeof value === 'number' && value < 16) span.classList.add(`term-${prefix}-${value}`);
  else span.style[property] = typeof value === 'number' ? xterm(value) : value;
}

function applySgr(style, params) {
  const codes = params === '' ? [0] : params.split(';').map((p) => (p === '' ? 0 : Number(p)));
  for (let i = 0; i < codes.length; i += 1) {
    const code = codes[i];
    if (code === 38 || code === 48) {
      const key = code === 38 ? 'fg' : 'bg';
      if (codes[i + 1] === 5 && codes[i + 2] !== undefined) {
        style[key] = codes[i + 2];
        i += 2;
      } else if (codes[i + 1] === 2 && codes[i + 4] !== undefined) {
        style[key] = `rgb(${codes[i + 2]},${codes[i + 3]},${codes[i + 4]})`;
        i += 4;
      }
      continue;
    }
    if (code === 0) Object.assign(style, newStyle());
    else if (code === 1) style.bold = true;
    else if (code === 3) style.italic = true;
    else if (code === 4) style.underline = true;
    else if (code === 22) style.bold = false;
    else if (code === 23) style.italic = false;
    else if (code === 24) style.underline = false;
    else if (code >= 30 && code <= 37) style.fg = code - 30;
    else if (code === 39) style.fg = null;
    else if (code >= 40 && code <= 47) style.bg = code - 40;
    else if (code === 49) style.bg = null;
    else if (code >= 90 && code <= 97) style.fg = code - 90 + 8;
    else if (code >= 100 && code <= 107) style.bg = code - 100 + 8;
  }
}

const LEVELS = [0, 95, 135, 175, 215, 255];

function xterm(index) {
  if (index >= 232) {
    const grey = 8 + 10 * (index - 232);
    return `rgb(${grey},${grey},${grey})`;
  }
  const cube = Math.max(0, index - 16);
  return `rgb(${LEVELS[Math.floor(cube / 36) % 6]},${LEVELS[Math.floor(cube / 6) % 6]},${LEVELS[cube % 6]})`;
}
