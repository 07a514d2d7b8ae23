/**
 * How fast chatrun acknowledges a slash command while it is busy: 50
 * clients each keep one command in flight (send it, take the
 * acknowledgement, wait for the job's reply, send the next), so the server
 * always holds about 50 commands between request and reply. Measured: the
 * HTTP round trip of the signed request, which is what Slack's 3-second
 * rule is about. Target: p99 <= 20 ms.
 *
 * Baseline, in the same run: the same server's acknowledgement with one
 * command in flight, so the cost of the load is visible.
 */
import { ms, ratio, summarize } from './measure.mjs';
import { startChatrunServer } from './chatrun-server-under-test.mjs';

const WARMUP = 20;
const IN_FLIGHT = 50;
const COMMANDS = 1000;
const IDLE_COMMANDS = 100;
const BUDGET_MS = 120_000;

export const title = `server: acknowledgement with ${IN_FLIGHT} commands in flight`;

export async function run({ log }) {
  const server = await startChatrunServer({ concurrency: 4, log });
  try {
    log(`warm-up: ${WARMUP} commands`);
    await server.warmUp(WARMUP);

    log(`idle baseline: ${IDLE_COMMANDS} commands, one in flight`);
    const idle = [];
    for (let i = 0; i < IDLE_COMMANDS; i += 1) {
      const sent = await server.command();
      if (sent.ackError) throw new Error(`an idle command was not acknowledged: ${sent.ackError}`);
      idle.push(sent.ackAt - sent.sentAt);
      await sent.reply;
    }

    log(`loaded: ${IN_FLIGHT} clients, ${COMMANDS} commands in all, within ${BUDGET_MS / 1000} s`);
    const acks = [];
    const replies = [];
    const ackErrors = [];
    let missing = 0;
    let issued = 0;
    const deadline = performance.now() + BUDGET_MS;
    const started = performance.now();
    const client = async () => {
      while (issued < COMMANDS && performance.now() < deadline) {
        issued += 1;
        const sent = await server.command({ replyTimeoutMs: BUDGET_MS });
        // A failed acknowledgement counts at its full time: Slack would have shown the user an error.
        if (sent.ackError) ackErrors.push(sent.ackError);
        acks.push(sent.ackAt - sent.sentAt);
        const at = await sent.reply.catch(() => undefined);
        if (at === undefined) missing += 1;
        else replies.push(at - sent.sentAt);
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, client));
    const seconds = (performance.now() - started) / 1000;

    const a = summarize(acks);
    const b = summarize(idle);
    const r = summarize(replies);
    return {
      rows: [
        { measure: 'acknowledgement, p99', chatrun: ms(a.p99), baseline: ms(b.p99), ratio: `${ratio(a.p99 / b.p99)} of idle`, target: '<= 20 ms', verdict: a.p99 <= 20 ? 'met' : 'missed' },
        { measure: 'acknowledgement, p50', chatrun: ms(a.median), baseline: ms(b.median), ratio: `${ratio(a.median / b.median)} of idle`, target: '', verdict: '' },
        { measure: '  command to reply under load, p50 / p99', chatrun: `${ms(r.median)} / ${ms(r.p99)}`, baseline: '', ratio: '', target: '', verdict: '' },
      ],
      notes: [
        `${a.n} commands from ${IN_FLIGHT} concurrent clients (${(a.n / seconds).toFixed(1)} commands/s, ${replies.length} replies delivered, ${missing} missing); baseline: ${b.n} commands one at a time on the same warm server.`,
        `server peak RSS ${server.peakRssMiB() ?? '?'} MiB.`,
        ackErrors.length > 0 ? `${ackErrors.length} acknowledgements failed; first: ${ackErrors[0]}` : '',
      ].filter((n) => n !== ''),
      data: { inFlight: IN_FLIGHT, acknowledgement: a, idleAcknowledgement: b, replyLatency: r, commandsPerSecond: a.n / seconds, ackErrors: ackErrors.length, serverPeakRssMiB: server.peakRssMiB() },
    };
  } finally {
    await server.stop();
  }
}
