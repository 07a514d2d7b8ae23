/**
 * What the chat command use cases need, passed in by the composition root
 * (one set per server; every request shares it).
 */
import type { Clock } from '../ports/clock.js';
import type { Git } from '../ports/git.js';
import type { Store } from '../ports/store/store.js';
import type { AppSettings } from './app-settings.js';
import type { CiConfigCache } from './ci-config-cache.js';
import type { CommandAdmission } from './admission-control.js';
import type { CommandOutcome } from '../domain/chat-command/command-outcome.js';

export interface ChatCommandDeps {
  readonly store: Store;
  readonly git: Git;
  readonly clock: Clock;
  readonly settings: AppSettings;
  readonly configCache: CiConfigCache;
  /**
   * A fresh, unguessable chat-link token for an unlinked chat account, in
   * the `crl_` format of src/domain/access/secret-token-format.ts (the
   * composition root passes `() => generateToken('link')` from
   * src/adapters/auth/secret-token.ts). Called once per command from an
   * unlinked account; must not throw.
   */
  readonly newLinkToken: () => string;
  /**
   * Called once per command with its final outcome (never `deferred`), for
   * metrics. Must not throw.
   */
  readonly onOutcome?: (outcome: CommandOutcome, platform: string) => void;
  /**
   * Refuses `run` and `play` while the job queue is full (./admission-control.ts).
   * Absent: every command is admitted.
   */
  readonly admission?: CommandAdmission;
  /** How long to wait before answering "working on it" (default 2500 ms: Slack allows 3 s). */
  readonly deadlineMs?: number;
  /**
   * A command finishing in the background after a deferred answer failed
   * (the database rejected a write). Nobody awaits that work, so this is
   * where it is logged. Must not throw.
   */
  readonly onBackgroundError?: (error: unknown) => void;
}
