/**
 * A message for chat, before any platform has shaped it. Composers in this
 * folder build one for every answer of SPEC sections 2 and 6; each platform
 * adapter renders it (Slack blocks, Mattermost attachments, the web console).
 *
 * Rendering contract:
 * - `text` is plain sentences. The only markup is links written
 *   `[label](url)` and inline code written `` `code` ``; composers put user
 *   text only inside code spans, which never hold a backtick or a newline,
 *   and renderers must not look for links inside code spans. Everything else
 *   is literal: renderers escape what their platform treats specially
 *   (Slack's `<`, `>`, `&`; Markdown's `*`, `_`, …).
 * - `mention`, when present, is the person addressed: renderers put the
 *   platform's mention (`<@U123>`, `@jane`) right before `text`, separated by
 *   a space, and texts are written to read on from it.
 * - `output` is preformatted text for a code block: a job's output raw with
 *   its ANSI colour codes (renderers strip them where the platform cannot
 *   show colour, see ../trace/ansi.ts), or a list such as config errors.
 *   Renderers apply the platform's size limit with ./truncate-output.ts,
 *   say so with a marker, and link `logUrl`.
 */

/** A chat platform user, as the platform identifies and names them. */
export interface ChatUserRef {
  readonly chatUserId: string;
  readonly chatUserName: string;
}

export type ChatMessageTone = 'neutral' | 'success' | 'failure' | 'warning';

export interface ChatMessage {
  /** `ephemeral`: only the person who sent the command sees it. */
  readonly visibility: 'ephemeral' | 'in_channel';
  readonly tone: ChatMessageTone;
  readonly mention?: ChatUserRef;
  readonly text: string;
  readonly output?: string;
  /**
   * Set when `output` is only the end of the job's reply text: how many
   * lines the whole text had (the message text says how many are shown).
   */
  readonly outputTruncatedFrom?: number;
  /** The job's page, where the whole log is. */
  readonly logUrl?: string;
}
