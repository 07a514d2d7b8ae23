/**
 * The CI config a chat command is judged against (SPEC section 3): the one
 * at the head commit of the project's default branch at the moment of the
 * command. The default branch is the project's own setting, else the
 * repository's HEAD. The head is resolved on every command (a push must
 * count at once); that is cheap because the Git adapter reads a local
 * repository's refs from its files and remembers commits, so the steady
 * state starts no git process here. The config of a commit comes from the
 * CiConfigCache.
 */
import type { CiConfig, ConfigError } from '../domain/ci-config/job-spec.js';
import type { SourceTree } from '../domain/ci-config/source-tree.js';
import type { CommitInfo, Git, GitError } from '../ports/git.js';
import type { ProjectRecord } from '../ports/store/project-store.js';
import type { CiConfigCache } from './ci-config-cache.js';

export type ProjectConfigRead =
  | {
      readonly kind: 'read';
      readonly branch: string;
      readonly commit: CommitInfo;
      readonly config: CiConfig;
      readonly tree: SourceTree;
    }
  | { readonly kind: 'invalid'; readonly branch: string; readonly commit: CommitInfo; readonly errors: readonly ConfigError[] }
  | { readonly kind: 'unreadable'; readonly error: GitError };

export async function readProjectConfig(
  deps: { readonly git: Git; readonly configCache: CiConfigCache },
  project: ProjectRecord,
): Promise<ProjectConfigRead> {
  const { git } = deps;
  let branch = project.defaultBranch;
  if (branch === null) {
    const detected = await git.resolveDefaultBranch(project.repository);
    if (!detected.ok) return { kind: 'unreadable', error: detected.error };
    branch = detected.value;
  }
  const commit = await git.resolveCommit(project.repository, branch);
  if (!commit.ok) return { kind: 'unreadable', error: commit.error };
  const loaded = await deps.configCache.read(git, {
    repository: project.repository,
    sha: commit.value.sha,
    ciConfigPath: project.ciConfigPath,
  });
  if (!loaded.ok) return { kind: 'unreadable', error: loaded.error };
  const { result, tree } = loaded.value;
  if (!result.ok) return { kind: 'invalid', branch, commit: commit.value, errors: result.errors };
  return { kind: 'read', branch, commit: commit.value, config: result.config, tree };
}
