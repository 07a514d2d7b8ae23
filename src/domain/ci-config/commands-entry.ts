import { entryError, type Findings } from './entry-error.js';
import { COMMANDS_SHAPE, flattenNestedStrings } from './nested-string-array.js';
import type { YamlValue } from './yaml-value.js';

/**
 * `script`, `before_script`, `after_script` (job, `default:` or top level):
 * a string or nested arrays of strings, flattened. A multi-line string stays
 * one command.
 */
export function readCommands(value: YamlValue, path: string, findings: Findings): string[] | undefined {
  const commands = flattenNestedStrings(value, { allowString: true });
  if (!commands) findings.errors.push(entryError(path, COMMANDS_SHAPE));
  return commands;
}
