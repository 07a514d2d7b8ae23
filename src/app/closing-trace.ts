/**
 * The end the server writes to a trace its runner never finished (runner
 * gone silent, server restarted under its embedded runner, job unreadable):
 * a newline if the last line was cut, an end marker for every section left
 * open — so the output so far still forms a `step_script` section the chat
 * reply can be taken from — and a red `ERROR: Job failed (system failure)`
 * line saying why, as GitLab Runner ends a failed trace.
 *
 * Written only after the job was moved to its failed status, so a runner
 * that is in fact alive gets `job_not_running` for its next chunk instead
 * of writing after this end.
 */
import { errorLine, sectionEndMarker } from '../domain/trace/trace-format.js';
import type { TraceStore } from '../ports/store/trace-store.js';

const MARKER = /section_(start|end):\d+:([A-Za-z0-9_.-]+)(?:\[[^\]\r\n]*\])?\r\x1b\[0K/g;
const ATTEMPTS = 5;

export async function appendClosingTrace(traces: TraceStore, jobId: number, reason: string, at: number): Promise<void> {
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const trace = await traces.readTrace(jobId);
    const closing = closingText(Buffer.from(trace.buffer, trace.byteOffset, trace.byteLength), reason, at);
    const result = await traces.appendTrace(jobId, trace.byteLength, Buffer.from(closing, 'utf8'));
    // A late chunk landed between read and append: read again and close after it.
    if (result.kind !== 'range_mismatch') return;
  }
}

export function closingText(trace: Buffer, reason: string, at: number): string {
  const text = trace.toString('latin1');
  const open: string[] = [];
  for (const match of text.matchAll(MARKER)) {
    const name = match[2] ?? '';
    if (match[1] === 'start') open.push(name);
    else {
      const index = open.lastIndexOf(name);
      if (index >= 0) open.splice(index, 1);
    }
  }
  const date = new Date(at);
  const cut = trace.length > 0 && trace[trace.length - 1] !== 0x0a ? '\n' : '';
  const ends = open.reverse().map((name) => sectionEndMarker(name, date)).join('');
  return `${cut}${ends}${errorLine(`Job failed (system failure): ${reason}`)}`;
}
