/**
 * Starts git processes from a worker thread, so that the server's event
 * loop is not blocked while each one starts (a spawn holds its thread until
 * the child has reached exec; with jobs starting all the time that was a
 * third of the main thread's time). The thread only starts processes and
 * collects their output; everything else stays on the caller's side.
 *
 * Lifecycle: the thread starts with the first `run`, and keeps the process
 * alive only while a command is in flight (it is unref'd when idle, so it
 * never holds up an exit). `close` ends it; commands still in flight then
 * resolve as failures, and a later `run` starts a new thread. Should the
 * thread die, its commands fail the same way and the next `run` starts a
 * new one. Any number of commands may run at once.
 */
import { Worker } from 'node:worker_threads';
import type { GitCommandOptions, GitCommandResult, GitExecOptions } from './git-command.js';
import { gitCommandResult, gitExecOptions } from './git-command.js';

interface Request {
  readonly id: number;
  readonly args: readonly string[];
  readonly options: GitExecOptions;
}

interface Reply {
  readonly id: number;
  readonly failure: string | null;
  readonly stdout: Uint8Array;
  readonly stderr: Uint8Array;
}

// Plain CommonJS for an `eval` worker: no module to resolve, no loader hooks (tsx) to start.
const THREAD_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { execFile } = require('node:child_process');
const exact = (buffer) => new Uint8Array(buffer);
const send = (id, failure, stdout, stderr) => {
  const reply = { id, failure, stdout: exact(stdout), stderr: exact(stderr) };
  parentPort.postMessage(reply, [reply.stdout.buffer, reply.stderr.buffer]);
};
parentPort.on('message', (request) => {
  try {
    execFile('git', request.args, request.options, (error, stdout, stderr) => {
      send(request.id, error ? error.message : null, stdout, stderr);
    });
  } catch (error) {
    send(request.id, String(error && error.message), Buffer.alloc(0), Buffer.alloc(0));
  }
});
`;

export class GitSpawnThread {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, (reply: Reply) => void>();
  private nextId = 0;

  readonly run = (args: readonly string[], options: GitCommandOptions = {}): Promise<GitCommandResult> =>
    new Promise((resolve) => {
      const worker = this.started();
      const id = this.nextId++;
      this.pending.set(id, (reply) => {
        resolve(gitCommandResult(reply.failure ?? undefined, bufferOf(reply.stdout), bufferOf(reply.stderr)));
      });
      if (this.pending.size === 1) worker.ref();
      const request: Request = { id, args: [...args], options: gitExecOptions(options) };
      worker.postMessage(request);
    });

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (worker === undefined) return;
    this.failAll('git spawn thread closed');
    await worker.terminate();
  }

  private started(): Worker {
    if (this.worker !== undefined) return this.worker;
    const worker = new Worker(THREAD_SOURCE, { eval: true, execArgv: [], stdout: false, stderr: false });
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const settle = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      settle?.(reply);
    });
    const gone = (why: string): void => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      this.failAll(why);
    };
    worker.on('error', (error) => gone(`git spawn thread failed: ${error.message}`));
    worker.on('exit', (code) => gone(`git spawn thread exited (${code})`));
    this.worker = worker;
    return worker;
  }

  private failAll(why: string): void {
    const empty = new Uint8Array(0);
    const settles = [...this.pending.entries()];
    this.pending.clear();
    for (const [id, settle] of settles) settle({ id, failure: why, stdout: empty, stderr: empty });
  }
}

function bufferOf(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
