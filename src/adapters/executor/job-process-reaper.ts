/**
 * Finds and signals every process of one job step, including those that
 * left its process group (`setsid`, daemons that double-fork): each job
 * process carries an environment marker, inherited by everything it starts,
 * and `/proc/<pid>/environ` tells who has it. The process group is signalled
 * too, for processes that dropped their environment (`env -i`).
 *
 * Linux only for the marker scan; elsewhere only the group is signalled.
 * A process that both left the group and cleared its environment escapes;
 * that is the known limit of working without cgroups.
 */
import { readdir, readFile } from 'node:fs/promises';

export const JOB_MARKER_VARIABLE = 'CHATRUN_JOB_MARKER';

export class JobProcessReaper {
  private readonly needle: Buffer;

  constructor(
    private readonly processGroup: number,
    marker: string,
  ) {
    this.needle = Buffer.from(`${JOB_MARKER_VARIABLE}=${marker}\0`);
  }

  /** Live processes carrying the marker (zombies have no environment and are not listed). */
  async markedProcesses(): Promise<number[]> {
    let entries: string[];
    try {
      entries = await readdir('/proc');
    } catch {
      return [];
    }
    const pids = entries.filter((e) => /^\d+$/.test(e)).map(Number).filter((pid) => pid !== process.pid);
    const found = await Promise.all(
      pids.map(async (pid) => {
        try {
          const environ = await readFile(`/proc/${pid}/environ`);
          return environ.indexOf(this.needle) !== -1 ? pid : undefined;
        } catch {
          return undefined; // gone meanwhile, or not ours to read
        }
      }),
    );
    return found.filter((pid): pid is number => pid !== undefined);
  }

  /** Sends the signal to the group and to every marked process; returns how many were marked. */
  async signalAll(signal: NodeJS.Signals): Promise<number> {
    signalQuietly(-this.processGroup, signal);
    const marked = await this.markedProcesses();
    for (const pid of marked) signalQuietly(pid, signal);
    return marked.length;
  }

  /** SIGKILL until no marked process is left (a forking process may need a few rounds). */
  async killAll(): Promise<void> {
    for (let round = 0; round < 20; round++) {
      if ((await this.signalAll('SIGKILL')) === 0) return;
      await sleep(10);
    }
  }

  /**
   * SIGTERM, then wait up to graceMs for the marked processes and the step's
   * own shell to be gone, then SIGKILL whatever is left.
   */
  async terminate(graceMs: number, shellExited: () => boolean): Promise<void> {
    await this.signalAll('SIGTERM');
    const deadline = Date.now() + graceMs;
    while (Date.now() < deadline) {
      await sleep(Math.min(50, Math.max(1, deadline - Date.now())));
      if (shellExited() && (await this.markedProcesses()).length === 0) break;
    }
    await this.killAll();
  }
}

function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // ESRCH: already gone. EPERM: not ours; nothing more we can do.
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
