import type { Generated } from 'kysely';

// Generated<T> marks columns the database fills when an insert leaves them
// out: auto-numbered ids, and columns with a DEFAULT.

/**
 * The tables as Kysely sees them, column names as in SQL. Portable storage
 * choices: times are integer epoch milliseconds (`bigint`), booleans are
 * integers 0/1, JSON is text, bytes are BLOB/bytea. Kept in step with
 * ./migrations by hand; a contract test exercises every column.
 */

export interface ProjectsTable {
  id: Generated<number>;
  path: string;
  repository: string;
  default_branch: string | null;
  ci_config_path: string;
  settings: string;
  created_at: number;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  name: string;
  email: string;
  is_admin: Generated<number>;
  password_hash: string | null;
  created_at: number;
}

export interface ApiTokensTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: number;
  last_used_at: number | null;
}

export interface MembersTable {
  user_id: number;
  project_id: number;
  role: string;
  created_at: number;
}

export interface ChatIdentitiesTable {
  id: Generated<number>;
  platform: string;
  team_id: string;
  chat_user_id: string;
  chat_user_name: string;
  user_id: number;
  created_at: number;
}

export interface LinkTokensTable {
  token_hash: string;
  platform: string;
  team_id: string;
  chat_user_id: string;
  chat_user_name: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  created_at: number;
  expires_at: number;
}

export interface PipelinesTable {
  id: Generated<number>;
  project_id: number;
  source: string;
  ref: string;
  sha: string;
  user_id: number | null;
  status: string;
  platform: string | null;
  team_id: string | null;
  channel_id: string | null;
  channel_name: string | null;
  chat_user_id: string | null;
  chat_user_name: string | null;
  response_url: string | null;
  thread: string | null;
  command_text: string | null;
  created_at: number;
  finished_at: number | null;
}

export interface JobsTable {
  id: Generated<number>;
  pipeline_id: number;
  project_id: number;
  name: string;
  stage: string;
  status: string;
  failure_reason: string | null;
  when: string;
  allow_failure: Generated<number>;
  timeout_seconds: number;
  payload: string;
  exit_code: number | null;
  runner_id: number | null;
  trace_size: Generated<number>;
  created_at: number;
  queued_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  heartbeat_at: number | null;
  cancel_requested: Generated<number>;
}

export interface TraceChunksTable {
  job_id: number;
  start_offset: number;
  byte_size: number;
  data: Uint8Array;
}

export interface RepliesTable {
  id: Generated<number>;
  job_id: number | null;
  pipeline_id: number | null;
  kind: string;
  platform: string;
  target: string;
  body: string;
  dedupe_key: string;
  state: string;
  attempts: Generated<number>;
  response_url_posts: Generated<number>;
  next_attempt_at: number;
  expires_at: number | null;
  last_error: string | null;
  created_at: number;
  delivered_at: number | null;
  locked_until: number | null;
  locked_by: string | null;
}

export interface AuditEventsTable {
  id: Generated<number>;
  at: number;
  user_id: number | null;
  username: string | null;
  platform: string | null;
  team_id: string | null;
  channel_id: string | null;
  channel_name: string | null;
  chat_user_id: string | null;
  text: string | null;
  decision: string;
  reason: string | null;
  project_path: string | null;
  pipeline_id: number | null;
  job_id: number | null;
  outcome: string | null;
}

export interface CommandReceiptsTable {
  platform: string;
  request_key: string;
  created_at: number;
}

export interface RunnersTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  last_contact_at: number | null;
  created_at: number;
}

export interface Database {
  projects: ProjectsTable;
  users: UsersTable;
  api_tokens: ApiTokensTable;
  members: MembersTable;
  chat_identities: ChatIdentitiesTable;
  link_tokens: LinkTokensTable;
  sessions: SessionsTable;
  pipelines: PipelinesTable;
  jobs: JobsTable;
  trace_chunks: TraceChunksTable;
  replies: RepliesTable;
  audit_events: AuditEventsTable;
  command_receipts: CommandReceiptsTable;
  runners: RunnersTable;
}
