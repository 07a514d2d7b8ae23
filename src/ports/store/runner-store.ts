/**
 * Runners allowed to take jobs: the embedded one and remote `chatrun runner`
 * processes. Tokens are stored hashed; the caller hashes what the runner
 * sends and looks it up.
 *
 * Contract:
 * - `touchContact` is throttled in the database: it writes only when the
 *   stored contact is older than `minIntervalMs`, so every request of every
 *   runner may call it without turning into a write storm. It answers
 *   whether it wrote.
 * - All methods may run concurrently. `create` with a token hash that
 *   already exists answers `token_taken`.
 */
export interface RunnerRecord {
  readonly id: number;
  readonly name: string;
  readonly tokenHash: string;
  readonly lastContactAt: number | null;
  readonly createdAt: number;
}

export type CreateRunnerResult =
  | { readonly kind: 'created'; readonly runner: RunnerRecord }
  | { readonly kind: 'token_taken' };

export interface RunnerStore {
  create(input: { readonly name: string; readonly tokenHash: string }, now: number): Promise<CreateRunnerResult>;
  getById(id: number): Promise<RunnerRecord | undefined>;
  findByTokenHash(tokenHash: string): Promise<RunnerRecord | undefined>;
  /** Ordered by id. */
  list(): Promise<readonly RunnerRecord[]>;
  touchContact(id: number, now: number, minIntervalMs: number): Promise<boolean>;
  /** Jobs it ran keep their history but lose the runner id (set to null). False when absent. */
  delete(id: number): Promise<boolean>;
}
