/**
 * A directory for one job's working copy, `<buildsDir>/<slot>/<project path>`,
 * reused by later jobs of the project (the fetch strategy) but never by two
 * jobs at once: each slot is held through a lock directory (mkdir is
 * atomic, across processes too). A lock whose owner process is gone is
 * taken over. The slot number is CI_CONCURRENT_ID.
 */
import { hostname } from 'node:os';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface BuildSlot {
  id: number;
  dir: string;
  release(): Promise<void>;
}

export type AcquireBuildSlotResult = { ok: true; slot: BuildSlot } | { ok: false; error: string };

const MAX_SLOTS = 1000;
const SEGMENT = /^[A-Za-z0-9_.-]+$/;

export async function acquireBuildSlot(buildsDir: string, projectPath: string): Promise<AcquireBuildSlotResult> {
  const segments = projectPath.split('/');
  if (segments.some((s) => !SEGMENT.test(s) || s === '.' || s === '..')) {
    return { ok: false, error: `invalid project path ${JSON.stringify(projectPath)}` };
  }
  const locks = join(buildsDir, '.locks');
  await mkdir(locks, { recursive: true });
  for (let id = 0; id < MAX_SLOTS; id++) {
    const lock = join(locks, `${encodeURIComponent(projectPath)}-${id}`);
    if (await takeLock(lock)) {
      return {
        ok: true,
        slot: { id, dir: join(buildsDir, String(id), ...segments), release: () => rm(lock, { recursive: true, force: true }) },
      };
    }
  }
  return { ok: false, error: `no free build directory for ${projectPath} (${MAX_SLOTS} in use)` };
}

async function takeLock(lock: string): Promise<boolean> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      await mkdir(lock);
      await writeFile(join(lock, 'owner'), `${process.pid} ${hostname()}\n`);
      return true;
    } catch (error) {
      if (!isExists(error) || !(await isStale(lock))) return false;
      await rm(lock, { recursive: true, force: true });
    }
  }
  return false;
}

async function isStale(lock: string): Promise<boolean> {
  let owner: string;
  try {
    owner = await readFile(join(lock, 'owner'), 'utf8');
  } catch {
    return false; // being written right now, or unreadable: leave it
  }
  const [pid, host] = owner.trim().split(' ');
  if (host !== hostname() || pid === undefined) return false;
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

function isExists(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === 'EEXIST';
}
