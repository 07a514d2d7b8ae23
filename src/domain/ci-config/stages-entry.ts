import { entryError, type Findings } from './entry-error.js';
import { flattenNestedStrings } from './nested-string-array.js';
import type { YamlValue } from './yaml-value.js';

/**
 * `stages:` (default build, test, deploy), flattened from nested lists, with
 * `.pre` and `.post` moved to the edges wherever the file put them.
 */
export const DEFAULT_STAGES = ['build', 'test', 'deploy'];

export function readStages(value: YamlValue, findings: Findings): string[] {
  let stages = DEFAULT_STAGES;
  if (value !== null) {
    const flat = flattenNestedStrings(value, { allowString: false });
    if (flat) stages = flat;
    else findings.errors.push(entryError('stages', 'config should be an array of strings or a nested array of strings up to 10 levels deep'));
  }
  return ['.pre', ...stages.filter((stage) => !isEdgeStage(stage)), '.post'];
}

/** `.pre` and `.post`: always first and last, and a pipeline holding only their jobs is never created. */
export function isEdgeStage(stage: string): boolean {
  return stage === '.pre' || stage === '.post';
}
