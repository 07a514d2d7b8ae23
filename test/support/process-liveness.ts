/**
 * Whether the processes a job script started are gone, for the tests of
 * timeouts, cancelling and reaping. Linux only: it reads /proc.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Alive = exists and is not a zombie (an orphan's zombie may wait long for its reaper). */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The pids a script wrote to `dir/file` (e.g. `echo $! > pids; echo $$ >> pids`). */
export function pidsIn(dir: string, file: string): number[] {
  return readFileSync(join(dir, file), 'utf8').trim().split(/\s+/).map(Number);
}
