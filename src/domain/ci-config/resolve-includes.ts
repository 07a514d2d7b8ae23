import type { CiConfigLimits } from './config-limits.js';
import { deepMerge } from './deep-merge.js';
import { evaluateIncludeRules } from './include-rules.js';
import { isWildcardPath, matchWildcard } from './include-wildcard.js';
import type { ConfigError, ConfigWarning } from './job-spec.js';
import { parseCiYaml } from './parse-ci-yaml.js';
import { rubyInspect } from './ruby-text.js';
import type { SourceTree } from './source-tree.js';
import { isYamlMap, isYamlSeq, type YamlMap, type YamlValue } from './yaml-value.js';

/**
 * `include:` processing: each included file is loaded (with its own
 * includes expanded first), the files are deep-merged in include order, and
 * the including file is merged on top, as GitLab does. Only `local`
 * includes exist in chatrun; the other kinds get a clear error.
 *
 * A file already included anywhere in the tree is skipped (GitLab ignores
 * duplicate includes), which also ends include cycles. Errors are collected
 * for the whole tree and then stop loading, like GitLab's include errors.
 */
export interface IncludedConfig {
  readonly value: YamlMap;
  readonly descriptions: ReadonlyMap<string, string>;
}

export type ExpandIncludesResult =
  | { readonly ok: true; readonly config: IncludedConfig; readonly warnings: readonly ConfigWarning[] }
  | { readonly ok: false; readonly errors: readonly ConfigError[] };

const INCLUDE_TYPES = ['local', 'project', 'remote', 'template', 'artifact', 'component'] as const;
const ONE_OF = `Each include must use only one of: ${INCLUDE_TYPES.map((t) => `\`${t}\``).join(', ')}`;

export async function expandIncludes(
  root: IncludedConfig,
  input: { readonly path: string; readonly tree: SourceTree; readonly limits: CiConfigLimits; readonly rootBytes: number },
): Promise<ExpandIncludesResult> {
  const errors: ConfigError[] = [];
  const warnings: ConfigWarning[] = [];
  const seen = new Set<string>([input.path.replace(/^\//, '')]);
  let included = 0;
  let totalBytes = input.rootBytes;
  let fileList: readonly string[] | undefined;
  const listFiles = async (): Promise<readonly string[]> => (fileList ??= await input.tree.listFiles());
  const error = (message: string): void => {
    errors.push({ path: 'include', message });
  };

  async function locationsOf(item: YamlValue): Promise<string[]> {
    if (typeof item === 'string') {
      if (/^https?:\/\//i.test(item)) {
        error(unavailable('remote', item));
        return [];
      }
      return expandLocal(item);
    }
    if (!isYamlMap(item)) {
      error('Each include must be a hash or a string');
      return [];
    }
    const kinds = INCLUDE_TYPES.filter((kind) => item.has(kind));
    if (kinds.length !== 1) {
      error(ONE_OF);
      return [];
    }
    const kind = kinds[0] ?? 'local';
    const target = item.get(kind) ?? null;
    if (kind !== 'local') {
      error(unavailable(kind, target));
      return [];
    }
    if (typeof target !== 'string') {
      error(`Included file \`${rubyInspect(target)}\` does not have YAML extension!`);
      return [];
    }
    if (item.has('inputs')) warnings.push({ path: 'include', message: `include:inputs are not interpolated by chatrun (${target})` });
    if (item.has('rules')) {
      const outcome = evaluateIncludeRules(item.get('rules') ?? null, await listFiles());
      if (outcome.unevaluatedIf) {
        warnings.push({ path: 'include', message: `include:rules:if is not evaluated when the config is loaded; \`${target}\` is included` });
      }
      if (!outcome.include) return [];
    }
    return expandLocal(target);
  }

  async function expandLocal(location: string): Promise<string[]> {
    const path = location.replace(/^\/+/, '');
    if (!isWildcardPath(path)) return [path];
    const matches = matchWildcard(path, await listFiles());
    if (matches.length === 0) error(`Local file \`${path}\` does not exist!`);
    return matches;
  }

  async function loadFile(path: string): Promise<IncludedConfig | undefined> {
    if (!/\.ya?ml$/.test(path)) {
      error(`Included file \`${path}\` does not have YAML extension!`);
      return undefined;
    }
    const text = await input.tree.readFile(path);
    if (text === undefined) {
      error(`Local file \`${path}\` does not exist!`);
      return undefined;
    }
    if (text.trim() === '') {
      error(`Local file \`${path}\` is empty!`);
      return undefined;
    }
    totalBytes += Buffer.byteLength(text, 'utf8');
    if (totalBytes > input.limits.maxTotalYamlBytes) {
      error('Total size of combined CI/CD configuration is too big');
      return undefined;
    }
    const parsed = parseCiYaml(text, { path, limits: input.limits });
    if (!parsed.ok || !isYamlMap(parsed.file.value)) {
      const tooBig = !parsed.ok && /too big/.test(parsed.error);
      error(tooBig && !parsed.ok ? `Included file \`${path}\`: ${parsed.error}` : `Included file \`${path}\` does not have valid YAML syntax!`);
      return undefined;
    }
    return expand({ value: parsed.file.value, descriptions: parsed.file.descriptions });
  }

  async function expand(config: IncludedConfig): Promise<IncludedConfig | undefined> {
    if (!config.value.has('include')) return config;
    const raw = config.value.get('include') ?? null;
    const items: readonly YamlValue[] = raw === null ? [] : isYamlSeq(raw) ? raw : [raw];
    let merged: YamlMap = new Map();
    const descriptions = new Map<string, string>();
    for (const item of items) {
      for (const path of await locationsOf(item)) {
        if (seen.has(path)) continue;
        seen.add(path);
        included += 1;
        if (included > input.limits.maxIncludes) {
          error(`Maximum of ${input.limits.maxIncludes} nested includes are allowed!`);
          return undefined;
        }
        const file = await loadFile(path);
        if (!file) continue;
        merged = deepMerge(merged, file.value);
        for (const [key, text] of file.descriptions) descriptions.set(key, text);
      }
    }
    const own = new Map(config.value);
    own.delete('include');
    for (const [key, text] of config.descriptions) descriptions.set(key, text);
    return { value: deepMerge(merged, own), descriptions };
  }

  const config = await expand(root);
  if (!config || errors.length > 0) return { ok: false, errors };
  return { ok: true, config, warnings };
}

function unavailable(kind: string, target: YamlValue): string {
  const what = typeof target === 'string' ? ` (${target})` : '';
  return `Including \`${kind}\` files is not available in chatrun${what}: only \`local\` includes from the same repository are supported`;
}
