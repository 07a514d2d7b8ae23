/**
 * Admission control for chat commands that would add a job to the queue
 * (`run`, `play`): once `limit` jobs or more are waiting for a runner, the
 * command is refused at once with "chatrun is busy", before any git or
 * config work, instead of being accepted into a queue the runners cannot
 * reach in time. A server that keeps accepting past its capacity does not
 * settle at it: acknowledgements slow down for everyone and every job waits
 * longer (bench/README.md, server-throughput).
 *
 * The depth is the store's count of `pending` jobs, so every replica sees
 * the same queue, whichever replica or runner the jobs came from or go to.
 * Commands arriving while a count is in flight share its answer: under load
 * that is one count per round trip of the database, not one per command.
 * The bound is soft: commands judged at the same moment may each add a job
 * past it, by at most the number judged together.
 *
 * `help` and refusals are never held back: they add nothing to the queue.
 */
import type { ChatCommand } from '../domain/chat-command/chat-command.js';
import type { ChatMessage } from '../domain/chat-reply/chat-message.js';
import type { UserRecord } from '../ports/store/user-store.js';
import type { CommandDecision } from './command-decision.js';

export type AdmissionDecision =
  | { readonly kind: 'admitted' }
  | { readonly kind: 'busy'; readonly waiting: number; readonly limit: number };

/**
 * Asked once per `run`/`play` command, before its project is read. Calls
 * may overlap. Must not throw for an expected state; a rejection means the
 * store failed, and the command fails as it would on any database error.
 */
export interface CommandAdmission {
  admit(): Promise<AdmissionDecision>;
}

export interface QueueAdmissionOptions {
  /** Jobs that may wait before commands are refused; 0 turns admission control off. */
  readonly limit: number;
  /** Jobs waiting for a runner now (e.g. `store.pipelines.countJobs(['pending'])`). */
  readonly countWaiting: () => Promise<number>;
}

export function createQueueAdmission(options: QueueAdmissionOptions): CommandAdmission {
  let counting: Promise<number> | undefined;
  const waiting = (): Promise<number> => {
    counting ??= options.countWaiting().finally(() => {
      counting = undefined;
    });
    return counting;
  };
  return {
    async admit() {
      if (options.limit <= 0) return { kind: 'admitted' };
      const count = await waiting();
      return count >= options.limit ? { kind: 'busy', waiting: count, limit: options.limit } : { kind: 'admitted' };
    },
  };
}

/** The refusal for a command that would queue a job while the queue is full, or undefined to go on. */
export async function refuseWhenBusy(
  admission: CommandAdmission | undefined,
  command: ChatCommand,
  user: UserRecord,
): Promise<CommandDecision | undefined> {
  if (admission === undefined || (command.kind !== 'run' && command.kind !== 'play')) return undefined;
  const decision = await admission.admit();
  if (decision.kind === 'admitted') return undefined;
  return {
    message: composeBusyMessage({ waiting: decision.waiting }),
    outcome: 'refused_busy',
    reason: `${decision.waiting} jobs waiting for a runner; the limit is ${decision.limit}`,
    user,
  };
}

export function composeBusyMessage(input: { readonly waiting: number }): ChatMessage {
  const jobs = input.waiting === 1 ? '1 job is' : `${input.waiting} jobs are`;
  return { visibility: 'ephemeral', tone: 'warning', text: `chatrun is busy: ${jobs} waiting; try again in a minute.` };
}
