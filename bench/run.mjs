#!/usr/bin/env node
/**
 * Runs chatrun's benchmarks and prints one table: `node bench/run.mjs` for
 * all of them, `node bench/run.mjs NAME…` for some (`npm run bench` builds
 * dist/ first). Each benchmark runs in its own node process, so that one
 * benchmark's heap, JIT state and peak memory do not colour the next.
 * Results also go to bench/results/latest.{json,md} (not committed).
 *
 * Exit code: 1 when a benchmark could not run; a missed target is a
 * result, printed as `missed`, not an error.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { machineInfo, repoRoot } from './measure.mjs';

const BENCHMARKS = [
  { name: 'exec', file: 'exec-vs-gitlab-ci-local.mjs', needs: 'gitlab-ci-local' },
  { name: 'config-load', file: 'config-load.mjs' },
  { name: 'trace-capture', file: 'trace-capture.mjs' },
  { name: 'server-latency', file: 'server-latency.mjs', needs: 'server' },
  { name: 'server-acknowledgement', file: 'server-acknowledgement.mjs', needs: 'server' },
  { name: 'server-throughput', file: 'server-throughput.mjs', needs: 'server' },
];

const CHILD_TIMEOUT_MS = 20 * 60_000;
const COLUMNS = ['benchmark', 'measure', 'chatrun', 'baseline', 'ratio', 'target', 'verdict'];

const root = repoRoot();
const args = process.argv.slice(2);

if (args[0] === '--child') await runChild(args[1], args[2]);
else process.exitCode = await runAll(args);

async function runAll(names) {
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n || b.file === n || b.file === `${n}.mjs`));
  if (unknown.length > 0) {
    console.error(`bench: unknown benchmark ${unknown.join(', ')}; known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const chosen = names.length === 0 ? BENCHMARKS : BENCHMARKS.filter((b) => names.some((n) => b.name === n || b.file === n || b.file === `${n}.mjs`));
  if (!existsSync(join(root, 'dist/cli/main.js'))) {
    console.error('bench: dist/ is missing; run `npm run bench` (it builds first) or `npm run build`.');
    return 1;
  }
  const started = new Date();
  const machine = machineInfo();
  const results = [];
  let failed = false;
  for (const benchmark of chosen) {
    console.error(`\n== ${benchmark.name} (bench/${benchmark.file})`);
    const problem = prepare(benchmark.needs);
    if (problem) {
      console.error(`bench: ${benchmark.name} cannot run: ${problem}`);
      results.push({ name: benchmark.name, error: problem });
      failed = true;
      continue;
    }
    const out = join(tmpdir(), `chatrun-bench-${process.pid}-${benchmark.name}.json`);
    // Other work on the machine moves timings: each result says how busy the machine was when it began.
    const loadAtStart = Math.round(loadavg()[0] * 100) / 100;
    // Each benchmark bounds its own loops; this is only the last resort against a hang.
    const child = spawnSync(process.execPath, [join(root, 'bench/run.mjs'), '--child', benchmark.file, out], { stdio: 'inherit', cwd: root, timeout: CHILD_TIMEOUT_MS });
    if (child.status !== 0 || !existsSync(out)) {
      results.push({ name: benchmark.name, error: `exited with ${child.status ?? child.signal}` });
      failed = true;
      continue;
    }
    results.push({ name: benchmark.name, loadAverageAtStart: loadAtStart, ...JSON.parse(readFileSync(out, 'utf8')) });
    rmSync(out, { force: true });
  }
  const report = { date: started.toISOString(), command: `node bench/run.mjs ${names.join(' ')}`.trim(), machine, results };
  console.log(`\n${plainReport(report)}`);
  mkdirSync(join(root, 'bench/results'), { recursive: true });
  writeFileSync(join(root, 'bench/results/latest.json'), `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(join(root, 'bench/results/latest.md'), markdownReport(report));
  console.error('results: bench/results/latest.json, bench/results/latest.md');
  return failed ? 1 : 0;
}

async function runChild(file, out) {
  const module = await import(pathToFileURL(join(root, 'bench', file)).href);
  const log = (text) => process.stderr.write(`   ${text}\n`);
  const result = await module.run({ log });
  writeFileSync(out, JSON.stringify({ title: module.title, ...result }));
}

/** Installs or checks what a benchmark needs; returns why it cannot run, if it cannot. */
function prepare(need) {
  if (need === 'gitlab-ci-local') {
    if (spawnSync('rsync', ['--version'], { stdio: 'ignore' }).status !== 0) {
      return 'gitlab-ci-local needs rsync for its shell executor; install it (Debian/Ubuntu: apt-get install rsync)';
    }
    if (!existsSync(join(root, 'bench/node_modules/.bin/gitlab-ci-local'))) {
      console.error('installing the baseline (npm install --prefix bench)');
      const install = spawnSync('npm', ['install', '--prefix', 'bench', '--no-audit', '--no-fund'], { stdio: 'inherit', cwd: root });
      if (install.status !== 0) return '`npm install --prefix bench` failed';
    }
  }
  if (need === 'server') {
    if (!existsSync(join(root, 'dist/cli/compose-server.js'))) return 'dist/cli/compose-server.js is missing (the server composition is not built yet)';
    if (!existsSync(join(root, 'test/support/fake-slack.ts'))) return 'test/support/fake-slack.ts (the fake Slack) is missing';
    if (!existsSync(join(root, 'node_modules/tsx'))) return 'tsx is missing from node_modules (it loads the fake Slack); run npm install';
  }
  return undefined;
}


function tableRows(report) {
  const rows = [];
  for (const result of report.results) {
    if (result.error) rows.push([result.name, 'NOT RUN', result.error, '', '', '', '']);
    else result.rows.forEach((r, i) => rows.push([i === 0 ? result.name : '', r.measure, r.chatrun, r.baseline, r.ratio, r.target, r.verdict]));
  }
  return rows;
}

function header(report) {
  const m = report.machine;
  return [`date: ${report.date}`, `machine: ${m.nproc} CPUs (${m.cpu}), ${m.memoryGiB} GiB RAM, ${m.platform}, node ${m.node}, load average ${m.loadAverage} at start`, `command: ${report.command}`];
}

function notes(report) {
  return report.results.flatMap((r) => [
    ...(r.loadAverageAtStart === undefined ? [] : [`${r.name}: 1-minute load average ${r.loadAverageAtStart} when it began.`]),
    ...(r.notes ?? []).map((n) => `${r.name}: ${n}`),
  ]);
}

function plainReport(report) {
  const rows = [COLUMNS, ...tableRows(report)];
  const widths = COLUMNS.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((cell, i) => String(cell).padEnd(widths[i])).join('  ').trimEnd();
  return [...header(report), '', line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line), '', ...notes(report)].join('\n');
}

function markdownReport(report) {
  const cell = (text) => String(text).replaceAll('|', '\\|');
  const rows = tableRows(report).map((r) => `| ${r.map(cell).join(' | ')} |`);
  return [
    ...header(report).map((h) => `- ${h}`),
    '',
    `| ${COLUMNS.join(' | ')} |`,
    `|${COLUMNS.map(() => '---').join('|')}|`,
    ...rows,
    '',
    ...notes(report).map((n) => `- ${n}`),
    '',
  ].join('\n');
}
