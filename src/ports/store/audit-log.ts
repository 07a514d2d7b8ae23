/**
 * Who did what, where, with which input, what was decided: one event per
 * chat command (and per web/API action that runs or cancels something).
 *
 * Contract:
 * - `append` only adds; events are never edited except `setOutcome`, which
 *   records how the started job ended (one statement, last write wins).
 * - `countByChatUser` is the per-user rate limit: it counts events of that
 *   chat account at or after `since`, in the shared database, so the limit
 *   holds across replicas. Append first, then count, and the count includes
 *   the command being judged.
 * - `list` pages by id, newest first: pass the smallest id seen as
 *   `beforeId` for the next page.
 * - All methods may run concurrently. A rejected promise means the database
 *   failed.
 */
export interface AuditEventInput {
  readonly at: number;
  readonly userId?: number | null;
  readonly username?: string | null;
  readonly platform?: string | null;
  readonly teamId?: string | null;
  readonly channelId?: string | null;
  readonly channelName?: string | null;
  readonly chatUserId?: string | null;
  /** The input as received (command text). */
  readonly text?: string | null;
  /** What was decided: `accepted`, `denied`, `rate_limited`, … */
  readonly decision: string;
  /** Why, in words or a stable code. */
  readonly reason?: string | null;
  readonly projectPath?: string | null;
  readonly pipelineId?: number | null;
  readonly jobId?: number | null;
  /** How it ended (a job status), when known. */
  readonly outcome?: string | null;
}

export interface AuditEventRecord {
  readonly id: number;
  readonly at: number;
  readonly userId: number | null;
  readonly username: string | null;
  readonly platform: string | null;
  readonly teamId: string | null;
  readonly channelId: string | null;
  readonly channelName: string | null;
  readonly chatUserId: string | null;
  readonly text: string | null;
  readonly decision: string;
  readonly reason: string | null;
  readonly projectPath: string | null;
  readonly pipelineId: number | null;
  readonly jobId: number | null;
  readonly outcome: string | null;
}

export interface AuditFilter {
  readonly userId?: number;
  readonly platform?: string;
  readonly teamId?: string;
  readonly chatUserId?: string;
  readonly projectPath?: string;
  readonly decision?: string;
  readonly jobId?: number;
  /** at >= since */
  readonly since?: number;
  /** at < until */
  readonly until?: number;
  readonly beforeId?: number;
  /** Default 50. */
  readonly limit?: number;
}

export interface ChatAccountKey {
  readonly platform: string;
  /** null matches events recorded without a team. */
  readonly teamId: string | null;
  readonly chatUserId: string;
}

export interface AuditLog {
  append(event: AuditEventInput): Promise<AuditEventRecord>;
  list(filter?: AuditFilter): Promise<readonly AuditEventRecord[]>;
  countByChatUser(account: ChatAccountKey, since: number): Promise<number>;
  setOutcome(id: number, outcome: string): Promise<boolean>;
}
