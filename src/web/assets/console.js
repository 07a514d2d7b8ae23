// The web console: a chat channel of one's own. What is typed goes to the
// console API, which runs it through the same use case as a Slack or
// Mattermost slash command; the answer (already HTML, escaped by the
// server) is shown as the bot's message. For an accepted job the console
// then follows it and shows the final reply, the same text a chat gets.

const FINISHED = new Set(['success', 'failed', 'canceled', 'skipped']);

const root = document.getElementById('console');
const log = document.getElementById('channel-log');
const form = document.getElementById('composer');
const input = document.getElementById('command-text');
const picker = document.getElementById('project');

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function scrollToEnd() {
  log.scrollTop = log.scrollHeight;
}

/** A message row: avatar, author, time, then `content` (a node). */
function addEntry(kind, author, content) {
  const item = document.createElement('li');
  item.className = `chat-entry ${kind}`;
  const avatar = document.createElement('div');
  avatar.className = 'avatar';
  avatar.textContent = author.slice(0, 1).toUpperCase();
  const body = document.createElement('div');
  body.className = 'entry-body';
  const head = document.createElement('div');
  const name = document.createElement('span');
  name.className = 'entry-author';
  name.textContent = author;
  const time = document.createElement('span');
  time.className = 'entry-time';
  time.textContent = new Date().toLocaleTimeString();
  head.append(name, time);
  body.append(head, content);
  item.append(avatar, body);
  log.append(item);
  scrollToEnd();
  return body;
}

/** Server-rendered message HTML (escaped on the server) as a node. */
function messageNode(markup) {
  const template = document.createElement('template');
  template.innerHTML = markup;
  return template.content;
}

function textNode(className, text) {
  const p = document.createElement('p');
  p.className = className;
  p.textContent = text;
  return p;
}

async function postJson(url, payload) {
  const response = await fetch(url, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(payload),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  return { response, body };
}

async function getJson(url) {
  const response = await fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  return { response, body: response.ok ? await response.json() : undefined };
}

/** Follows a job until it finishes, then shows its result reply. */
async function followJob(jobId, entryBody) {
  const progress = textNode('job-progress', `Job #${jobId}: waiting for a runner…`);
  progress.dataset.jobId = String(jobId);
  entryBody.append(progress);
  let status = '';
  for (let round = 0; round < 7200; round += 1) {
    await sleep(status === 'manual' ? 2000 : 700);
    const { response, body } = await getJson(`/api/v1/jobs/${jobId}`);
    if (!response.ok || body === undefined) continue;
    status = body.status;
    progress.dataset.status = status;
    progress.textContent = `Job #${jobId}: ${status === 'manual' ? 'manual, waiting to be started' : status}`;
    if (FINISHED.has(status)) break;
  }
  if (!FINISHED.has(status)) return;
  // The result reply is written when the job finishes; allow it a moment.
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const { body } = await getJson(`/api/v1/jobs/${jobId}/replies`);
    const result = body?.replies?.filter((reply) => reply.kind === 'result' && reply.messageHtml).pop();
    if (result !== undefined) {
      addEntry('bot', 'chatrun', messageNode(result.messageHtml));
      return;
    }
    await sleep(500);
  }
  addEntry('bot', 'chatrun', textNode('job-progress', `Job #${jobId} finished (${status}); its reply is not available yet.`));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = input.value;
  const typed = text.startsWith('/') ? text : `${root.dataset.command} ${text}`.trimEnd();
  input.value = '';
  addEntry('user', root.dataset.user, textNode('typed-command', typed));
  const project = picker?.value ? picker.value : undefined;
  let answer;
  try {
    answer = await postJson('/api/v1/console/commands', project === undefined ? { text } : { text, project });
  } catch {
    addEntry('bot', 'chatrun', textNode('error', 'chatrun could not be reached. Try again.'));
    return;
  }
  const { response, body } = answer;
  if (!response.ok || body === undefined) {
    const message = body?.error?.message ?? `The command failed (HTTP ${response.status}).`;
    addEntry('bot', 'chatrun', textNode('error', message));
    return;
  }
  const entryBody = addEntry('bot', 'chatrun', messageNode(body.messageHtml));
  if (typeof body.jobId === 'number' && !body.duplicate) void followJob(body.jobId, entryBody);
});
