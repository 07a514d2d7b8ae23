/**
 * Which code `chatrun exec` runs: the compiled main.js loads exec from
 * dist/cli/exec-bundle.js (scripts/bundle-exec.mjs) only while that bundle
 * is at least as new as dist/.tsbuildinfo, and from the separate modules
 * otherwise, so a bare `tsc` after a source change never runs stale code.
 *
 * The real main.js and version.js are copied into a temp tree shaped like
 * the repository (package.json, node_modules, dist/cli/); the two exec
 * modules there are stand-ins that only say which one was loaded, since
 * the choice is what is tested here (test/cli/exec.test.ts runs the real
 * exec through whichever dist/ holds).
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../support/shared-conformance.js';

const root = repoRoot();
const builtMain = join(root, 'dist', 'cli', 'main.js');
const skip = existsSync(builtMain) ? false : 'dist/cli/main.js is missing: run npm run build';

const temps: string[] = [];
after(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

const standIn = (says: string): string =>
  `export function registerExecCommand(program) {\n  program.command('exec').argument('<job>').action(() => { process.stdout.write(${JSON.stringify(says)}); });\n}\n`;

interface Layout {
  readonly cli: string;
  readonly buildInfo: string;
  readonly bundle: string;
}

function layout(): Layout {
  const top = mkdtempSync(join(tmpdir(), 'chatrun-exec-bundle-'));
  temps.push(top);
  const cli = join(top, 'dist', 'cli');
  mkdirSync(cli, { recursive: true });
  copyFileSync(join(root, 'package.json'), join(top, 'package.json'));
  symlinkSync(join(root, 'node_modules'), join(top, 'node_modules'), 'dir');
  copyFileSync(builtMain, join(cli, 'main.js'));
  copyFileSync(join(root, 'dist', 'cli', 'version.js'), join(cli, 'version.js'));
  writeFileSync(join(cli, 'exec-command.js'), standIn('separate modules'));
  return { cli, buildInfo: join(top, 'dist', '.tsbuildinfo'), bundle: join(cli, 'exec-bundle.js') };
}

function writeAt(path: string, content: string, seconds: number): void {
  writeFileSync(path, content);
  utimesSync(path, seconds, seconds);
}

function execLoads(tree: Layout): string {
  const run = spawnSync(process.execPath, [join(tree.cli, 'main.js'), 'exec', 'job'], { encoding: 'utf8', timeout: 10_000 });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout;
}

const NOW = Math.floor(Date.now() / 1000);

describe('chatrun exec: bundle or separate modules', { skip }, () => {
  test('a bundle newer than the last tsc build is used', () => {
    const tree = layout();
    writeAt(tree.buildInfo, '{}', NOW - 60);
    writeAt(tree.bundle, standIn('bundle'), NOW);
    assert.equal(execLoads(tree), 'bundle');
  });

  test('a bundle as old as the last tsc build is used (the build writes it right after tsc)', () => {
    const tree = layout();
    writeAt(tree.buildInfo, '{}', NOW);
    writeAt(tree.bundle, standIn('bundle'), NOW);
    assert.equal(execLoads(tree), 'bundle');
  });

  test('a bundle older than the last tsc build is stale: the separate modules run', () => {
    const tree = layout();
    writeAt(tree.bundle, standIn('bundle'), NOW - 60);
    writeAt(tree.buildInfo, '{}', NOW);
    assert.equal(execLoads(tree), 'separate modules');
  });

  test('without a bundle, or without the build info to date it, the separate modules run', () => {
    const noBundle = layout();
    writeAt(noBundle.buildInfo, '{}', NOW);
    assert.equal(execLoads(noBundle), 'separate modules');

    const noBuildInfo = layout();
    writeAt(noBuildInfo.bundle, standIn('bundle'), NOW);
    assert.equal(execLoads(noBuildInfo), 'separate modules');
  });
});
