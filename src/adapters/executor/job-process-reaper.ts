/**
 * Finds and signals every process of one job step, including those that
 * left its process group (`setsid`, daemons that double-fork): each job
 * process carries an environment marker, inherited by everything it starts,
 * and `/proc/<pid>/environ` tells who has it. The process group is signalled
 * too, for processes that dropped their environment (`env -i`).
 *
 * Only processes that may belong to the step are read: Linux hands out
 * process ids in increasing order, so everything the step started has an id
 * at least the step's shell's, unless the id counter wrapped around since
 * (./pid-window.ts decides). On a busy server that is a handful of
 * processes instead of all of them, and this scan runs after every step.
 *
 * Linux only for the marker scan; elsewhere only the group is signalled.
 * A process that both left the group and cleared its environment escapes;
 * that is the known limit of working without cgroups.
 */
import { readFileSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { readPidCounter, stepPidRange, type PidCounter } from './pid-window.js';

export const JOB_MARKER_VARIABLE = 'CHATRUN_JOB_MARKER';

/**
 * Up to this many candidates are read synchronously: a few small /proc reads
 * cost less than the promises and thread-pool round trips of async ones,
 * while a long list is read in parallel so the event loop is not held.
 */
const SYNC_READS = 32;
/** Ids handed out since the shell started, up to which each is probed instead of listing /proc. */
const PROBED_RANGE = 64;

export class JobProcessReaper {
  private readonly needle: Buffer;
  /** The pid counter as the step's shell started; undefined where /proc cannot tell (then every process is read). */
  private readonly atStart: PidCounter | undefined;

  constructor(
    private readonly processGroup: number,
    marker: string,
  ) {
    this.needle = Buffer.from(`${JOB_MARKER_VARIABLE}=${marker}\0`);
    this.atStart = readPidCounter();
  }

  /** Live processes carrying the marker (zombies have no environment and are not listed). */
  async markedProcesses(): Promise<number[]> {
    const range = stepPidRange(this.processGroup, this.atStart, readPidCounter());
    // A short range is probed id by id: an id nobody holds costs one failed
    // open, less than listing /proc.
    if (range !== 'all' && range.to - range.from < PROBED_RANGE) {
      const marked: number[] = [];
      for (let pid = range.from; pid <= range.to; pid++) if (pid !== process.pid && this.isMarkedSync(pid)) marked.push(pid);
      return marked;
    }
    let entries: string[];
    try {
      entries = await readdir('/proc');
    } catch {
      return [];
    }
    const candidates: number[] = [];
    for (const entry of entries) {
      const pid = Number(entry);
      if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) continue;
      if (range === 'all' || pid >= range.from) candidates.push(pid);
    }
    if (candidates.length <= SYNC_READS) return candidates.filter((pid) => this.isMarkedSync(pid));
    const found = await Promise.all(candidates.map(async (pid) => ((await this.isMarked(pid)) ? pid : undefined)));
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

  private isMarkedSync(pid: number): boolean {
    try {
      return readFileSync(`/proc/${pid}/environ`).indexOf(this.needle) !== -1;
    } catch {
      return false; // gone meanwhile, or not ours to read
    }
  }

  private async isMarked(pid: number): Promise<boolean> {
    try {
      return (await readFile(`/proc/${pid}/environ`)).indexOf(this.needle) !== -1;
    } catch {
      return false;
    }
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
