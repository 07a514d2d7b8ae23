/**
 * Shows a live trace on a terminal the way a job author wants to read it:
 * section markers (`section_start:…\r\x1b[0K`) are machine text and are
 * removed; colours stay when the stream is a terminal and are stripped
 * otherwise (a log file or a pipe). Works on whole lines so that a marker
 * split across two chunks is still recognised; a partial line waits for
 * its end or for `end()`.
 */
import { stripAnsi } from '../domain/trace/ansi.js';

const MARKER = /section_(?:start|end):\d+:[A-Za-z0-9_.-]+(?:\[[^\]\r\n]*\])?\r\x1b\[0K/g;

export class TraceTerminal {
  private pending = '';
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });

  constructor(
    private readonly write: (text: string) => void,
    private readonly colours: boolean,
  ) {}

  push(chunk: Uint8Array): void {
    this.pending += this.decoder.decode(chunk, { stream: true });
    const lastNewline = this.pending.lastIndexOf('\n');
    if (lastNewline === -1) return;
    const complete = this.pending.slice(0, lastNewline + 1);
    this.pending = this.pending.slice(lastNewline + 1);
    this.emit(complete);
  }

  end(): void {
    this.pending += this.decoder.decode();
    if (this.pending !== '') this.emit(this.pending.endsWith('\n') ? this.pending : `${this.pending}\n`);
    this.pending = '';
  }

  private emit(text: string): void {
    const withoutMarkers = text.replace(MARKER, '');
    this.write(this.colours ? withoutMarkers : stripAnsi(withoutMarkers));
  }
}
