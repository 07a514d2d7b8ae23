import { entryError, listed, type Findings } from './entry-error.js';
import { rubyToS } from './ruby-text.js';
import { isVariableScalar } from './variables-entry.js';
import { isRubyInteger, isYamlMap, isYamlSeq, type YamlValue } from './yaml-value.js';

/**
 * `parallel: N` (1..200) and `parallel: matrix:`. Expansion follows GitLab's
 * normaliser: `job 1/3` … `job 3/3`; a matrix item is the cartesian product
 * of its variables (first variable outermost, a scalar is one value), items
 * concatenated, at most 200 jobs, named `job: [v1, v2]` in key order.
 */
export interface ParallelInstance {
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
}

const MAX_JOBS = 200;

export function expandParallel(jobName: string, value: YamlValue, path: string, findings: Findings): ParallelInstance[] | undefined {
  if (isRubyInteger(value)) {
    const total = Number(value);
    if (total < 1) return fail(findings, path, 'config must be greater than or equal to 1');
    if (total > MAX_JOBS) return fail(findings, path, `config must be less than or equal to ${MAX_JOBS}`);
    return Array.from({ length: total }, (_, i) => ({
      name: `${jobName} ${i + 1}/${total}`,
      variables: { CI_NODE_INDEX: String(i + 1), CI_NODE_TOTAL: String(total) },
    }));
  }
  if (!isYamlMap(value)) return fail(findings, path, 'should be an integer or a hash');
  const unknown = [...value.keys()].filter((key) => key !== 'matrix');
  if (unknown.length > 0) return fail(findings, path, `config contains unknown keys: ${listed(unknown)}`);
  const matrix = value.get('matrix') ?? null;
  const matrixPath = `${path}:matrix`;
  if (!isYamlSeq(matrix) || matrix.length === 0 || !matrix.every(isYamlMap)) {
    return fail(findings, matrixPath, 'config should be an array of hashes');
  }
  const combinations: Array<Array<[string, string]>> = [];
  for (const item of matrix) {
    if (item.size === 0) return fail(findings, matrixPath, "config can't be blank");
    let product: Array<Array<[string, string]>> = [[]];
    for (const [name, raw] of item) {
      const values = isYamlSeq(raw) ? raw : [raw];
      if (values.length === 0 || !values.every(isVariableScalar)) {
        return fail(findings, `${matrixPath}:${name}`, 'config should be a string or an array of strings');
      }
      product = product.flatMap((prefix) => values.map((v) => [...prefix, [name, rubyToS(v)] as [string, string]]));
      if (product.length > MAX_JOBS) break;
    }
    combinations.push(...product);
    if (combinations.length > MAX_JOBS) return fail(findings, matrixPath, `config generates too many jobs (maximum is ${MAX_JOBS})`);
  }
  const total = combinations.length;
  return combinations.map((pairs, i) => ({
    name: `${jobName}: [${pairs.map(([, v]) => v).join(', ')}]`,
    variables: { ...Object.fromEntries(pairs), CI_NODE_INDEX: String(i + 1), CI_NODE_TOTAL: String(total) },
  }));
}

function fail(findings: Findings, path: string, text: string): undefined {
  findings.errors.push(entryError(path, text));
  return undefined;
}
