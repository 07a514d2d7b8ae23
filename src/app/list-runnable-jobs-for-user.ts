/**
 * The jobs a user may run in a project from chat or the web console, with
 * their descriptions: none below the developer role; otherwise every job a
 * chat pipeline on the default branch's head would select for this user in
 * this channel (a job's `rules` may narrow it to some users or channels).
 * Chat `help` and the web console's "run a job" list both come from here.
 */
import type { AccessUser } from '../domain/access/access-decision.js';
import { decideRunAccess } from '../domain/access/access-decision.js';
import type { Role } from '../domain/access/role.js';
import type { ConfigError } from '../domain/ci-config/job-spec.js';
import type { ChatRunnableJob } from '../domain/pipeline/list-chat-runnable-jobs.js';
import { listChatRunnableJobs } from '../domain/pipeline/list-chat-runnable-jobs.js';
import type { ChatFacts } from '../domain/pipeline/predefined-variables.js';
import type { Clock } from '../ports/clock.js';
import type { Git, GitError } from '../ports/git.js';
import type { ProjectRecord } from '../ports/store/project-store.js';
import type { Store } from '../ports/store/store.js';
import type { UserRecord } from '../ports/store/user-store.js';
import type { AppSettings } from './app-settings.js';
import type { CiConfigCache } from './ci-config-cache.js';
import { chatPipelineFacts, chatSelectionContext } from './chat-pipeline-facts.js';
import { readProjectConfig } from './read-project-config.js';

export interface RunnableJobsDeps {
  readonly store: Store;
  readonly git: Git;
  readonly clock: Clock;
  readonly settings: AppSettings;
  readonly configCache: CiConfigCache;
}

export type RunnableJobsInProject =
  | { readonly kind: 'listed'; readonly jobs: readonly ChatRunnableJob[]; readonly sha: string; readonly branch: string }
  /** Below developer (or not a member): nothing to run, so the config is not even read. */
  | { readonly kind: 'not_allowed'; readonly role: Role | undefined }
  | { readonly kind: 'invalid_config'; readonly errors: readonly ConfigError[] }
  | { readonly kind: 'unreadable'; readonly error: GitError };

export type RunnableJobsForUser =
  | (RunnableJobsInProject & { readonly project: ProjectRecord })
  /** No such project, or one the user may not see: the same answer. */
  | { readonly kind: 'unknown_project' };

/** For the web console: the user and project by id and path. */
export async function listRunnableJobsForUser(
  deps: RunnableJobsDeps,
  input: { readonly userId: number; readonly projectPath: string; readonly chat?: ChatFacts },
): Promise<RunnableJobsForUser> {
  const [user, project] = await Promise.all([deps.store.users.getById(input.userId), deps.store.projects.getByPath(input.projectPath)]);
  if (user === undefined || project === undefined) return { kind: 'unknown_project' };
  const role = user.isAdmin ? 'owner' : await deps.store.memberships.getRole(user.id, project.id);
  if (role === undefined) return { kind: 'unknown_project' };
  const chat = input.chat ?? { input: '', channel: 'web', channelId: 'web', userId: String(user.id), platform: 'web' };
  return { ...(await listRunnableJobsIn(deps, { project, user, role, chat })), project };
}

/** For a project already resolved, with the role that counts (admins: owner). */
export async function listRunnableJobsIn(
  deps: RunnableJobsDeps,
  input: { readonly project: ProjectRecord; readonly user: UserRecord; readonly role: Role | undefined; readonly chat: ChatFacts },
): Promise<RunnableJobsInProject> {
  const { project, user, role } = input;
  const access = decideRunAccess({ user: accessUser(user), membership: role === undefined ? undefined : { role }, projectPath: project.path });
  if (!access.allowed) return { kind: 'not_allowed', role };
  const read = await readProjectConfig(deps, project);
  if (read.kind === 'unreadable') return read;
  if (read.kind === 'invalid') return { kind: 'invalid_config', errors: read.errors };
  const facts = chatPipelineFacts({
    settings: deps.settings,
    project,
    branch: read.branch,
    commit: read.commit,
    user,
    chat: input.chat,
    now: deps.clock.now(),
  });
  const jobs = await listChatRunnableJobs(read.config, chatSelectionContext(facts, deps.settings, read.tree));
  return { kind: 'listed', jobs, sha: read.commit.sha, branch: read.branch };
}

export function accessUser(user: UserRecord): AccessUser {
  return { username: user.username, admin: user.isAdmin };
}
