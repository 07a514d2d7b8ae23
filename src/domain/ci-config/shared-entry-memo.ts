import type { Findings } from './entry-error.js';
import type { YamlValue } from './yaml-value.js';

/**
 * Jobs that extend one template hold the template's entries as the very
 * same objects (extends, aliases and !reference never copy a value they do
 * not change), so an entry read for one job can be handed to the next — as
 * long as reading it found nothing to report, since findings name the job
 * they were found in. One memo per kind of entry, living for one load.
 */
export type SharedEntryMemo<T> = (value: YamlValue, findings: Findings, read: () => T | undefined) => T | undefined;

export function sharedEntryMemo<T>(): SharedEntryMemo<T> {
  const results = new Map<object, T>();
  return (value, findings, read) => {
    if (value === null || typeof value !== 'object') return read();
    const known = results.get(value);
    if (known !== undefined) return known;
    const before = findings.errors.length + findings.warnings.length;
    const result = read();
    if (result !== undefined && findings.errors.length + findings.warnings.length === before) results.set(value, result);
    return result;
  };
}
