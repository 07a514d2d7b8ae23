/**
 * Which project a command is about (SPEC section 2): the PROJECT word when
 * the text has one, else the channel's default project, else the only
 * project when exactly one exists; otherwise the user must name one.
 *
 * What a user may learn about projects they cannot see (not a member, not
 * an admin):
 * - a project they name answers `unknown`, the same as a project that does
 *   not exist (SPEC: the same answer whether hidden or absent);
 * - the channel's default project is no secret in that channel, so it
 *   resolves, and the caller answers "not allowed, you are not a member";
 * - the only project of the server is not revealed to a non-member: they
 *   are asked to name a project, and told they are a member of none.
 */
import type { Role } from '../domain/access/role.js';
import type { ChatCommandRequest } from '../domain/chat-command/chat-command-request.js';
import type { ProjectRecord } from '../ports/store/project-store.js';
import type { Store } from '../ports/store/store.js';
import type { UserRecord } from '../ports/store/user-store.js';
import type { AppSettings } from './app-settings.js';

export type ProjectResolution =
  | {
      readonly kind: 'resolved';
      readonly project: ProjectRecord;
      /** The role that counts (admins are owners); undefined = not a member. */
      readonly role: Role | undefined;
      /** True when commands in this channel must name the project (for help texts). */
      readonly mustName: boolean;
    }
  | { readonly kind: 'unknown'; readonly projectPath: string }
  /** The user must name a project; `visible` are the paths they could name. */
  | { readonly kind: 'required'; readonly visible: readonly string[] };

export interface ProjectQuery {
  readonly named: string | undefined;
  /** Where the command was sent, for the channel's default project. */
  readonly request: Pick<ChatCommandRequest, 'platform' | 'channelId'>;
  readonly user: UserRecord;
}

export async function resolveCommandProject(
  deps: { readonly store: Store; readonly settings: AppSettings },
  query: ProjectQuery,
): Promise<ProjectResolution> {
  const { store, settings } = deps;
  const channelDefault = settings.defaultProjectFor(query.request.platform, query.request.channelId);
  // Admins count as owners everywhere (src/domain/access), member or not.
  const roleIn = async (project: ProjectRecord): Promise<Role | undefined> => {
    if (query.user.isAdmin) return 'owner';
    return store.memberships.getRole(query.user.id, project.id);
  };
  const mustName = async (): Promise<boolean> => channelDefault === undefined && (await store.projects.list()).length > 1;

  if (query.named !== undefined) {
    const project = await store.projects.getByPath(query.named);
    const role = project === undefined ? undefined : await roleIn(project);
    if (project === undefined || role === undefined) return { kind: 'unknown', projectPath: query.named };
    return { kind: 'resolved', project, role, mustName: await mustName() };
  }
  if (channelDefault !== undefined) {
    const project = await store.projects.getByPath(channelDefault);
    if (project === undefined) return { kind: 'unknown', projectPath: channelDefault };
    return { kind: 'resolved', project, role: await roleIn(project), mustName: false };
  }
  const all = await store.projects.list();
  const only = all.length === 1 ? all[0] : undefined;
  if (only !== undefined) {
    const role = await roleIn(only);
    if (role !== undefined) return { kind: 'resolved', project: only, role, mustName: false };
    return { kind: 'required', visible: [] };
  }
  return { kind: 'required', visible: await visibleProjects(store, query.user, all) };
}

async function visibleProjects(store: Store, user: UserRecord, all: readonly ProjectRecord[]): Promise<string[]> {
  if (user.isAdmin) return all.map((project) => project.path);
  const memberOf = new Set((await store.memberships.listForUser(user.id)).map((member) => member.projectId));
  return all.filter((project) => memberOf.has(project.id)).map((project) => project.path);
}
