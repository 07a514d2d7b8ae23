/**
 * Replaces masked variable values by `[MASKED]` in a byte stream that
 * arrives in arbitrary chunks: a value split across two or more chunks is
 * still masked. Works on bytes (values are compared as UTF-8), so output
 * that is not valid UTF-8 passes through untouched.
 *
 * Between chunks it keeps back only a tail that could still become a masked
 * value (at most the longest value's length minus one byte); `flush()` at
 * the end of the stream releases it. Matching is leftmost first, longest
 * first at the same position, so the result does not depend on how the
 * stream was cut. One instance per stream; not for concurrent use.
 *
 * Why latin1 strings: one byte is one char, so any bytes survive the round
 * trip, and one regular expression (values escaped, longest first, which is
 * exactly leftmost-longest) replaces every value in native code instead of
 * an indexOf and a slice per match. Hot path per chunk: decode, one
 * `replace`, encode.
 */
const MASK = '[MASKED]';
const EMPTY = Buffer.alloc(0);
/** How far back to look for a cut that no value occurrence spans before scanning the whole chunk by hand. */
const CUT_ATTEMPTS = 8;

export class StreamMasker {
  /** Values as latin1 strings of their UTF-8 bytes, longest first. */
  private readonly values: readonly string[];
  private readonly maxLength: number;
  private readonly pattern: RegExp | undefined;
  /** The value when there is only one: a plain string search is faster than the regular expression. */
  private readonly single: string | undefined;
  private tail = '';

  constructor(values: readonly string[]) {
    const bytes = new Set(values.filter((v) => v !== '').map((v) => Buffer.from(v, 'utf8').toString('latin1')));
    this.values = [...bytes].sort((a, b) => b.length - a.length);
    this.maxLength = this.values[0]?.length ?? 0;
    // Alternatives are tried in order at each position, so longest first means longest wins there.
    this.pattern = this.values.length === 0 ? undefined : new RegExp(this.values.map(escapeForRegExp).join('|'), 'g');
    this.single = this.values.length === 1 ? this.values[0] : undefined;
  }

  /** Masked bytes that are safe to emit now (possibly fewer than given). */
  push(chunk: Uint8Array): Buffer {
    const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.pattern === undefined) return view;
    const text = view.toString('latin1');
    const fresh = this.tail === '';
    const { out, masked } = this.scan(fresh ? text : this.tail + text, this.pattern);
    // Output with no secret in it leaves as the caller's own bytes, without a copy back from the string.
    return fresh && !masked ? view.subarray(0, out.length) : Buffer.from(out, 'latin1');
  }

  /** Everything still held back, masked. The masker is empty afterwards. */
  flush(): Buffer {
    const text = this.tail;
    this.tail = '';
    if (text === '' || this.pattern === undefined) return EMPTY;
    return Buffer.from(text.replace(this.pattern, MASK), 'latin1');
  }

  /**
   * Masks `text` up to where it could still grow into a value and keeps the
   * rest as the tail. The text before a cut that no value occurrence spans
   * masks the same alone as in the whole stream, so it goes through one
   * `replace`; only the few bytes from the cut on are matched one by one.
   */
  private scan(text: string, pattern: RegExp): { out: string; masked: boolean } {
    let holdFrom = this.partialStart(text, 0);
    const cut = this.cleanCut(text, holdFrom);
    const head = cut === text.length ? text : text.slice(0, cut);
    // A test first: comparing strings afterwards to learn whether anything changed costs as much as the copy it saves.
    const single = this.single;
    pattern.lastIndex = 0;
    let masked = cut > 0 && (single === undefined ? pattern.test(head) : head.includes(single));
    let out = !masked ? head : single === undefined ? head.replace(pattern, MASK) : head.replaceAll(single, MASK);
    let emitFrom = cut;
    if (cut < holdFrom) {
      pattern.lastIndex = cut;
      for (let found = pattern.exec(text); found !== null && found.index < holdFrom; found = pattern.exec(text)) {
        masked = true;
        out += text.slice(emitFrom, found.index) + MASK;
        emitFrom = pattern.lastIndex;
        if (holdFrom < emitFrom) holdFrom = this.partialStart(text, emitFrom);
      }
      pattern.lastIndex = 0;
    }
    if (holdFrom > emitFrom) out += text.slice(emitFrom, holdFrom);
    // A slice may keep this chunk's text alive until the next push: one chunk at most.
    this.tail = text.slice(Math.max(holdFrom, emitFrom));
    return { out, masked };
  }

  /** First position ≥ from where the rest of text is a proper prefix of some value. */
  private partialStart(text: string, from: number): number {
    for (let p = Math.max(from, text.length - this.maxLength + 1); p < text.length; p++) {
      const rest = text.length - p;
      const first = text.charCodeAt(p);
      for (const v of this.values) {
        if (v.length > rest && v.charCodeAt(0) === first && text.startsWith(v.slice(0, rest), p)) return p;
      }
    }
    return text.length;
  }

  /** A position ≤ at that no occurrence of any value spans, or 0 when none is found close by. */
  private cleanCut(text: string, at: number): number {
    let cut = at;
    for (let attempt = 0; attempt < CUT_ATTEMPTS && cut > 0; attempt++) {
      let spanning = cut;
      for (const v of this.values) {
        const found = text.indexOf(v, Math.max(0, cut - v.length + 1));
        if (found !== -1 && found < spanning) spanning = found;
      }
      if (spanning === cut) return cut;
      cut = spanning;
    }
    return 0;
  }
}

function escapeForRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}
