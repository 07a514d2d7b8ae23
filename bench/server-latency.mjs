/**
 * End-to-end latency of one chat command on a warm server: from the signed
 * request leaving the client to the job's reply arriving at the fake
 * Slack's response_url (SQLite, embedded runner, a `hello-world` echo job,
 * all on 127.0.0.1). 500 commands, one after the other.
 * Targets: p50 <= 40 ms, p99 <= 150 ms.
 *
 * Baseline, interleaved command by command: spawning a bare
 * `bash -c 'echo'` from node, the least any job that runs a shell costs.
 */
import { ms, processCpuSeconds, ratio, summarize, timeChild } from './measure.mjs';
import { startChatrunServer } from './chatrun-server-under-test.mjs';

const WARMUP = 20;
const COMMANDS = 500;
const BUDGET_MS = 180_000;

export const title = 'server: chat command to reply latency';

export async function run({ log }) {
  const server = await startChatrunServer({ concurrency: 4, log });
  try {
    log(`warm-up: ${WARMUP} commands`);
    await server.warmUp(WARMUP);
    log(`measuring: up to ${COMMANDS} sequential commands, each followed by one bash spawn, within ${BUDGET_MS / 1000} s`);
    const latency = [];
    const ack = [];
    const bash = [];
    const deadline = performance.now() + BUDGET_MS;
    const cpuBefore = processCpuSeconds(server.pid);
    for (let i = 0; i < COMMANDS && performance.now() < deadline; i += 1) {
      const sent = await server.command();
      if (sent.ackError) throw new Error(`command ${i + 1} was not acknowledged: ${sent.ackError}`);
      const repliedAt = await sent.reply;
      latency.push(repliedAt - sent.sentAt);
      ack.push(sent.ackAt - sent.sentAt);
      const echo = await timeChild('bash', ['-c', 'echo']);
      if (echo.code !== 0) throw new Error('bash -c echo failed');
      bash.push(echo.ms);
    }
    const cpuAfter = processCpuSeconds(server.pid);
    // What one job costs the machine, whatever else it runs: the server's own CPU and that of the git and bash it starts.
    const cpuPerJob = (part) => (cpuBefore && cpuAfter ? ((cpuAfter[part] - cpuBefore[part]) * 1000) / latency.length : Number.NaN);
    const a = summarize(latency);
    const b = summarize(bash);
    const k = summarize(ack);
    return {
      rows: [
        { measure: 'command to reply, p50', chatrun: ms(a.median), baseline: ms(b.median), ratio: `${ratio(a.median / b.median)} of bash`, target: '<= 40 ms', verdict: a.median <= 40 ? 'met' : 'missed' },
        { measure: 'command to reply, p99', chatrun: ms(a.p99), baseline: ms(b.p99), ratio: `${ratio(a.p99 / b.p99)} of bash`, target: '<= 150 ms', verdict: a.p99 <= 150 ? 'met' : 'missed' },
        { measure: '  acknowledgement, p50 / p99', chatrun: `${ms(k.median)} / ${ms(k.p99)}`, baseline: '', ratio: '', target: '', verdict: '' },
        { measure: '  CPU per job: server / its child processes', chatrun: `${ms(cpuPerJob('self'))} / ${ms(cpuPerJob('children'))}`, baseline: '', ratio: '', target: '', verdict: '' },
      ],
      notes: [
        `${a.n} sequential commands after ${WARMUP} warm-up ones; baseline: bash -c 'echo' spawned from node after each command.`,
        `server peak RSS ${server.peakRssMiB() ?? '?'} MiB.`,
      ],
      data: { latency: a, acknowledgement: k, bashEcho: b, serverPeakRssMiB: server.peakRssMiB(), cpuMsPerJob: { server: cpuPerJob('self'), children: cpuPerJob('children') } },
    };
  } finally {
    await server.stop();
  }
}
