import type { AuditLog } from './audit-log.js';
import type { ChatIdentityStore } from './chat-identity-store.js';
import type { CommandReceipts } from './command-receipts.js';
import type { MembershipStore } from './membership-store.js';
import type { PipelineStore } from './pipeline-store.js';
import type { ProjectStore } from './project-store.js';
import type { ReplyOutbox } from './reply-outbox.js';
import type { RunnerStore } from './runner-store.js';
import type { TraceStore } from './trace-store.js';
import type { UserStore } from './user-store.js';

/**
 * All of chatrun's state behind one handle, one port per aggregate.
 *
 * Call order: open (adapter) → `migrate()` once before anything else (safe
 * to run from several replicas at once: the migrator takes a lock, and
 * re-running it applies nothing) → use the stores → `close()` once, after
 * the last call has settled.
 *
 * Timestamps everywhere are integer epoch milliseconds passed in by the
 * caller; the store never reads the clock.
 */
export type StoreDialect = 'sqlite' | 'postgres';

export type MigrationResult =
  | { readonly ok: true; readonly applied: readonly string[] }
  | {
      readonly ok: false;
      /** Migrations that were applied before the failure. */
      readonly applied: readonly string[];
      /** The migration that failed, when one did (else the migrator itself failed). */
      readonly failed: string | undefined;
      readonly error: string;
    };

export interface Store {
  readonly dialect: StoreDialect;
  readonly projects: ProjectStore;
  readonly users: UserStore;
  readonly memberships: MembershipStore;
  readonly chatIdentities: ChatIdentityStore;
  readonly pipelines: PipelineStore;
  readonly traces: TraceStore;
  readonly replies: ReplyOutbox;
  readonly audit: AuditLog;
  readonly commandReceipts: CommandReceipts;
  readonly runners: RunnerStore;
  /** Brings the schema to the latest migration; answers what it applied. */
  migrate(): Promise<MigrationResult>;
  close(): Promise<void>;
}
