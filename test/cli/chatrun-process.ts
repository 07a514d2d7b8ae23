/**
 * Runs the compiled `chatrun` (dist/cli/main.js) as a child process, the way
 * a user runs it: real argv, real stdio pipes, real exit code. `npm test`
 * builds dist/ first; when it is missing (a single test file run directly)
 * it is built once here, and when that fails the caller gets a skip reason.
 *
 * A stale dist/ is used as it is: run `npm run build` after editing src/.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../support/shared-conformance.js';

export type ChatrunBinary = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly skip: string };

let located: ChatrunBinary | undefined;

export function chatrunBinary(): ChatrunBinary {
  located ??= locate();
  return located;
}

function locate(): ChatrunBinary {
  const root = repoRoot();
  const path = join(root, 'dist', 'cli', 'main.js');
  if (existsSync(path)) return { ok: true, path };
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const build = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
  if (existsSync(path)) return { ok: true, path };
  return { ok: false, skip: `dist/cli/main.js is missing and building it failed (run npm run build): ${build.stdout}${build.stderr}`.trim() };
}

export interface ChatrunRun {
  /** null when the process was ended by a signal. */
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly stdoutBytes: Buffer;
  readonly durationMs: number;
}

export interface ChatrunOptions {
  readonly cwd: string;
  /** Added to the test's own environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Killed with SIGKILL past this (a hung CLI must fail the test, not hang it). Default 20 s. */
  readonly timeoutMs?: number;
  /** Called once the child is spawned, e.g. to send it SIGINT later. */
  readonly onSpawn?: (child: ChildProcess, stderrSoFar: () => string) => void;
}

/** Variables that belong to the test runner and would confuse a nested node. */
const RUNNER_ONLY = ['NODE_OPTIONS', 'NODE_TEST_CONTEXT', 'NODE_CHANNEL_FD'];

export function runChatrun(binary: string, args: readonly string[], options: ChatrunOptions): Promise<ChatrunRun> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !RUNNER_ONLY.includes(key)) env[key] = value;
  Object.assign(env, options.env ?? {});
  const started = Date.now();
  const child = spawn(process.execPath, [binary, ...args], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const killer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
  options.onSpawn?.(child, () => Buffer.concat(err).toString('utf8'));
  return new Promise((resolve, reject) => {
    child.once('error', (error) => {
      clearTimeout(killer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(killer);
      const stdoutBytes = Buffer.concat(out);
      resolve({
        code,
        signal,
        stdout: stdoutBytes.toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        stdoutBytes,
        durationMs: Date.now() - started,
      });
    });
  });
}

/** `pid command-line` of each running process whose command line contains `marker` (pgrep -f). */
export function processesMatching(marker: string): string[] {
  const found = spawnSync('pgrep', ['-a', '-f', marker], { encoding: 'utf8' });
  return found.stdout.split('\n').filter((line) => line.trim() !== '');
}
