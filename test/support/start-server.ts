/**
 * A real chatrun server for end-to-end tests, as an operator would run it:
 * a config (the same keys a YAML file holds) with secrets named by env,
 * SQLite in a temp data dir, real git repositories in temp dirs, and the
 * fake Slack and Mattermost servers as the chat side (`chat.slack.api_url`
 * and the response URLs point at them).
 *
 * Two ways to run it: `startServer` composes it in-process (composeServer,
 * short intervals), `spawnServe` runs `node dist/cli/main.js serve --config …`
 * as a child process (for SIGKILL and SIGTERM). Both listen on 127.0.0.1
 * port 0. `world.close()` removes every temp dir and stops the fakes.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { stringify } from 'yaml';
import { composeServer, type ChatrunServer, type ServerTiming } from '../../src/cli/compose-server.js';
import { validateServerConfig } from '../../src/config/parse-server-config.js';
import { resolveSecrets } from '../../src/config/resolve-secrets.js';
import { startFakeMattermost, type FakeMattermost } from './fake-mattermost.js';
import { sendSlackCommand, slackCommandBody, startFakeSlack, type FakeSlack, type SlackCommandFields } from './fake-slack.js';
import type { RecordedRequest } from './recording-server.js';
import type { SentCommand } from './sent-command.js';
import { createGitRepo, type GitRepo } from './git-repo.js';

export const E2E_SLACK_SECRET = 'e2e-slack-signing-secret';
export const E2E_MATTERMOST_TOKEN = 'e2e-mattermost-command-token';
export const E2E_ENV: Readonly<Record<string, string>> = {
  E2E_SLACK_SECRET,
  E2E_MATTERMOST_TOKEN,
  E2E_ALICE_PASSWORD: 'alice-password',
};
export const PROJECT = 'ops/app';
export const BROKEN_PROJECT = 'ops/broken';

/** The demo's jobs plus `slow`, which marks when it started (in MARKER_DIR, a project variable) and takes a while. */
export const E2E_CI = `
stages: [chatops]

# Says hello.
hello-world:
  stage: chatops
  rules:
    - if: $CI_PIPELINE_SOURCE == "chat"
  script:
    - echo "Hello World."

# Repeats what you type. Usage: run echo <text>
echo:
  stage: chatops
  only: [chat]
  script:
    - 'printf "%s\\n" "You said: $CHAT_INPUT"'

# Takes SLOW_SECONDS; CHAT_INPUT names its start marker, which holds the job shell's pid.
slow:
  stage: chatops
  only: [chat]
  script:
    - echo $$ > "$MARKER_DIR/$CHAT_INPUT.started"
    - sleep "$SLOW_SECONDS"
    - echo "slow $CHAT_INPUT finished"

# Prints what the server's environment would leak.
env-check:
  stage: chatops
  only: [chat]
  script:
    - 'echo "secret=[\${E2E_SLACK_SECRET:-none}] home=[\${HOME:+set}]"'

build:
  stage: chatops
  except: [chat]
  script:
    - echo building
`;

export interface E2eWorldOptions {
  readonly ciConfig?: string;
  /** How long `slow` sleeps (default 1.5 s). */
  readonly slowSeconds?: number;
  /** Change the raw config (same shape as the YAML file) before use. */
  readonly adjust?: (raw: Record<string, unknown>) => Record<string, unknown>;
}

export interface E2eWorld {
  readonly root: string;
  readonly dataDir: string;
  readonly markerDir: string;
  readonly repo: GitRepo;
  readonly slack: FakeSlack;
  readonly mattermost: FakeMattermost;
  readonly raw: Record<string, unknown>;
  /** Writes the config as YAML and answers its path. */
  writeConfigFile(): string;
  close(): Promise<void>;
}

export async function createE2eWorld(options: E2eWorldOptions = {}): Promise<E2eWorld> {
  const root = mkdtempSync(join(tmpdir(), 'chatrun-e2e-'));
  const markerDir = join(root, 'markers');
  mkdirSync(markerDir);
  const repo = createGitRepo({ files: { '.gitlab-ci.yml': options.ciConfig ?? E2E_CI }, prefix: 'chatrun-e2e-repo-' });
  const broken = createGitRepo({ files: { '.gitlab-ci.yml': 'deploy:\n  script: [echo]\n  stage: nowhere\n' }, prefix: 'chatrun-e2e-broken-' });
  const slack = await startFakeSlack();
  const mattermost = await startFakeMattermost();
  const dataDir = join(root, 'data');
  const base: Record<string, unknown> = {
    server: { listen: '127.0.0.1:0', data_dir: dataDir },
    runner: { concurrency: 2, heartbeat_timeout: '2s', cancel_grace: '1s' },
    chat: {
      rate_limit_per_minute: 20,
      slack: { signing_secret_env: 'E2E_SLACK_SECRET', api_url: slack.apiUrl, channels: { C0123: PROJECT } },
      mattermost: { token_env: 'E2E_MATTERMOST_TOKEN', channels: { chan1: PROJECT } },
    },
    projects: [
      {
        path: PROJECT,
        repository: repo.dir,
        members: { alice: 'developer', rita: 'reporter' },
        variables: { MARKER_DIR: markerDir, SLOW_SECONDS: String(options.slowSeconds ?? 1.5) },
      },
      { path: BROKEN_PROJECT, repository: broken.dir, members: { alice: 'developer' } },
    ],
    users: [
      { username: 'alice', name: 'Alice', password_env: 'E2E_ALICE_PASSWORD', chat: ['slack:T0001:U0001', 'mattermost:team1:abc123'] },
      { username: 'rita', name: 'Rita', chat: ['slack:T0001:U0002'] },
    ],
    log: { level: 'silent' },
  };
  const raw = options.adjust ? options.adjust(base) : base;
  return {
    root,
    dataDir,
    markerDir,
    repo,
    slack,
    mattermost,
    raw,
    writeConfigFile() {
      const file = join(root, 'chatrun.yml');
      writeFileSync(file, stringify(raw));
      return file;
    },
    async close() {
      await slack.close();
      await mattermost.close();
      repo.remove();
      broken.remove();
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** Intervals short enough for tests; the contract is the same as in production. */
export const FAST_TIMING: ServerTiming = {
  runnerPollIntervalMs: 100,
  heartbeatIntervalMs: 200,
  replyPollIntervalMs: 100,
  replyBackoff: { baseMs: 50, maxMs: 400, random: () => 0 },
  reaperIntervalMs: 200,
  shutdownGraceMs: 5000,
  replyFlushMs: 3000,
};

export interface StartedServer {
  readonly server: ChatrunServer;
  readonly url: string;
}

export async function startServer(world: E2eWorld, timing: ServerTiming = FAST_TIMING): Promise<StartedServer> {
  const parsed = validateServerConfig(world.raw, 'e2e');
  if (!parsed.ok) throw new Error(`e2e config invalid:\n${parsed.errors.join('\n')}`);
  const secrets = resolveSecrets(parsed.config, { env: E2E_ENV, readFile: () => '' });
  if (!secrets.ok) throw new Error(`e2e secrets:\n${secrets.errors.join('\n')}`);
  const server = await composeServer({
    config: parsed.config,
    secrets: secrets.secrets,
    logger: pino({ level: 'silent' }),
    timing,
    scryptParams: { N: 16, r: 1, p: 1 },
  });
  const { url } = await server.listen();
  return { server, url };
}

/** A world and its in-process server, shared by the tests of one file. */
export interface E2eRun {
  readonly world: E2eWorld;
  readonly started: StartedServer;
}

/** For a test file's `before`: a fresh world with its server listening. */
export async function startE2eRun(options: E2eWorldOptions = {}): Promise<E2eRun> {
  const world = await createE2eWorld(options);
  return { world, started: await startServer(world) };
}

/** For its `after`: stops the server without waiting for running jobs, then removes the world. */
export async function stopE2eRun(run: E2eRun): Promise<void> {
  await run.started.server.stop({ graceMs: 0 });
  await run.world.close();
}

export interface SlackRun {
  readonly sent: SentCommand;
  readonly responseUrl: string;
  /** The response_url's path, as the fake records requests. */
  readonly path: string;
}

/** A signed slash command from Slack user U0001 (alice) in C0123, unless `fields` say otherwise. */
export async function slackCommand(url: string, world: E2eWorld, text: string, fields: Partial<SlackCommandFields> = {}): Promise<SlackRun> {
  const responseUrl = fields.response_url ?? world.slack.createResponseUrl();
  const body = slackCommandBody({ text, ...fields, response_url: responseUrl });
  const sent = await sendSlackCommand(`${url}/chat/slack`, { signingSecret: E2E_SLACK_SECRET, body });
  return { sent, responseUrl, path: new URL(responseUrl).pathname };
}

/** The ack's text as Slack would show it. */
export function ackText(sent: SentCommand): string {
  const json = sent.json as { text?: unknown; response_type?: unknown } | undefined;
  return typeof json?.text === 'string' ? json.text : sent.text;
}

/** The first post (answered or not) to this response_url whose body contains `needle`. */
export function waitForPost(slack: FakeSlack, path: string, needle: string, timeoutMs = 15_000): Promise<RecordedRequest> {
  return slack.waitFor((request) => request.path === path && request.body.includes(needle), timeoutMs);
}

export async function waitForFile(path: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!existsSync(path)) {
    if (Date.now() > until) throw new Error(`${path} did not appear within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

export async function waitUntil<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ------------------------------------------------------------ child process

export interface ServeProcess {
  readonly child: ChildProcess;
  /** The URL the banner printed. */
  readonly url: string;
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null; readonly at: number }>;
  output(): { readonly stdout: string; readonly stderr: string };
}

const RUNNER_ONLY = ['NODE_OPTIONS', 'NODE_TEST_CONTEXT', 'NODE_CHANNEL_FD'];

/** `node <binary> serve …args` in `cwd`; resolves once the banner names the URL. */
export function spawnServe(binary: string, args: readonly string[], options: { cwd: string; env?: Readonly<Record<string, string>>; timeoutMs?: number }): Promise<ServeProcess> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !RUNNER_ONLY.includes(key)) env[key] = value;
  Object.assign(env, options.env ?? {});
  const child = spawn(process.execPath, [binary, 'serve', ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, at: Date.now() }));
  });
  const output = (): { stdout: string; stderr: string } => ({ stdout, stderr });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`chatrun serve printed no URL within ${options.timeoutMs ?? 30_000} ms:\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 30_000);
    const look = (): void => {
      const match = /chatrun is running at (\S+)/.exec(stdout);
      if (match?.[1] === undefined) return;
      clearTimeout(timer);
      child.stdout.off('data', look);
      resolve({ child, url: match[1], exited, output });
    };
    child.stdout.on('data', look);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`chatrun serve exited (${code ?? signal}) before listening:\n${stdout}\n${stderr}`));
    });
  });
}
