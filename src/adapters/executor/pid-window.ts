/**
 * Which running processes can belong to a job step, from Linux's process id
 * counter, so the job process reaper reads the environment of those only.
 *
 * Linux hands out process ids in increasing order from a cursor; past
 * `pid_max` the cursor starts again from the bottom, skipping ids in use.
 * So while the cursor has not wrapped since the step's shell started,
 * everything the step started has an id at least the shell's. Two ways it
 * may have wrapped:
 * - the last id handed out is below the shell's (it wrapped, and has not
 *   come back up): every process is a candidate;
 * - the cursor went all the way round and back past the shell's id: that
 *   takes nearly `pid_max` forks, so once the system-wide fork count grew by
 *   half of `pid_max` or more (a margin for ids skipped because in use),
 *   every process is a candidate too.
 *
 * When /proc cannot tell (not Linux, or /proc belongs to another pid
 * namespace than this process, so its ids are not the ones spawn returned),
 * every process is a candidate, as before this narrowing.
 */
import { readFileSync, readlinkSync } from 'node:fs';

export interface PidCounter {
  /** The id most recently handed out (the last field of /proc/loadavg). */
  readonly lastPid: number;
  /** Processes and threads created since boot, system-wide (`processes` in /proc/stat). */
  readonly forks: number;
  /** /proc/sys/kernel/pid_max. */
  readonly pidMax: number;
}

/**
 * The ids a step whose shell got `firstPid` may have started, given the
 * counter as the shell started and now: `from`…`to` inclusive, or `all`
 * when the counter may have wrapped or /proc cannot tell.
 */
export function stepPidRange(
  firstPid: number,
  atStart: PidCounter | undefined,
  now: PidCounter | undefined,
): { readonly from: number; readonly to: number } | 'all' {
  if (atStart === undefined || now === undefined) return 'all';
  const wrapped = now.lastPid < firstPid;
  const mayHaveGoneRound = now.forks - atStart.forks >= Math.min(atStart.pidMax, now.pidMax) / 2;
  return wrapped || mayHaveGoneRound ? 'all' : { from: firstPid, to: now.lastPid };
}

let sameNamespace: boolean | undefined;

/** The counter now, or undefined when /proc cannot say (see the top of this file). */
export function readPidCounter(): PidCounter | undefined {
  try {
    sameNamespace ??= readlinkSync('/proc/self') === String(process.pid);
    if (!sameNamespace) return undefined;
    const lastPid = Number(/\/\d+ (\d+)\s*$/.exec(readFileSync('/proc/loadavg', 'latin1'))?.[1]);
    const forks = Number(/^processes (\d+)$/m.exec(readFileSync('/proc/stat', 'latin1'))?.[1]);
    const pidMax = Number(readFileSync('/proc/sys/kernel/pid_max', 'latin1').trim());
    if (![lastPid, forks, pidMax].every((n) => Number.isSafeInteger(n) && n > 0)) return undefined;
    return { lastPid, forks, pidMax };
  } catch {
    sameNamespace ??= false;
    return undefined;
  }
}
