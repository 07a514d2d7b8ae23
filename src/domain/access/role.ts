/**
 * Project roles, in GitLab's words and GitLab's order. The order is the
 * whole permission model: a role can do everything the roles before it can.
 */
export const ROLES = ['guest', 'reporter', 'developer', 'maintainer', 'owner'] as const;

export type Role = (typeof ROLES)[number];

export function isRole(text: unknown): text is Role {
  return typeof text === 'string' && (ROLES as readonly string[]).includes(text);
}

export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** True when `role` is `min` or comes after it. */
export function roleAtLeast(role: Role, min: Role): boolean {
  return roleRank(role) >= roleRank(min);
}
