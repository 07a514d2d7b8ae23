/**
 * The config file's shape, as zod schemas over the YAML's own (snake_case)
 * keys. Validation only: every object is strict (a misspelt key is an
 * error, never silently ignored), and defaults and conversions live in
 * ./build-server-config.ts so they sit in one place. Values with their own
 * grammar (sizes, durations, listen, database) are checked here with the same
 * parsers the build step uses.
 */
import { z } from 'zod';
import { ROLES } from '../domain/access/role.js';
import { parseByteSize } from './byte-size.js';
import { parseDatabaseSetting } from './database-setting.js';
import { parseDuration } from './duration-text.js';
import { parseListen } from './listen-address.js';
import { CHAT_PLATFORMS, LOG_LEVELS } from './server-config.js';

type Parser = (input: unknown) => { ok: true } | { ok: false; error: string };

/** A value with its own grammar: any YAML value, checked by `parser` when present. */
function grammar(parser: Parser) {
  return z.unknown().check(
    z.superRefine((value, ctx) => {
      if (value === undefined) return;
      const result = parser(value);
      if (!result.ok) ctx.addIssue({ code: 'custom', message: result.error, input: value });
    }),
  ).optional();
}

const positiveDuration = grammar((input) => {
  const result = parseDuration(input);
  return result.ok && result.seconds === 0 ? { ok: false, error: 'must be longer than 0 seconds' } : result;
});
const duration = grammar(parseDuration);
const byteSize = grammar((input) => {
  const result = parseByteSize(input);
  return result.ok && result.bytes === 0 ? { ok: false, error: 'must be more than 0 bytes' } : result;
});

const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, {
  error: 'must be the name of an environment variable (letters, digits and _, not starting with a digit)',
});
const filePath = z.string().min(1, { error: 'must be a file path' });
const httpUrl = z.string().refine((text) => /^https?:\/\/[^\s/?#]+[^\s?#]*$/.test(text), {
  error: 'must be an http:// or https:// URL without query or fragment',
});
const slashCommand = z.string().regex(/^\/[a-z0-9_-]{1,32}$/, {
  error: 'must be a slash command such as /chatrun (lowercase letters, digits, - and _)',
});
const projectPath = z
  .string()
  .regex(/^(?!.*(?:^|\/)\.{1,2}(?:\/|$))[A-Za-z0-9_.-]+(?:\/[A-Za-z0-9_.-]+)*$/, {
    error: 'must be a project path such as ops/infra (letters, digits, _ . - separated by /)',
  });
const channelId = z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: 'must be a channel id such as C0123ABCD' });
export const USERNAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const username = z.string().regex(USERNAME_PATTERN, {
  error: 'must be a username (letters, digits, _ . -, not starting with . or -)',
});
const role = z.enum(ROLES, { error: `role must be one of ${ROLES.join(', ')}` });
const scalarText = z.union([z.string(), z.number(), z.boolean()]);
const oneOrMany = <T extends z.ZodType>(item: T) => z.union([item, z.array(item).min(1)]);

/** Credentials come as `<base>_env` or `<base>_file`, never both, and the literal `<base>` is refused elsewhere. */
function secretPair(base: string, required: boolean) {
  return z.superRefine((object: Record<string, unknown>, ctx) => {
    const given = [`${base}_env`, `${base}_file`].filter((key) => object[key] !== undefined);
    if (given.length === 2) {
      ctx.addIssue({ code: 'custom', message: `give only one of ${base}_env and ${base}_file`, path: [`${base}_file`], input: object });
    } else if (given.length === 0 && required) {
      ctx.addIssue({
        code: 'custom',
        message: `${base}_env (an environment variable name) or ${base}_file (a file path) is required`,
        input: object,
      });
    }
  }, { when: () => true });
}

const serverSchema = z.strictObject({
  listen: grammar(parseListen),
  external_url: httpUrl.optional(),
  data_dir: z.string().min(1, { error: 'must be a directory path' }).optional(),
  database: z.string().check(z.superRefine((text, ctx) => {
    const result = parseDatabaseSetting(text, '.');
    if (!result.ok) ctx.addIssue({ code: 'custom', message: result.error, input: text });
  })).optional(),
});

const runnerSchema = z.strictObject({
  embedded: z.boolean().optional(),
  concurrency: z.number().int().min(1).max(1024).optional(),
  queue_limit: z.number().int().min(0).max(1_000_000).optional(),
  trace_limit: byteSize,
  default_timeout: positiveDuration,
  builds_dir: z.string().min(1, { error: 'must be a directory path' }).optional(),
  cancel_grace: duration,
  heartbeat_timeout: positiveDuration,
  token_env: oneOrMany(envName).optional(),
  token_file: oneOrMany(filePath).optional(),
});

const channelMap = z.record(channelId, projectPath);

const slackSchema = z
  .strictObject({
    signing_secret_env: envName.optional(),
    signing_secret_file: filePath.optional(),
    bot_token_env: envName.optional(),
    bot_token_file: filePath.optional(),
    api_url: httpUrl.optional(),
    channels: channelMap.optional(),
    command: slashCommand.optional(),
  })
  .check(secretPair('signing_secret', true), secretPair('bot_token', false));

const mattermostSchema = z
  .strictObject({
    token_env: oneOrMany(envName).optional(),
    token_file: oneOrMany(filePath).optional(),
    bot_token_env: envName.optional(),
    bot_token_file: filePath.optional(),
    api_url: httpUrl.optional(),
    channels: channelMap.optional(),
    command: slashCommand.optional(),
  })
  .check(
    secretPair('bot_token', false),
    z.superRefine((object: Record<string, unknown>, ctx) => {
      if (object['token_env'] === undefined && object['token_file'] === undefined) {
        ctx.addIssue({ code: 'custom', message: 'token_env or token_file (the slash command token) is required', input: object });
      }
      const botToken = object['bot_token_env'] !== undefined || object['bot_token_file'] !== undefined;
      if (botToken && object['api_url'] === undefined) {
        ctx.addIssue({ code: 'custom', message: 'api_url (the Mattermost server URL) is required with a bot token', input: object });
      }
    }, { when: () => true }),
  );

const chatSchema = z.strictObject({
  rate_limit_per_minute: z.number().int().min(0).optional(),
  slack: slackSchema.optional(),
  mattermost: mattermostSchema.optional(),
});

const variableObject = z
  .strictObject({
    value: scalarText.optional(),
    value_env: envName.optional(),
    value_file: filePath.optional(),
    masked: z.boolean().optional(),
    expand: z.boolean().optional(),
    description: z.string().optional(),
  })
  .check(z.superRefine((object: Record<string, unknown>, ctx) => {
    const given = ['value', 'value_env', 'value_file'].filter((key) => object[key] !== undefined);
    if (given.length !== 1) {
      const what = given.length === 0 ? 'needs' : 'takes only';
      ctx.addIssue({ code: 'custom', message: `a variable ${what} one of value, value_env, value_file`, input: object });
    }
  }, { when: () => true }));

const projectSchema = z.strictObject({
  path: projectPath,
  repository: z.string().min(1, { error: 'must be a local path or a clone URL' }),
  default_branch: z.string().regex(/^[^\s~^:?*[\\]+$/, { error: 'must be a branch name' }).optional(),
  ci_config_path: z.string().regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$)).+$/, {
    error: 'must be a path inside the repository (relative, no ..)',
  }).optional(),
  timeout: positiveDuration,
  members: z.record(username, role).optional(),
  variables: z.record(
    z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: 'variable names are letters, digits and _, not starting with a digit' }),
    z.union([scalarText, variableObject]),
  ).optional(),
  chat_channels: z.array(channelId).optional(),
});

const chatIdentity = z.string().regex(new RegExp(`^(${CHAT_PLATFORMS.join('|')}):[^:\\s]+:[^:\\s]+$`), {
  error: `must be platform:team:user, platform one of ${CHAT_PLATFORMS.join(', ')} (e.g. slack:T0001:U0001)`,
});

const userSchema = z
  .strictObject({
    username,
    name: z.string().min(1).optional(),
    email: z.string().regex(/^[^\s@]+@[^\s@]+$/, { error: 'must be an email address' }).optional(),
    admin: z.boolean().optional(),
    password_env: envName.optional(),
    password_file: filePath.optional(),
    chat: z.array(chatIdentity).optional(),
  })
  .check(secretPair('password', false));

export const configFileSchema = z.strictObject({
  server: serverSchema.optional(),
  runner: runnerSchema.optional(),
  chat: chatSchema.optional(),
  web: z.strictObject({ session_ttl: positiveDuration }).optional(),
  projects: z.array(projectSchema).optional(),
  users: z.array(userSchema).optional(),
  log: z.strictObject({ level: z.enum(LOG_LEVELS, { error: `must be one of ${LOG_LEVELS.join(', ')}` }).optional() }).optional(),
});

export type ConfigFile = z.infer<typeof configFileSchema>;

/** Keys that hold a secret when written literally; the file must name them by `_env`/`_file` instead. */
export const LITERAL_SECRET_KEYS: ReadonlySet<string> = new Set(['signing_secret', 'token', 'password', 'bot_token']);
