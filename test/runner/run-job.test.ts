import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ShellExecutor } from '../../src/adapters/executor/shell-executor.js';
import { GitCli } from '../../src/adapters/git/git-cli.js';
import type { JobOutcome, RunnableJob } from '../../src/domain/job/runnable-job.js';
import { parseTraceSections } from '../../src/domain/trace/section-parser.js';
import { runJob, type JobWorkspace } from '../../src/runner/run-job.js';

const work = mkdtempSync(join(tmpdir(), 'chatrun-run-job-test-'));
after(() => rmSync(work, { recursive: true, force: true }));
const projectDir = join(work, 'project');
mkdirSync(join(projectDir, 'sub'), { recursive: true });

const executor = new ShellExecutor({ drainMs: 200 });
const git = new GitCli({ cacheDir: join(work, 'cache') });

function job(overrides: Partial<RunnableJob> = {}): RunnableJob {
  return { id: 1, name: 'hello', stage: 'test', beforeScript: [], script: ['true'], afterScript: [], variables: [], timeoutSeconds: 60, allowFailure: false, ...overrides };
}

async function run(
  j: RunnableJob,
  workspace: JobWorkspace = { kind: 'directory', path: projectDir },
): Promise<{ outcome: JobOutcome; trace: Buffer; text: string }> {
  const chunks: Buffer[] = [];
  let seconds = 1_700_000_000;
  const outcome = await runJob({
    job: j,
    workspace,
    baseEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, LANG: 'C.UTF-8' },
    executor,
    git,
    traceLimitBytes: 4 * 1024 * 1024,
    onTrace: async (c) => {
      chunks.push(c);
    },
    signal: new AbortController().signal,
    clock: { now: () => new Date(seconds++ * 1000) },
    runnerName: 'test-runner',
    runnerVersion: '9.9.9',
    hostname: 'testhost',
    cancelGraceMs: 300,
  });
  const trace = Buffer.concat(chunks);
  return { outcome, trace, text: trace.toString('utf8') };
}

function section(trace: Buffer, name: string): string | undefined {
  const found = parseTraceSections(trace).find((s) => s.name === name);
  return found && trace.subarray(found.byteStart, found.byteEnd).toString('utf8');
}

/** SPEC §6 rule 2: step_script minus the header line minus the first command line, trailing empty lines dropped. */
function replyOf(trace: Buffer): string {
  const lines = (section(trace, 'step_script') ?? '').split('\n').slice(2);
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines.join('\n');
}

function conformanceTrace(): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  const file = join(dir, '..', 'shared', 'conformance', 'chat-reply.json');
  if (!existsSync(file)) return undefined;
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  const cases = (parsed as { cases?: { trace?: unknown }[] }).cases;
  const trace = cases?.[0]?.trace;
  return typeof trace === 'string' ? trace : undefined;
}

describe('runJob: trace and shells', () => {
  test('the seed job: step_script holds the header, the $ line and the output; the reply is the output', async () => {
    const { outcome, trace, text } = await run(job({ script: ['echo "Hello World."'] }));
    assert.deepEqual(outcome, { status: 'success', exitCode: 0, traceBytes: trace.length });
    assert.ok(text.startsWith('\x1b[0KRunning with chatrun 9.9.9\n\x1b[0;m\x1b[0K  on test-runner\n\x1b[0;m'));
    assert.deepEqual(parseTraceSections(trace).map((s) => s.name), ['prepare_script', 'get_sources', 'step_script']);
    assert.equal(section(trace, 'prepare_script'), '\x1b[0K\x1b[36;1mPreparing environment\x1b[0;m\n\x1b[0;mRunning on testhost...\n');
    assert.equal(
      section(trace, 'step_script'),
      '\x1b[0K\x1b[36;1mExecuting "step_script" stage of the job script\x1b[0;m\n\x1b[0;m' +
        '\x1b[32;1m$ echo "Hello World."\x1b[0;m\nHello World.\n',
    );
    assert.ok(text.endsWith('step_script\r\x1b[0K\x1b[32;1mJob succeeded\x1b[0;m\n'));
    assert.equal(replyOf(trace), 'Hello World.');
  });

  test('step_script bytes match GitLab Runner\'s in the conformance trace (T1)', { skip: conformanceTrace() === undefined && 'shared/conformance/chat-reply.json not found' }, async () => {
    const t1 = Buffer.from(conformanceTrace() ?? '', 'utf8');
    const { trace } = await run(job({ script: ['echo "success!"'] }));
    assert.equal(section(trace, 'step_script'), section(t1, 'step_script'));
  });

  test('before_script and script share one shell: exports and cd carry over', async () => {
    const { text, outcome } = await run(job({ beforeScript: ['export GREETING=hi', 'cd sub'], script: ['echo "$GREETING from $(basename "$PWD")"'] }));
    assert.equal(outcome.status, 'success');
    assert.ok(text.includes('hi from sub\n'));
  });

  test('after_script runs in its own shell after a failure, sees CI_JOB_STATUS=failed, and keeps the result', async () => {
    const { outcome, trace, text } = await run(
      job({ beforeScript: ['export ONLY_STEP=1'], script: ['exit 3'], afterScript: ['echo "status=$CI_JOB_STATUS step=${ONLY_STEP:-unset}"'] }),
    );
    assert.deepEqual(outcome, { status: 'failed', failureReason: 'script_failure', exitCode: 3, traceBytes: trace.length });
    assert.deepEqual(parseTraceSections(trace).map((s) => s.name), ['prepare_script', 'get_sources', 'step_script', 'after_script']);
    assert.ok(section(trace, 'after_script')?.includes('status=failed step=unset\n'));
    assert.ok(text.endsWith('\x1b[31;1mERROR: Job failed: exit code 3\x1b[0;m\n'));
  });

  test('a failing after_script is a warning only', async () => {
    const { outcome, trace } = await run(job({ script: ['echo "$CI_JOB_STATUS"'], afterScript: ['echo "after=$CI_JOB_STATUS"', 'exit 9'] }));
    assert.equal(outcome.status, 'success');
    assert.ok(section(trace, 'step_script')?.includes('running\n'));
    const afterSection = section(trace, 'after_script') ?? '';
    assert.ok(afterSection.includes('after=success\n'));
    assert.ok(afterSection.includes('WARNING: after_script failed, but job will continue unaffected: exit code 9'));
  });

  test('errexit: nothing runs after a failing command; pipefail: a failing pipeline fails', async () => {
    const errexit = await run(job({ script: ['false', 'echo never-printed'] }));
    assert.equal(errexit.outcome.exitCode, 1);
    assert.ok(!errexit.text.includes('never-printed\n'));
    const pipefail = await run(job({ script: ['false | true', 'echo never-printed'] }));
    assert.deepEqual([pipefail.outcome.status, pipefail.outcome.exitCode], ['failed', 1]);
    assert.ok(!pipefail.text.includes('never-printed\n'));
  });

  test('exports variables, expanding non-raw ones, never CHAT_INPUT, plus the runner variables', async () => {
    const { text } = await run(
      job({
        timeoutSeconds: 77,
        variables: [
          { key: 'BIN', value: '$CI_PROJECT_DIR/bin', masked: false },
          { key: 'LITERAL', value: '$HOME', masked: false, raw: true },
          { key: 'CHAT_INPUT', value: "$HOME 'quoted' $(id)\nline2", masked: false },
        ],
        script: ['echo "bin=$BIN literal=$LITERAL server=$CI_SERVER timeout=$CI_JOB_TIMEOUT id=$CI_CONCURRENT_ID"', 'printf "%s\\n" "$CHAT_INPUT"'],
      }),
    );
    assert.ok(text.includes(`bin=${projectDir}/bin literal=$HOME server=yes timeout=77 id=0\n`));
    assert.ok(text.includes("$HOME 'quoted' $(id)\nline2\n"));
  });

  test('invalid UTF-8 output reaches the trace byte for byte', async () => {
    const { trace } = await run(job({ script: ["printf '\\xff\\xfe\\xc3\\x28\\n'"] }));
    assert.ok(trace.includes(Buffer.from([0x0a, 0xff, 0xfe, 0xc3, 0x28, 0x0a])));
  });
});

describe('runJob: git checkout workspace', () => {
  const repo = join(work, 'repo');
  mkdirSync(repo);
  const g = (...args: string[]): string =>
    execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', ...args], { cwd: repo, encoding: 'utf8' }).trim();
  g('init', '-q', '-b', 'main');
  writeFileSync(join(repo, 'file.txt'), 'version one\n');
  g('add', '-A');
  g('commit', '-q', '-m', 'one');
  const one = g('rev-parse', 'HEAD');
  writeFileSync(join(repo, 'file.txt'), 'version two\n');
  g('commit', '-q', '-am', 'two');
  const two = g('rev-parse', 'HEAD');
  const workspace: JobWorkspace = { kind: 'checkout', cacheDir: join(work, 'cache'), buildsDir: join(work, 'builds') };
  const checkoutJob = (sha: string): RunnableJob =>
    job({ script: ['cat file.txt', 'echo "dir=$CI_PROJECT_DIR"', 'touch leftover'], git: { repository: repo, sha, ref: 'main', projectPath: 'group/app' } });

  test('checks out the commit in a reused build directory, cleaning what the last job left', async () => {
    const first = await run(checkoutJob(two), workspace);
    assert.equal(first.outcome.status, 'success');
    assert.ok(first.text.includes('version two\n'));
    assert.ok(first.text.includes(`dir=${join(work, 'builds', '0', 'group', 'app')}\n`));
    const sources = section(first.trace, 'get_sources') ?? '';
    assert.ok(sources.includes(`\x1b[32;1mChecking out ${two.slice(0, 8)} as detached HEAD (ref is main)...\x1b[0;m\n`));
    const second = await run(checkoutJob(one), workspace);
    assert.ok(second.text.includes('version one\n'));
    assert.ok(section(second.trace, 'get_sources')?.includes('Removing leftover\n'));
  });

  test('concurrent jobs of one project get different build directories', async () => {
    const both = await Promise.all([run(checkoutJob(two), workspace), run(checkoutJob(two), workspace)]);
    const dirs = both.map((r) => /^dir=(.*)$/m.exec(r.text)?.[1]).sort();
    assert.deepEqual(dirs, [join(work, 'builds', '0', 'group', 'app'), join(work, 'builds', '1', 'group', 'app')]);
  });

  test('a repository that cannot be read fails the job as a system failure', async () => {
    const { outcome, text } = await run(job({ git: { repository: join(work, 'missing'), sha: two, ref: 'main', projectPath: 'group/app' } }), workspace);
    assert.deepEqual([outcome.status, outcome.failureReason, outcome.exitCode], ['failed', 'runner_system_failure', null]);
    assert.match(text, /\x1b\[31;1mERROR: Job failed \(system failure\): cannot read repository .*missing/);
    assert.ok(!text.includes('step_script'));
  });
});
