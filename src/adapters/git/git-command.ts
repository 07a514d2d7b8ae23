/**
 * Runs the `git` CLI without a shell (arguments are never parsed by one)
 * and hands back what it said as a value. Git never prompts: a repository
 * that needs credentials fails at once instead of hanging a job.
 *
 * `runGit` starts git from the calling thread. Starting a process blocks
 * that thread until the child has reached exec (milliseconds for a big
 * process on a busy machine), so the server's Git adapter starts its git
 * processes from a thread of their own instead (./git-spawn-thread.ts);
 * both share the options and the result shape here, through `RunGit`.
 */
import { execFile } from 'node:child_process';

export type GitCommandResult =
  | { ok: true; stdout: Buffer; stderr: string }
  | { ok: false; stderr: string; stdout: Buffer };

export interface GitCommandOptions {
  cwd?: string;
  /** Default 10 minutes: a fetch of a big repository can take a while. */
  timeoutMs?: number;
}

/** Runs one git command; any number may run at once. */
export type RunGit = (args: readonly string[], options?: GitCommandOptions) => Promise<GitCommandResult>;

/** What execFile is given, as plain data (it also crosses to the spawn thread). */
export interface GitExecOptions {
  cwd: string | undefined;
  encoding: 'buffer';
  maxBuffer: number;
  timeout: number;
  env: Record<string, string | undefined>;
}

const MAX_OUTPUT = 256 * 1024 * 1024;

export function gitExecOptions(options: GitCommandOptions): GitExecOptions {
  return {
    cwd: options.cwd,
    encoding: 'buffer',
    maxBuffer: MAX_OUTPUT,
    timeout: options.timeoutMs ?? 10 * 60 * 1000,
    env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', LC_ALL: 'C', LANGUAGE: '' },
  };
}

/** `failure` is execFile's error message when git failed (non-zero exit, signal, timeout, not started). */
export function gitCommandResult(failure: string | undefined, stdout: Buffer, stderr: Buffer): GitCommandResult {
  const err = stderr.toString('utf8');
  if (failure !== undefined) return { ok: false, stderr: err.trim() || failure, stdout };
  return { ok: true, stdout, stderr: err };
}

export const runGit: RunGit = (args, options = {}) =>
  new Promise((resolve) => {
    execFile('git', [...args], gitExecOptions(options), (error, stdout, stderr) => {
      resolve(gitCommandResult(error?.message, stdout, stderr));
    });
  });

/** The lines of a text output, without the empty last one. */
export function outputLines(text: string): string[] {
  return text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1).map((l) => l.replace(/\r$/, ''));
}
