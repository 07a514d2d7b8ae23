/**
 * Behaviour as data: each folder `test/scenarios/NN-name/` is a small
 * project (`.gitlab-ci.yml` and whatever files it needs) plus
 * `command.json` (what is typed in chat) and `expected.json` (what must
 * come out); scenario-files.ts documents both. Each one is copied into a
 * fresh, committed git repository and run through the compiled CLI,
 * `chatrun exec`, with real bash and real git, exactly as a job author
 * would rehearse it.
 *
 * Add a scenario by adding a folder; nothing here needs to change.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chatrunBinary, processesMatching, runChatrun, type ChatrunRun } from '../cli/chatrun-process.js';
import { createGitRepo } from '../support/git-repo.js';
import { readScenario, SCENARIO_META_FILES, type Scenario, type ScenarioExpectation } from './scenario-files.js';
import { traceOutcome } from './trace-outcome.js';

const SCENARIOS_DIR = dirname(fileURLToPath(import.meta.url));
const MINIMUM_SCENARIOS = 25;

const folders = readdirSync(SCENARIOS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && /^\d{2,}-/.test(entry.name))
  .map((entry) => entry.name)
  .sort();
const binary = chatrunBinary();

describe('scenarios: each test/scenarios/NN-name folder through chatrun exec', { concurrency: 4 }, () => {
  test(`there are at least ${MINIMUM_SCENARIOS} scenarios`, () => {
    assert.ok(folders.length >= MINIMUM_SCENARIOS, `found ${folders.length}: ${folders.join(', ')}`);
  });

  for (const name of folders) {
    const read = readScenario(join(SCENARIOS_DIR, name), name);
    if (!read.ok) {
      test(`${name}: command.json and expected.json are valid`, () => assert.fail(read.error));
      continue;
    }
    const { scenario } = read;
    const skip = !binary.ok ? binary.skip : (scenario.expected.skip ?? false);
    test(`${name}: chatrun exec ${scenario.command.job} exits ${scenario.expected.exit}`, { skip }, async () => {
      if (!binary.ok) return;
      await runScenario(scenario, binary.path);
    });
  }
});

async function runScenario(scenario: Scenario, chatrun: string): Promise<void> {
  const outer = mkdtempSync(join(tmpdir(), 'chatrun-scenario-'));
  const marker = `chatrun-scenario-${randomBytes(8).toString('hex')}`;
  try {
    // The repository gets its own parent directory, so `ls -la` of it (`..` included) is stable.
    const repo = createGitRepo({ parentDir: outer, prefix: `${scenario.name}-`, commit: false });
    cpSync(scenario.dir, repo.dir, {
      recursive: true,
      filter: (source) => source === scenario.dir || !(dirname(source) === scenario.dir && SCENARIO_META_FILES.includes(basename(source))),
    });
    repo.commit(`scenario ${scenario.name}`);

    const { command } = scenario;
    const args = ['exec', command.job];
    if (command.input !== undefined) args.push('--input', command.input);
    if (command.channel !== undefined) args.push('--channel', command.channel);
    const env = { ...command.env, CHATRUN_SCENARIO_MARKER: marker };
    // Generous: a loaded machine must not turn a slow run into a hang report; maxSeconds is the real limit.
    const run = await runChatrun(chatrun, args, { cwd: repo.dir, env, timeoutMs: 60_000 });
    checkExpectation(scenario.expected, run, repo.dir, marker);
  } finally {
    for (const line of processesMatching(marker)) {
      const pid = Number.parseInt(line, 10);
      if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGKILL');
    }
    rmSync(outer, { recursive: true, force: true });
  }
}

function checkExpectation(expected: ScenarioExpectation, run: ChatrunRun, repoDir: string, marker: string): void {
  const context = `\n--- stdout (${run.stdoutBytes.length} bytes):\n${clip(run.stdout)}\n--- stderr:\n${clip(run.stderr)}`;
  assert.equal(run.code, expected.exit, `exit code${run.signal ? ` (ended by ${run.signal})` : ''}${context}`);
  if (expected.maxSeconds !== undefined) {
    assert.ok(run.durationMs <= expected.maxSeconds * 1000, `took ${run.durationMs} ms, more than ${expected.maxSeconds} s${context}`);
  }
  if (expected.noProcessLeft === true) {
    assert.deepEqual(processesMatching(marker), [], `processes of the job outlived chatrun exec${context}`);
  }

  if (expected.reply !== undefined) assert.equal(run.stdout, expected.reply, `reply${context}`);
  for (const part of expected.replyContains ?? []) assert.ok(run.stdout.includes(part), `reply lacks ${JSON.stringify(part)}${context}`);
  for (const part of expected.replyNotContains ?? []) assert.ok(!run.stdout.includes(part), `reply holds ${JSON.stringify(part)}${context}`);
  if (expected.replyMatches !== undefined) assert.match(run.stdout, new RegExp(expected.replyMatches, 's'), `reply${context}`);
  if (expected.replyEqualsOutputOf !== undefined) {
    const listing = spawnSync('bash', ['-c', expected.replyEqualsOutputOf], { cwd: repoDir, encoding: 'utf8' });
    assert.equal(run.stdout, listing.stdout.replace(/\n+$/, ''), `reply equals the output of ${expected.replyEqualsOutputOf}${context}`);
  }

  for (const part of expected.stderrContains ?? []) assert.ok(run.stderr.includes(part), `stderr lacks ${JSON.stringify(part)}${context}`);
  for (const part of expected.traceContains ?? []) assert.ok(run.stderr.includes(part), `trace lacks ${JSON.stringify(part)}${context}`);
  for (const part of expected.traceNotContains ?? []) assert.ok(!run.stderr.includes(part), `trace holds ${JSON.stringify(part)}${context}`);

  const outcome = traceOutcome(run.stderr);
  if (expected.status !== undefined) assert.equal(outcome.status, expected.status, `status from the trace's last line${context}`);
  if (expected.failureReason !== undefined) {
    assert.equal(outcome.status === 'failed' ? outcome.failureReason : undefined, expected.failureReason, `failure reason${context}`);
  }
}

/** Failure messages stay readable even when a job printed megabytes. */
function clip(text: string): string {
  const limit = 4000;
  return text.length <= limit ? text : `${text.slice(0, limit / 2)}\n… ${text.length - limit} characters …\n${text.slice(-limit / 2)}`;
}
