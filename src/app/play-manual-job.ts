/**
 * Starts a `when: manual` job (chat `play N`, the web console's play
 * button): moves it from `manual` to `pending`, so a runner takes it, and
 * its pipeline with it. Needs the developer role or above on the job's
 * project (admins count as owners).
 *
 * A user who cannot see the job's project (not a member, not an admin), or
 * who named another project than the job's, gets `not_found`, the same as
 * for a job that does not exist: job ids are sequential, so anything else
 * would reveal projects one by one.
 *
 * Idempotency: the move is a compare-and-set, so of two concurrent plays
 * exactly one answers `started`; the other answers `not_manual` with the job
 * as it is now. This use case does not audit: callers record the action
 * (handleChatCommand for chat, the web layer for the console).
 */
import { decideRunAccess } from '../domain/access/access-decision.js';
import type { Role } from '../domain/access/role.js';
import type { Clock } from '../ports/clock.js';
import type { JobRecord } from '../ports/store/pipeline-record.js';
import type { ProjectRecord } from '../ports/store/project-store.js';
import type { Store } from '../ports/store/store.js';

export type PlayManualJobResult =
  | { readonly kind: 'started'; readonly job: JobRecord; readonly project: ProjectRecord }
  | { readonly kind: 'not_found' }
  /** Not waiting in `manual` (already started, finished, canceled, or never manual). */
  | { readonly kind: 'not_manual'; readonly job: JobRecord; readonly project: ProjectRecord }
  /** A member below developer. */
  | { readonly kind: 'forbidden'; readonly project: ProjectRecord; readonly role: Role; readonly needed: Role };

export async function playManualJob(
  deps: { readonly store: Store; readonly clock: Clock },
  input: {
    readonly jobId: number;
    readonly userId: number;
    /** When the command named a project, the job must be in it. */
    readonly projectPath?: string;
  },
): Promise<PlayManualJobResult> {
  const { store } = deps;
  const [job, user] = await Promise.all([store.pipelines.getJob(input.jobId), store.users.getById(input.userId)]);
  if (job === undefined || user === undefined) return { kind: 'not_found' };
  const project = await store.projects.getById(job.projectId);
  if (project === undefined) return { kind: 'not_found' };
  if (input.projectPath !== undefined && input.projectPath !== project.path) return { kind: 'not_found' };
  const role = await store.memberships.getRole(user.id, project.id);
  const access = decideRunAccess({
    user: { username: user.username, admin: user.isAdmin },
    membership: role === undefined ? undefined : { role },
    projectPath: project.path,
  });
  if (!access.allowed) {
    if (access.actual === undefined) return { kind: 'not_found' };
    return { kind: 'forbidden', project, role: access.actual, needed: access.needed };
  }
  if (job.status !== 'manual') return { kind: 'not_manual', job, project };
  const moved = await store.pipelines.transitionJob(job.id, ['manual'], 'pending', {
    at: deps.clock.now(),
    pipelineStatus: 'pending',
  });
  switch (moved.kind) {
    case 'applied':
      return { kind: 'started', job: moved.job, project };
    case 'conflict':
      return { kind: 'not_manual', job: moved.job, project };
    case 'not_found':
      return { kind: 'not_found' };
  }
}
