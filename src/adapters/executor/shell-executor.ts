/**
 * The shell executor: each step runs as `bash --noprofile --norc <script>`
 * in the job's directory, with exactly the environment given (plus the
 * process marker), as the leader of its own process group. See
 * src/ports/executor.ts for the contract.
 *
 * stderr is joined to stdout inside the step (`exec 2>&1` before the script
 * starts), so both reach the trace through one pipe in the order written.
 * Once the shell exits, whatever it left behind is killed and the pipe is
 * drained for a short while only: a process that still holds the pipe
 * cannot keep the job open.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { ExecuteRequest, ExecuteResult, Executor } from '../../ports/executor.js';
import { JOB_MARKER_VARIABLE, JobProcessReaper } from './job-process-reaper.js';

export interface ShellExecutorOptions {
  /** Where step scripts are written (default: the OS temp dir). */
  scriptDir?: string;
  /** bash to run (default: the first of /bin/bash, /usr/bin/bash, else `bash`). */
  bashPath?: string;
  /** How long to wait for the output pipe to close once the shell is gone. */
  drainMs?: number;
}

// The outer shell joins stderr to stdout, then becomes the step's shell.
const LAUNCHER = 'exec 2>&1; exec "$BASH" --noprofile --norc "$0"';

export class ShellExecutor implements Executor {
  private readonly scriptDir: string;
  private readonly bashPath: string;
  private readonly drainMs: number;

  constructor(options: ShellExecutorOptions = {}) {
    this.scriptDir = options.scriptDir ?? tmpdir();
    this.bashPath = options.bashPath ?? (['/bin/bash', '/usr/bin/bash'].find((p) => existsSync(p)) ?? 'bash');
    this.drainMs = options.drainMs ?? 500;
  }

  async execute(request: ExecuteRequest): Promise<ExecuteResult> {
    if (request.signal.aborted) return { kind: 'canceled' };
    const cwdProblem = await directoryProblem(request.cwd);
    if (cwdProblem) return { kind: 'system_failure', error: cwdProblem };
    let dir: string;
    try {
      dir = await mkdtemp(join(this.scriptDir, 'chatrun-step-'));
      await writeFile(join(dir, 'script.sh'), request.script, { mode: 0o600 });
    } catch (error) {
      return { kind: 'system_failure', error: `cannot write the step script: ${describe(error)}` };
    }
    try {
      return await this.run(request, join(dir, 'script.sh'));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private run(request: ExecuteRequest, scriptPath: string): Promise<ExecuteResult> {
    const marker = randomBytes(16).toString('hex');
    const child = spawn(this.bashPath, ['--noprofile', '--norc', '-c', LAUNCHER, scriptPath], {
      cwd: request.cwd,
      env: { ...request.env, [JOB_MARKER_VARIABLE]: marker },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let delivering = true;
    const deliver = (chunk: Buffer): void => {
      if (delivering) request.onOutput(chunk);
    };
    child.stdout.on('data', deliver);
    child.stderr.on('data', deliver);

    return new Promise<ExecuteResult>((resolve) => {
      let ending: 'timed_out' | 'canceled' | undefined;
      let exited = false;
      let terminating: Promise<void> | undefined;
      const reaper = child.pid === undefined ? undefined : new JobProcessReaper(child.pid, marker);

      const stop = (why: 'timed_out' | 'canceled'): void => {
        if (exited || ending) return;
        ending = why;
        terminating = reaper?.terminate(request.cancelGraceMs, () => exited);
      };
      const timer = setTimeout(() => stop('timed_out'), request.timeoutMs);
      const onAbort = (): void => stop('canceled');
      request.signal.addEventListener('abort', onAbort, { once: true });
      // A cancel that arrived while the script was being written fires no
      // event any more: honour it now.
      if (request.signal.aborted) onAbort();

      const settle = async (result: ExecuteResult): Promise<void> => {
        clearTimeout(timer);
        request.signal.removeEventListener('abort', onAbort);
        await terminating;
        await reaper?.killAll();
        await drain([child.stdout, child.stderr], this.drainMs);
        delivering = false;
        child.stdout.destroy();
        child.stderr.destroy();
        resolve(ending ? { kind: ending } : result);
      };

      child.once('error', (error) => {
        if (exited) return;
        exited = true;
        void settle({ kind: 'system_failure', error: `cannot start bash: ${describe(error)}` });
      });
      child.once('exit', (code, signal) => {
        if (exited) return;
        exited = true;
        const exitCode = code ?? 128 + (signal ? (constants.signals[signal] ?? 0) : 0);
        void settle({ kind: 'exited', exitCode });
      });
    });
  }
}

async function directoryProblem(path: string): Promise<string | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? undefined : `working directory ${path} is not a directory`;
  } catch {
    return `working directory ${path} does not exist`;
  }
}

function drain(streams: readonly Readable[], ms: number): Promise<void> {
  const closed = streams.map(
    (s) =>
      new Promise<void>((resolve) => {
        if (s.readableEnded || s.destroyed) resolve();
        else {
          s.once('end', () => resolve());
          s.once('close', () => resolve());
        }
      }),
  );
  return new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    void Promise.all(closed).then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
