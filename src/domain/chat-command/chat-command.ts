/**
 * What the text after the slash command asks for (SPEC section 2). `project`
 * is present only when the text named one (`ops/infra run deploy`); which
 * project applies otherwise (channel default, the only one) is decided by
 * the caller, not the parser.
 */
export type ChatCommand =
  | {
      readonly kind: 'run';
      readonly project?: string;
      readonly job: string;
      /** Becomes `CHAT_INPUT` verbatim; null when the text had none. */
      readonly args: string | null;
    }
  | { readonly kind: 'help'; readonly project?: string }
  | { readonly kind: 'play'; readonly project?: string; readonly jobId: number }
  /** The text as received, for the "not a valid command" answer. */
  | { readonly kind: 'invalid'; readonly text: string };
