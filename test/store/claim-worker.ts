/**
 * A child process for sqlite-multi-process.test.ts: opens the SQLite store
 * at argv[2] and claims jobs for runner argv[3] until the queue is empty,
 * then prints the claimed job ids as JSON on stdout. It says `ready` and
 * waits for a line on stdin before claiming, so all workers start together.
 */
import { openStore } from '../../src/adapters/store/open-store.js';

const [file, runner] = process.argv.slice(2);
if (file === undefined || runner === undefined) throw new Error('usage: claim-worker FILE RUNNER_ID');
const store = openStore({ url: `sqlite:${file}` });
const claimed: number[] = [];
try {
  await store.runners.getById(Number(runner)); // connection open and warm before the start line
  process.stderr.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.pause();
  for (;;) {
    const job = await store.pipelines.claimNextJob(Number(runner), Date.now());
    if (job === undefined) break;
    claimed.push(job.id);
    // Interleave with the other processes' writes, as a real runner would.
    await store.traces.appendTrace(job.id, 0, Buffer.from(`runner ${runner}\n`));
  }
} finally {
  await store.close();
}
process.stdout.write(JSON.stringify(claimed));

