/**
 * `chatrun serve` as a person first runs it: no config, in an empty
 * directory. The demo makes ./.chatrun/, prints the console URL and the
 * demo admin's password, and its console runs hello-world. Plus the ways
 * `serve` refuses to start: the port taken, a bad config, a missing secret.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServe } from '../../src/cli/serve-command.js';
import { chatrunBinary } from '../cli/chatrun-process.js';
import { spawnServe, waitUntil, type ServeProcess } from '../support/start-server.js';

const binary = chatrunBinary();
const skip = binary.ok ? false : binary.skip;
const dirs: string[] = [];
const children: ServeProcess[] = [];

after(() => {
  for (const child of children) if (child.child.exitCode === null && child.child.signalCode === null) child.child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chatrun-demo-e2e-'));
  dirs.push(dir);
  return dir;
}

function passwordOf(stdout: string): string {
  const match = /Password:\s+(\S+)/.exec(stdout);
  assert.ok(match?.[1], stdout);
  return match[1];
}

async function signIn(url: string, password: string): Promise<string> {
  const response = await fetch(`${url}/-/sign_in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: url, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'demo', password }).toString(),
  });
  assert.equal(response.status, 303);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('chatrun_session='));
  assert.ok(cookie);
  return cookie.split(';')[0] ?? '';
}

test('the demo starts with no config, and its console runs hello-world', { skip, timeout: 30_000 }, async () => {
  assert.ok(binary.ok);
  const cwd = tempDir();
  const demo = await spawnServe(binary.path, ['--listen', '127.0.0.1:0'], { cwd });
  children.push(demo);
  const { stdout } = demo.output();
  assert.ok(stdout.includes(`Web console: ${demo.url}/-/console`), stdout);
  assert.match(stdout, /Username:\s+demo/);
  const password = passwordOf(stdout);
  assert.equal(readFileSync(join(cwd, '.chatrun', 'demo-password'), 'utf8').trim(), password);

  const cookie = await signIn(demo.url, password);
  const command = await fetch(`${demo.url}/api/v1/console/commands`, {
    method: 'POST',
    headers: { cookie, origin: demo.url, 'content-type': 'application/json' },
    body: JSON.stringify({ text: '/chatrun run hello-world' }),
  });
  assert.equal(command.status, 200);
  const answer = (await command.json()) as { outcome: string; jobId?: number };
  assert.equal(answer.outcome, 'accepted');
  const output = await waitUntil(async () => {
    const response = await fetch(`${demo.url}/api/v1/jobs/${answer.jobId}/replies`, { headers: { cookie } });
    const { replies } = (await response.json()) as { replies: { kind: string; message: { output?: string } }[] };
    return replies.find((r) => r.kind === 'result')?.message.output;
  }, 'the hello-world result');
  assert.equal(output, 'Hello World.');

  demo.child.kill('SIGTERM');
  assert.equal((await demo.exited).code, 0);

  // A restart keeps the demo's password and data.
  const again = await spawnServe(binary.path, ['--listen', '127.0.0.1:0'], { cwd });
  children.push(again);
  assert.equal(passwordOf(again.output().stdout), password);
  again.child.kill('SIGTERM');
  assert.equal((await again.exited).code, 0);
});

async function serveRefusal(cwd: string, yaml: string): Promise<{ code: number; stderr: string }> {
  const file = join(cwd, `config-${dirs.length}-${Date.now()}.yml`);
  writeFileSync(file, yaml);
  let stderr = '';
  const output = { stdout: { write: () => true }, stderr: { write: (text: string) => (stderr += text) } };
  const started = await startServe({ config: file }, output);
  if (typeof started !== 'number') {
    await started.server.stop({ graceMs: 0 });
    assert.fail('the server started');
  }
  return { code: started, stderr };
}

test('a taken port is a clear error that suggests --listen', async () => {
  const blocker = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const address = blocker.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  try {
    const cwd = tempDir();
    const run = await serveRefusal(cwd, `server: { listen: "127.0.0.1:${port}", data_dir: ${JSON.stringify(join(cwd, 'data'))} }\nlog: { level: silent }\n`);
    assert.equal(run.code, 1);
    assert.match(run.stderr, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: the address is already in use`));
    assert.match(run.stderr, /--listen 127\.0\.0\.1:0/);
  } finally {
    blocker.close();
  }
});

test('a config with mistakes is refused with every key path, and a missing secret by the key naming it', async () => {
  const cwd = tempDir();
  const bad = await serveRefusal(cwd, 'server:\n  listne: 1\nchat:\n  rate_limit_per_minute: -1\n');
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /server\.listne: unknown key/);
  assert.match(bad.stderr, /chat\.rate_limit_per_minute/);

  delete process.env['CHATRUN_E2E_UNSET_SECRET'];
  const secret = await serveRefusal(cwd, 'chat:\n  slack:\n    signing_secret_env: CHATRUN_E2E_UNSET_SECRET\n');
  assert.equal(secret.code, 1);
  assert.match(secret.stderr, /chat\.slack\.signing_secret_env: environment variable CHATRUN_E2E_UNSET_SECRET is not set/);
});
