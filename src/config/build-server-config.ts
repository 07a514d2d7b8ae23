/**
 * A validated config file (snake_case, every key optional) turned into the
 * ServerConfig the server runs with: every default is applied here and only
 * here, and derived values (external_url from listen, paths under data_dir)
 * are computed from what the file did say.
 */
import { join } from 'node:path';
import { parseByteSize } from './byte-size.js';
import type { ConfigFile } from './config-schema.js';
import { formatKeyPath, type KeyPath } from './config-key-path.js';
import { parseDatabaseSetting, type DatabaseSetting } from './database-setting.js';
import { parseDuration } from './duration-text.js';
import { deriveExternalUrl, parseListen } from './listen-address.js';
import type {
  ChatIdentityRef,
  ChatPlatform,
  MattermostSection,
  ProjectConfig,
  ProjectVariableConfig,
  SecretRef,
  ServerConfig,
  SlackSection,
  UserConfig,
} from './server-config.js';

export const DEFAULTS = {
  listen: '127.0.0.1:8080',
  dataDir: './.chatrun',
  concurrency: 4,
  /** The queue limit is this many waiting jobs per runner slot, unless set. */
  queuedJobsPerSlot: 20,
  traceLimit: '4MiB',
  defaultTimeout: '1h',
  cancelGrace: '10s',
  heartbeatTimeout: '1m',
  rateLimitPerMinute: 30,
  slackApiUrl: 'https://slack.com/api',
  command: '/chatrun',
  sessionTtl: '12h',
  ciConfigPath: '.gitlab-ci.yml',
  logLevel: 'info',
} as const;

function seconds(input: unknown, fallback: string): number {
  const result = parseDuration(input ?? fallback);
  return result.ok ? result.seconds : 0;
}

function secretRef(object: Readonly<Record<string, unknown>>, base: string, path: KeyPath): SecretRef | undefined {
  const env = object[`${base}_env`];
  const file = object[`${base}_file`];
  if (typeof env === 'string') return { kind: 'env', name: env, key: formatKeyPath([...path, `${base}_env`]) };
  if (typeof file === 'string') return { kind: 'file', path: file, key: formatKeyPath([...path, `${base}_file`]) };
  return undefined;
}

/** `token_env: A` or `token_env: [A, B]`, plus the same for `_file`. */
function secretRefs(object: Readonly<Record<string, unknown>>, base: string, path: KeyPath): SecretRef[] {
  const list = (key: string): Array<{ value: string; key: string }> => {
    const value = object[key];
    if (typeof value === 'string') return [{ value, key: formatKeyPath([...path, key]) }];
    if (!Array.isArray(value)) return [];
    return value.flatMap((item: unknown, index) => (typeof item === 'string' ? [{ value: item, key: formatKeyPath([...path, key, index]) }] : []));
  };
  return [
    ...list(`${base}_env`).map(({ value, key }): SecretRef => ({ kind: 'env', name: value, key })),
    ...list(`${base}_file`).map(({ value, key }): SecretRef => ({ kind: 'file', path: value, key })),
  ];
}

function slackSection(file: NonNullable<NonNullable<ConfigFile['chat']>['slack']>): SlackSection | undefined {
  const signingSecret = secretRef(file, 'signing_secret', ['chat', 'slack']);
  if (signingSecret === undefined) return undefined;
  const botToken = secretRef(file, 'bot_token', ['chat', 'slack']);
  return {
    signingSecret,
    ...(botToken === undefined ? {} : { botToken }),
    apiUrl: (file.api_url ?? DEFAULTS.slackApiUrl).replace(/\/+$/, ''),
    channels: { ...file.channels },
    command: file.command ?? DEFAULTS.command,
  };
}

function mattermostSection(file: NonNullable<NonNullable<ConfigFile['chat']>['mattermost']>): MattermostSection {
  const botToken = secretRef(file, 'bot_token', ['chat', 'mattermost']);
  return {
    tokens: secretRefs(file, 'token', ['chat', 'mattermost']),
    ...(botToken === undefined ? {} : { botToken }),
    ...(file.api_url === undefined ? {} : { apiUrl: file.api_url.replace(/\/+$/, '') }),
    channels: { ...file.channels },
    command: file.command ?? DEFAULTS.command,
  };
}

function projectConfig(file: NonNullable<ConfigFile['projects']>[number], index: number): ProjectConfig {
  const variables = Object.entries(file.variables ?? {}).map(([name, spec]): ProjectVariableConfig => {
    const path: KeyPath = ['projects', index, 'variables', name];
    if (typeof spec !== 'object') return { name, source: { kind: 'value', value: String(spec), key: formatKeyPath(path) }, masked: false, expand: true };
    const source =
      spec.value !== undefined
        ? { kind: 'value' as const, value: String(spec.value), key: formatKeyPath([...path, 'value']) }
        : secretRef(spec, 'value', path) ?? { kind: 'value' as const, value: '', key: formatKeyPath(path) };
    return {
      name,
      source,
      masked: spec.masked ?? false,
      expand: spec.expand ?? true,
      ...(spec.description === undefined ? {} : { description: spec.description }),
    };
  });
  return {
    path: file.path,
    repository: file.repository,
    ...(file.default_branch === undefined ? {} : { defaultBranch: file.default_branch }),
    ciConfigPath: file.ci_config_path ?? DEFAULTS.ciConfigPath,
    ...(file.timeout === undefined ? {} : { timeoutSeconds: seconds(file.timeout, DEFAULTS.defaultTimeout) }),
    members: { ...file.members },
    variables,
    chatChannels: [...(file.chat_channels ?? [])],
  };
}

function userConfig(file: NonNullable<ConfigFile['users']>[number], index: number): UserConfig {
  const password = secretRef(file, 'password', ['users', index]);
  const chat = (file.chat ?? []).map((text): ChatIdentityRef => {
    const [platform = '', teamId = '', userId = ''] = text.split(':');
    return { platform: platform as ChatPlatform, teamId, userId };
  });
  return {
    username: file.username,
    name: file.name ?? file.username,
    ...(file.email === undefined ? {} : { email: file.email }),
    admin: file.admin ?? false,
    ...(password === undefined ? {} : { password }),
    chat,
  };
}

export function buildServerConfig(file: ConfigFile, source: string): ServerConfig {
  const listenResult = parseListen(file.server?.listen ?? DEFAULTS.listen);
  const listen = listenResult.ok ? listenResult.address : { host: '127.0.0.1', port: 8080 };
  const dataDir = file.server?.data_dir ?? DEFAULTS.dataDir;
  const databaseResult = parseDatabaseSetting(file.server?.database ?? 'sqlite', dataDir);
  const database: DatabaseSetting = databaseResult.ok ? databaseResult.database : { kind: 'sqlite', path: join(dataDir, 'chatrun.db') };
  const traceLimit = parseByteSize(file.runner?.trace_limit ?? DEFAULTS.traceLimit);
  const concurrency = file.runner?.concurrency ?? DEFAULTS.concurrency;
  const slack = file.chat?.slack === undefined ? undefined : slackSection(file.chat.slack);

  return {
    source,
    server: {
      listen,
      externalUrl: (file.server?.external_url ?? deriveExternalUrl(listen)).replace(/\/+$/, ''),
      externalUrlDerived: file.server?.external_url === undefined,
      dataDir,
      database,
    },
    runner: {
      embedded: file.runner?.embedded ?? true,
      concurrency,
      queueLimit: file.runner?.queue_limit ?? concurrency * DEFAULTS.queuedJobsPerSlot,
      traceLimitBytes: traceLimit.ok ? traceLimit.bytes : 4 * 1024 * 1024,
      defaultTimeoutSeconds: seconds(file.runner?.default_timeout, DEFAULTS.defaultTimeout),
      buildsDir: file.runner?.builds_dir ?? join(dataDir, 'builds'),
      cancelGraceSeconds: seconds(file.runner?.cancel_grace, DEFAULTS.cancelGrace),
      heartbeatTimeoutSeconds: seconds(file.runner?.heartbeat_timeout, DEFAULTS.heartbeatTimeout),
      tokens: file.runner === undefined ? [] : secretRefs(file.runner, 'token', ['runner']),
    },
    chat: {
      rateLimitPerMinute: file.chat?.rate_limit_per_minute ?? DEFAULTS.rateLimitPerMinute,
      ...(slack === undefined ? {} : { slack }),
      ...(file.chat?.mattermost === undefined ? {} : { mattermost: mattermostSection(file.chat.mattermost) }),
    },
    web: { sessionTtlSeconds: seconds(file.web?.session_ttl, DEFAULTS.sessionTtl) },
    projects: (file.projects ?? []).map(projectConfig),
    users: (file.users ?? []).map(userConfig),
    log: { level: file.log?.level ?? DEFAULTS.logLevel },
  };
}
