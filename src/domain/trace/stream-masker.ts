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
 */
const MASK = Buffer.from('[MASKED]');
const EMPTY = Buffer.alloc(0);

export class StreamMasker {
  private readonly values: readonly Buffer[];
  private readonly maxLength: number;
  private tail: Buffer = EMPTY;

  constructor(values: readonly string[]) {
    const unique = [...new Set(values.filter((v) => v !== ''))];
    // Longest first: the first of equal positions found is then the longest.
    this.values = unique.map((v) => Buffer.from(v, 'utf8')).sort((a, b) => b.length - a.length);
    this.maxLength = this.values[0]?.length ?? 0;
  }

  /** Masked bytes that are safe to emit now (possibly fewer than given). */
  push(chunk: Uint8Array): Buffer {
    const view = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.values.length === 0) return view;
    const data = this.tail.length === 0 ? view : Buffer.concat([this.tail, view]);
    return this.scan(data, false);
  }

  /** Everything still held back, masked. The masker is empty afterwards. */
  flush(): Buffer {
    const data = this.tail;
    this.tail = EMPTY;
    return data.length === 0 ? EMPTY : this.scan(data, true);
  }

  private scan(data: Buffer, final: boolean): Buffer {
    const parts: Buffer[] = [];
    const next = this.values.map((v) => data.indexOf(v));
    let emitFrom = 0;
    let holdFrom = final ? data.length : this.partialStart(data, 0);
    for (;;) {
      let best = -1;
      let bestAt = Infinity;
      next.forEach((at, i) => {
        if (at !== -1 && at < bestAt) {
          best = i;
          bestAt = at;
        }
      });
      const value = this.values[best];
      if (value === undefined || bestAt >= holdFrom) break;
      parts.push(data.subarray(emitFrom, bestAt), MASK);
      emitFrom = bestAt + value.length;
      next.forEach((at, i) => {
        const v = this.values[i];
        if (at !== -1 && at < emitFrom && v !== undefined) next[i] = data.indexOf(v, emitFrom);
      });
      if (!final && holdFrom < emitFrom) holdFrom = this.partialStart(data, emitFrom);
    }
    if (holdFrom > emitFrom) parts.push(data.subarray(emitFrom, holdFrom));
    // Copy the tail so a large chunk is not kept alive by a small view of it.
    this.tail = final ? EMPTY : Buffer.from(data.subarray(Math.max(holdFrom, emitFrom)));
    return parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts);
  }

  /** First position ≥ from where the rest of data is a proper prefix of some value. */
  private partialStart(data: Buffer, from: number): number {
    const start = Math.max(from, data.length - this.maxLength + 1);
    for (let p = start; p < data.length; p++) {
      const rest = data.length - p;
      for (const v of this.values) {
        if (v.length > rest && data.compare(v, 0, rest, p, data.length) === 0) return p;
      }
    }
    return data.length;
  }
}
