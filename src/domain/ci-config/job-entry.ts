import { readAllowFailure } from './allow-failure-entry.js';
import { readCommands } from './commands-entry.js';
import type { DefaultValues } from './default-entry.js';
import { durationSeconds } from './duration-seconds.js';
import { entryError, listed, type Findings } from './entry-error.js';
import { readEnvironment } from './environment-entry.js';
import { checkInertKeyword, inertWarning, isInertKeyword } from './inert-keywords.js';
import { INHERIT_ALL, readInherit } from './inherit-entry.js';
import type { InheritSpec, JobSpec, JobWhen, Policy, Rule } from './job-spec.js';
import { expandParallel } from './parallel-entry.js';
import { readPolicy } from './policy-entry.js';
import { readRetry } from './retry-entry.js';
import { readRules } from './rules-entry.js';
import type { SharedEntryMemo } from './shared-entry-memo.js';
import { readTags } from './tags-entry.js';
import { readTimeout } from './timeout-entry.js';
import { readVariables } from './variables-entry.js';
import { isBlank, isYamlSeq, type YamlMap, type YamlValue } from './yaml-value.js';

/**
 * One visible job (a hash with `script:`), validated key by key into
 * JobSpecs — several when `parallel:` expands it. Every problem is
 * reported; the job yields nothing if it has any.
 */
export interface JobContext {
  readonly defaults: DefaultValues;
  readonly hasWorkflowRules: boolean;
  readonly description?: string;
  readonly findings: Findings;
  /** `rules:` already read for another job of this load. */
  readonly sharedRules: SharedEntryMemo<Rule[]>;
}

const PROCESSABLE_KEYS = [
  'extends', 'stage', 'only', 'except', 'rules', 'variables', 'inherit', 'allow_failure', 'when', 'needs',
  'resource_group', 'environment', 'interruptible',
];
const JOB_KEYS = new Set([
  'tags', 'script', 'image', 'services', 'start_in', 'artifacts', 'cache', 'dependencies', 'before_script',
  'after_script', 'hooks', 'coverage', 'retry', 'parallel', 'timeout', 'inputs', 'release', 'id_tokens',
  'publish', 'pages', 'manual_confirmation', 'run', 'secrets', 'dast_configuration', 'identity',
  ...PROCESSABLE_KEYS,
]);
const JOB_WHEN: readonly JobWhen[] = ['on_success', 'on_failure', 'always', 'manual', 'delayed'];
const EXCLUSIVE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['script', 'run'],
  ['before_script', 'run'],
  ['after_script', 'run'],
];
const ONE_WEEK = 604_800;
const DEFAULT_REFS = ['branches', 'tags'];

export function readJob(name: string, config: YamlMap, context: JobContext): JobSpec[] | undefined {
  const { findings, defaults } = context;
  const path = `jobs:${name}`;
  const before = findings.errors.length;
  const error = (text: string, at = path): void => {
    findings.errors.push(entryError(at, text));
  };
  const get = (key: string): YamlValue => config.get(key) ?? null;
  const specified = (key: string): boolean => get(key) !== null;

  const unknown = [...config.keys()].filter((key) => !JOB_KEYS.has(key));
  if (unknown.length > 0) error(`config contains unknown keys: ${listed(unknown)}`);
  for (const [a, b] of EXCLUSIVE_PAIRS) if (specified(a) && specified(b)) error(`config these keys cannot be used together: ${a}, ${b}`);
  const withRules = ['only', 'except', 'start_in'].filter(specified);
  if (specified('rules') && withRules.length > 0) error(`config key may not be used with \`rules\`: ${listed(withRules)}`);

  // `script: null` is a script that is not there: blank, not malformed.
  const rawScript = get('script');
  const script = rawScript === null ? [] : readCommands(rawScript, `${path}:script`, findings);
  if (script && (script.length === 0 || (typeof rawScript === 'string' && rawScript.trim() === ''))) error("script can't be blank");

  const inherit: InheritSpec = specified('inherit') ? (readInherit(get('inherit'), `${path}:inherit`, findings) ?? INHERIT_ALL) : INHERIT_ALL;
  const takesDefault = (key: string): boolean =>
    !specified(key) && defaults.keys.has(key) && (inherit.default === true || (Array.isArray(inherit.default) && inherit.default.includes(key)));

  const beforeScript = specified('before_script')
    ? readCommands(get('before_script'), `${path}:before_script`, findings)
    : takesDefault('before_script') ? defaults.beforeScript : [];
  const afterScript = specified('after_script')
    ? readCommands(get('after_script'), `${path}:after_script`, findings)
    : takesDefault('after_script') ? defaults.afterScript : [];

  let stage = 'test';
  if (specified('stage')) {
    const rawStage = get('stage');
    if (typeof rawStage === 'string') stage = rawStage;
    else error('config should be a string', `${path}:stage`);
  }

  let when: JobWhen = 'on_success';
  if (specified('when')) {
    const rawWhen = get('when');
    if (typeof rawWhen === 'string' && (JOB_WHEN as readonly string[]).includes(rawWhen)) when = rawWhen as JobWhen;
    else error(`when should be one of: ${JOB_WHEN.join(', ')}`);
  }

  let startIn: string | undefined;
  const rawStartIn = get('start_in');
  if (when === 'delayed' && !specified('rules')) {
    const seconds = typeof rawStartIn === 'string' ? durationSeconds(rawStartIn) : undefined;
    if (rawStartIn === null) error("start in can't be blank");
    else if (seconds === undefined) error('start in should be a duration');
    else if (seconds > ONE_WEEK) error('start in should not exceed the limit');
    else startIn = rawStartIn as string;
  } else if (rawStartIn !== null && !specified('rules')) error('start in must be blank');

  const allowFailure = specified('allow_failure') ? readAllowFailure(get('allow_failure'), `${path}:allow_failure`, findings) : undefined;
  const timeoutSeconds = specified('timeout')
    ? readTimeout(get('timeout'), `${path}:timeout`, findings)
    : takesDefault('timeout') ? defaults.timeoutSeconds : undefined;
  const retry = specified('retry') ? readRetry(get('retry'), `${path}:retry`, findings) : takesDefault('retry') ? defaults.retry : undefined;
  const environment = specified('environment') ? readEnvironment(get('environment'), `${path}:environment`, findings) : undefined;
  const tags = specified('tags') ? readTags(get('tags'), `${path}:tags`, findings) : takesDefault('tags') ? defaults.tags : undefined;

  let resourceGroup: string | undefined;
  if (specified('resource_group')) {
    const raw = get('resource_group');
    if (typeof raw === 'string') resourceGroup = raw;
    else error('resource group should be a string');
  }
  let interruptible: boolean | undefined = takesDefault('interruptible') ? defaults.interruptible : undefined;
  if (specified('interruptible')) {
    const raw = get('interruptible');
    if (typeof raw === 'boolean') interruptible = raw;
    else error('config should be a boolean value', `${path}:interruptible`);
  }

  const variables = readVariables(get('variables'), `${path}:variables`, 'job', findings);
  const rawRules = get('rules');
  const rules = rawRules !== null ? context.sharedRules(rawRules, findings, () => readRules(rawRules, `${path}:rules`, 'job', findings)) : undefined;
  const writtenOnly = specified('only') ? readPolicy(get('only'), `${path}:only`, findings) : undefined;
  const except = specified('except') ? readPolicy(get('except'), `${path}:except`, findings) : undefined;
  const only = effectiveOnly(writtenOnly, specified('rules') || context.hasWorkflowRules);

  const extendsValue = get('extends');
  if (extendsValue !== null && typeof extendsValue !== 'string' && !(isYamlSeq(extendsValue) && extendsValue.every((e) => typeof e === 'string'))) {
    error('config should be a string or an array of strings', `${path}:extends`);
  }

  const inert: Record<string, unknown> = {};
  for (const [key, value] of config) {
    if (isInertKeyword(key) && value !== null && checkInertKeyword(key, value, `${path}:${key}`, findings)) inert[key] = value;
  }
  for (const [key, value] of Object.entries(defaults.inert)) if (takesDefault(key)) inert[key] = value;
  // An empty `needs: []` (or similar) asks for nothing, so nothing is lost.
  const warnings = Object.keys(inert)
    .filter((key) => !isBlank(inert[key] as YamlValue))
    .flatMap((key) => inertWarning(key, `${path}:${key}`) ?? []);

  const instances = specified('parallel')
    ? expandParallel(name, get('parallel'), `${path}:parallel`, findings)
    : [{ name, variables: undefined }];
  if (findings.errors.length > before || !script || !beforeScript || !afterScript || !variables || !instances) return undefined;
  findings.warnings.push(...warnings);

  // Assigned one by one: object spreads per job showed up in profiles of
  // large files. The key order is the one JobSpec documents.
  return instances.map((instance) => {
    const spec: { -readonly [K in keyof JobSpec]: JobSpec[K] } = { name: instance.name } as JobSpec;
    if (context.description !== undefined) spec.description = context.description;
    spec.stage = stage;
    spec.script = script;
    spec.beforeScript = beforeScript;
    spec.afterScript = afterScript;
    spec.variables = variables;
    spec.inherit = inherit;
    if (only) spec.only = only;
    if (except) spec.except = except;
    if (rules) spec.rules = rules;
    spec.when = when;
    if (startIn !== undefined) spec.startIn = startIn;
    if (allowFailure !== undefined) spec.allowFailure = allowFailure;
    if (timeoutSeconds !== undefined) spec.timeoutSeconds = timeoutSeconds;
    if (retry) spec.retry = retry;
    if (environment) spec.environment = environment;
    if (resourceGroup !== undefined) spec.resourceGroup = resourceGroup;
    if (interruptible !== undefined) spec.interruptible = interruptible;
    spec.tags = tags ?? [];
    if (instance.variables) spec.parallelVariables = instance.variables;
    spec.inert = inert;
    return spec;
  });
}

/**
 * GitLab's implicit `only: [branches, tags]`. A job that writes `only:`
 * gets the default refs deep-merged under it (so `only: {variables: …}`
 * keeps them; `only: [main]` replaces them). A job that writes none gets
 * the default only when it has no `rules` and the file no `workflow:rules`.
 */
function effectiveOnly(written: Policy | undefined, noDefault: boolean): Policy | undefined {
  if (written) return { ...written, refs: written.refs ?? DEFAULT_REFS };
  return noDefault ? undefined : { refs: DEFAULT_REFS };
}
