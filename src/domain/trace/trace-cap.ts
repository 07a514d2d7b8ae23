/**
 * The trace size limit. Job output ("content") is kept until the limit is
 * reached; the byte that crosses it is cut, a notice is written once, and
 * later content is dropped while the job goes on. The runner's own framing
 * ("essential": section end markers, the final status line) is always
 * written, so a capped trace still parses and still says how the job ended.
 */
import { traceLimitNotice } from './trace-format.js';

export class TraceCap {
  private written = 0;
  private kept = 0;
  private capped = false;

  constructor(
    private readonly limitBytes: number,
    private readonly sink: (chunk: Buffer) => void,
  ) {}

  get bytesWritten(): number {
    return this.written;
  }

  get exceeded(): boolean {
    return this.capped;
  }

  content(chunk: Buffer): void {
    if (this.capped || chunk.length === 0) return;
    const room = this.limitBytes - this.kept;
    if (chunk.length <= room) {
      this.kept += chunk.length;
      this.emit(chunk);
      return;
    }
    if (room > 0) this.emit(chunk.subarray(0, room));
    this.kept = this.limitBytes;
    this.capped = true;
    this.emit(Buffer.from(traceLimitNotice(this.limitBytes)));
  }

  essential(chunk: Buffer): void {
    if (chunk.length > 0) this.emit(chunk);
  }

  private emit(chunk: Buffer): void {
    this.written += chunk.length;
    this.sink(chunk);
  }
}
