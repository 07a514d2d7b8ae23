import { isYamlSeq, type YamlValue } from './yaml-value.js';

/**
 * GitLab's "string or nested array of strings up to 10 levels deep" (used by
 * script, before_script, after_script and stages): arrays may nest (that is
 * what `!reference` and anchors produce) and are flattened in order. The
 * outermost array is level 1. Returns undefined when the shape is wrong.
 */
export const MAX_NESTING_LEVEL = 10;

export function flattenNestedStrings(value: YamlValue, options: { readonly allowString: boolean }): string[] | undefined {
  if (typeof value === 'string') return options.allowString ? [value] : undefined;
  if (!isYamlSeq(value)) return undefined;
  const out: string[] = [];
  const walk = (items: readonly YamlValue[], level: number): boolean => {
    if (level > MAX_NESTING_LEVEL) return false;
    for (const item of items) {
      if (typeof item === 'string') out.push(item);
      else if (isYamlSeq(item)) {
        if (!walk(item, level + 1)) return false;
      } else return false;
    }
    return true;
  };
  return walk(value, 1) ? out : undefined;
}

export const COMMANDS_SHAPE = 'config should be a string or a nested array of strings up to 10 levels deep';
