/**
 * A job trace as the job page shows it: lines of coloured spans, grouped
 * into the trace's sections (GitLab's rules, via the domain's section
 * parser), each section with its header line and duration. Section markers
 * never show; markers of names that do not form a section are hidden too,
 * as GitLab's log viewer hides them.
 *
 * Colours carry across lines and sections (the whole trace is parsed as one
 * stream, as a terminal would read it). A carriage return that does not end
 * a line starts the line over, as a progress bar redraws itself.
 */
import { Buffer } from 'node:buffer';
import { parseAnsi, type AnsiSpan } from '../domain/trace/ansi.js';
import { parseTraceSections } from '../domain/trace/section-parser.js';

export interface TraceLineNode {
  readonly kind: 'line';
  readonly spans: readonly AnsiSpan[];
}

export interface TraceSectionNode {
  readonly kind: 'section';
  readonly name: string;
  /** The section was opened with `[collapsed=true]`. */
  readonly collapsed: boolean;
  readonly durationSeconds: number;
  header: readonly AnsiSpan[];
  readonly children: TraceNode[];
}

export type TraceNode = TraceLineNode | TraceSectionNode;

const START_PROBE = Buffer.from('section_start:', 'latin1');
const TERMINATOR = Buffer.from('\r\x1b[0K', 'latin1');
const STRAY_MARKER = /section_(?:start|end):\d+:[A-Za-z0-9_.-]+(?:\[[^\]\r\n]*\])?\r\x1b\[0K/g;
// Private-use characters stand in for markers while the text goes through
// the ANSI parser, so colours flow across them; real ones in the trace are
// replaced first so a job cannot forge a placeholder.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDER_CHARS = /[\uE000\uE001]/g;
const TOKENS = /\uE000([SE])(\d+)\uE001|\n|\r/g;

export function outlineTrace(trace: Uint8Array): TraceNode[] {
  const bytes = Buffer.from(trace.buffer, trace.byteOffset, trace.byteLength);
  const sections = parseTraceSections(bytes);
  const cuts: { at: number; to: number; token: string }[] = [];
  sections.forEach((section, index) => {
    const startAt = bytes.lastIndexOf(START_PROBE, section.byteStart - 1);
    cuts.push({ at: startAt, to: section.byteStart, token: `${OPEN}S${index}${CLOSE}` });
    const endTo = bytes.indexOf(TERMINATOR, section.byteEnd) + TERMINATOR.length;
    cuts.push({ at: section.byteEnd, to: endTo, token: `${OPEN}E${index}${CLOSE}` });
  });
  cuts.sort((a, b) => a.at - b.at);
  let text = '';
  let position = 0;
  for (const cut of cuts) {
    text += cleanText(bytes.subarray(position, cut.at)) + cut.token;
    position = cut.to;
  }
  text += cleanText(bytes.subarray(position));

  const builder = new OutlineBuilder();
  for (const span of parseAnsi(text)) {
    let last = 0;
    for (const match of span.text.matchAll(TOKENS)) {
      builder.text(span, span.text.slice(last, match.index));
      last = match.index + match[0].length;
      if (match[0] === '\n') builder.newline();
      else if (match[0] === '\r') builder.carriageReturn();
      else {
        const section = sections[Number(match[2])];
        if (section === undefined) continue;
        if (match[1] === 'S') {
          builder.open({
            kind: 'section',
            name: section.name,
            collapsed: section.options?.['collapsed'] === 'true',
            durationSeconds: Math.max(0, section.dateEnd - section.dateStart),
            header: [],
            children: [],
          });
        } else builder.close(section.name);
      }
    }
    builder.text(span, span.text.slice(last));
  }
  return builder.finish();
}

function cleanText(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('utf8').replace(PLACEHOLDER_CHARS, '\uFFFD').replace(STRAY_MARKER, '');
}

class OutlineBuilder {
  readonly #root: TraceNode[] = [];
  readonly #open: TraceSectionNode[] = [];
  #line: AnsiSpan[] = [];
  /** The section whose header line is being read (the rest of its start marker's line). */
  #awaitingHeader: TraceSectionNode | undefined;
  #overwrite = false;

  text(style: AnsiSpan, text: string): void {
    if (text === '') return;
    if (this.#overwrite) {
      this.#line = [];
      this.#overwrite = false;
    }
    this.#line.push({ ...style, text });
  }

  carriageReturn(): void {
    this.#overwrite = true;
  }

  newline(): void {
    this.#overwrite = false;
    if (this.#awaitingHeader !== undefined) {
      this.#awaitingHeader.header = this.#line;
      this.#awaitingHeader = undefined;
    } else {
      this.#container().push({ kind: 'line', spans: this.#line });
    }
    this.#line = [];
  }

  open(section: TraceSectionNode): void {
    this.#flushPartial();
    this.#container().push(section);
    this.#open.push(section);
    this.#awaitingHeader = section;
  }

  close(name: string): void {
    this.#flushPartial();
    this.#awaitingHeader = undefined;
    const at = this.#open.map((s) => s.name).lastIndexOf(name);
    // Overlapping (not nested) pairs close everything opened inside them.
    if (at >= 0) this.#open.length = at;
  }

  finish(): TraceNode[] {
    this.#flushPartial();
    return this.#root;
  }

  #container(): TraceNode[] {
    return this.#open[this.#open.length - 1]?.children ?? this.#root;
  }

  #flushPartial(): void {
    const visible = this.#line.some((span) => span.text !== '');
    if (visible) this.newline();
    else if (this.#awaitingHeader !== undefined) this.#awaitingHeader = undefined;
    this.#line = [];
    this.#overwrite = false;
  }
}
