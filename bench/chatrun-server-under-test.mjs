/**
 * A warm chatrun server for the server benchmarks, and the chat side that
 * drives it, all on 127.0.0.1:
 *
 * - the server is `node dist/cli/main.js serve` in its own process (SQLite,
 *   embedded runner, rate limit off), so its peak RSS is its own;
 * - one project, a fresh git repository whose `hello-world` job echoes
 *   "Hello World.", and one pre-linked Slack user who is a developer there;
 * - Slack is test/support/fake-slack.ts (loaded through tsx's scoped
 *   `tsImport`, so only that file is compiled on the fly; the server runs
 *   the compiled dist/), with its clock set to this process's monotonic
 *   clock so a reply's arrival time is exact to the microsecond;
 * - `command()` signs and sends `/chatrun run hello-world` with a fresh
 *   response_url and tells when the acknowledgement came back and when the
 *   job's reply reached that response_url.
 *
 * Replies are found by scanning the fake's request log every 2 ms from
 * where the last scan stopped; the scan interval does not enter the
 * measured latency, which uses the fake's own arrival stamp.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { peakRssMiB, repoRoot } from './measure.mjs';

const SIGNING_SECRET = 'bench-signing-secret-0123456789abcdef';
const CI_CONFIG = [
  'hello-world:',
  '  rules:',
  '    - if: $CI_PIPELINE_SOURCE == "chat"',
  '  script:',
  '    - echo "Hello World."',
  '',
].join('\n');
const REPLY_MARK = 'Hello World.';
/** One clock for the client's stamps and the fake Slack's arrival stamps: epoch-based, monotonic, sub-millisecond. */
export const clockMs = () => performance.timeOrigin + performance.now();

/** `nodeArgs` go to the server's node (e.g. ['--cpu-prof'] to see where its time goes). */
export async function startChatrunServer({ concurrency = 4, log = () => undefined, nodeArgs = [] } = {}) {
  const root = repoRoot();
  const { tsImport } = await import(pathToFileURL(join(root, 'node_modules/tsx/dist/esm/api/index.mjs')).href);
  const fakeSlackModule = await tsImport(pathToFileURL(join(root, 'test/support/fake-slack.ts')).href, import.meta.url);
  const { startFakeSlack, sendSlackCommand, slackCommandBody } = fakeSlackModule;

  const dir = mkdtempSync(join(tmpdir(), 'chatrun-bench-server-'));
  const repository = makeRepository(join(dir, 'repo'));
  const fake = await startFakeSlack({ now: clockMs });
  const configPath = join(dir, 'chatrun.yml');
  writeFileSync(configPath, serverConfig({ dataDir: join(dir, 'data'), repository, apiUrl: fake.apiUrl, concurrency }));

  const server = spawn(process.execPath, [...nodeArgs, join(root, 'dist/cli/main.js'), 'serve', '--config', configPath, '--listen', '127.0.0.1:0'], {
    cwd: dir,
    env: { ...process.env, BENCH_SLACK_SIGNING_SECRET: SIGNING_SECRET },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const serverOutput = [];
  const keep = (chunk) => {
    serverOutput.push(chunk.toString('utf8'));
    if (serverOutput.length > 200) serverOutput.shift();
  };
  server.stderr.on('data', keep);
  let exited = false;
  server.once('exit', () => {
    exited = true;
  });
  let url;
  try {
    url = await new Promise((resolve, reject) => {
      let text = '';
      const timer = setTimeout(() => reject(new Error(`chatrun serve did not start within 30 s:\n${serverOutput.join('')}`)), 30_000);
      server.stdout.on('data', (chunk) => {
        keep(chunk);
        if (text === undefined) return;
        text += chunk.toString('utf8');
        const match = /chatrun is running at (\S+)/.exec(text);
        if (match) {
          text = undefined;
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      server.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`chatrun serve exited with ${code} before listening:\n${serverOutput.join('')}`));
      });
    });
  } catch (error) {
    if (!exited) server.kill('SIGKILL');
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  log(`chatrun serve (pid ${server.pid}) at ${url}, fake Slack at ${fake.url}, runner concurrency ${concurrency}`);

  const waiting = new Map();
  let scanned = 0;
  const scanner = setInterval(() => {
    const requests = fake.requests;
    for (; scanned < requests.length; scanned += 1) {
      const request = requests[scanned];
      const pending = waiting.get(request.path);
      if (pending === undefined || !request.body.includes(REPLY_MARK)) continue;
      waiting.delete(request.path);
      pending.resolve(request.atMs);
    }
  }, 2);

  let commands = 0;
  /**
   * Sends one signed `/chatrun run hello-world` and resolves once the
   * acknowledgement is in (or the request failed: `ackError`, HTTP status
   * other than 200 or no answer within 5 s), with `sentAt` and `ackAt`
   * (`clockMs`), and `reply`, a promise of the reply's arrival time at the
   * fake Slack. The reply is watched for even when the acknowledgement
   * failed, as Slack would still show it.
   */
  async function command({ replyTimeoutMs = 60_000 } = {}) {
    commands += 1;
    const responseUrl = fake.createResponseUrl();
    const path = new URL(responseUrl).pathname;
    const reply = new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        waiting.delete(path);
        reject(new Error(`no reply at ${path} within ${replyTimeoutMs} ms`));
      }, replyTimeoutMs);
      waiting.set(path, { timer, reject, resolve: (at) => (clearTimeout(timer), resolve(at)) });
    });
    reply.catch(() => undefined);
    const body = slackCommandBody({ text: 'run hello-world', response_url: responseUrl, channel_id: 'C0BENCH', trigger_id: `${Date.now()}.${commands}.bench` });
    const sentAt = clockMs();
    let ackError;
    try {
      const sent = await sendSlackCommand(`${url}/chat/slack`, { signingSecret: SIGNING_SECRET, body });
      if (sent.status !== 200) ackError = `HTTP ${sent.status}: ${sent.text.slice(0, 300)}`;
    } catch (error) {
      ackError = error instanceof Error ? error.message : String(error);
    }
    return { sentAt, ackAt: clockMs(), ackError, reply };
  }

  /** Sequential commands, each waiting for its reply: JIT, SQLite pages and git caches warm up. */
  async function warmUp(count) {
    for (let i = 0; i < count; i += 1) {
      const sent = await command();
      if (sent.ackError) throw new Error(`a warm-up command failed: ${sent.ackError}\n${serverOutput.join('')}`);
      await sent.reply;
    }
  }

  async function stop() {
    clearInterval(scanner);
    for (const [path, pending] of waiting) {
      clearTimeout(pending.timer);
      pending.reject(new Error(`stopped before a reply reached ${path}`));
    }
    waiting.clear();
    if (!exited) {
      const gone = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGTERM');
      const timer = setTimeout(() => server.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    }
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }

  return {
    url,
    fake,
    command,
    warmUp,
    pid: server.pid,
    /** Peak RSS of the server process so far (MiB). */
    peakRssMiB: () => peakRssMiB(server.pid),
    /** The server's last log lines, for error reports. */
    output: () => serverOutput.join(''),
    stop,
  };
}

function makeRepository(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, '.gitlab-ci.yml'), CI_CONFIG);
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'hello-world');
  return dir;
}

function serverConfig({ dataDir, repository, apiUrl, concurrency }) {
  return `server:
  listen: 127.0.0.1:0
  data_dir: ${JSON.stringify(dataDir)}
  database: sqlite
runner:
  embedded: true
  concurrency: ${concurrency}
  trace_limit: 4MiB
chat:
  rate_limit_per_minute: 0
  slack:
    signing_secret_env: BENCH_SLACK_SIGNING_SECRET
    api_url: ${JSON.stringify(apiUrl)}
    channels: { C0BENCH: bench/hello }
projects:
  - path: bench/hello
    repository: ${JSON.stringify(repository)}
    members: { alice: developer }
users:
  - username: alice
    chat: ["slack:T0001:U0001"]
log:
  level: warn
`;
}
