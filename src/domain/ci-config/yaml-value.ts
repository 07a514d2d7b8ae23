/**
 * The values a `.gitlab-ci.yml` holds once loaded, modelled on what Ruby's
 * Psych hands GitLab: floats, symbols and bignums stay distinguishable
 * from strings and integers because GitLab's validators (and Ruby's `to_s`)
 * treat them differently (`retry: 1.0` is not an Integer; `VERSION: 1.0`
 * becomes "1.0", not "1").
 *
 * Maps are JS `Map`s keyed by the Ruby `to_s` of the YAML key, so document
 * order survives (a plain object would move integer-like keys first).
 * Values are shared between aliases and must never be mutated.
 */

/** A YAML float (Ruby Float). */
export class RubyFloat {
  constructor(readonly value: number) {}
}

/** A YAML `:symbol` scalar (Ruby Symbol). */
export class RubySymbol {
  constructor(readonly name: string) {}
}

/**
 * An unresolved `!reference` tag. `data` is what the tag was attached to:
 * a sequence (the valid form), a mapping, or the raw text of a scalar.
 */
export class ReferenceTag {
  constructor(readonly data: YamlValue | { readonly scalar: string }) {}
}

export type YamlScalar = null | boolean | string | number | bigint | RubyFloat | RubySymbol;
export type YamlMap = ReadonlyMap<string, YamlValue>;
export type YamlSeq = readonly YamlValue[];
export type YamlValue = YamlScalar | YamlSeq | YamlMap | ReferenceTag;

export function isYamlMap(value: unknown): value is YamlMap {
  return value instanceof Map;
}

export function isYamlSeq(value: unknown): value is YamlSeq {
  return Array.isArray(value);
}

/** Ruby `Integer` (GitLab's numericality checks accept only these). */
export function isRubyInteger(value: unknown): value is number | bigint {
  return (typeof value === 'number' && Number.isInteger(value)) || typeof value === 'bigint';
}

/** Ruby's `blank?`: nil, false, empty or whitespace-only string, empty array or hash. */
export function isBlank(value: YamlValue | undefined): boolean {
  if (value === undefined || value === null || value === false) return true;
  if (typeof value === 'string') return value.trim() === '';
  if (isYamlSeq(value)) return value.length === 0;
  if (isYamlMap(value)) return value.size === 0;
  return false;
}
