/**
 * What the use cases need to know of the server's configuration, already
 * validated and with secrets resolved (src/config builds it; tests write
 * it by hand). Read-only and shared by every request.
 */
import type { ProjectVariables } from '../domain/pipeline/pipeline-context.js';

export interface AppSettings {
  /** Where people reach chatrun, without a trailing slash: links in chat point here. */
  readonly externalUrl: string;
  /** Commands per chat user per minute; 0 turns the limit off. */
  readonly rateLimitPerMinute: number;
  /** The slash command as users type it on each platform, for help texts. */
  readonly commandNames: Readonly<Record<'slack' | 'mattermost' | 'web', string>>;
  /** Used when neither the job nor the project sets `timeout:`. */
  readonly defaultJobTimeoutSeconds: number;
  /** How long a chat account link stays valid (SPEC: 10 minutes). */
  readonly linkTokenTtlMs: number;
  /** The project a command means when it names none, per platform and channel id. */
  defaultProjectFor(platform: string, channelId: string): string | undefined;
  /** A project's CI/CD variables with their values (masked ones included). */
  projectVariables(projectPath: string): ProjectVariables;
  /** A project's own `timeout`, when its config sets one. */
  projectTimeoutSeconds(projectPath: string): number | undefined;
}
