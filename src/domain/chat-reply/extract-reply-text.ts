/**
 * The text a chat job replies with, chosen from its trace (SPEC section 6,
 * "Which text"):
 *
 * 1. `chat_reply`, the section a job prints itself, minus its first line
 *    (GitLab's rule; the documented idiom starts the body with a newline so
 *    nothing of the payload is lost).
 * 2. Else `step_script` (`build_script` in traces of runners before 13.1)
 *    minus its first line, and, when that first line was the runner's bold
 *    cyan header, minus the first executed command line (`$ cmd`) too. This
 *    is what the ChatOps documentation promises (`echo "Hello World."`
 *    replies `Hello World.`); current GitLab keeps the `$ cmd` line only
 *    because its runner added the header line later.
 * 3. Lines are cut with Ruby's split (trailing empty lines dropped, leading
 *    ones kept) and joined with `\n`.
 *
 * The section bytes are taken raw, ANSI colours included; invalid UTF-8 is
 * decoded with replacement characters rather than failing. No length limit
 * is applied here: platforms have their own, applied when rendering.
 */
import { parseTraceSections, type TraceSection } from '../trace/section-parser.js';
import { stripAnsi } from '../trace/ansi.js';
import { rubySplit } from './ruby-split.js';

/** Looked up in this order; the first one present wins. */
export const REPLY_SECTIONS = ['chat_reply', 'step_script', 'build_script'] as const;
export type ReplySection = (typeof REPLY_SECTIONS)[number];

export type ReplyText =
  | { readonly ok: true; readonly section: ReplySection; readonly text: string }
  | { readonly ok: false; readonly reason: 'missing_section' };

/** A line opening (after erase/colour codes) with bold cyan: how the runner prints a section header. */
const RUNNER_HEADER = /^(?:\x1b\[[0-?]*[ -/]*[@-~])*\x1b\[36;1m/;
/** Section markers a runner may put before a command echo (collapsed multi-line commands). */
const LEADING_MARKERS = /^(?:section_(?:start|end):\d+:[A-Za-z0-9_.-]+(?:\[[^\]\r\n]*\])?\r)+/;

/**
 * `sections` may be passed when the caller has already parsed the trace;
 * they must come from this same trace.
 */
export function extractReplyText(
  trace: Uint8Array,
  sections: readonly TraceSection[] = parseTraceSections(trace),
): ReplyText {
  for (const name of REPLY_SECTIONS) {
    const section = sections.find((s) => s.name === name);
    if (section === undefined) continue;
    const body = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      trace.subarray(section.byteStart, section.byteEnd),
    );
    const lines = rubySplit(body);
    const [first, second] = lines;
    let dropped = 1;
    if (name !== 'chat_reply' && first !== undefined && second !== undefined) {
      if (RUNNER_HEADER.test(first) && isCommandEcho(second)) dropped = 2;
    }
    return { ok: true, section: name, text: lines.slice(dropped).join('\n') };
  }
  return { ok: false, reason: 'missing_section' };
}

function isCommandEcho(line: string): boolean {
  return stripAnsi(line).replace(LEADING_MARKERS, '').startsWith('$ ');
}
