/**
 * A job trace as HTML: each line a row, each section a `<details>` whose
 * summary is the section's header line and its duration; sections opened
 * with `[collapsed=true]` start closed. Works without JavaScript (the
 * browser's own disclosure widget); the job page's script only follows the
 * live log.
 */
import type { AnsiSpan } from '../domain/trace/ansi.js';
import { ansiSpansHtml } from './ansi-html.js';
import { html, joinHtml, type Html } from './html.js';
import { outlineTrace, type TraceNode } from './trace-outline.js';

export function traceHtml(trace: Uint8Array): Html {
  return joinHtml(outlineTrace(trace).map(nodeHtml));
}

function nodeHtml(node: TraceNode): Html {
  if (node.kind === 'line') return lineHtml(node.spans);
  return html`<details class="trace-section" data-section="${node.name}"${node.collapsed ? '' : html` open`}><summary class="trace-line trace-header">${ansiSpansHtml(
    node.header.length === 0 ? [plain(node.name)] : node.header,
  )}<span class="trace-duration">${sectionDuration(node.durationSeconds)}</span></summary>${joinHtml(
    node.children.map(nodeHtml),
  )}</details>`;
}

function lineHtml(spans: readonly AnsiSpan[]): Html {
  return html`<div class="trace-line">${ansiSpansHtml(spans)}</div>`;
}

function plain(text: string): AnsiSpan {
  return { text, bold: false, italic: false, underline: false };
}

/** GitLab's section timer: mm:ss, or hh:mm:ss past an hour. */
export function sectionDuration(seconds: number): string {
  const whole = Math.max(0, Math.floor(seconds));
  const two = (n: number): string => String(n).padStart(2, '0');
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  const rest = whole % 60;
  return hours > 0 ? `${two(hours)}:${two(minutes)}:${two(rest)}` : `${two(minutes)}:${two(rest)}`;
}
