/**
 * What the demo (`chatrun serve` without a config) needs on disk before the
 * server starts: a git repository made from examples/demo/ and the demo
 * admin's password. Both are made once and reused, so restarting the demo
 * keeps its jobs' history and its password.
 *
 * The repository gets its own committer identity (in its .git/config only):
 * a fresh machine often has no global git identity, and the demo must not
 * depend on, or change, the person's git settings.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGit } from '../adapters/git/git-command.js';

/** examples/demo/ of this installation (the same from src/cli and dist/cli). */
export const DEMO_EXAMPLE_DIR = fileURLToPath(new URL('../../examples/demo/', import.meta.url));

export interface DemoFiles {
  /** Absolute path of the demo project's repository. */
  readonly repository: string;
  readonly passwordFile: string;
  readonly password: string;
  /** True when this call made the repository (first start). */
  readonly createdRepository: boolean;
}

export type PrepareDemoResult = { readonly ok: true; readonly demo: DemoFiles } | { readonly ok: false; readonly error: string };

export async function prepareDemoFiles(dataDir: string, exampleDir: string = DEMO_EXAMPLE_DIR): Promise<PrepareDemoResult> {
  const root = resolve(dataDir);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const repository = join(root, 'demo-repo');
  let createdRepository = false;
  if (!existsSync(join(repository, '.git'))) {
    const made = await createDemoRepository(repository, exampleDir);
    if (!made.ok) return made;
    createdRepository = true;
  }
  const passwordFile = join(root, 'demo-password');
  const password = readOrCreatePassword(passwordFile);
  return { ok: true, demo: { repository, passwordFile, password, createdRepository } };
}

async function createDemoRepository(repository: string, exampleDir: string): Promise<{ ok: true } | { ok: false; error: string }> {
  if (!existsSync(join(exampleDir, '.gitlab-ci.yml'))) {
    return { ok: false, error: `the demo project's files are missing: ${join(exampleDir, '.gitlab-ci.yml')} not found` };
  }
  mkdirSync(repository, { recursive: true });
  cpSync(exampleDir, repository, { recursive: true });
  const steps: readonly (readonly string[])[] = [
    ['init', '-q', '-b', 'main'],
    ['config', 'user.name', 'chatrun demo'],
    ['config', 'user.email', 'demo@chatrun.invalid'],
    ['config', 'commit.gpgsign', 'false'],
    ['add', '-A'],
    ['commit', '-q', '--no-verify', '-m', 'The chatrun demo project'],
  ];
  for (const args of steps) {
    const result = await runGit(['-C', repository, ...args]);
    if (!result.ok) return { ok: false, error: `cannot create the demo repository (git ${args.join(' ')}): ${result.stderr}` };
  }
  return { ok: true };
}

function readOrCreatePassword(file: string): string {
  if (existsSync(file)) {
    const stored = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    if (stored !== '') return stored;
  }
  // 18 bytes → 24 base64url characters: easy to paste, hard to guess.
  const password = randomBytes(18).toString('base64url');
  writeFileSync(file, `${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return password;
}
