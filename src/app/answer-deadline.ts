/**
 * Slack and Discord drop a slash command that is not answered within 3
 * seconds, whatever git is doing. A command is therefore answered one of
 * two ways, decided exactly once:
 * - directly, as the HTTP answer, when its decision is ready in time;
 * - deferred: at the deadline the sender gets "working on it", and the real
 *   answer, decided later, goes to the reply outbox.
 *
 * `claimDirect` is how the work commits to the first way; once the timer
 * has fired it answers false and the work must use the outbox. Both sides
 * run on one event loop, so there is no window in which both or neither win.
 */
export class AnswerDeadline {
  private state: 'open' | 'direct' | 'deferred' = 'open';
  private readonly timer: NodeJS.Timeout;
  /** Resolves when the deadline passes before the work claimed a direct answer; never otherwise. */
  readonly expired: Promise<void>;

  constructor(ms: number) {
    let fire: () => void = () => undefined;
    this.expired = new Promise<void>((resolve) => {
      fire = resolve;
    });
    this.timer = setTimeout(() => {
      if (this.state !== 'open') return;
      this.state = 'deferred';
      fire();
    }, Math.max(0, ms));
  }

  /** True: the answer will be returned directly. False: the sender was already told to wait. */
  claimDirect(): boolean {
    if (this.state === 'deferred') return false;
    this.state = 'direct';
    clearTimeout(this.timer);
    return true;
  }

  get deferred(): boolean {
    return this.state === 'deferred';
  }

  /** The work failed: no answer will follow, so the timer has nothing left to decide. */
  stop(): void {
    clearTimeout(this.timer);
  }
}
