/**
 * The Slack app manifest `chatrun slack-manifest --url URL` prints: one
 * paste into "Create New App → From an app manifest" declares the slash
 * command (pointing at chatrun's `/chat/slack`), the bot user and the bot
 * scopes chatrun uses (commands; chat:write and chat:write.public for replies
 * after the response_url runs out; files:write for full-output files).
 */
export interface SlackManifestOptions {
  /** chatrun's external URL (config server.external_url). */
  readonly url: string;
  readonly appName?: string;
  readonly command?: string;
  readonly description?: string;
}

export interface SlackManifest {
  readonly _metadata: { readonly major_version: 1; readonly minor_version: 1 };
  readonly display_information: { readonly name: string; readonly description: string };
  readonly features: {
    readonly bot_user: { readonly display_name: string; readonly always_online: boolean };
    readonly slash_commands: readonly {
      readonly command: string;
      readonly url: string;
      readonly description: string;
      readonly usage_hint: string;
      readonly should_escape: boolean;
    }[];
  };
  readonly oauth_config: { readonly scopes: { readonly bot: readonly string[] } };
  readonly settings: {
    readonly org_deploy_enabled: boolean;
    readonly socket_mode_enabled: boolean;
    readonly token_rotation_enabled: boolean;
  };
}

export const SLACK_BOT_SCOPES = ['commands', 'chat:write', 'chat:write.public', 'files:write'] as const;
const DEFAULT_DESCRIPTION = 'Run .gitlab-ci.yml jobs from Slack and get their output back';

export function buildSlackManifest(options: SlackManifestOptions): SlackManifest {
  const appName = options.appName ?? 'chatrun';
  const description = options.description ?? DEFAULT_DESCRIPTION;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: { name: appName, description },
    features: {
      bot_user: { display_name: botDisplayName(appName), always_online: false },
      slash_commands: [
        {
          command: options.command ?? '/chatrun',
          url: `${options.url.replace(/\/+$/, '')}/chat/slack`,
          description: 'Run a CI job and post its output',
          usage_hint: 'run JOB [ARGS] | help',
          // chatrun wants the text exactly as typed: CHAT_INPUT is verbatim.
          should_escape: false,
        },
      ],
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: { org_deploy_enabled: false, socket_mode_enabled: false, token_rotation_enabled: false },
  };
}

/** What Slack would refuse in these options (its documented limits); empty when fine. */
export function checkSlackManifestOptions(options: SlackManifestOptions): string[] {
  const problems: string[] = [];
  let url: URL | undefined;
  try {
    url = new URL(options.url);
  } catch {
    problems.push(`--url "${options.url}" is not a URL`);
  }
  if (url && url.protocol !== 'https:' && url.protocol !== 'http:') problems.push('--url must be http(s)');
  const name = options.appName ?? 'chatrun';
  if (name.length === 0 || name.length > 35) problems.push('the app name must be 1–35 characters');
  const command = options.command ?? '/chatrun';
  if (!/^\/\S{1,31}$/.test(command)) problems.push('the command must start with "/" and be 2–32 characters, no spaces');
  if ((options.description ?? DEFAULT_DESCRIPTION).length > 140) problems.push('the description must be ≤ 140 characters');
  return problems;
}

// Slack allows lower-case letters, digits, `-`, `_` and `.` in a bot's display name.
function botDisplayName(appName: string): string {
  const cleaned = appName.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '');
  return (cleaned || 'chatrun').slice(0, 80);
}
