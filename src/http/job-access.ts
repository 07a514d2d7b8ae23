/**
 * Which jobs a person may see and act on, GitLab's way: reporters and above
 * see a project's jobs, developers and above may start or cancel them,
 * admins count as owners everywhere. A job the person may not see answers
 * `not_found`, exactly as a job that does not exist, so ids do not reveal
 * other projects' work.
 */
import { effectiveRole } from '../domain/access/access-decision.js';
import { roleAtLeast, type Role } from '../domain/access/role.js';
import type { JobRecord, PipelineRecord } from '../ports/store/pipeline-record.js';
import type { ProjectRecord } from '../ports/store/project-store.js';
import type { Store } from '../ports/store/store.js';
import type { UserRecord } from '../ports/store/user-store.js';

export type JobAccess =
  | {
      readonly kind: 'visible';
      readonly job: JobRecord;
      readonly pipeline: PipelineRecord;
      readonly project: ProjectRecord;
      readonly role: Role;
      /** Developer or above: may play and cancel. */
      readonly canRun: boolean;
    }
  | { readonly kind: 'not_found' };

export async function loadVisibleJob(store: Store, user: UserRecord, jobId: number): Promise<JobAccess> {
  if (!Number.isSafeInteger(jobId) || jobId <= 0) return { kind: 'not_found' };
  const job = await store.pipelines.getJob(jobId);
  if (job === undefined) return { kind: 'not_found' };
  const [project, pipeline] = await Promise.all([store.projects.getById(job.projectId), store.pipelines.getPipeline(job.pipelineId)]);
  if (project === undefined || pipeline === undefined) return { kind: 'not_found' };
  const role = await projectRole(store, user, project.id);
  if (role === undefined || !roleAtLeast(role, 'reporter')) return { kind: 'not_found' };
  return { kind: 'visible', job, pipeline, project, role, canRun: roleAtLeast(role, 'developer') };
}

/** The role that counts for this user on this project (admins: owner), or undefined. */
export async function projectRole(store: Store, user: UserRecord, projectId: number): Promise<Role | undefined> {
  const membership = user.isAdmin ? undefined : await store.memberships.getRole(user.id, projectId);
  return effectiveRole({ username: user.username, admin: user.isAdmin }, membership === undefined ? undefined : { role: membership });
}

/** Parses a route's `:id`; NaN-free. */
export function parseId(value: unknown): number {
  return typeof value === 'string' && /^[1-9][0-9]{0,15}$/.test(value) ? Number(value) : 0;
}
