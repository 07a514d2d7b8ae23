/**
 * Remembers which chat requests were already handled, so a command that a
 * platform delivers twice (Slack retries a slash command it thinks timed out;
 * a load balancer replays a request) runs once — on whichever replica sees
 * it first.
 *
 * Contract:
 * - `recordOnce` is atomic across connections and replicas: of any number of
 *   concurrent calls with the same (platform, key), exactly one answers
 *   `first`. Record before doing the work; a crash after recording means the
 *   command is not retried, which is the safe side for ChatOps.
 * - `purgeBefore` may run at any time (a periodic sweep); keys older than the
 *   platform's retry window are useless.
 */
export type ReceiptOutcome = 'first' | 'duplicate';

export interface CommandReceipts {
  recordOnce(platform: string, requestKey: string, now: number): Promise<ReceiptOutcome>;
  /** Deletes receipts created before `before`; answers how many. */
  purgeBefore(before: number): Promise<number>;
}
