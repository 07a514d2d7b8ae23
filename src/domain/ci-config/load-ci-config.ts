import { buildCiConfig } from './build-ci-config.js';
import { resolveLimits, type CiConfigLimits } from './config-limits.js';
import type { ConfigWarning, LoadCiConfigResult } from './job-spec.js';
import { parseCiYaml } from './parse-ci-yaml.js';
import { expandIncludes } from './resolve-includes.js';
import { resolveExtends } from './resolve-extends.js';
import { resolveReferences } from './resolve-references.js';
import type { SourceTree } from './source-tree.js';
import { isYamlMap } from './yaml-value.js';

/**
 * Loads a `.gitlab-ci.yml` the way GitLab processes it (research/ci-yaml.md
 * section 1): YAML 1.1 load → include:local → extends → !reference →
 * validation and normalisation into a CiConfig. Structural failures (YAML,
 * includes, extends, references) stop loading with their errors, as GitLab
 * stops; entry validation reports every error it finds.
 *
 * Async only because included files come from the SourceTree; the loader
 * itself never touches the disk, the clock or the environment.
 */
export type { CiConfigLimits } from './config-limits.js';
export { DEFAULT_CI_CONFIG_LIMITS } from './config-limits.js';

export async function loadCiConfig(input: {
  readonly path: string;
  readonly tree: SourceTree;
  readonly limits?: Partial<CiConfigLimits>;
}): Promise<LoadCiConfigResult> {
  const text = await input.tree.readFile(input.path.replace(/^\/+/, ''));
  if (text === undefined) return failure(`Please provide content of ${input.path}`);
  return loadCiConfigText({ ...input, text });
}

const EMPTY_TREE: SourceTree = {
  listFiles: async () => [],
  readFile: async () => undefined,
};

/**
 * The same for text already in hand (`chatrun lint FILE`, tests). Without a
 * tree, `include:local` finds no files.
 */
export async function loadCiConfigText(input: {
  readonly text: string;
  readonly path?: string;
  readonly tree?: SourceTree;
  readonly limits?: Partial<CiConfigLimits>;
}): Promise<LoadCiConfigResult> {
  const path = input.path ?? '.gitlab-ci.yml';
  const limits = resolveLimits(input.limits);
  if (input.text.trim() === '') return failure(`Please provide content of ${path}`);
  const parsed = parseCiYaml(input.text, { path, limits });
  if (!parsed.ok) return failure(parsed.error);
  const { value, header, descriptions } = parsed.file;
  if (!isYamlMap(value)) return failure('Invalid configuration format');
  const warnings: ConfigWarning[] = [];
  if (isYamlMap(header) && isYamlMap(header.get('spec')) && (header.get('spec') as ReadonlyMap<string, unknown>).has('inputs')) {
    warnings.push({ path: 'spec:inputs', message: 'spec:inputs: chatrun does not interpolate $[[ inputs.* ]]; the text is used as written' });
  }

  const included = await expandIncludes(
    { value, descriptions },
    { path, tree: input.tree ?? EMPTY_TREE, limits, rootBytes: Buffer.byteLength(input.text, 'utf8') },
  );
  if (!included.ok) return { ok: false, errors: included.errors };
  warnings.push(...included.warnings);

  const extended = resolveExtends(included.config.value);
  if (!extended.ok) return failure(extended.error);
  const referenced = resolveReferences(extended.config);
  if (!referenced.ok) return { ok: false, errors: referenced.errors.map((message) => ({ path: '', message })) };

  return buildCiConfig({ config: referenced.config, descriptions: included.config.descriptions, warnings });
}

function failure(message: string): LoadCiConfigResult {
  return { ok: false, errors: [{ path: '', message }] };
}
