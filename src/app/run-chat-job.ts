/**
 * `[PROJECT] run JOB [ARGS]` once the user is known and within the rate:
 * which project, may they run jobs there, the config at the default
 * branch's head, the job chat would select, and then the pipeline (SPEC
 * sections 2–4). Every way it can end is a CommandDecision naming its real
 * reason.
 *
 * `claimDirect` comes from the answer deadline: it is asked just before the
 * job is queued, and when the sender was already told "working on it" the
 * acknowledgement goes to the reply outbox there, ahead of anything the
 * running job will post.
 */
import { decideRunAccess } from '../domain/access/access-decision.js';
import type { ChatCommandRequest } from '../domain/chat-command/chat-command-request.js';
import { composeAcceptedMessage } from '../domain/chat-reply/compose-accepted-message.js';
import {
  composeCannotRunFromChatMessage,
  composeJobNotFoundMessage,
  composeNotAllowedMessage,
} from '../domain/chat-reply/compose-refusal-messages.js';
import { selectChatJob } from '../domain/pipeline/select-chat-job.js';
import type { UserRecord } from '../ports/store/user-store.js';
import { chatFactsOf, chatPipelineFacts, chatSelectionContext } from './chat-pipeline-facts.js';
import { jobUrl } from './chatrun-urls.js';
import type { CommandDecision } from './command-decision.js';
import { composeProjectRequiredMessage } from './compose-command-notices.js';
import { createChatPipeline } from './create-chat-pipeline.js';
import { enqueueCommandAnswer } from './enqueue-command-answer.js';
import type { RunnableJobsDeps } from './list-runnable-jobs-for-user.js';
import { accessUser } from './list-runnable-jobs-for-user.js';
import { refuseInvalidConfig, refuseUnknownProject, refuseUnreadableRepository } from './project-refusal-decisions.js';
import { readProjectConfig } from './read-project-config.js';
import { resolveCommandProject } from './resolve-command-project.js';

export interface RunChatJobInput {
  readonly request: ChatCommandRequest;
  readonly user: UserRecord;
  readonly command: { readonly project?: string; readonly job: string; readonly args: string | null };
  readonly receivedAt: number;
  readonly claimDirect: () => boolean;
}

const HIDDEN_DETAIL = 'it is a hidden job (its name starts with a dot), a template for other jobs that never runs itself';

export async function runChatJob(deps: RunnableJobsDeps, input: RunChatJobInput): Promise<CommandDecision> {
  const { request, user, command } = input;
  const { settings } = deps;
  const commandName = settings.commandNames[request.platform];
  const resolution = await resolveCommandProject(deps, { named: command.project, request, user });
  if (resolution.kind === 'unknown') return refuseUnknownProject({ projectPath: resolution.projectPath, commandName, user });
  if (resolution.kind === 'required') {
    return { message: composeProjectRequiredMessage({ commandName, projects: resolution.visible }), outcome: 'project_required', user };
  }
  const { project, role } = resolution;
  const where = { projectPath: project.path, user };
  const access = decideRunAccess({ user: accessUser(user), membership: role === undefined ? undefined : { role }, projectPath: project.path });
  if (!access.allowed) {
    return {
      ...where,
      message: composeNotAllowedMessage({ projectPath: project.path, requiredRole: access.needed, userRole: access.actual ?? null }),
      outcome: 'refused_forbidden',
      reason: `${access.reason}: needs ${access.needed}, has ${access.actual ?? 'no role'}`,
    };
  }

  const read = await readProjectConfig(deps, project);
  if (read.kind === 'unreadable') return refuseUnreadableRepository(project, user, read.error);
  if (read.kind === 'invalid') return refuseInvalidConfig(project, user, read.errors);
  const facts = chatPipelineFacts({
    settings,
    project,
    branch: read.branch,
    commit: read.commit,
    user,
    chat: chatFactsOf(request, command.args),
    now: input.receivedAt,
  });
  const selection = await selectChatJob(read.config, command.job, chatSelectionContext(facts, settings, read.tree));
  switch (selection.kind) {
    case 'not_found':
      return {
        ...where,
        message: composeJobNotFoundMessage({ projectPath: project.path, jobName: command.job, suggestions: selection.suggestions, commandName }),
        outcome: 'refused_job_not_found',
        reason: `no job ${command.job}`,
      };
    case 'hidden':
    case 'excluded': {
      const detail = selection.kind === 'hidden' ? HIDDEN_DETAIL : selection.detail;
      return {
        ...where,
        message: composeCannotRunFromChatMessage({ projectPath: project.path, jobName: command.job, detail }),
        outcome: 'refused_job_excluded',
        reason: detail,
      };
    }
    case 'selected':
      break;
  }
  const selected = selection.job;

  let answeredViaOutbox = false;
  const accepted = (jobId: number, manual: boolean) => {
    const logUrl = jobUrl(settings.externalUrl, project.path, jobId);
    const mention = { chatUserId: request.chatUserId, chatUserName: request.chatUserName };
    return composeAcceptedMessage({ user: mention, jobName: selected.spec.name, jobId, logUrl, manual, commandName });
  };
  const created = await createChatPipeline(deps, {
    request,
    project,
    user,
    branch: read.branch,
    commit: read.commit,
    config: read.config,
    selected,
    facts,
    beforeQueue: async ({ pipeline, job, manual }) => {
      if (input.claimDirect()) return;
      answeredViaOutbox = true;
      const message = accepted(job.id, manual);
      const now = deps.clock.now();
      await enqueueCommandAnswer(deps.store, { request, message, receivedAt: input.receivedAt, now, pipelineId: pipeline.id, jobId: job.id });
    },
  });
  if (created.kind === 'circular_reference') {
    return refuseInvalidConfig(project, user, [{ path: `jobs:${command.job}:variables`, message: created.message }]);
  }
  const ids = { pipelineId: created.pipeline.id, jobId: created.job.id };
  if (created.kind === 'canceled') {
    return { ...where, ...ids, answeredViaOutbox, message: accepted(created.job.id, false), outcome: 'accepted', reason: 'canceled before it was queued' };
  }
  return { ...where, ...ids, answeredViaOutbox, message: accepted(created.job.id, created.manual), outcome: 'accepted' };
}
