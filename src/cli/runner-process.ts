/**
 * The embedded runner's process: the same runner loop as ever
 * (src/runner/runner-loop.ts) with the shell executor and git, talking to
 * the server that started it through the runner protocol over its IPC
 * channel. Started only by ./runner-process-loop.ts, which says why and
 * documents the lifecycle; here:
 * - the first message ('start') carries the loop's settings;
 * - 'stop' stops the loop (drained or not), says 'stopped' and exits;
 * - losing the server (the channel closes: it died) cancels the running
 *   jobs and exits; the restarted server fails them (recoverAfterRestart).
 *   Terminal signals are left to the server, which stops this process
 *   through 'stop' (it runs in its own process group, so Ctrl-C does not
 *   reach it anyway).
 */
import { ShellExecutor } from '../adapters/executor/shell-executor.js';
import { GitCli } from '../adapters/git/git-cli.js';
import { runnerProtocolOverLink, type MessageLink } from '../adapters/runner-link/runner-protocol-link.js';
import { startRunnerLoop, type RunnerLoop } from '../runner/runner-loop.js';
import { isRunnerProcessCommand, type RunnerProcessEvent, type RunnerProcessSettings } from './runner-process-messages.js';

/** After the server is gone, the longest this process lingers to end its jobs' processes. */
const ORPHAN_EXIT_MARGIN_MS = 5000;

const send = ipcSend();
const link: MessageLink = {
  send: (message) => {
    if (process.connected) send(message);
  },
  onMessage: (listener) => void process.on('message', listener),
};
const post = (event: RunnerProcessEvent): void => link.send(event);
const protocol = runnerProtocolOverLink(link);
let loop: RunnerLoop | undefined;
let cancelGraceMs = 0;

function start(settings: RunnerProcessSettings): void {
  cancelGraceMs = settings.cancelGraceMs ?? 0;
  loop = startRunnerLoop({
    ...settings,
    protocol,
    executor: new ShellExecutor(),
    // No spawn thread here: this process has no HTTP requests to keep moving,
    // and a second thread's memory would make every fork (bash too) dearer.
    // Measured: 97 MiB instead of 124, and about 5% more jobs a second.
    git: new GitCli({ cacheDir: settings.workspace.cacheDir, spawnThread: false }),
    clock: { now: () => Date.now() },
    onError: (error, context) =>
      post({
        kind: 'error',
        message: error instanceof Error ? error.message : String(error),
        ...(error instanceof Error && error.stack !== undefined ? { stack: error.stack } : {}),
        ...context,
      }),
    onJobDone: (job, outcome) => post({ kind: 'done', job: { id: job.id, name: job.name }, outcome }),
    onActiveChange: (jobIds) => post({ kind: 'active', jobIds }),
  });
}

async function stop(drain: boolean): Promise<void> {
  await loop?.stop({ drain });
  // Exit only once the server has the message: exiting at once may drop it.
  const stopped: RunnerProcessEvent = { kind: 'stopped' };
  if (process.connected) await new Promise<void>((resolve) => send(stopped, undefined, {}, () => resolve()));
  process.exit(0);
}

link.onMessage((message) => {
  if (!isRunnerProcessCommand(message)) return;
  switch (message.kind) {
    case 'start':
      if (loop === undefined) start(message.settings);
      return;
    case 'notify':
      loop?.notify();
      return;
    case 'stop':
      void stop(message.drain);
  }
});

process.on('disconnect', () => {
  protocol.close();
  setTimeout(() => process.exit(1), cancelGraceMs + ORPHAN_EXIT_MARGIN_MS).unref();
  void loop?.stop({ drain: false }).then(() => process.exit(1));
});
// The server decides when this process stops; a signal meant for it must not end the jobs here first.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => undefined);

function ipcSend(): NonNullable<typeof process.send> {
  const bound = process.send?.bind(process);
  if (bound === undefined) throw new Error('runner-process runs only as the child of chatrun serve');
  return bound;
}
