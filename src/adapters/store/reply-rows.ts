import type { Selectable } from 'kysely';
import { REPLY_KINDS, REPLY_STATES } from '../../ports/store/reply-outbox.js';
import type { ReplyKind, ReplyRecord, ReplyState } from '../../ports/store/reply-outbox.js';
import type { RepliesTable } from './database-schema.js';
import { fromJsonObjectText, fromJsonText } from './json-column.js';

const KINDS: ReadonlySet<string> = new Set(REPLY_KINDS);
const STATES: ReadonlySet<string> = new Set(REPLY_STATES);

export function toReplyRecord(row: Selectable<RepliesTable>): ReplyRecord {
  return {
    id: row.id,
    jobId: row.job_id,
    pipelineId: row.pipeline_id,
    kind: KINDS.has(row.kind) ? (row.kind as ReplyKind) : 'notice',
    platform: row.platform,
    target: fromJsonObjectText(row.target),
    body: fromJsonText(row.body),
    dedupeKey: row.dedupe_key,
    // An unknown state is never due: better unsent than sent twice.
    state: STATES.has(row.state) ? (row.state as ReplyState) : 'failed',
    attempts: row.attempts,
    responseUrlPosts: row.response_url_posts,
    nextAttemptAt: row.next_attempt_at,
    expiresAt: row.expires_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    deliveredAt: row.delivered_at,
    lockedUntil: row.locked_until,
    lockedBy: row.locked_by,
  };
}
