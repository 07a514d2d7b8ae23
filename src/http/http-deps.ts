/**
 * Everything the HTTP app needs, filled in by the composition root (the
 * serve command) or by a test. A plain object: createApp reads it once and
 * shares it between all requests.
 */
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { ChatrunMetrics } from '../adapters/metrics/chatrun-metrics.js';
import type { AppSettings } from '../app/app-settings.js';
import type { ChatCommandDeps } from '../app/chat-command-deps.js';
import type { JobDependencies } from '../app/job-dependencies.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store/store.js';

export interface HttpDeps {
  readonly store: Store;
  readonly settings: AppSettings;
  /** Passed through to the use cases (chat commands, play, cancel, linking). */
  readonly commandDeps: ChatCommandDeps;
  /**
   * For cancelling from the web and the API, with the server's hooks (reply
   * wake-up, job metrics). Default: built from store, settings, clock and
   * replyWake.
   */
  readonly jobDeps?: JobDependencies;
  /** Absent or empty: POST /chat/slack answers 404 platform_not_configured. */
  readonly slack?: { readonly signingSecrets: readonly string[] };
  /** Absent or empty: POST /chat/mattermost answers 404 platform_not_configured. */
  readonly mattermost?: { readonly tokens: readonly string[] };
  readonly metrics: ChatrunMetrics;
  readonly clock: Clock;
  /** Request and error logging; default: none. */
  readonly logger?: FastifyBaseLogger;
  /** A job may be waiting: tell the embedded runner to look now instead of at its next poll. */
  readonly runnerWake?: () => void;
  /** A reply may be waiting: tell the delivery worker to look now. */
  readonly replyWake?: () => void;
  /** How long a web session lasts; default 12 hours (the config's web.session_ttl). */
  readonly sessionTtlMs?: number;
  /** Largest chat request body accepted; default 64 KiB (Slack's are a few hundred bytes). */
  readonly chatBodyLimitBytes?: number;
  /**
   * More routes, registered beside the JSON API (JSON and form bodies,
   * JSON errors under /api/): how the composition root adds the runner API
   * under /api/v1/runner/ without this module knowing it.
   */
  readonly extraRoutes?: (app: FastifyInstance) => Promise<void>;
}

export const DEFAULT_SESSION_TTL_MS = 12 * 60 * 60 * 1000;
export const DEFAULT_CHAT_BODY_LIMIT = 64 * 1024;
