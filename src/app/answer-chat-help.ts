/**
 * `help` (or an empty command): what this user may do here. With a project
 * they may run jobs in, the commands and each job they may run with its
 * description; with a project where their role is below developer, the
 * commands and "no job you may run"; with no project known, the commands
 * alone. A project named in the text that the user cannot see answers like
 * an unknown one; a broken config or repository is said as such, since no
 * list of jobs can be given.
 */
import type { ChatCommandRequest } from '../domain/chat-command/chat-command-request.js';
import { composeHelpMessage } from '../domain/chat-reply/compose-help-message.js';
import type { UserRecord } from '../ports/store/user-store.js';
import { chatFactsOf } from './chat-pipeline-facts.js';
import type { CommandDecision } from './command-decision.js';
import type { RunnableJobsDeps } from './list-runnable-jobs-for-user.js';
import { listRunnableJobsIn } from './list-runnable-jobs-for-user.js';
import { refuseInvalidConfig, refuseUnknownProject, refuseUnreadableRepository } from './project-refusal-decisions.js';
import { resolveCommandProject } from './resolve-command-project.js';

export async function answerChatHelp(
  deps: RunnableJobsDeps,
  input: { readonly request: ChatCommandRequest; readonly user: UserRecord; readonly projectWord: string | undefined },
): Promise<CommandDecision> {
  const { request, user } = input;
  const commandName = deps.settings.commandNames[request.platform];
  const resolution = await resolveCommandProject(deps, { named: input.projectWord, request, user });
  if (resolution.kind === 'unknown') return refuseUnknownProject({ projectPath: resolution.projectPath, commandName, user });
  if (resolution.kind === 'required') {
    return { message: composeHelpMessage({ commandName, jobs: [] }), outcome: 'help', user };
  }
  const { project, role, mustName } = resolution;
  const listed = await listRunnableJobsIn(deps, { project, user, role, chat: chatFactsOf(request, null) });
  const where = { projectPath: project.path, user };
  switch (listed.kind) {
    case 'not_allowed':
      return {
        ...where,
        message: composeHelpMessage({ commandName, projectPath: project.path, projectRequired: mustName, jobs: [] }),
        outcome: 'help',
        reason: role === undefined ? 'not a member: no jobs listed' : `role ${role}: no jobs listed`,
      };
    case 'invalid_config':
      return refuseInvalidConfig(project, user, listed.errors);
    case 'unreadable':
      return refuseUnreadableRepository(project, user, listed.error);
    case 'listed':
      return {
        ...where,
        message: composeHelpMessage({
          commandName,
          projectPath: project.path,
          projectRequired: mustName,
          jobs: listed.jobs.map((job) => ({ name: job.name, ...(job.description === undefined ? {} : { description: job.description }) })),
        }),
        outcome: 'help',
      };
  }
}
