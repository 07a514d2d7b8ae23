/**
 * Sustained throughput: commands arrive on a fixed schedule (open loop,
 * a little above the target rate) for 60 s, whatever the server's state;
 * each runs the `hello-world` job and must get its reply. Measured: the
 * rate replies reach the fake Slack once the run is past its first
 * seconds, whether every reply arrived, how far the server fell behind,
 * and the server's peak RSS.
 * Target: >= 50 jobs/s sustained for 60 s with every reply delivered.
 *
 * Baseline, in the same run: the schedule itself (the rate commands were
 * actually sent), so a slow client cannot pass for a slow server.
 */
import { ms, processCpuSeconds, summarize } from './measure.mjs';
import { startChatrunServer } from './chatrun-server-under-test.mjs';

const TARGET_PER_SECOND = 50;
const OFFERED_PER_SECOND = 52;
const DURATION_S = 60;
/** Replies in the first seconds are left out of the sustained rate: the queue is filling up. */
const RAMP_S = 5;
const DRAIN_LIMIT_MS = 60_000;
const WARMUP = 20;
const RUNNER_CONCURRENCY = 8;

export const title = `server: throughput at ${OFFERED_PER_SECOND} commands/s for ${DURATION_S} s`;

export async function run({ log }) {
  const server = await startChatrunServer({ concurrency: RUNNER_CONCURRENCY, log });
  try {
    log(`warm-up: ${WARMUP} commands`);
    await server.warmUp(WARMUP);
    const total = OFFERED_PER_SECOND * DURATION_S;
    log(`sending ${total} commands at ${OFFERED_PER_SECOND}/s; then waiting up to ${DRAIN_LIMIT_MS / 1000} s for the last replies`);

    const cpuBefore = processCpuSeconds(server.pid);
    const start = performance.timeOrigin + performance.now();
    const sentAt = [];
    const replyAt = [];
    const acks = [];
    const ackErrors = [];
    const inFlight = [];
    for (let i = 0; i < total; i += 1) {
      const due = start + (i * 1000) / OFFERED_PER_SECOND;
      const wait = due - (performance.timeOrigin + performance.now());
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      inFlight.push(
        (async () => {
          const sent = await server.command({ replyTimeoutMs: DURATION_S * 1000 + DRAIN_LIMIT_MS });
          sentAt.push(sent.sentAt);
          acks.push(sent.ackAt - sent.sentAt);
          if (sent.ackError) ackErrors.push(sent.ackError);
          const at = await sent.reply.catch(() => undefined);
          if (at !== undefined) replyAt.push({ at, latency: at - sent.sentAt });
        })(),
      );
    }
    const lastSend = performance.timeOrigin + performance.now();
    await Promise.race([Promise.all(inFlight), new Promise((resolve) => setTimeout(resolve, DRAIN_LIMIT_MS))]);

    const cpuAfter = processCpuSeconds(server.pid);
    const spanS = (performance.timeOrigin + performance.now() - start) / 1000;
    // CPU time only: an event loop blocked in spawn() while the child gets to exec uses none, so this can stay low while the loop is saturated (see bench/README.md).
    const cores = (part) => (cpuBefore && cpuAfter ? (cpuAfter[part] - cpuBefore[part]) / spanS : Number.NaN);
    const delivered = replyAt.length;
    // CPU per job does not depend on what else the machine runs, unlike the rates.
    // Only meaningful when every job finished inside the measured span.
    const cpuPerJob = (part) => (cpuBefore && cpuAfter && delivered === total ? ((cpuAfter[part] - cpuBefore[part]) * 1000) / delivered : Number.NaN);
    const windowStart = start + RAMP_S * 1000;
    const windowEnd = start + DURATION_S * 1000;
    const inWindow = replyAt.filter((r) => r.at >= windowStart && r.at < windowEnd).length;
    const sustained = inWindow / (DURATION_S - RAMP_S);
    const sentRate = sentAt.filter((t) => t >= windowStart && t < windowEnd).length / (DURATION_S - RAMP_S);
    const lastReply = Math.max(...replyAt.map((r) => r.at));
    const behindMs = delivered > 0 ? lastReply - lastSend : Number.NaN;
    const latency = summarize(replyAt.map((r) => r.latency));
    const ack = summarize(acks);
    const rss = server.peakRssMiB();
    const met = delivered === total && sustained >= TARGET_PER_SECOND;
    return {
      rows: [
        { measure: `replies/s, ${RAMP_S}-${DURATION_S} s`, chatrun: sustained.toFixed(1), baseline: `${sentRate.toFixed(1)} sent/s`, ratio: `${((sustained / sentRate) * 100).toFixed(0)}% of sent`, target: `>= ${TARGET_PER_SECOND}/s`, verdict: met ? 'met' : 'missed' },
        { measure: 'replies delivered', chatrun: `${delivered} of ${total}`, baseline: '', ratio: '', target: 'all', verdict: delivered === total ? 'met' : 'missed' },
        { measure: '  last reply after last send', chatrun: ms(behindMs), baseline: '', ratio: '', target: '', verdict: '' },
        { measure: '  command to reply, p50 / p99', chatrun: `${ms(latency.median)} / ${ms(latency.p99)}`, baseline: '', ratio: '', target: '', verdict: '' },
        { measure: '  acknowledgement, p50 / p99', chatrun: `${ms(ack.median)} / ${ms(ack.p99)}`, baseline: '', ratio: '', target: '', verdict: '' },
        { measure: '  CPU per job: server / its child processes', chatrun: `${ms(cpuPerJob('self'))} / ${ms(cpuPerJob('children'))}`, baseline: '', ratio: '', target: '', verdict: '' },
        { measure: '  server CPU use: its process / its child processes', chatrun: `${cores('self').toFixed(2)} / ${cores('children').toFixed(2)} cores`, baseline: '', ratio: '', target: '', verdict: '' },
        { measure: '  server peak RSS', chatrun: `${rss ?? '?'} MiB`, baseline: '', ratio: '', target: 'reported', verdict: '' },
      ],
      notes: [
        `open loop: ${total} commands at ${OFFERED_PER_SECOND}/s, runner concurrency ${RUNNER_CONCURRENCY}, rate limit off; the rate counts replies arriving ${RAMP_S}-${DURATION_S} s after the first command.`,
        ackErrors.length > 0 ? `${ackErrors.length} acknowledgements failed (their replies were still awaited); first: ${ackErrors[0]}` : '',
      ].filter((n) => n !== ''),
      data: { offeredPerSecond: OFFERED_PER_SECOND, total, delivered, sustainedPerSecond: sustained, sentPerSecond: sentRate, behindMs, latency, acknowledgement: ack, serverPeakRssMiB: rss, ackErrors: ackErrors.length, cpuMsPerJob: { server: cpuPerJob('self'), children: cpuPerJob('children') }, coresUsed: { server: cores('self'), children: cores('children') } },
    };
  } finally {
    await server.stop();
  }
}
