import { readCommands } from './commands-entry.js';
import { entryError, listed, plainError, type Findings } from './entry-error.js';
import { checkInertKeyword } from './inert-keywords.js';
import { DEFAULT_KEYS } from './inherit-entry.js';
import type { RetrySpec } from './job-spec.js';
import { readRetry } from './retry-entry.js';
import { readTags } from './tags-entry.js';
import { readTimeout } from './timeout-entry.js';
import { isYamlMap, type YamlMap, type YamlValue } from './yaml-value.js';

/**
 * `default:` plus the deprecated top-level forms of some of its keys
 * (`before_script`, `after_script`, `image`, `services`, `cache`). Writing
 * one key in both places is an error. A job takes a default only for keys
 * it does not set itself (null counts as not set), with no merging.
 */
export interface DefaultValues {
  /** The keys `default:` (or the top level) sets, validated. */
  readonly keys: ReadonlySet<string>;
  readonly beforeScript?: readonly string[];
  readonly afterScript?: readonly string[];
  readonly timeoutSeconds?: number;
  readonly retry?: RetrySpec;
  readonly tags?: readonly string[];
  readonly interruptible?: boolean;
  /** hooks, cache, image, services, artifacts, id_tokens as written. */
  readonly inert: Readonly<Record<string, YamlValue>>;
}

export const GLOBAL_DEFAULT_KEYS = ['before_script', 'after_script', 'image', 'services', 'cache'] as const;

export function readDefaults(root: YamlMap, findings: Findings): DefaultValues {
  const raw = root.get('default') ?? null;
  const entries = new Map<string, { value: YamlValue; path: string }>();
  if (raw !== null && !isYamlMap(raw)) findings.errors.push(entryError('default', 'config should be a hash'));
  if (isYamlMap(raw)) {
    const unknown = [...raw.keys()].filter((key) => !(DEFAULT_KEYS as readonly string[]).includes(key));
    if (unknown.length > 0) findings.errors.push(entryError('default', `config contains unknown keys: ${listed(unknown)}`));
    for (const [key, value] of raw) if (value !== null) entries.set(key, { value, path: `default:${key}` });
  }
  for (const key of GLOBAL_DEFAULT_KEYS) {
    const value = root.get(key) ?? null;
    if (value === null) continue;
    if (entries.has(key)) findings.errors.push(plainError(key, `${key} is defined in top-level and \`default:\` entry`));
    else entries.set(key, { value, path: key });
  }

  const keys = new Set<string>();
  const inert: Record<string, YamlValue> = {};
  const out: { -readonly [K in keyof DefaultValues]?: DefaultValues[K] } = {};
  for (const [key, { value, path }] of entries) {
    if (!(DEFAULT_KEYS as readonly string[]).includes(key)) continue;
    switch (key) {
      case 'before_script':
        out.beforeScript = readCommands(value, path, findings);
        break;
      case 'after_script':
        out.afterScript = readCommands(value, path, findings);
        break;
      case 'timeout':
        out.timeoutSeconds = readTimeout(value, path, findings);
        break;
      case 'retry':
        out.retry = readRetry(value, path, findings);
        break;
      case 'tags':
        out.tags = readTags(value, path, findings);
        break;
      case 'interruptible':
        if (typeof value === 'boolean') out.interruptible = value;
        else findings.errors.push(entryError(path, 'config should be a boolean value'));
        break;
      default:
        if (checkInertKeyword(key, value, path, findings)) inert[key] = value;
    }
    keys.add(key);
  }
  return { ...out, keys, inert };
}
