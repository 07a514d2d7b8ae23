import { entryError, type Findings } from './entry-error.js';
import { isYamlSeq, type YamlValue } from './yaml-value.js';

/** `tags:`: a list of strings, fewer than 50 (a single string is refused, as by GitLab). */
const MAX_TAGS = 50;

export function readTags(value: YamlValue, path: string, findings: Findings): string[] | undefined {
  if (!isYamlSeq(value) || !value.every((tag) => typeof tag === 'string')) {
    findings.errors.push(entryError(path, 'config should be an array of strings'));
    return undefined;
  }
  if (value.length >= MAX_TAGS) {
    findings.errors.push(entryError(path, `config must be less than the limit of ${MAX_TAGS} tags`));
    return undefined;
  }
  return value as string[];
}
