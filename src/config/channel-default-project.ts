/**
 * Which project a command means when it names none: the channel's default
 * (from `chat.<platform>.channels`, else a project's `chat_channels`), else
 * the only project when there is exactly one. Undefined: the command must
 * name its project.
 */
import type { ServerConfig } from './server-config.js';

export function defaultProjectForChannel(config: ServerConfig, platform: string, channelId: string): string | undefined {
  const platformChannels = platform === 'slack' ? config.chat.slack?.channels : platform === 'mattermost' ? config.chat.mattermost?.channels : undefined;
  const mapped = platformChannels?.[channelId];
  if (mapped !== undefined) return mapped;
  const owner = config.projects.find((project) => project.chatChannels.includes(channelId));
  if (owner !== undefined) return owner.path;
  const [only, ...others] = config.projects;
  return only !== undefined && others.length === 0 ? only.path : undefined;
}
