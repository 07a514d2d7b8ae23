/**
 * `[PROJECT] play N` from chat: starts the manual job N through
 * playManualJob and says so in the channel, or says why not, to the sender
 * only. The job's result is posted where its pipeline's chat context says
 * (the channel of the `run` that created it).
 */
import type { ChatCommandRequest } from '../domain/chat-command/chat-command-request.js';
import { composeNotAllowedMessage } from '../domain/chat-reply/compose-refusal-messages.js';
import type { Clock } from '../ports/clock.js';
import type { Store } from '../ports/store/store.js';
import type { UserRecord } from '../ports/store/user-store.js';
import type { AppSettings } from './app-settings.js';
import { jobUrl } from './chatrun-urls.js';
import type { CommandDecision } from './command-decision.js';
import { composePlayJobNotFoundMessage, composePlayNotManualMessage, composePlayStartedMessage } from './compose-command-notices.js';
import { playManualJob } from './play-manual-job.js';

export async function answerChatPlay(
  deps: { readonly store: Store; readonly clock: Clock; readonly settings: AppSettings },
  input: {
    readonly request: ChatCommandRequest;
    readonly user: UserRecord;
    readonly command: { readonly project?: string; readonly jobId: number };
  },
): Promise<CommandDecision> {
  const { request, user, command } = input;
  const played = await playManualJob(deps, {
    jobId: command.jobId,
    userId: user.id,
    ...(command.project === undefined ? {} : { projectPath: command.project }),
  });
  switch (played.kind) {
    case 'not_found':
      return { message: composePlayJobNotFoundMessage({ jobId: command.jobId }), outcome: 'refused_job_not_found', user, reason: `no job #${command.jobId} to start` };
    case 'forbidden':
      return {
        message: composeNotAllowedMessage({ projectPath: played.project.path, requiredRole: played.needed, userRole: played.role }),
        outcome: 'refused_forbidden',
        projectPath: played.project.path,
        jobId: command.jobId,
        user,
        reason: `role_too_low: needs ${played.needed}, has ${played.role}`,
      };
    case 'not_manual': {
      const { job, project } = played;
      const logUrl = jobUrl(deps.settings.externalUrl, project.path, job.id);
      return {
        message: composePlayNotManualMessage({ jobId: job.id, jobName: job.name, status: job.status, logUrl }),
        outcome: 'refused_not_manual',
        projectPath: project.path,
        pipelineId: job.pipelineId,
        jobId: job.id,
        user,
        reason: `job is ${job.status}`,
      };
    }
    case 'started': {
      const { job, project } = played;
      const logUrl = jobUrl(deps.settings.externalUrl, project.path, job.id);
      const mention = { chatUserId: request.chatUserId, chatUserName: request.chatUserName };
      return {
        message: composePlayStartedMessage({ user: mention, jobName: job.name, jobId: job.id, logUrl }),
        outcome: 'accepted',
        projectPath: project.path,
        pipelineId: job.pipelineId,
        jobId: job.id,
        user,
        reason: 'played a manual job',
      };
    }
  }
}
