/**
 * Trace capture throughput: a job printing 200 MB, with one masked variable
 * whose value is on every line, run through `runJob` and the shell
 * executor, the trace written to a file through `onTrace`; against bash
 * writing the same output straight to a file. Both in the same run,
 * interleaved. Target: chatrun at least a third of bash's MB/s
 * (1 MB = 10^6 bytes). Every captured trace is checked: the secret never
 * appears, and the masked lines are all there.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { interleave, nowMs, repoRoot, summarize, timeChild } from './measure.mjs';

const BYTES = 200_000_000;
const SECRET = 'SECRET_VALUE';
const LINE = `a line of output with ${SECRET} in it`;
// Process substitution rather than `yes | head`: the job shell has pipefail on, and yes dies of SIGPIPE.
// The secret comes from the variable, as a leak from a real job would.
const COMMAND = `head -c ${BYTES} < <(yes "a line of output with $BENCH_SECRET in it")`;
const WARMUP = 1;
const RUNS = 5;
const BUDGET_MS = 120_000;

export const title = 'trace capture of 200 MB with masking vs bash > file';

export async function run({ log }) {
  const dist = (path) => pathToFileURL(join(repoRoot(), 'dist', path)).href;
  const { runJob } = await import(dist('runner/run-job.js'));
  const { ShellExecutor } = await import(dist('adapters/executor/shell-executor.js'));
  const dir = mkdtempSync(join(tmpdir(), 'chatrun-bench-trace-'));
  const executor = new ShellExecutor({ scriptDir: dir });
  const tracePath = join(dir, 'trace.log');
  const bashPath = join(dir, 'bash.out');
  const checks = [];
  try {
    const chatrun = async () => {
      const started = nowMs();
      const fd = openSync(tracePath, 'w');
      let outcome;
      let elapsed;
      try {
        outcome = await runJob({
          job: {
            id: 1,
            name: 'print-200mb',
            stage: 'test',
            beforeScript: [],
            script: [COMMAND],
            afterScript: [],
            variables: [{ key: 'BENCH_SECRET', value: SECRET, masked: true }],
            timeoutSeconds: 600,
            allowFailure: false,
          },
          workspace: { kind: 'directory', path: dir },
          baseEnv: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8' },
          executor,
          // Large enough to keep every byte: the point is capture, not the cap.
          traceLimitBytes: 2 * BYTES,
          // Synchronous writes: the file is complete when runJob resolves, and the pipe is read no faster than the disk takes it.
          onTrace: (chunk) => void writeSync(fd, chunk),
          signal: new AbortController().signal,
          clock: { now: () => new Date() },
          runnerName: 'bench',
        });
      } finally {
        closeSync(fd);
        elapsed = nowMs() - started;
      }
      if (outcome.status !== 'success') throw new Error(`the job ended ${outcome.status} (exit ${outcome.exitCode})`);
      // Checked after the clock stops: the check reads 180 MB, which is the
      // benchmark's work, not chatrun's.
      checks.push(checkTrace(tracePath));
      rmSync(tracePath, { force: true });
      return elapsed;
    };
    const bash = async () => {
      const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', BENCH_SECRET: SECRET };
      const result = await timeChild('bash', ['--noprofile', '--norc', '-c', `${COMMAND} > '${bashPath}'`], { env, timeoutMs: 120_000 });
      if (result.code !== 0 || statSync(bashPath).size !== BYTES) throw new Error(`bash baseline failed (exit ${result.code})`);
      rmSync(bashPath, { force: true });
      return result.ms;
    };

    log(`${WARMUP} warm-up, then ${RUNS} runs each of ${BYTES / 1e6} MB, interleaved, within ${BUDGET_MS / 1000} s`);
    const { samples: [ours, theirs], warmups } = await interleave({ steps: [chatrun, bash], warmup: WARMUP, runs: RUNS, budgetMs: BUDGET_MS });
    const mbps = (msList) => summarize(msList.map((t) => BYTES / 1e6 / (t / 1000)));
    const a = mbps(ours);
    const b = mbps(theirs);
    const share = a.median / b.median;
    const masked = checks[checks.length - 1];
    return {
      rows: [
        { measure: 'throughput, median', chatrun: `${a.median.toFixed(0)} MB/s`, baseline: `${b.median.toFixed(0)} MB/s`, ratio: `${(share * 100).toFixed(0)}% of bash`, target: '>= 33% of bash', verdict: share >= 1 / 3 ? 'met' : 'missed' },
        { measure: 'throughput, worst run', chatrun: `${a.min.toFixed(0)} MB/s`, baseline: `${b.min.toFixed(0)} MB/s`, ratio: '', target: '', verdict: '' },
        { measure: 'secret in captured trace', chatrun: 'never', baseline: '', ratio: '', target: 'never', verdict: 'met' },
      ],
      notes: [
        `${ours.length} interleaved runs each after ${warmups} warm-up; job: ${COMMAND}; chatrun's time is the whole runJob (workspace, bash spawn, masking, trace to file), bash's the whole child process; the trace check runs after the clock stops.`,
        `last trace: ${(masked.bytes / 1e6).toFixed(1)} MB on disk, ${masked.maskedCount} [MASKED] for ${masked.expectedLines} output lines containing the secret.`,
        `bench process peak RSS: ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB.`,
      ],
      data: { bytes: BYTES, chatrunMBps: a, bashMBps: b, share, lastTrace: masked },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The secret never appears; every output line that carried it says [MASKED] instead. */
function checkTrace(path) {
  const trace = readFileSync(path);
  if (trace.indexOf(SECRET) !== -1) throw new Error(`the masked value appears in the captured trace at byte ${trace.indexOf(SECRET)}`);
  const mask = Buffer.from('[MASKED]');
  let maskedCount = 0;
  for (let at = trace.indexOf(mask); at !== -1; at = trace.indexOf(mask, at + mask.length)) maskedCount += 1;
  // Full lines each hold the secret once; the cut last line may hold it too. The `$ …` echo of the command names the variable, not its value.
  const lineBytes = LINE.length + 1;
  const fullLines = Math.floor(BYTES / lineBytes);
  const expectedLines = fullLines + (BYTES % lineBytes >= LINE.indexOf(SECRET) + SECRET.length ? 1 : 0);
  if (maskedCount !== expectedLines) throw new Error(`expected ${expectedLines} [MASKED] in the trace, found ${maskedCount}`);
  return { bytes: trace.length, maskedCount, expectedLines };
}
