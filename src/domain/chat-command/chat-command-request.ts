/**
 * A slash command after its platform's authentication, in one shape for
 * every platform. The HTTP layer builds it from a verified request and hands
 * it to the use case; nothing in it has been interpreted yet (`text` is still
 * the raw text after the command).
 */
export type ChatPlatform = 'slack' | 'mattermost' | 'web';

export interface ChatCommandRequest {
  readonly platform: ChatPlatform;
  readonly teamId: string;
  readonly teamDomain?: string;
  readonly channelId: string;
  readonly channelName: string;
  readonly chatUserId: string;
  readonly chatUserName: string;
  /** The slash command as typed, e.g. `/chatrun` (one URL may serve several). */
  readonly command: string;
  /** Everything after the command, verbatim (newlines and trailing spaces kept). */
  readonly text: string;
  readonly responseUrl?: string;
  readonly triggerId?: string;
  /** Mattermost: the thread the command was typed in, when it was. */
  readonly rootId?: string;
  /** Slack's `X-Slack-Retry-Num`, when the platform says this is a redelivery. */
  readonly retryNum?: number;
  /**
   * Stable per invocation, for dedupe: `platform:team:trigger:<trigger_id>`
   * when the platform sends a trigger id, else `platform:sha256:<hex of the raw body>`
   * (a redelivered identical body gets the same key).
   */
  readonly requestKey: string;
}

export type ParseChatCommandFailure =
  | 'missing_field'
  | 'bad_field'
  /** Slack's `ssl_check=1` ping: not a command; answer 200 with an empty body. */
  | 'ssl_check';

export type ParseChatCommandResult =
  | { readonly ok: true; readonly request: ChatCommandRequest }
  | {
      readonly ok: false;
      readonly reason: ParseChatCommandFailure;
      readonly message: string;
      readonly field?: string;
    };
