/**
 * Reads every secret the config names (`*_env`, `*_file`) and the values of
 * project variables, in one step separate from parsing, with the environment
 * and the file reader passed in (tests give a plain object and a fake
 * reader; the server gives process.env and fs). Every problem is reported at
 * once, by the config key that named the secret.
 *
 * Files: one trailing line break is dropped (`echo secret > file` is how
 * people write them); nothing else is trimmed. Credentials may not be empty.
 */
import type { SecretRef, ServerConfig, VariableSource } from './server-config.js';

export interface SecretSources {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Returns the file's text; throws when it cannot be read. */
  readonly readFile: (path: string) => string;
}

export interface ResolvedVariable {
  readonly name: string;
  readonly value: string;
  readonly masked: boolean;
  readonly expand: boolean;
}

export interface ResolvedSecrets {
  readonly slack?: { readonly signingSecret: string; readonly botToken?: string };
  readonly mattermost?: { readonly tokens: readonly string[]; readonly botToken?: string };
  /** Tokens remote runners may present; empty = remote runners refused. */
  readonly runnerTokens: readonly string[];
  /** Plain-text passwords by username, for hashing into the store at startup. */
  readonly passwords: Readonly<Record<string, string>>;
  /** Project CI variables with their values, by project path. */
  readonly variables: Readonly<Record<string, readonly ResolvedVariable[]>>;
}

export type ResolveSecretsResult =
  | { readonly ok: true; readonly secrets: ResolvedSecrets }
  | { readonly ok: false; readonly errors: readonly string[] };

type Read = { readonly ok: true; readonly value: string } | { readonly ok: false; readonly error: string };

function read(source: SecretRef | VariableSource, sources: SecretSources, allowEmpty: boolean): Read {
  let value: string;
  if (source.kind === 'value') {
    value = source.value;
  } else if (source.kind === 'env') {
    const found = sources.env[source.name];
    if (found === undefined) return { ok: false, error: `${source.key}: environment variable ${source.name} is not set` };
    value = found;
  } else {
    try {
      value = sources.readFile(source.path).replace(/\r?\n$/, '');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, error: `${source.key}: cannot read ${source.path}: ${reason}` };
    }
  }
  if (value === '' && !allowEmpty) {
    const where = source.kind === 'env' ? `environment variable ${source.name}` : source.kind === 'file' ? `file ${source.path}` : 'value';
    return { ok: false, error: `${source.key}: ${where} is empty` };
  }
  return { ok: true, value };
}

export function resolveSecrets(config: ServerConfig, sources: SecretSources): ResolveSecretsResult {
  const errors: string[] = [];
  const get = (source: SecretRef | VariableSource, allowEmpty = false): string => {
    const result = read(source, sources, allowEmpty);
    if (result.ok) return result.value;
    errors.push(result.error);
    return '';
  };
  const optional = (ref: SecretRef | undefined): { botToken?: string } => (ref === undefined ? {} : { botToken: get(ref) });

  // Read in the file's order, so the errors come in the order a person fixes them.
  const { slack, mattermost } = config.chat;
  const slackSecrets = slack === undefined ? undefined : { signingSecret: get(slack.signingSecret), ...optional(slack.botToken) };
  const mattermostSecrets =
    mattermost === undefined ? undefined : { tokens: mattermost.tokens.map((ref) => get(ref)), ...optional(mattermost.botToken) };
  const runnerTokens = config.runner.tokens.map((ref) => get(ref));
  const variables: Record<string, ResolvedVariable[]> = {};
  for (const project of config.projects) {
    variables[project.path] = project.variables.map((variable) => {
      // An empty value is a legitimate CI variable, but masking "" would mask nothing.
      const value = get(variable.source, !variable.masked);
      return { name: variable.name, value, masked: variable.masked, expand: variable.expand };
    });
  }
  const passwords: Record<string, string> = {};
  for (const user of config.users) {
    if (user.password !== undefined) passwords[user.username] = get(user.password);
  }
  const secrets: ResolvedSecrets = {
    ...(slackSecrets === undefined ? {} : { slack: slackSecrets }),
    ...(mattermostSecrets === undefined ? {} : { mattermost: mattermostSecrets }),
    runnerTokens,
    passwords,
    variables,
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, secrets };
}
