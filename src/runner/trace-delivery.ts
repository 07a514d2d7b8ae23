/**
 * Hands trace chunks to the caller's `onTrace` one at a time, in order,
 * waiting for an async `onTrace` before the next call. The job never waits
 * for it: chunks queue up meanwhile (bounded by the trace cap, since nothing
 * is queued once the cap is reached). A failing `onTrace` does not stop the
 * job; the failure is kept so the caller can be told at the end.
 */
export class TraceDelivery {
  private queue: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(private readonly onTrace: (chunk: Buffer) => void | Promise<void>) {}

  readonly push = (chunk: Buffer): void => {
    this.queue = this.queue.then(async () => {
      try {
        await this.onTrace(chunk);
      } catch (error) {
        this.failure ??= error;
      }
    });
  };

  /** Resolves when every chunk pushed so far has been handed over. */
  async drained(): Promise<{ failure?: unknown }> {
    await this.queue;
    return this.failure === undefined ? {} : { failure: this.failure };
  }
}
