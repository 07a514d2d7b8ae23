/**
 * Who may do what on a project. The rule is GitLab's: a linked user who is a
 * member with a role at or above the one the action needs. Admins count as
 * owners of every project, member or not, so an instance admin is never
 * locked out of a project by a missing membership row.
 *
 * Per-job narrowing (only some people or channels may run `deploy`) is not
 * decided here: jobs express it with their own `rules:` on
 * `$GITLAB_USER_LOGIN` / `$CHAT_CHANNEL`, evaluated with the pipeline.
 */
import { roleAtLeast, type Role } from './role.js';

/** The chatrun user behind a request; `undefined` when the chat identity is not linked. */
export interface AccessUser {
  readonly username: string;
  readonly admin: boolean;
}

export interface AccessRequest {
  readonly user: AccessUser | undefined;
  /** The user's membership of the project, if any. */
  readonly membership: { readonly role: Role } | undefined;
  readonly projectPath: string;
}

export type AccessRefusalReason = 'not_linked' | 'not_member' | 'role_too_low';

export type AccessDecision<Needed extends Role = Role> =
  | { readonly allowed: true; readonly role: Role }
  | {
      readonly allowed: false;
      readonly reason: AccessRefusalReason;
      readonly projectPath: string;
      readonly needed: Needed;
      /** The role the user has, when they have one. */
      readonly actual?: Role;
    };

/** The role that counts for access: admins are owners everywhere. */
export function effectiveRole(user: AccessUser, membership: { readonly role: Role } | undefined): Role | undefined {
  if (user.admin) return 'owner';
  return membership?.role;
}

export function decideProjectAccess<Needed extends Role>(request: AccessRequest, needed: Needed): AccessDecision<Needed> {
  const { user, membership, projectPath } = request;
  if (user === undefined) return { allowed: false, reason: 'not_linked', projectPath, needed };
  const role = effectiveRole(user, membership);
  if (role === undefined) return { allowed: false, reason: 'not_member', projectPath, needed };
  if (!roleAtLeast(role, needed)) return { allowed: false, reason: 'role_too_low', projectPath, needed, actual: role };
  return { allowed: true, role };
}

/**
 * May this user run a job (or start a manual one) on the project?
 * Developer or above, as in GitLab (SPEC section 2).
 */
export function decideRunAccess(request: AccessRequest): AccessDecision<'developer'> {
  return decideProjectAccess(request, 'developer');
}
