/**
 * The projects a person works in, with their role: every project for an
 * admin (as owner), else their memberships. Ordered by path.
 */
import type { Role } from '../domain/access/role.js';
import type { ProjectRecord } from '../ports/store/project-store.js';
import type { Store } from '../ports/store/store.js';
import type { UserRecord } from '../ports/store/user-store.js';

export interface UserProject {
  readonly project: ProjectRecord;
  readonly role: Role;
}

export async function userProjects(store: Store, user: UserRecord): Promise<UserProject[]> {
  const projects = await store.projects.list();
  if (user.isAdmin) return projects.map((project) => ({ project, role: 'owner' as const }));
  const memberships = await store.memberships.listForUser(user.id);
  const roles = new Map(memberships.map((m) => [m.projectId, m.role] as const));
  return projects.flatMap((project) => {
    const role = roles.get(project.id);
    return role === undefined ? [] : [{ project, role }];
  });
}
