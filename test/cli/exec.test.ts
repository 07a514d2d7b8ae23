/**
 * `chatrun exec` as a job author runs it: the compiled CLI in a child
 * process, on real git repositories (or plain directories) in temp dirs,
 * with real bash. What a job does is covered by test/scenarios; this file
 * covers the command itself: its options, its streams, where it reads the
 * files from, interruption and --version.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { chatrunBinary, processesMatching, runChatrun } from './chatrun-process.js';
import { createGitRepo, type GitRepo } from '../support/git-repo.js';
import { repoRoot } from '../support/shared-conformance.js';

const binary = chatrunBinary();
const skip = binary.ok ? false : binary.skip;
const chatrun = binary.ok ? binary.path : '';
const cleanups: (() => void)[] = [];
after(() => {
  for (const cleanup of cleanups) cleanup();
});

function repo(files: Record<string, string>): GitRepo {
  const created = createGitRepo({ files, prefix: 'chatrun-exec-' });
  cleanups.push(created.remove);
  return created;
}

const ANSI = /\x1b\[/;
const MARKER_TEXT = /section_(start|end):/;

describe('chatrun exec', { skip, concurrency: 4 }, () => {
  test('stdout is exactly the reply; the trace goes to stderr without section markers or colours when not a terminal', async () => {
    const project = repo({ '.gitlab-ci.yml': 'job:\n  script:\n    - echo "first command"\n    - printf "a\\n\\nb\\n\\n\\n"\n' });
    const run = await runChatrun(chatrun, ['exec', 'job'], { cwd: project.dir });
    assert.equal(run.code, 0, run.stderr);
    // Ruby's split drops the trailing empty lines; no newline is added when stdout is not a terminal.
    assert.equal(run.stdout, 'first command\n\x1b[32;1m$ printf "a\\n\\nb\\n\\n\\n"\x1b[0;m\na\n\nb');
    assert.doesNotMatch(run.stderr, ANSI);
    assert.doesNotMatch(run.stderr, MARKER_TEXT);
    assert.doesNotMatch(run.stderr, /\r/);
    const trace = run.stderr.split('\n');
    for (const line of ['Executing "step_script" stage of the job script', '$ echo "first command"', 'first command', '$ printf "a\\n\\nb\\n\\n\\n"', 'Job succeeded']) {
      assert.ok(trace.includes(line), `trace line ${JSON.stringify(line)} in:\n${run.stderr}`);
    }
  });

  test('--input and --channel become CHAT_INPUT and CHAT_CHANNEL; without them CHAT_INPUT is empty and the channel is "exec"', async () => {
    const project = repo({ '.gitlab-ci.yml': 'job:\n  script:\n    - printf "%s|%s" "$CHAT_INPUT" "$CHAT_CHANNEL"\n' });
    const given = await runChatrun(chatrun, ['exec', 'job', '--input', 'a "b"\n  c  ', '--channel', 'ops'], { cwd: project.dir });
    assert.equal(given.code, 0, given.stderr);
    assert.equal(given.stdout, 'a "b"\n  c  |ops');
    const defaults = await runChatrun(chatrun, ['exec', 'job'], { cwd: project.dir });
    assert.equal(defaults.code, 0, defaults.stderr);
    assert.equal(defaults.stdout, '|exec');
  });

  test('--dir runs the project in that directory (relative to the current one), and the job runs there', async () => {
    const project = repo({ '.gitlab-ci.yml': 'where:\n  script:\n    - pwd\n' });
    const elsewhere = mkdtempSync(join(tmpdir(), 'chatrun-exec-cwd-'));
    cleanups.push(() => rmSync(elsewhere, { recursive: true, force: true }));
    const run = await runChatrun(chatrun, ['exec', 'where', '--dir', relative(elsewhere, project.dir)], { cwd: elsewhere });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, project.dir);
  });

  test('uncommitted edits count: the file on disk is run, not the committed one, and an untracked include is read', async () => {
    const project = repo({ '.gitlab-ci.yml': 'job:\n  script:\n    - echo committed\n' });
    project.write({
      '.gitlab-ci.yml': 'include:\n  - local: ci/new.yml\njob:\n  script:\n    - echo "edited, not committed"\n',
      'ci/new.yml': 'added:\n  script:\n    - echo "from an untracked include"\n',
    });
    const edited = await runChatrun(chatrun, ['exec', 'job'], { cwd: project.dir });
    assert.equal(edited.code, 0, edited.stderr);
    assert.equal(edited.stdout, 'edited, not committed');
    const included = await runChatrun(chatrun, ['exec', 'added'], { cwd: project.dir });
    assert.equal(included.code, 0, included.stderr);
    assert.equal(included.stdout, 'from an untracked include');
  });

  test('the commit variables are those of HEAD and its branch', async () => {
    const project = createGitRepo({ files: { '.gitlab-ci.yml': 'job:\n  script:\n    - echo "$CI_COMMIT_SHA $CI_COMMIT_BRANCH $CI_COMMIT_SHORT_SHA"\n' }, branch: 'trunk' });
    cleanups.push(project.remove);
    const sha = project.headSha();
    const run = await runChatrun(chatrun, ['exec', 'job'], { cwd: project.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${sha} trunk ${sha.slice(0, 8)}`);
  });

  test('in a directory that is not a git repository it still runs, with a zero commit SHA and the branch main', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatrun-exec-plain-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(join(dir, '.gitlab-ci.yml'), 'job:\n  script:\n    - echo "$CI_COMMIT_SHA $CI_COMMIT_BRANCH"\n');
    assert.notEqual(spawnSync('git', ['-C', dir, 'rev-parse', '--git-dir']).status, 0, 'the temp dir must not be inside a git repository');
    const run = await runChatrun(chatrun, ['exec', 'job'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, `${'0'.repeat(40)} main`);
  });

  test('a directory without the config file: exit 2 and the reason on stderr', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatrun-exec-empty-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const run = await runChatrun(chatrun, ['exec', 'job'], { cwd: dir });
    assert.equal(run.code, 2);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /\.gitlab-ci\.yml/);
  });

  test('--file names another config file inside --dir', async () => {
    const project = repo({ 'ci/chat.yml': 'job:\n  script:\n    - echo "from ci/chat.yml"\n' });
    const run = await runChatrun(chatrun, ['exec', 'job', '--file', 'ci/chat.yml'], { cwd: project.dir });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout, 'from ci/chat.yml');
  });

  for (const [signal, code, what] of [
    ['SIGINT', 130, 'Ctrl-C (SIGINT)'],
    ['SIGTERM', 143, 'kill (SIGTERM)'],
  ] as const) {
    test(`${what} cancels the job: after_script runs, exit ${code}, nothing of the job left running`, async () => {
      const marker = `chatrun-${signal.toLowerCase()}-${randomBytes(8).toString('hex')}`;
      const project = repo({
        '.gitlab-ci.yml': [
          'slow:',
          '  script:',
          '    - echo started',
          `    - bash -c 'exec -a ${marker} sleep 60'`,
          '  after_script:',
          '    - echo "after_script saw $CI_JOB_STATUS"',
          '',
        ].join('\n'),
      });
      let signaledAt = 0;
      const run = await runChatrun(chatrun, ['exec', 'slow'], {
        cwd: project.dir,
        onSpawn: (child, stderrSoFar) => {
          const poll = setInterval(() => {
            if (processesMatching(marker).length === 0 || !stderrSoFar().includes('started\n')) return;
            clearInterval(poll);
            signaledAt = Date.now();
            child.kill(signal);
          }, 50);
          child.once('close', () => clearInterval(poll));
        },
      });
      try {
        assert.ok(signaledAt > 0, `the job never started:\n${run.stderr}`);
        assert.equal(run.code, code, run.stderr);
        assert.ok(Date.now() - signaledAt < 5000, `chatrun exits promptly after ${signal}`);
        assert.deepEqual(processesMatching(marker), []);
        assert.match(run.stderr, /after_script saw canceled\n/);
        assert.match(run.stderr, /ERROR: Job failed: canceled\n$/);
      } finally {
        for (const line of processesMatching(marker)) process.kill(Number.parseInt(line, 10), 'SIGKILL');
      }
    });
  }

  test('on a terminal the trace keeps its colours (markers still removed) and the reply ends with a newline', { skip: scriptSkip() }, () => {
    const project = repo({ '.gitlab-ci.yml': 'job:\n  script:\n    - echo one\n    - echo two\n' });
    // `script` gives the command a pseudo-terminal; each run sends one stream to it.
    const onTerminal = (redirect: string): string =>
      spawnSync('script', ['-qec', `'${process.execPath}' '${chatrun}' exec job ${redirect}`, '/dev/null'], { cwd: project.dir, encoding: 'utf8' }).stdout.replaceAll('\r\n', '\n');
    const reply = onTerminal('2>/dev/null');
    assert.equal(reply, 'one\n\x1b[32;1m$ echo two\x1b[0;m\ntwo\n');
    const trace = onTerminal('>/dev/null');
    assert.ok(trace.includes('\x1b[32;1m$ echo two\x1b[0;m\n'), trace);
    assert.doesNotMatch(trace, MARKER_TEXT);
  });
});

describe('chatrun --version', { skip }, () => {
  test('prints the version of package.json', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot(), 'package.json'), 'utf8')) as { version: string };
    const run = await runChatrun(chatrun, ['--version'], { cwd: repoRoot() });
    assert.equal(run.code, 0);
    assert.equal(run.stdout, `${version}\n`);
  });
});

function scriptSkip(): string | false {
  return spawnSync('script', ['--version']).status === 0 ? false : 'the `script` command (util-linux) is not installed';
}
