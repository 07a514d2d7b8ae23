/**
 * Who may do what in a project: (user, project, role), one row per pair.
 *
 * Contract:
 * - Roles are GitLab's, in rising order; comparing them ("developer or
 *   above") is the caller's business — MEMBER_ROLES is ordered for that.
 * - `setRole` is an idempotent upsert; `remove` of an absent pair is a no-op
 *   answering false. All methods may run concurrently.
 * - A rejected promise means the database failed (or the user/project does
 *   not exist: a foreign-key violation, which is a caller bug).
 */
export const MEMBER_ROLES = ['guest', 'reporter', 'developer', 'maintainer', 'owner'] as const;

export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface MemberRecord {
  readonly userId: number;
  readonly projectId: number;
  readonly role: MemberRole;
  readonly createdAt: number;
}

export interface MembershipStore {
  setRole(userId: number, projectId: number, role: MemberRole, now: number): Promise<MemberRecord>;
  remove(userId: number, projectId: number): Promise<boolean>;
  getRole(userId: number, projectId: number): Promise<MemberRole | undefined>;
  /** Ordered by user id. */
  listForProject(projectId: number): Promise<readonly MemberRecord[]>;
  /** Ordered by project id. */
  listForUser(userId: number): Promise<readonly MemberRecord[]>;
}
