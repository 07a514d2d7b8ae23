/**
 * Coloured terminal text as HTML: spans from the domain's ANSI parser become
 * `<span>`s. The 16 named colours are classes (the stylesheet maps them onto
 * the page's theme, as a terminal maps them onto its palette); the 256-colour
 * cube and 24-bit colours are exact, so they are inline styles.
 */
import type { AnsiColor, AnsiSpan } from '../domain/trace/ansi.js';
import { html, joinHtml, type Html } from './html.js';

export function ansiSpansHtml(spans: readonly AnsiSpan[]): Html {
  return joinHtml(spans.map(spanHtml));
}

function spanHtml(span: AnsiSpan): Html {
  const classes: string[] = [];
  const styles: string[] = [];
  colour(span.fg, 'fg', 'color', classes, styles);
  colour(span.bg, 'bg', 'background-color', classes, styles);
  if (span.bold) classes.push('term-bold');
  if (span.italic) classes.push('term-italic');
  if (span.underline) classes.push('term-underline');
  if (classes.length === 0 && styles.length === 0) return html`${span.text}`;
  const style = styles.length === 0 ? undefined : styles.join(';');
  return html`<span${classes.length === 0 ? '' : html` class="${classes.join(' ')}"`}${
    style === undefined ? '' : html` style="${style}"`
  }>${span.text}</span>`;
}

function colour(
  value: AnsiColor | undefined,
  prefix: 'fg' | 'bg',
  property: string,
  classes: string[],
  styles: string[],
): void {
  if (value === undefined) return;
  if (value.kind === 'palette' && value.index < 16) {
    classes.push(`term-${prefix}-${value.index}`);
    return;
  }
  const { r, g, b } = value.kind === 'rgb' ? value : xtermRgb(value.index);
  styles.push(`${property}:rgb(${r},${g},${b})`);
}

const CUBE_LEVELS = [0, 95, 135, 175, 215, 255] as const;

/** The xterm palette entries 16–255: a 6×6×6 colour cube, then 24 greys. */
export function xtermRgb(index: number): { r: number; g: number; b: number } {
  if (index >= 232) {
    const grey = 8 + 10 * (index - 232);
    return { r: grey, g: grey, b: grey };
  }
  const cube = Math.max(0, index - 16);
  const level = (n: number): number => CUBE_LEVELS[n] ?? 0;
  return { r: level(Math.floor(cube / 36) % 6), g: level(Math.floor(cube / 6) % 6), b: level(cube % 6) };
}
