/**
 * Prometheus metrics of one chatrun server instance, served at GET /metrics.
 *
 * Each `createMetrics()` call owns its own registry (never prom-client's
 * global one), so tests and several app instances in one process do not
 * collide. The counting methods are synchronous and cheap; call them from
 * anywhere. Gauges that mirror stored state (queue depth, replies pending)
 * are read through callbacks at scrape time, so every replica reports the
 * shared database's truth rather than its own guess; a callback that throws
 * fails that scrape with the error (prom-client's behaviour), nothing else.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { COMMAND_OUTCOMES, type CommandOutcome } from '../../domain/chat-command/command-outcome.js';

/**
 * The label of chatrun_commands_total: every outcome the use case records
 * (one list, in the domain, so the audit log and the metrics agree), plus
 * `bad_request` for a verified request whose payload could not be read.
 * `deferred` is never counted: a deferred command is counted once, when its
 * real outcome is known.
 */
export const METRIC_COMMAND_OUTCOMES = [...COMMAND_OUTCOMES.filter((outcome) => outcome !== 'deferred'), 'bad_request'] as const;
export type MetricCommandOutcome = Exclude<CommandOutcome, 'deferred'> | 'bad_request';

/** What became of one attempt to post a reply. */
export const REPLY_ATTEMPT_RESULTS = ['delivered', 'retry', 'rejected', 'expired'] as const;
export type ReplyAttemptResult = (typeof REPLY_ATTEMPT_RESULTS)[number];

/** A number now, or later (a database count). */
export type GaugeReader = () => number | Promise<number>;

export interface MetricsOptions {
  /** Jobs waiting for a runner (status pending), read at scrape time. */
  readonly queueDepth?: GaugeReader;
  /** Replies written but not yet delivered or expired, read at scrape time. */
  readonly repliesPending?: GaugeReader;
  /** Node process metrics (CPU, memory, event loop, GC). Default true. */
  readonly processMetrics?: boolean;
}

export interface ChatrunMetrics {
  readonly registry: Registry;
  countCommand(platform: string, outcome: MetricCommandOutcome): void;
  /** A job reached a finished status after running `seconds`. */
  observeJobDuration(status: string, seconds: number): void;
  countReplyAttempt(platform: string, result: ReplyAttemptResult): void;
  /** The Prometheus text exposition of every metric. */
  render(): Promise<string>;
  /** The Content-Type header to serve `render()` with. */
  readonly contentType: string;
}

/** Job durations run from seconds (chat one-liners) to hours (deploys). */
const JOB_DURATION_BUCKETS = [0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800, 3600, 7200];

export function createMetrics(options: MetricsOptions = {}): ChatrunMetrics {
  const registry = new Registry();
  const registers = [registry];

  const commands = new Counter({
    name: 'chatrun_commands_total',
    help: 'Slash commands received, by chat platform and what became of them.',
    labelNames: ['platform', 'outcome'] as const,
    registers,
  });
  const jobDuration = new Histogram({
    name: 'chatrun_job_duration_seconds',
    help: 'Time from a job starting to run until it finished, by final status.',
    labelNames: ['status'] as const,
    buckets: JOB_DURATION_BUCKETS,
    registers,
  });
  const replyAttempts = new Counter({
    name: 'chatrun_reply_attempts_total',
    help: 'Attempts to post a reply to chat, by platform and result.',
    labelNames: ['platform', 'result'] as const,
    registers,
  });
  const { queueDepth, repliesPending } = options;
  new Gauge({
    name: 'chatrun_jobs_queued',
    help: 'Jobs waiting for a runner.',
    registers,
    async collect() {
      if (queueDepth !== undefined) this.set(await queueDepth());
    },
  });
  new Gauge({
    name: 'chatrun_replies_pending',
    help: 'Chat replies written but not yet delivered or expired.',
    registers,
    async collect() {
      if (repliesPending !== undefined) this.set(await repliesPending());
    },
  });
  if (options.processMetrics !== false) collectDefaultMetrics({ register: registry });

  return {
    registry,
    countCommand: (platform, outcome) => commands.inc({ platform, outcome }),
    observeJobDuration: (status, seconds) => jobDuration.observe({ status }, seconds),
    countReplyAttempt: (platform, result) => replyAttempts.inc({ platform, result }),
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
