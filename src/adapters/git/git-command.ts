/**
 * Runs the `git` CLI without a shell (arguments are never parsed by one)
 * and hands back what it said as a value. Git never prompts: a repository
 * that needs credentials fails at once instead of hanging a job.
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

const MAX_OUTPUT = 256 * 1024 * 1024;

export function runGit(args: readonly string[], options: GitCommandOptions = {}): Promise<GitCommandResult> {
  return new Promise((resolve) => {
    execFile(
      'git',
      [...args],
      {
        cwd: options.cwd,
        encoding: 'buffer',
        maxBuffer: MAX_OUTPUT,
        timeout: options.timeoutMs ?? 10 * 60 * 1000,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GCM_INTERACTIVE: 'never', LC_ALL: 'C', LANGUAGE: '' },
      },
      (error, stdout, stderr) => {
        const err = stderr.toString('utf8');
        if (error) resolve({ ok: false, stderr: err.trim() || error.message, stdout });
        else resolve({ ok: true, stdout, stderr: err });
      },
    );
  });
}

/** The lines of a text output, without the empty last one. */
export function outputLines(text: string): string[] {
  return text.split('\n').filter((line, i, all) => line !== '' || i < all.length - 1).map((l) => l.replace(/\r$/, ''));
}
