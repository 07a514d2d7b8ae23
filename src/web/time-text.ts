/**
 * Timestamps as pages print them: UTC, to the second, inside `<time>` so a
 * script (or the reader's tools) can localise them. The caller passes the
 * instant; nothing here reads the clock.
 */
import { html, type Html } from './html.js';

export function utcText(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

export function timeHtml(epochMs: number | null | undefined): Html {
  if (epochMs === null || epochMs === undefined) return html`<span class="muted">—</span>`;
  return html`<time datetime="${new Date(epochMs).toISOString()}">${utcText(epochMs)}</time>`;
}

/** A duration between two instants, as `1m 05s` / `42s`. */
export function elapsedText(fromMs: number, toMs: number): string {
  const seconds = Math.max(0, Math.round((toMs - fromMs) / 1000));
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  if (hours > 0) return `${hours}h ${String(minutes % 60).padStart(2, '0')}m`;
  if (minutes > 0) return `${minutes}m ${String(seconds % 60).padStart(2, '0')}s`;
  return `${seconds}s`;
}
