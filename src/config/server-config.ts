/**
 * The server's configuration, typed and validated: what `parseServerConfig`
 * returns and every composition root (serve, runner, tests) consumes.
 * docs/configuration.md describes each key of the YAML it comes from.
 *
 * Secrets are not in here: the file only names where they are (SecretRef),
 * and `resolveSecrets` reads them in a separate step, so a config can be
 * parsed, linted and shown without touching any secret.
 */
import type { Role } from '../domain/access/role.js';
import type { DatabaseSetting } from './database-setting.js';
import type { ListenAddress } from './listen-address.js';

/** Where a secret is: an environment variable or a file. `key` is the config path it was named at. */
export type SecretRef =
  | { readonly kind: 'env'; readonly name: string; readonly key: string }
  | { readonly kind: 'file'; readonly path: string; readonly key: string };

export const CHAT_PLATFORMS = ['slack', 'mattermost', 'discord', 'teams'] as const;
export type ChatPlatform = (typeof CHAT_PLATFORMS)[number];

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface ServerSection {
  readonly listen: ListenAddress;
  /** Base URL for links in chat and the web UI, without a trailing slash. */
  readonly externalUrl: string;
  /** True when external_url was not set and came from `listen` (re-derive it once a port-0 server knows its port). */
  readonly externalUrlDerived: boolean;
  readonly dataDir: string;
  readonly database: DatabaseSetting;
}

export interface RunnerSection {
  /** Run jobs inside the server process (one machine). */
  readonly embedded: boolean;
  /** Jobs the embedded runner runs at once. */
  readonly concurrency: number;
  /** Jobs that may wait for a runner before chat `run`/`play` is refused as busy; 0 = no limit. */
  readonly queueLimit: number;
  /** Trace bytes kept per job; past it the job goes on and output is dropped. */
  readonly traceLimitBytes: number;
  /** A job's timeout when neither the job nor its project sets one. */
  readonly defaultTimeoutSeconds: number;
  /** Where jobs' checkouts go. */
  readonly buildsDir: string;
  /** Between SIGTERM and SIGKILL when a job is canceled or times out. */
  readonly cancelGraceSeconds: number;
  /** A running job whose runner is silent this long fails with runner_system_failure. */
  readonly heartbeatTimeoutSeconds: number;
  /** Tokens remote `chatrun runner` processes authenticate with; none = remote runners refused. */
  readonly tokens: readonly SecretRef[];
}

export interface SlackSection {
  readonly signingSecret: SecretRef;
  readonly botToken?: SecretRef;
  readonly apiUrl: string;
  /** Default project per channel id. */
  readonly channels: Readonly<Record<string, string>>;
  readonly command: string;
}

export interface MattermostSection {
  /** Slash-command tokens accepted (one per team or command). */
  readonly tokens: readonly SecretRef[];
  readonly botToken?: SecretRef;
  /** Mattermost server base URL, for bot posts; required with a bot token. */
  readonly apiUrl?: string;
  readonly channels: Readonly<Record<string, string>>;
  readonly command: string;
}

export interface ChatSection {
  /** Commands per chat user per minute; 0 = unlimited. */
  readonly rateLimitPerMinute: number;
  readonly slack?: SlackSection;
  readonly mattermost?: MattermostSection;
}

export interface WebSection {
  readonly sessionTtlSeconds: number;
}

/** Where a project variable's value comes from. */
export type VariableSource = { readonly kind: 'value'; readonly value: string; readonly key: string } | SecretRef;

export interface ProjectVariableConfig {
  readonly name: string;
  readonly source: VariableSource;
  readonly masked: boolean;
  readonly expand: boolean;
  readonly description?: string;
}

export interface ProjectConfig {
  readonly path: string;
  /** Local path or clone URL. */
  readonly repository: string;
  /** Undefined: detected from the repository's HEAD. */
  readonly defaultBranch?: string;
  readonly ciConfigPath: string;
  /** Project job timeout (between the job's own and the server default). */
  readonly timeoutSeconds?: number;
  readonly members: Readonly<Record<string, Role>>;
  readonly variables: readonly ProjectVariableConfig[];
  /** Channel ids (any platform) whose default project this is. */
  readonly chatChannels: readonly string[];
}

export interface ChatIdentityRef {
  readonly platform: ChatPlatform;
  readonly teamId: string;
  readonly userId: string;
}

export interface UserConfig {
  readonly username: string;
  readonly name: string;
  readonly email?: string;
  readonly admin: boolean;
  /** Undefined: the user cannot log in to the web console (chat still works once linked). */
  readonly password?: SecretRef;
  /** Chat identities linked up front (no link flow needed). */
  readonly chat: readonly ChatIdentityRef[];
}

export interface ServerConfig {
  /** Where the config came from (a file path, or `<demo>`). */
  readonly source: string;
  readonly server: ServerSection;
  readonly runner: RunnerSection;
  readonly chat: ChatSection;
  readonly web: WebSection;
  readonly projects: readonly ProjectConfig[];
  readonly users: readonly UserConfig[];
  readonly log: { readonly level: LogLevel };
}

export type ParseServerConfigResult =
  | { readonly ok: true; readonly config: ServerConfig }
  | { readonly ok: false; readonly errors: readonly string[] };
