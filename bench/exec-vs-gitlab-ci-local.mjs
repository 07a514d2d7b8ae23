/**
 * `chatrun exec hello-world` against `gitlab-ci-local --shell-executor-no-image
 * hello-world`, both as child processes on the same freshly made git
 * repository, interleaved run by run so that machine noise hits both alike.
 * Target: chatrun at least 4x faster (median wall time).
 *
 * Then a breakdown of where chatrun's time goes, each part timed on its own:
 * the whole rehearsal in-process once modules are loaded and warm, then as
 * child processes node start-up, start-up plus loading the modules `exec`
 * needs, one of the git calls exec makes, and one bash spawn.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { interleave, ms, nowMs, ratio, repoRoot, summarize, timeChild } from './measure.mjs';

const WARMUP = 3;
const RUNS = 20;
const PROFILE_RUNS = 10;
const BUDGET_MS = 120_000;
const CONFIG = 'hello-world:\n  script: [echo "Hello World."]\n';

export const title = 'chatrun exec vs gitlab-ci-local (hello-world)';

export async function run({ log }) {
  const root = repoRoot();
  const cli = join(root, 'dist/cli/main.js');
  const gcl = join(root, 'bench/node_modules/.bin/gitlab-ci-local');
  const repo = makeRepository();
  try {
    const chatrun = () => timeChild(process.execPath, [cli, 'exec', 'hello-world'], { cwd: repo });
    const baseline = () => timeChild(gcl, ['--shell-executor-no-image', 'hello-world'], { cwd: repo });

    const schemaMs = [];
    const steps = [
      async () => check('chatrun exec', await chatrun(), (r) => r.stdout === 'Hello World.'),
      async () => {
        const b = check('gitlab-ci-local', await baseline(), (r) => r.stdout.includes('Hello World.'));
        const schema = /json schema validated in (\d+) ms/.exec(b.stdout + b.stderr);
        if (schema) schemaMs.push(Number(schema[1]));
      },
    ];
    log(`${WARMUP} warm-up runs, then ${RUNS} runs each, interleaved, within ${BUDGET_MS / 1000} s`);
    const { samples: [ours, theirs], warmups } = await interleave({ steps, warmup: WARMUP, runs: RUNS, budgetMs: BUDGET_MS });
    const a = summarize(ours);
    const b = summarize(theirs);
    const speedup = b.median / a.median;

    log(`profiling chatrun exec: ${PROFILE_RUNS} runs of each part`);
    const parts = await profile(repo);

    const rows = [
      { measure: 'wall time, median', chatrun: ms(a.median), baseline: ms(b.median), ratio: `${ratio(speedup)} faster`, target: '>= 4x faster', verdict: speedup >= 4 ? 'met' : 'missed' },
      { measure: 'wall time, p90', chatrun: ms(a.p90), baseline: ms(b.p90), ratio: `${ratio(b.p90 / a.p90)} faster`, target: '', verdict: '' },
      ...parts.map((p) => ({ measure: `  ${p.label}, median`, chatrun: ms(p.summary.median), baseline: '', ratio: '', target: '', verdict: '' })),
    ];
    const notes = [
      `${ours.length} interleaved runs each after ${warmups} warm-up runs; wall time from spawn to exit of the whole process.`,
      // The warm-up runs' reports are included: the figure is gitlab-ci-local's own.
      schemaMs.length > 0 ? `gitlab-ci-local reports its JSON-schema validation alone at ${ms(summarize(schemaMs).median)} (median).` : '',
    ].filter((n) => n !== '');
    return { rows, notes, data: { chatrun: a, gitlabCiLocal: b, speedup, profile: parts.map((p) => ({ part: p.label, ...p.summary })) } };
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
}

/** Each cost chatrun exec pays, timed alone. */
async function profile(repo) {
  const parts = [
    { label: 'node start-up (node -e 0)', command: process.execPath, args: ['-e', '0'] },
    {
      label: 'start-up + loading exec\'s modules',
      command: process.execPath,
      args: ['--input-type=module', '-e', `await import(${JSON.stringify(pathToFileURL(join(repoRoot(), 'dist/cli/exec-command.js')).href)})`],
    },
    { label: 'one git call (symbolic-ref)', command: 'git', args: ['-C', repo, 'symbolic-ref', '--short', '-q', 'HEAD'] },
    { label: 'one bash spawn (echo)', command: 'bash', args: ['--noprofile', '--norc', '-c', 'echo "Hello World."'] },
  ];
  const results = [];
  const { rehearseJob } = await import(pathToFileURL(join(repoRoot(), 'dist/cli/rehearse-job.js')).href);
  const quiet = { write: () => true };
  const rehearse = () => rehearseJob({ jobName: 'hello-world', input: '', channel: 'exec', dir: repo, configPath: '.gitlab-ci.yml', stdout: quiet, stderr: quiet, env: process.env });
  const inProcess = [];
  for (let i = 0; i < PROFILE_RUNS + 2; i += 1) {
    const started = nowMs();
    if ((await rehearse()) !== 0) throw new Error('rehearseJob in-process did not succeed');
    if (i >= 2) inProcess.push(nowMs() - started);
  }
  results.push({ label: 'rehearseJob in-process, warm (config, git, job)', summary: summarize(inProcess) });
  for (const part of parts) {
    const samples = [];
    await timeChild(part.command, part.args, { cwd: repo });
    for (let i = 0; i < PROFILE_RUNS; i += 1) samples.push((await timeChild(part.command, part.args, { cwd: repo })).ms);
    results.push({ label: part.label, summary: summarize(samples) });
  }
  return results;
}

function makeRepository() {
  const dir = mkdtempSync(join(tmpdir(), 'chatrun-bench-exec-'));
  writeFileSync(join(dir, '.gitlab-ci.yml'), CONFIG);
  // gitlab-ci-local keeps its state in .gitlab-ci-local/; ignored so the tree stays as committed.
  writeFileSync(join(dir, '.gitignore'), '.gitlab-ci-local/\n');
  const git = (...args) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('-c', 'user.name=Bench', '-c', 'user.email=bench@example.com', 'commit', '-q', '-m', 'hello-world');
  return dir;
}

function check(who, result, ok) {
  if (result.code !== 0 || !ok(result)) {
    throw new Error(`${who} did not print Hello World. (exit ${result.code}):\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}
