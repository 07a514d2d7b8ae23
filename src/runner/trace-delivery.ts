/**
 * Hands trace chunks to the caller's `onTrace` in order, never calling it
 * again before an async `onTrace` has settled. A synchronous `onTrace` is
 * called right away, with no promise per chunk. The job never waits for
 * an async one: while it is busy, chunks pile up and go out as ONE chunk
 * when it settles (bounded by the trace cap, since nothing is pushed once
 * the cap is reached). A failing `onTrace`, thrown or rejected, does not stop
 * the job; the first failure is kept so the caller can be told at the end.
 * A chunk pushed from inside `onTrace` itself waits until that call returns.
 */
export class TraceDelivery {
  private waiting: Buffer[] = [];
  private busy: Promise<void> | undefined;
  private handing = false;
  private failure: unknown;

  constructor(private readonly onTrace: (chunk: Buffer) => void | Promise<void>) {}

  readonly push = (chunk: Buffer): void => {
    if (this.busy === undefined && !this.handing) this.hand(chunk);
    else this.waiting.push(chunk);
  };

  /** Resolves when every chunk pushed so far has been handed over. */
  async drained(): Promise<{ failure?: unknown }> {
    while (this.busy !== undefined) await this.busy;
    return this.failure === undefined ? {} : { failure: this.failure };
  }

  private hand(chunk: Buffer): void {
    let handed: void | Promise<void> = undefined;
    this.handing = true;
    try {
      handed = this.onTrace(chunk);
    } catch (error) {
      this.failure ??= error;
    } finally {
      this.handing = false;
    }
    if (handed instanceof Promise) {
      this.busy = handed.then(
        () => this.next(),
        (error: unknown) => {
          this.failure ??= error;
          this.next();
        },
      );
    } else if (this.waiting.length > 0) this.next();
  }

  private next(): void {
    this.busy = undefined;
    const waiting = this.waiting;
    if (waiting.length === 0) return;
    this.waiting = [];
    this.hand(waiting.length === 1 && waiting[0] !== undefined ? waiting[0] : Buffer.concat(waiting));
  }
}
