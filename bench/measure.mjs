/**
 * Measuring for the benchmarks: a monotonic clock, percentiles over
 * samples, wall time of a child process, and a description of the machine
 * the numbers came from. Nothing here knows about chatrun.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Milliseconds from an arbitrary origin, monotonic, sub-millisecond. */
export function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Runs each step in turn (A, B, A, B, …) so that machine noise hits every
 * step alike: `warmup` unmeasured rounds, then up to `runs` measured ones,
 * stopping early once `budgetMs` has passed (the warm-up counts; at least
 * one round is always measured). Returns one array of milliseconds per
 * step, and how many warm-up rounds ran.
 */
export async function interleave({ steps, warmup, runs, budgetMs }) {
  const deadline = nowMs() + budgetMs;
  let warmups = 0;
  for (; warmups < warmup && nowMs() < deadline; warmups += 1) for (const step of steps) await step();
  const samples = steps.map(() => []);
  for (let i = 0; i < runs && (i === 0 || nowMs() < deadline); i += 1) {
    for (const [index, step] of steps.entries()) {
      const started = nowMs();
      // A step may time itself (returning milliseconds) so that checks it
      // makes after the measured work do not count against it.
      const own = await step();
      samples[index].push(typeof own === 'number' ? own : nowMs() - started);
    }
  }
  return { samples, warmups };
}

/** Nearest-rank percentile (p in 0..100) of samples; the samples need not be sorted. */
export function percentile(samples, p) {
  if (samples.length === 0) return Number.NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples) {
  const total = samples.reduce((sum, x) => sum + x, 0);
  return {
    n: samples.length,
    min: Math.min(...samples),
    median: percentile(samples, 50),
    p90: percentile(samples, 90),
    p99: percentile(samples, 99),
    max: Math.max(...samples),
    mean: samples.length === 0 ? Number.NaN : total / samples.length,
  };
}

/**
 * Runs a command to its end and returns its wall time, measured from just
 * before spawn to the close of its output pipes (what a person waiting on
 * a terminal sees).
 */
export function timeChild(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const stdout = [];
    const stderr = [];
    const started = nowMs();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    // A hung child must not hang the benchmark; it then shows up as a failed run.
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.stdout.on('data', (chunk) => stdout.push(chunk));
    child.stderr.on('data', (chunk) => stderr.push(chunk));
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({
        ms: nowMs() - started,
        code,
        signal,
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}

/** The chatrun checkout: the nearest directory above bench/ holding package.json. */
export function repoRoot() {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) || dir.endsWith('/bench')) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('bench: cannot find the repository root (package.json)');
    dir = parent;
  }
  return dir;
}

/** What the README records next to the numbers. */
export function machineInfo() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('model name'));
    if (line) cpu = line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: os.cpus() has the model too.
  }
  return {
    nproc: cpus().length,
    cpu,
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    /** 1-minute load average when the run began: other work on the machine skews timings. */
    loadAverage: Math.round(loadavg()[0] * 100) / 100,
  };
}

/** Peak resident set size of a live process in MiB (Linux VmHWM), or undefined. */
export function peakRssMiB(pid) {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
    return match ? Math.round(Number(match[1]) / 1024) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds a live process has used (Linux /proc/PID/stat): `self` for
 * the process, `children` for the child processes it has waited for.
 */
export function processCpuSeconds(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const tick = (i) => Number(fields[i]) / 100;
    return { self: tick(11) + tick(12), children: tick(13) + tick(14) };
  } catch {
    return undefined;
  }
}

export function ms(value) {
  return Number.isFinite(value) ? `${value < 10 ? value.toFixed(2) : value.toFixed(1)} ms` : 'n/a';
}

export function ratio(value) {
  return Number.isFinite(value) ? `${value.toFixed(2)}x` : 'n/a';
}
