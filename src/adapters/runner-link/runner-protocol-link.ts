/**
 * The runner protocol carried as messages between two processes of one
 * chatrun server: the embedded runner runs in a small child process (see
 * src/cli/runner-process-loop.ts for why) and reaches the server's
 * protocol, on the main process, through the child's IPC channel.
 *
 * `serveRunnerProtocol` answers the calls arriving on a link with a
 * RunnerProtocol; `runnerProtocolOverLink` is the RunnerProtocol at the
 * other end. Call order, concurrency and idempotency are the protocol's own
 * (src/ports/runner-protocol.ts): the link only carries calls, each
 * answered exactly once, in any order. A call whose handler rejected
 * rejects at the caller with the same message, as a network error would
 * for a remote runner (the runner retries). Once the link is closed, calls
 * waiting and new ones reject. Messages of other kinds on the same link are
 * left to other listeners.
 */
import type { JobOutcome } from '../../domain/job/runnable-job.js';
import type { RunnerIdentity, RunnerProtocol } from '../../ports/runner-protocol.js';

/** One end of a message channel (a child process's IPC channel, or the parent's view of it). */
export interface MessageLink {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}

type RunnerCall =
  | { readonly kind: 'runner-call'; readonly id: number; readonly method: 'requestJob'; readonly runner: RunnerIdentity }
  | {
      readonly kind: 'runner-call';
      readonly id: number;
      readonly method: 'appendTrace';
      readonly jobId: number;
      readonly offset: number;
      readonly bytes: Uint8Array;
    }
  | { readonly kind: 'runner-call'; readonly id: number; readonly method: 'heartbeat'; readonly jobId: number }
  | { readonly kind: 'runner-call'; readonly id: number; readonly method: 'finishJob'; readonly jobId: number; readonly outcome: JobOutcome };

type RunnerAnswer =
  | { readonly kind: 'runner-answer'; readonly id: number; readonly ok: true; readonly value: unknown }
  | { readonly kind: 'runner-answer'; readonly id: number; readonly ok: false; readonly error: string };

type Unsent<T> = T extends unknown ? Omit<T, 'kind' | 'id'> : never;

// Both ends are this program: a message of the right kind has the shape
// its kind says, so the guards only tell the kinds apart.
function isCall(message: unknown): message is RunnerCall {
  return typeof message === 'object' && message !== null && 'kind' in message && message.kind === 'runner-call';
}

function isAnswer(message: unknown): message is RunnerAnswer {
  return typeof message === 'object' && message !== null && 'kind' in message && message.kind === 'runner-answer';
}

export function serveRunnerProtocol(link: MessageLink, protocol: RunnerProtocol): void {
  link.onMessage((message) => {
    if (!isCall(message)) return;
    const { id } = message;
    answer(protocol, message).then(
      (value) => link.send({ kind: 'runner-answer', id, ok: true, value } satisfies RunnerAnswer),
      (error: unknown) => link.send({ kind: 'runner-answer', id, ok: false, error: describe(error) } satisfies RunnerAnswer),
    );
  });
}

function answer(protocol: RunnerProtocol, call: RunnerCall): Promise<unknown> {
  switch (call.method) {
    case 'requestJob':
      return protocol.requestJob(call.runner);
    case 'appendTrace':
      return protocol.appendTrace(call.jobId, call.offset, call.bytes);
    case 'heartbeat':
      return protocol.heartbeat(call.jobId);
    case 'finishJob':
      return protocol.finishJob(call.jobId, call.outcome);
  }
}

export interface LinkedRunnerProtocol extends RunnerProtocol {
  /** The link is gone (the other process ended): calls waiting and new ones reject. */
  close(): void;
}

export function runnerProtocolOverLink(link: MessageLink): LinkedRunnerProtocol {
  const waiting = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  let closed = false;
  link.onMessage((message) => {
    if (!isAnswer(message)) return;
    const pending = waiting.get(message.id);
    if (pending === undefined) return;
    waiting.delete(message.id);
    if (message.ok) pending.resolve(message.value);
    else pending.reject(new Error(message.error));
  });

  // The answer is what the protocol method at the other end resolved with;
  // the cast restores the type that serialisation erased.
  const call = <T>(message: Unsent<RunnerCall>): Promise<T> => {
    if (closed) return Promise.reject(new Error('the server is gone: the runner link is closed'));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: (value) => resolve(value as T), reject });
      try {
        link.send({ ...message, kind: 'runner-call', id });
      } catch (error) {
        waiting.delete(id);
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  };

  return {
    requestJob: (runner) => call({ method: 'requestJob', runner }),
    appendTrace: (jobId, offset, bytes) => call({ method: 'appendTrace', jobId, offset, bytes }),
    heartbeat: (jobId) => call({ method: 'heartbeat', jobId }),
    finishJob: (jobId, outcome) => call({ method: 'finishJob', jobId, outcome }),
    close() {
      closed = true;
      for (const pending of waiting.values()) pending.reject(new Error('the server is gone: the runner link is closed'));
      waiting.clear();
    },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
