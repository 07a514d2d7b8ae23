/**
 * Writes one job's trace, byte for byte in GitLab Runner's format: runner
 * lines, sections, the job's own output (masked, then capped) and the final
 * status line. Everything leaves through `sink`, synchronously and in order.
 *
 * Call order: any mix of line/section/output calls, then `finish` exactly
 * once; `finish` closes sections still open so the trace always parses.
 * Time stamps come from the injected clock. Not for concurrent use.
 */
import { jobResultLine, type JobResult } from './job-result-line.js';
import { StreamMasker } from './stream-masker.js';
import { TraceCap } from './trace-cap.js';
import {
  loggerLine,
  noticeLine,
  plainLine,
  sectionEndMarker,
  sectionHeaderLine,
  sectionStartMarker,
  warningLine,
} from './trace-format.js';

export interface TraceWriterOptions {
  sink: (chunk: Buffer) => void;
  clock: { now(): Date };
  /** Bytes of content kept before the cap notice (GitLab's default is 4 MiB). */
  limitBytes: number;
  /** Values replaced by `[MASKED]` wherever they appear. */
  maskedValues: readonly string[];
}

export const DEFAULT_TRACE_LIMIT_BYTES = 4 * 1024 * 1024;

export class TraceWriter {
  private readonly masker: StreamMasker;
  private readonly cap: TraceCap;
  private readonly open: string[] = [];
  private finished = false;

  constructor(private readonly options: TraceWriterOptions) {
    this.masker = new StreamMasker(options.maskedValues);
    this.cap = new TraceCap(options.limitBytes, options.sink);
  }

  get bytesWritten(): number {
    return this.cap.bytesWritten;
  }

  /** A runner logger line (`Running with …`, `  on …`). */
  runnerLine(text: string): void {
    this.content(loggerLine(text));
  }

  /** A bold green runner notice (`Fetching changes...`). */
  notice(text: string): void {
    this.content(noticeLine(text));
  }

  warning(text: string): void {
    this.content(warningLine(text));
  }

  /** A line as a tool printed it (git's own messages). */
  plain(text: string): void {
    this.content(plainLine(text));
  }

  /** The job's own output, any bytes. */
  output(chunk: Uint8Array): void {
    if (this.cap.exceeded || this.finished) return;
    this.cap.content(this.masker.push(chunk));
  }

  startSection(name: string, header: string): void {
    this.essential(sectionStartMarker(name, this.options.clock.now()));
    this.content(sectionHeaderLine(header));
    this.open.push(name);
  }

  endSection(name: string): void {
    const at = this.open.lastIndexOf(name);
    if (at === -1) return;
    // Inner sections left open are closed first, so markers stay nested.
    for (const inner of this.open.splice(at).reverse()) {
      this.essential(sectionEndMarker(inner, this.options.clock.now()));
    }
  }

  finish(result: JobResult): void {
    if (this.finished) return;
    for (const name of [...this.open].reverse()) this.endSection(name);
    this.essential(jobResultLine(result));
    this.finished = true;
  }

  private content(text: string): void {
    if (this.finished) return;
    this.output(Buffer.from(text, 'utf8'));
  }

  private essential(text: string): void {
    if (this.finished) return;
    this.cap.content(this.masker.flush());
    this.cap.essential(Buffer.from(text, 'utf8'));
  }
}
