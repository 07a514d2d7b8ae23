/**
 * `run JOB` from chat: which job the chat pipeline will hold, or exactly why
 * there is none (SPEC §2–3). GitLab's order: keep only the job whose name
 * equals JOB (exact, case-sensitive; every other job, `.pre`/`.post` too, is
 * dropped), then `workflow:rules`, then the job's `rules` or
 * `only`/`except`, all with CI_PIPELINE_SOURCE=chat on the given (default)
 * branch. GitLab answers every refusal with one vague sentence; each outcome
 * here names its cause, and a missing job comes with the closest names chat
 * could run.
 *
 * Async only because `rules:exists` may list the commit's files. Never
 * throws for any job name; an error reading the tree propagates.
 */
import type { CiConfig } from '../ci-config/job-spec.js';
import { chatPipelineContext, evaluateChatJob } from './chat-job-evaluation.js';
import type { ChatExclusionCause, ChatPipelineContext, SelectedJob } from './chat-job-evaluation.js';
import { suggestJobNames } from './job-name-suggestions.js';
import { listChatRunnableJobs } from './list-chat-runnable-jobs.js';
import { lazyFileList } from './path-clauses.js';
import { evaluateWorkflow } from './workflow-rules.js';

export type { ChatExclusionCause, ChatPipelineContext, ChatWhen, SelectedJob } from './chat-job-evaluation.js';

export type ChatJobSelection =
  | { readonly kind: 'selected'; readonly job: SelectedJob }
  /** No visible job has that name; up to 3 chat-runnable names close to it. */
  | { readonly kind: 'not_found'; readonly suggestions: readonly string[] }
  /** The name is a hidden job (`.name`): a template, never a job. */
  | { readonly kind: 'hidden' }
  | { readonly kind: 'excluded'; readonly by: ChatExclusionCause; readonly detail: string };

export async function selectChatJob(config: CiConfig, jobName: string, context: ChatPipelineContext): Promise<ChatJobSelection> {
  const spec = config.jobs.get(jobName);
  if (spec === undefined) {
    if (config.hiddenJobs.includes(jobName)) return { kind: 'hidden' };
    const runnable = await listChatRunnableJobs(config, context);
    return { kind: 'not_found', suggestions: suggestJobNames(jobName, runnable.map((job) => job.name)) };
  }
  const chat = chatPipelineContext(context);
  const files = lazyFileList(chat.tree);
  const workflow = await evaluateWorkflow(config, chat, files);
  if (workflow.kind === 'filtered') return { kind: 'excluded', by: 'workflow', detail: workflow.detail };
  return evaluateChatJob(config, spec, chat, workflow, files);
}
