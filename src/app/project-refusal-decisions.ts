/**
 * The refusals every command about a project shares (help, run): the
 * project is unknown to this user (or does not exist: the same answer), its
 * repository cannot be read, or its CI config is invalid. Each says so to
 * the sender and keeps the real reason for the audit log.
 */
import type { ConfigError } from '../domain/ci-config/job-spec.js';
import { composeConfigInvalidMessage, composeUnknownProjectMessage } from '../domain/chat-reply/compose-refusal-messages.js';
import type { GitError } from '../ports/git.js';
import type { ProjectRecord } from '../ports/store/project-store.js';
import type { UserRecord } from '../ports/store/user-store.js';
import type { CommandDecision } from './command-decision.js';
import { composeRepositoryUnavailableMessage } from './compose-command-notices.js';
import { describeGitError } from './describe-git-error.js';

export function refuseUnknownProject(input: { readonly projectPath: string; readonly commandName: string; readonly user: UserRecord }): CommandDecision {
  const { projectPath, commandName, user } = input;
  return { message: composeUnknownProjectMessage({ projectPath, commandName }), outcome: 'refused_unknown_project', projectPath, user };
}

export function refuseUnreadableRepository(project: ProjectRecord, user: UserRecord, error: GitError): CommandDecision {
  return {
    projectPath: project.path,
    user,
    message: composeRepositoryUnavailableMessage({ projectPath: project.path }),
    outcome: 'repository_unavailable',
    reason: describeGitError(error),
  };
}

export function refuseInvalidConfig(project: ProjectRecord, user: UserRecord, errors: readonly ConfigError[]): CommandDecision {
  return {
    projectPath: project.path,
    user,
    message: composeConfigInvalidMessage({ projectPath: project.path, configPath: project.ciConfigPath, errors }),
    outcome: 'refused_invalid_config',
    reason: errors[0]?.message ?? 'invalid config',
  };
}
