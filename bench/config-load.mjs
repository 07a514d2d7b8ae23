/**
 * Loading and validating a generated `.gitlab-ci.yml` of 1,000 jobs that
 * use extends (two levels), YAML anchors, aliases and merge keys, and
 * rules, with `loadCiConfig` over an in-memory SourceTree. Target: median
 * and p90 under 100 ms.
 *
 * Baseline, in the same run and interleaved: the `yaml` package alone
 * turning the same text into plain objects (`YAML.parse` with merge keys
 * on and the alias limit off, so it resolves what the loader resolves).
 * Set side by side they show what chatrun's own work (YAML 1.1 scalars,
 * extends, defaults, validation with GitLab's messages) adds to, or saves
 * on, a plain parse.
 */
import YAML from 'yaml';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { interleave, ms, nowMs, percentile, ratio, repoRoot, summarize } from './measure.mjs';

const JOBS = 1000;
const WARMUP = 5;
const RUNS = 30;
/** Stop early when the loop runs this long, so a slow build cannot hang the run. */
const BUDGET_MS = 60_000;
const PHASE_ROUNDS = 5;

export const title = `loadCiConfig on ${JOBS} jobs vs YAML.parse`;

export async function run({ log }) {
  const dist = (path) => pathToFileURL(join(repoRoot(), 'dist', path)).href;
  const { loadCiConfig } = await import(dist('domain/ci-config/load-ci-config.js'));
  const text = generateConfig(JOBS);
  const kib = (Buffer.byteLength(text) / 1024).toFixed(0);
  const load = async (source = text) => loadCiConfig({ path: '.gitlab-ci.yml', tree: memoryTree(source) });
  const parse = () => YAML.parse(text, { merge: true, maxAliasCount: -1 });

  const first = await load();
  if (!first.ok) throw new Error(`the generated config does not load: ${first.errors.slice(0, 3).map((e) => e.message).join('; ')}`);
  if (first.config.jobs.size !== JOBS) throw new Error(`expected ${JOBS} jobs, loaded ${first.config.jobs.size}`);
  checkSample(first.config.jobs.get('job-0007'));

  log(`config: ${JOBS} jobs, ${kib} KiB; warm-up ${WARMUP}, then up to ${RUNS} loads each, interleaved, within ${BUDGET_MS / 1000} s`);
  const { samples: [ours, theirs], warmups } = await interleave({ steps: [load, parse], warmup: WARMUP, runs: RUNS, budgetMs: BUDGET_MS });
  const a = summarize(ours);
  const b = summarize(theirs);

  // How load time grows with size: linear work would take a quarter for a quarter of the jobs.
  const small = generateConfig(JOBS / 4);
  const { samples: [smallSamples] } = await interleave({ steps: [() => load(small)], warmup: WARMUP, runs: RUNS, budgetMs: BUDGET_MS / 4 });
  const s = summarize(smallSamples);
  log('timing the loader\'s phases');
  const phases = await phaseBreakdown(dist, text);

  return {
    rows: [
      { measure: 'load, median', chatrun: ms(a.median), baseline: ms(b.median), ratio: `${ratio(a.median / b.median)} of parse`, target: '< 100 ms', verdict: a.median < 100 ? 'met' : 'missed' },
      { measure: 'load, p90', chatrun: ms(a.p90), baseline: ms(b.p90), ratio: `${ratio(a.p90 / b.p90)} of parse`, target: '< 100 ms', verdict: a.p90 < 100 ? 'met' : 'missed' },
      { measure: `  ${JOBS / 4} jobs instead, median`, chatrun: ms(s.median), baseline: '', ratio: `${ratio(a.median / s.median)} for 4x jobs`, target: '', verdict: '' },
      ...phases.map((p) => ({ measure: `  phase: ${p.phase}`, chatrun: ms(p.ms), baseline: '', ratio: '', target: '', verdict: '' })),
    ],
    notes: [
      `${a.n} interleaved loads of ${kib} KiB (${JOBS} jobs) after ${warmups} warm-up loads (within a ${BUDGET_MS / 1000} s budget); baseline is YAML.parse(text, { merge: true, maxAliasCount: -1 }).`,
      phases.length > 0 ? `phases: median of ${PHASE_ROUNDS} warm loads of the same text through the loader's internal steps (dist/domain/ci-config/*), for where the time goes.` : 'phases: the loader\'s internal modules have changed; no breakdown.',
    ],
    data: { jobs: JOBS, bytes: Buffer.byteLength(text), loadCiConfig: a, yamlParse: b, quarterJobs: s, phases },
  };
}

function memoryTree(text) {
  const files = new Map([['.gitlab-ci.yml', text], ['deploy/Dockerfile', 'FROM scratch\n']]);
  return { listFiles: async () => [...files.keys()], readFile: async (path) => files.get(path) };
}

/**
 * The loader's steps timed one by one, through its internal modules. They
 * are not a public API and may change; then the breakdown is left out
 * rather than failing the benchmark.
 */
async function phaseBreakdown(dist, text) {
  try {
    const { parseCiYaml } = await import(dist('domain/ci-config/parse-ci-yaml.js'));
    const { resolveLimits } = await import(dist('domain/ci-config/config-limits.js'));
    const { resolveExtends } = await import(dist('domain/ci-config/resolve-extends.js'));
    const { resolveReferences } = await import(dist('domain/ci-config/resolve-references.js'));
    const { buildCiConfig } = await import(dist('domain/ci-config/build-ci-config.js'));
    const rounds = [];
    for (let i = 0; i < PHASE_ROUNDS; i += 1) {
      const times = [];
      const timed = (fn) => {
        const started = nowMs();
        const value = fn();
        times.push(nowMs() - started);
        return value;
      };
      const parsed = timed(() => parseCiYaml(text, { path: '.gitlab-ci.yml', limits: resolveLimits(undefined) }));
      const extended = timed(() => resolveExtends(parsed.file.value));
      const referenced = timed(() => resolveReferences(extended.config));
      const built = timed(() => buildCiConfig({ config: referenced.config, descriptions: parsed.file.descriptions, warnings: [] }));
      if (!built.ok) return [];
      rounds.push(times);
    }
    const median = (pick) => percentile(rounds.map(pick), 50);
    return [
      { phase: 'parseCiYaml (YAML 1.1, aliases)', ms: median((t) => t[0]) },
      { phase: 'extends + !reference', ms: median((t) => t[1] + t[2]) },
      { phase: 'validation (buildCiConfig)', ms: median((t) => t[3]) },
    ];
  } catch {
    return [];
  }
}

/** A job deep in the extends chain must carry what each level gave it. */
function checkSample(job) {
  const problems = [];
  if (job === undefined) problems.push('job-0007 missing');
  else {
    if (job.stage !== 'deploy') problems.push(`stage ${job.stage}`);
    if (!job.script.some((line) => line.includes('job-0007'))) problems.push('own script lost');
    if (!job.beforeScript.some((line) => line.includes('prepare'))) problems.push('anchored before_script lost');
    if ((job.rules ?? []).length < 2) problems.push('rules lost');
  }
  if (problems.length > 0) throw new Error(`the loaded config is not what was generated: ${problems.join(', ')}`);
}

/**
 * Three templates (a base, and two that extend it), shared values through
 * anchors and merge keys, then `jobs` jobs in four shapes that extend a
 * template, take rules by alias or write their own, and set variables.
 */
export function generateConfig(jobs) {
  const out = [
    'stages: [build, test, deploy, chatops]',
    'variables:',
    '  GLOBAL_FLAG: "on"',
    '  DEPLOY_TARGET: staging',
    '.shared: &shared',
    '  retry: 1',
    '  interruptible: true',
    '  tags: [shell]',
    '.prepare: &prepare',
    '  - echo "prepare $CI_JOB_NAME"',
    '  - export STEP=1',
    '.chat-rules: &chat_rules',
    '  - if: $CI_PIPELINE_SOURCE == "chat" && $CHAT_INPUT =~ /^(now|later)$/',
    '    when: always',
    '  - if: $CI_COMMIT_BRANCH == "main" || $FORCE == "yes"',
    '    when: manual',
    '  - when: never',
    '.base:',
    '  <<: *shared',
    '  stage: test',
    '  before_script: *prepare',
    '  variables: { BASE: "1", LEVEL: base }',
    '  timeout: 10 minutes',
    '.build-template:',
    '  extends: .base',
    '  stage: build',
    '  variables: { LEVEL: build }',
    '.deploy-template:',
    '  extends: .base',
    '  stage: deploy',
    '  variables: { LEVEL: deploy, TARGET: $DEPLOY_TARGET }',
    '  environment: { name: production }',
    '  allow_failure: { exit_codes: [3, 4] }',
  ];
  for (let i = 1; i <= jobs; i += 1) {
    const name = `job-${String(i).padStart(4, '0')}`;
    out.push(`# Job ${i}. Usage: run ${name} <now|later>`, `${name}:`);
    switch (i % 4) {
      case 0:
        out.push('  extends: .build-template', '  rules: *chat_rules');
        break;
      case 1:
        out.push('  extends: [.base, .build-template]', '  rules:', '    - if: $CI_PIPELINE_SOURCE == "chat"', '      changes: [src/**/*.ts]', '    - exists: [deploy/Dockerfile]', '      when: manual');
        break;
      case 2:
        out.push('  <<: *shared', '  stage: chatops', '  rules:', `    - if: $CHAT_CHANNEL == "ops-${i % 10}"`, '      variables: { CHANNEL_OK: "yes" }', '    - when: never');
        break;
      default:
        out.push('  extends: .deploy-template', '  rules: *chat_rules');
    }
    out.push('  variables:', `    JOB_NUMBER: "${i}"`, `    MESSAGE: "hello from ${name}"`, '  script:', `    - echo "running ${name} with $CHAT_INPUT"`, '    - test -n "$JOB_NUMBER"');
  }
  return `${out.join('\n')}\n`;
}
