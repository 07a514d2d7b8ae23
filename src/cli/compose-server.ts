/**
 * The server's composition root: from a validated config and its resolved
 * secrets to a running chatrun — store, config sync, recovery, embedded
 * runner, reply delivery, stale-job reaper and the HTTP app.
 *
 * Start order matters: the store is migrated and the config synced before
 * anything reads them; jobs this server's runner left running when it died
 * are failed (recoverAfterRestart) before the runner claims anything new;
 * the reply worker starts early so replies owed from before a restart go
 * out at once. Nothing listens until `listen()`.
 *
 * `stop()` is the graceful shutdown (./stop-server.ts). It may be called
 * more than once: later calls share the first one's work, and one asking
 * for a shorter grace period hurries it (a second Ctrl-C).
 *
 * Errors: a database that cannot be opened, migrated or written during the
 * sync rejects `composeServer` (with the store closed again); `listen()`
 * rejects with the socket error (EADDRINUSE, EACCES).
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { ScryptParams } from '../adapters/auth/password-hash.js';
import { createChatDelivery } from '../adapters/chat/chat-delivery-adapter.js';
import { GitCli } from '../adapters/git/git-cli.js';
import { createMetrics } from '../adapters/metrics/chatrun-metrics.js';
import { openStore } from '../adapters/store/open-store.js';
import { createQueueAdmission } from '../app/admission-control.js';
import { startReplyDelivery, type ReplyDeliveryOptions } from '../app/deliver-replies.js';
import { registerEmbeddedRunner } from '../app/embedded-runner.js';
import { createInProcessRunnerProtocol } from '../app/in-process-runner-protocol.js';
import type { JobDependencies } from '../app/job-dependencies.js';
import { recoverAfterRestart } from '../app/recover-after-restart.js';
import { startStaleJobReaper } from '../app/reap-stale-jobs.js';
import type { ReplyBackoff } from '../app/reply-backoff.js';
import { deriveExternalUrl } from '../config/listen-address.js';
import type { ResolvedSecrets } from '../config/resolve-secrets.js';
import type { ServerConfig } from '../config/server-config.js';
import { createApp } from '../http/create-app.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store/store.js';
import type { RunnerLoop } from '../runner/runner-loop.js';
import { wireChatCommandDeps } from './chat-command-wiring.js';
import { storeUrlFor } from './load-server-config.js';
import { buildAppSettings } from './server-app-settings.js';
import { stopServer, type StopOptions } from './stop-server.js';
import { syncConfigToStore } from './sync-config-to-store.js';
import { startRunnerProcessLoop } from './runner-process-loop.js';

/** Intervals and limits; the defaults suit production, tests shorten them. */
export interface ServerTiming {
  /** How often the embedded runner looks for jobs when not woken (default 1 s). */
  readonly runnerPollIntervalMs?: number;
  /** Default: a quarter of runner.heartbeat_timeout, at most 3 s. */
  readonly heartbeatIntervalMs?: number;
  /** Default 1 s. */
  readonly replyPollIntervalMs?: number;
  readonly replyBackoff?: ReplyBackoff;
  /** Default: half of runner.heartbeat_timeout, at most 15 s. */
  readonly reaperIntervalMs?: number;
  /** How long stop() lets running jobs finish before cancelling them (default 30 s). */
  readonly shutdownGraceMs?: number;
  /** How long stop() keeps delivering due replies after the jobs ended (default 10 s). */
  readonly replyFlushMs?: number;
  /** Chat answers later than this become "working on it" (default: the use case's 2.5 s). */
  readonly commandDeadlineMs?: number;
}

export interface ComposeServerOptions {
  readonly config: ServerConfig;
  readonly secrets: ResolvedSecrets;
  readonly clock?: Clock;
  /** Default: pino at config.log.level, to stdout. */
  readonly logger?: Logger;
  /** The environment jobs' PATH, HOME, … come from (the runner keeps only those); default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly timing?: ServerTiming;
  /** Tests pass a cheap cost for the passwords the config sync hashes. */
  readonly scryptParams?: ScryptParams;
}

export interface ChatrunServer {
  readonly app: FastifyInstance;
  readonly store: Store;
  readonly logger: Logger;
  /** The external URL; with a derived one and port 0, final only after listen(). */
  readonly url: () => string;
  listen(): Promise<{ readonly url: string }>;
  stop(options?: StopOptions): Promise<void>;
}

const DEFAULT_SHUTDOWN_GRACE_MS = 30_000;
const DEFAULT_REPLY_FLUSH_MS = 10_000;

export async function composeServer(options: ComposeServerOptions): Promise<ChatrunServer> {
  const { config, secrets } = options;
  const clock: Clock = options.clock ?? { now: () => Date.now() };
  const logger = options.logger ?? pino({ level: config.log.level, name: 'chatrun' });
  const timing = options.timing ?? {};
  const startedAt = clock.now();

  const store = openStore({ url: storeUrlFor(config) });
  try {
    const migrated = await store.migrate();
    if (!migrated.ok) throw new Error(`database migration ${migrated.failed ?? ''} failed: ${migrated.error}`);
    await syncConfigToStore({
      store,
      config,
      secrets,
      now: clock.now(),
      logger: { info: (message) => logger.info(message), warn: (message) => logger.warn(message) },
      ...(options.scryptParams === undefined ? {} : { scryptParams: options.scryptParams }),
    });
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }

  let externalUrl = config.server.externalUrl;
  const settings = buildAppSettings(config, secrets, () => externalUrl);
  const metrics = createMetrics({
    queueDepth: () => store.pipelines.countJobs(['pending']),
    repliesPending: () => store.replies.countOpen(),
  });
  const cacheDir = join(config.server.dataDir, 'git-cache');
  const git = new GitCli({ cacheDir });
  let wakeReplies = (): void => undefined;
  const jobDeps: JobDependencies = {
    store,
    settings,
    clock,
    notifyReplies: () => wakeReplies(),
    onJobFinished: (job, seconds) => {
      if (seconds !== undefined) metrics.observeJobDuration(job.status, seconds);
    },
  };

  const replyOptions: ReplyDeliveryOptions = {
    store,
    clock,
    workerId: `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`,
    delivery: createChatDelivery({
      ...(config.chat.slack === undefined
        ? {}
        : { slack: { apiUrl: config.chat.slack.apiUrl, ...optionalToken(secrets.slack?.botToken) } }),
      ...(config.chat.mattermost === undefined
        ? {}
        : {
            mattermost: {
              ...(config.chat.mattermost.apiUrl === undefined ? {} : { apiUrl: config.chat.mattermost.apiUrl }),
              ...optionalToken(secrets.mattermost?.botToken),
            },
          }),
    }),
    ...(timing.replyBackoff === undefined ? {} : { backoff: timing.replyBackoff }),
    onAttempt: (report) => {
      metrics.countReplyAttempt(report.platform, report.result);
      const log = report.result === 'delivered' ? logger.debug.bind(logger) : logger.warn.bind(logger);
      log({ reply: report.replyId, platform: report.platform, result: report.result, route: report.route, error: report.error }, 'reply attempt');
    },
    onError: (error) => logger.error({ err: error }, 'reply delivery failed'),
  };
  const replies = startReplyDelivery({ ...replyOptions, pollIntervalMs: timing.replyPollIntervalMs ?? 1000 });
  wakeReplies = () => replies.notify();

  const heartbeatTimeoutMs = config.runner.heartbeatTimeoutSeconds * 1000;
  let runner: RunnerLoop | undefined;
  try {
    const embedded = config.runner.embedded
      ? await registerEmbeddedRunner(store.runners, `embedded@${hostname()}:${config.server.listen.port}`, clock.now())
      : undefined;
    const recovery = await recoverAfterRestart(jobDeps, { runnerIds: embedded === undefined ? [] : [embedded.id], startedAt });
    if (recovery.failedJobIds.length > 0 || recovery.repliesRepaired.length > 0) {
      logger.warn({ failedJobs: recovery.failedJobIds, repliesRepaired: recovery.repliesRepaired }, 'recovered from an earlier stop: jobs left running were failed');
    }
    if (embedded !== undefined) {
      runner = startRunnerProcessLoop({
        protocol: createInProcessRunnerProtocol(jobDeps),
        runner: embedded,
        concurrency: config.runner.concurrency,
        workspace: { buildsDir: config.runner.buildsDir, cacheDir },
        baseEnv: options.env ?? process.env,
        traceLimitBytes: config.runner.traceLimitBytes,
        pollIntervalMs: timing.runnerPollIntervalMs ?? 1000,
        heartbeatIntervalMs: timing.heartbeatIntervalMs ?? Math.min(3000, Math.max(50, heartbeatTimeoutMs / 4)),
        cancelGraceMs: config.runner.cancelGraceSeconds * 1000,
        onError: (error, context) => logger.error({ err: error, ...context }, 'embedded runner trouble'),
        onJobDone: (job, outcome) => logger.info({ job: job.id, name: job.name, status: outcome.status, failureReason: outcome.failureReason }, 'job finished'),
      });
    }
  } catch (error) {
    await replies.stop();
    await store.close().catch(() => undefined);
    throw error;
  }
  const reaper = startStaleJobReaper(jobDeps, {
    heartbeatTimeoutMs,
    intervalMs: timing.reaperIntervalMs ?? Math.min(15_000, Math.max(100, heartbeatTimeoutMs / 2)),
    onError: (error) => logger.error({ err: error }, 'stale job reaper failed'),
  });

  const wakeRunner = (): void => runner?.notify();
  const commandDeps = wireChatCommandDeps(
    { store, git, clock, settings },
    {
      onOutcome: (outcome, platform) => {
        if (outcome !== 'deferred') metrics.countCommand(platform, outcome);
      },
      onBackgroundError: (error) => logger.error({ err: error }, 'a deferred chat command failed'),
      admission: createQueueAdmission({ limit: config.runner.queueLimit, countWaiting: () => store.pipelines.countJobs(['pending']) }),
      ...(timing.commandDeadlineMs === undefined ? {} : { deadlineMs: timing.commandDeadlineMs }),
    },
  );
  const app = createApp({
    store,
    settings,
    commandDeps,
    jobDeps,
    ...(secrets.slack === undefined ? {} : { slack: { signingSecrets: [secrets.slack.signingSecret] } }),
    ...(secrets.mattermost === undefined ? {} : { mattermost: { tokens: secrets.mattermost.tokens } }),
    metrics,
    clock,
    logger,
    runnerWake: wakeRunner,
    replyWake: wakeReplies,
    sessionTtlMs: config.web.sessionTtlSeconds * 1000,
  });

  let stopping: ReturnType<typeof stopServer> | undefined;
  return {
    app,
    store,
    logger,
    url: () => externalUrl,
    async listen() {
      await app.listen({ host: config.server.listen.host, port: config.server.listen.port });
      const address = app.server.address() as AddressInfo;
      if (config.server.externalUrlDerived) externalUrl = deriveExternalUrl({ host: config.server.listen.host, port: address.port });
      logger.info({ url: externalUrl, listen: `${address.address}:${address.port}` }, 'chatrun is listening');
      return { url: externalUrl };
    },
    stop(stopOptions = {}) {
      stopping ??= stopServer(
        { app, runner, replies, reaper, store, replyOptions, logger },
        {
          graceMs: timing.shutdownGraceMs ?? DEFAULT_SHUTDOWN_GRACE_MS,
          flushMs: timing.replyFlushMs ?? DEFAULT_REPLY_FLUSH_MS,
        },
      );
      if (stopOptions.graceMs !== undefined) stopping.hurry(stopOptions.graceMs);
      return stopping.done;
    },
  };
}

function optionalToken(token: string | undefined): { botToken?: string } {
  return token === undefined ? {} : { botToken: token };
}
