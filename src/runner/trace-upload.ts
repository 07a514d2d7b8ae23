/**
 * Streams one job's trace to the server in order, with byte offsets, the
 * way GitLab Runner patches its log: small chunks are buffered and sent at
 * least every `flushIntervalMs` (at once when a lot piled up), one request
 * at a time, each starting where the server's copy ends.
 *
 * - `ok` moves the offset on.
 * - `range_mismatch` means the server holds a different amount (an answer
 *   was lost, or a request was): the upload goes on from the server's
 *   size. Only bytes not yet acknowledged are kept, so a server that went
 *   backwards cannot be repaired; the upload stops and says so.
 * - `job_not_running` means the job was taken away (reaped, canceled by the
 *   server): the upload stops and `onJobGone` is told, so the job is
 *   aborted.
 * - A failed request (server unreachable) is retried after `retryDelayMs`;
 *   at `close()` only `closeAttempts` more failures are tolerated, so a
 *   finishing job is not held forever by a dead server.
 */
import type { JobStatus } from '../domain/job/job-status.js';
import type { RunnerProtocol } from '../ports/runner-protocol.js';

export interface TraceUploadOptions {
  readonly protocol: Pick<RunnerProtocol, 'appendTrace'>;
  readonly jobId: number;
  /** Default 200 ms. */
  readonly flushIntervalMs?: number;
  /** Buffered bytes that trigger a send at once (default 64 KiB). */
  readonly eagerBytes?: number;
  /** Largest request body (default 1 MiB, GitLab's patch limit). */
  readonly maxRequestBytes?: number;
  /** Default 500 ms. */
  readonly retryDelayMs?: number;
  /** Failed requests tolerated once closing (default 10). */
  readonly closeAttempts?: number;
  readonly onJobGone?: (status: JobStatus | undefined) => void;
  readonly onError?: (error: unknown) => void;
}

export class TraceUpload {
  /** Bytes not yet acknowledged, starting at `acked`. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private acked = 0;
  private sending: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closing = false;
  private stopped: 'gone' | 'diverged' | 'abandoned' | undefined;
  private failuresWhileClosing = 0;

  constructor(private readonly options: TraceUploadOptions) {}

  /** Bytes the server has acknowledged. */
  get uploadedBytes(): number {
    return this.acked;
  }

  /** Why uploading stopped early, if it did. */
  get stoppedBecause(): 'gone' | 'diverged' | 'abandoned' | undefined {
    return this.stopped;
  }

  push(chunk: Buffer): void {
    if (this.stopped !== undefined || chunk.length === 0) return;
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    if (this.pendingBytes >= (this.options.eagerBytes ?? 64 * 1024)) this.kick();
    else if (this.timer === undefined && this.sending === undefined) {
      this.timer = setTimeout(() => this.kick(), this.options.flushIntervalMs ?? 200);
    }
  }

  /** Sends everything still buffered; resolves when the server has it (or uploading stopped). */
  async close(): Promise<void> {
    this.closing = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.stopped === undefined && this.pendingBytes > 0) {
      this.kick();
      await this.sending;
    }
    await this.sending;
  }

  private kick(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.sending !== undefined || this.stopped !== undefined) return;
    this.sending = this.sendAll().finally(() => {
      this.sending = undefined;
      if (!this.closing && this.stopped === undefined && this.pendingBytes > 0 && this.timer === undefined) {
        this.timer = setTimeout(() => this.kick(), this.options.flushIntervalMs ?? 200);
      }
    });
  }

  private async sendAll(): Promise<void> {
    while (this.stopped === undefined && this.pendingBytes > 0) {
      const bytes = this.take(this.options.maxRequestBytes ?? 1024 * 1024);
      let reply;
      try {
        reply = await this.options.protocol.appendTrace(this.options.jobId, this.acked, bytes);
      } catch (error) {
        this.options.onError?.(error);
        if (this.closing && ++this.failuresWhileClosing > (this.options.closeAttempts ?? 10)) {
          this.stopped = 'abandoned';
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, this.options.retryDelayMs ?? 500));
        continue;
      }
      switch (reply.kind) {
        case 'ok':
          this.drop(bytes.length);
          break;
        case 'range_mismatch': {
          const ahead = reply.currentSize - this.acked;
          if (ahead < 0 || ahead > this.pendingBytes) {
            this.stopped = 'diverged';
            this.options.onError?.(
              new Error(`job ${this.options.jobId}: the server holds ${reply.currentSize} trace bytes, the runner sent ${this.acked}`),
            );
            return;
          }
          this.drop(ahead);
          break;
        }
        case 'job_not_running':
          this.stopped = 'gone';
          this.options.onJobGone?.(reply.status);
          return;
      }
    }
  }

  /** Up to `max` bytes from the front of what is pending, without removing them. */
  private take(max: number): Buffer {
    const parts: Buffer[] = [];
    let size = 0;
    for (const chunk of this.pending) {
      if (size >= max) break;
      const part = chunk.length <= max - size ? chunk : chunk.subarray(0, max - size);
      parts.push(part);
      size += part.length;
    }
    return parts.length === 1 && parts[0] !== undefined ? parts[0] : Buffer.concat(parts, size);
  }

  /** Forgets the first `count` pending bytes: the server has them. */
  private drop(count: number): void {
    this.acked += count;
    this.pendingBytes -= count;
    let left = count;
    while (left > 0) {
      const first = this.pending[0];
      if (first === undefined) break;
      if (first.length <= left) {
        this.pending.shift();
        left -= first.length;
      } else {
        this.pending[0] = first.subarray(left);
        left = 0;
      }
    }
  }
}
