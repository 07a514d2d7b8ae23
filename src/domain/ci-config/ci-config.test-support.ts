import assert from 'node:assert/strict';
import type { CiConfig, JobSpec, LoadCiConfigResult } from './job-spec.js';
import type { CiConfigLimits } from './config-limits.js';
import { loadCiConfig } from './load-ci-config.js';
import type { SourceTree } from './source-tree.js';

/** Test support: a SourceTree over an in-memory map of files. */
export function inMemoryTree(files: Readonly<Record<string, string>>): SourceTree {
  return {
    listFiles: async () => Object.keys(files).sort(),
    readFile: async (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
  };
}

/** Loads `.gitlab-ci.yml` from text (and optional other files). */
export function load(
  text: string,
  others: Readonly<Record<string, string>> = {},
  limits?: Partial<CiConfigLimits>,
): Promise<LoadCiConfigResult> {
  const tree = inMemoryTree({ ...others, '.gitlab-ci.yml': text });
  return loadCiConfig({ path: '.gitlab-ci.yml', tree, ...(limits ? { limits } : {}) });
}

export function expectConfig(result: LoadCiConfigResult): CiConfig {
  if (!result.ok) assert.fail(`expected a valid config, got errors:\n${result.errors.map((e) => e.message).join('\n')}`);
  return result.config;
}

export function expectJob(result: LoadCiConfigResult, name: string): JobSpec {
  const job = expectConfig(result).jobs.get(name);
  assert.ok(job, `job ${name} missing; have ${[...expectConfig(result).jobs.keys()].join(', ')}`);
  return job;
}

export function errorMessages(result: LoadCiConfigResult): string[] {
  assert.equal(result.ok, false, 'expected the config to be rejected');
  return result.ok ? [] : result.errors.map((e) => e.message);
}

/** Asserts the config is rejected with exactly this message among its errors. */
export function expectError(result: LoadCiConfigResult, message: string | RegExp): void {
  const messages = errorMessages(result);
  const found = messages.some((m) => (typeof message === 'string' ? m === message : message.test(m)));
  assert.ok(found, `expected error ${String(message)}; got:\n${messages.join('\n')}`);
}
