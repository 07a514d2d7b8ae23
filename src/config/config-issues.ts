/**
 * zod's issues turned into the messages a person fixing the file needs:
 * the full key path first, then what is wrong in plain words, then where
 * (`projects[0].members.alice: role must be one of … (chatrun.yml:12)`).
 */
import type { z } from 'zod';
import { closestName } from './closest-name.js';
import { LITERAL_SECRET_KEYS } from './config-schema.js';
import { formatKeyPath, type KeyPath } from './config-key-path.js';
import { schemaKeysAt } from './schema-keys-at.js';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

export interface IssueContext {
  readonly schema: z.ZodType;
  /** Where a key path is in the file, as a suffix such as ` (chatrun.yml:12)`, or ''. */
  readonly locate: (path: KeyPath) => string;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value)',
  record: 'a mapping (key: value)',
  array: 'a list',
};

export function describeValue(input: unknown): string {
  if (input === null) return 'empty';
  if (Array.isArray(input)) return 'a list';
  if (typeof input === 'object') return 'a mapping';
  if (typeof input === 'string') return `text "${input.length > 40 ? `${input.slice(0, 40)}…` : input}"`;
  if (typeof input === 'boolean') return String(input);
  return `${typeof input} ${String(input)}`;
}

function expected(name: string): string {
  return EXPECTED[name] ?? name;
}

/** The wording for issues the schema gives no message of its own (pass as safeParse's `error`). */
export function configErrorMap(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${expected(issue.expected)}, not ${describeValue(issue.input)}`;
    case 'too_small':
      if (issue.origin === 'string') return 'must not be empty';
      if (issue.origin === 'array') return `must list at least ${String(issue.minimum)}`;
      return `must be at least ${String(issue.minimum)}`;
    case 'too_big':
      return `must be at most ${String(issue.maximum)}`;
    case 'invalid_union': {
      const names = [...new Set(issue.errors.flatMap(expectedTypes).map(expected))];
      const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names.at(-1) ?? ''}` : names.join('');
      return `must be ${list}, not ${describeValue(issue.input)}`;
    }
    default:
      return undefined;
  }
}

/**
 * The types a union branch wanted, when the branch failed only because the
 * value had another type (nested unions included); empty when it got further.
 */
function expectedTypes(branch: readonly Issue[]): string[] {
  const names: string[] = [];
  for (const inner of branch) {
    if (inner.path.length !== 0) return [];
    if (inner.code === 'invalid_type') names.push(inner.expected);
    else if (inner.code === 'invalid_union') {
      const nested = inner.errors.map(expectedTypes);
      if (nested.some((types) => types.length === 0)) return [];
      names.push(...nested.flat());
    } else return [];
  }
  return names;
}

export function describeIssues(issues: readonly Issue[], context: IssueContext, prefix: KeyPath = []): string[] {
  return issues.flatMap((issue) => describeIssue(issue, context, [...prefix, ...issue.path]));
}

function describeIssue(issue: Issue, context: IssueContext, path: KeyPath): string[] {
  const at = (where: KeyPath, message: string): string =>
    `${where.length === 0 ? '(top level)' : formatKeyPath(where)}: ${message}${context.locate(where)}`;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => at([...path, key], unknownKeyMessage(key, context.schema, path)));
    case 'invalid_key':
      return describeIssues(issue.issues, context, path);
    case 'invalid_union': {
      // The branch that got past the type check (the mapping form of a
      // variable, the list form of token_env) has the precise complaint.
      const specific = issue.errors.find((branch) => expectedTypes(branch).length === 0);
      return specific === undefined ? [at(path, issue.message)] : describeIssues(specific, context, path);
    }
    default:
      return [at(path, issue.message)];
  }
}

function unknownKeyMessage(key: string, schema: z.ZodType, parent: KeyPath): string {
  if (LITERAL_SECRET_KEYS.has(key)) {
    return `secrets are not written in the config file: use ${key}_env (the name of an environment variable) or ${key}_file (the path of a file holding it)`;
  }
  const known = schemaKeysAt(schema, parent);
  const hint = closestName(key, known);
  if (hint !== undefined) return `unknown key (did you mean ${hint}?)`;
  return known.length > 0 ? `unknown key (allowed here: ${known.join(', ')})` : 'unknown key';
}
