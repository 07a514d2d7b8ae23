/**
 * The AppSettings the use cases read, built from the validated config and
 * the resolved secrets (project variable values). The external URL is
 * read through `externalUrl()` at each use: a server listening on port 0
 * learns its own URL only once it is listening.
 */
import type { AppSettings } from '../app/app-settings.js';
import { defaultProjectForChannel } from '../config/channel-default-project.js';
import type { ResolvedSecrets } from '../config/resolve-secrets.js';
import type { ServerConfig } from '../config/server-config.js';
import type { ProjectVariables } from '../domain/pipeline/pipeline-context.js';

/** SPEC section 2: a chat account link is single use and expires in 10 minutes. */
export const LINK_TOKEN_TTL_MS = 10 * 60 * 1000;

export function buildAppSettings(config: ServerConfig, secrets: ResolvedSecrets, externalUrl: () => string): AppSettings {
  const variables = new Map<string, ProjectVariables>();
  for (const [path, list] of Object.entries(secrets.variables)) {
    const byName: Record<string, { value: string; masked: boolean; raw: boolean }> = {};
    for (const variable of list) byName[variable.name] = { value: variable.value, masked: variable.masked, raw: !variable.expand };
    variables.set(path, byName);
  }
  const timeouts = new Map(config.projects.map((project) => [project.path, project.timeoutSeconds]));
  return {
    get externalUrl() {
      return externalUrl().replace(/\/+$/, '');
    },
    rateLimitPerMinute: config.chat.rateLimitPerMinute,
    commandNames: {
      slack: config.chat.slack?.command ?? '/chatrun',
      mattermost: config.chat.mattermost?.command ?? '/chatrun',
      web: '/chatrun',
    },
    defaultJobTimeoutSeconds: config.runner.defaultTimeoutSeconds,
    linkTokenTtlMs: LINK_TOKEN_TTL_MS,
    defaultProjectFor: (platform, channelId) => defaultProjectForChannel(config, platform, channelId),
    projectVariables: (projectPath) => variables.get(projectPath) ?? {},
    projectTimeoutSeconds: (projectPath) => timeouts.get(projectPath),
  };
}
