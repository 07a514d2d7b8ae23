// Job page: while the job is not finished, follow its log by asking the
// trace API for the bytes after those already shown (offset = bytes so
// far; the answer says the new size and the job's status). Complete lines
// are appended; the unfinished last line is redrawn on each poll. When the
// status changes, the page's content is fetched again, so the finished log
// shows with its collapsible sections and the buttons fit the new status.

import { copyStyle, newStyle, traceLineElement } from './term-render.js';

const FINISHED = new Set(['success', 'failed', 'canceled', 'skipped']);
const POLL_MS = 1000;

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function follow(root) {
  const jobId = root.dataset.jobId;
  const shownStatus = root.dataset.status;
  const live = document.getElementById('trace-live');
  const trace = document.getElementById('trace');
  const decoder = new TextDecoder();
  const style = newStyle();
  let offset = Number(root.dataset.traceSize);
  let pending = '';
  let tail = null;
  let failures = 0;
  for (;;) {
    await sleep(POLL_MS);
    let response;
    try {
      response = await fetch(`/api/v1/jobs/${jobId}/trace?offset=${offset}`, { credentials: 'same-origin' });
    } catch {
      response = undefined;
    }
    if (response === undefined || !response.ok) {
      failures += 1;
      if (failures > 30) return;
      continue;
    }
    failures = 0;
    const bytes = new Uint8Array(await response.arrayBuffer());
    offset = Number(response.headers.get('x-chatrun-trace-size') ?? offset + bytes.length);
    const status = response.headers.get('x-chatrun-job-status') ?? shownStatus;
    if (bytes.length > 0) {
      const nearBottom = trace.scrollHeight - trace.scrollTop - trace.clientHeight < 40;
      pending += decoder.decode(bytes, { stream: true });
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      tail?.remove();
      tail = null;
      for (const line of lines) live.append(traceLineElement(line, style));
      if (pending !== '') {
        tail = traceLineElement(pending, copyStyle(style));
        live.append(tail);
      }
      if (nearBottom) live.lastElementChild?.scrollIntoView({ block: 'end' });
    }
    if (status !== shownStatus) {
      await reloadContent();
      return;
    }
  }
}

async function reloadContent() {
  try {
    const response = await fetch(location.href, { credentials: 'same-origin' });
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = page.getElementById('job');
    const current = document.getElementById('job');
    if (fresh === null || current === null) return;
    current.replaceWith(document.adoptNode(fresh));
    start();
  } catch {
    // The page still shows what it had; a manual reload fetches the rest.
  }
}

function start() {
  const root = document.getElementById('job');
  if (root !== null && root.dataset.live === 'true' && !FINISHED.has(root.dataset.status)) void follow(root);
}

start();
