import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore } from '../../src/adapters/store/open-store.js';
import { aJob, aPipeline, aRunner } from './store-fixtures.js';

/**
 * SQLite's concurrency is between processes (each holds one connection):
 * several servers or runners on one file. Claims run as IMMEDIATE
 * transactions and wait on busy_timeout, so no job is handed out twice and
 * no process fails with SQLITE_BUSY.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const JOBS = 150;

interface Worker {
  readonly ready: Promise<void>;
  readonly claimed: Promise<number[]>;
  start(): void;
}

function spawnWorker(file: string, runnerId: number): Worker {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(here, 'claim-worker.ts'), file, String(runnerId)], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => {
    err += d.toString();
    if (err.includes('ready\n')) markReady();
  });
  const claimed = new Promise<number[]>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      markReady();
      if (code !== 0) reject(new Error(`worker exited ${code}: ${err}`));
      else resolve(JSON.parse(out) as number[]);
    });
  });
  return { ready, claimed, start: () => child.stdin.end('go\n') };
}

test('three processes claiming from one SQLite file take every job exactly once', async (t) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chatrun-sqlite-mp-'));
  const file = path.join(dir, 'chatrun.db');
  try {
    const store = openStore({ url: `sqlite:${file}` });
    const runners: number[] = [];
    const jobIds: number[] = [];
    try {
      assert.equal((await store.migrate()).ok, true);
      for (let i = 0; i < 3; i++) runners.push(await aRunner(store));
      for (let i = 0; i < JOBS; i++) jobIds.push(...(await aPipeline(store, [aJob({ name: `job ${i}` })], 1000 + i)).jobs.map((j) => j.id));
    } finally {
      await store.close();
    }

    const workers = runners.map((r) => spawnWorker(file, r));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.start();
    const claims = await Promise.all(workers.map((w) => w.claimed));
    const all = claims.flat();
    t.diagnostic(`claims per process: ${claims.map((c) => c.length).join(', ')}`);
    assert.equal(all.length, JOBS, `claims per process: ${claims.map((c) => c.length).join(', ')}`);
    assert.equal(new Set(all).size, JOBS, 'no job claimed twice');
    assert.deepEqual(new Set(all), new Set(jobIds));

    const check = openStore({ url: `sqlite:${file}` });
    try {
      for (const [i, ids] of claims.entries()) {
        for (const id of ids) {
          const job = await check.pipelines.getJob(id);
          assert.deepEqual([job?.status, job?.runnerId], ['running', runners[i]]);
          assert.equal(Buffer.from(await check.traces.readTrace(id)).toString(), `runner ${runners[i]}\n`);
        }
      }
    } finally {
      await check.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
