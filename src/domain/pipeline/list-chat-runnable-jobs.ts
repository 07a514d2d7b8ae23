/**
 * The jobs chat `help` may offer: every visible job that `selectChatJob`
 * would select, in document order, with its description (the comment above
 * its key). A name holding whitespace is left out: the `run` grammar ends
 * the job name at the first whitespace, so such a job can never be typed.
 * Empty when `workflow:rules` refuse chat pipelines.
 */
import type { CiConfig, JobSpec } from '../ci-config/job-spec.js';
import { chatPipelineContext, evaluateChatJob } from './chat-job-evaluation.js';
import type { ChatPipelineContext, ChatWhen } from './chat-job-evaluation.js';
import { lazyFileList } from './path-clauses.js';
import { evaluateWorkflow } from './workflow-rules.js';

export interface ChatRunnableJob {
  readonly name: string;
  readonly description?: string;
  readonly stage: string;
  /** `manual` jobs wait to be started after `run`; `delayed` ones start after `startIn`. */
  readonly when: ChatWhen;
  readonly startIn?: string;
}

export async function listChatRunnableJobs(config: CiConfig, context: ChatPipelineContext): Promise<ChatRunnableJob[]> {
  const chat = chatPipelineContext(context);
  const files = lazyFileList(chat.tree);
  const workflow = await evaluateWorkflow(config, chat, files);
  if (workflow.kind === 'filtered') return [];
  const runnable: ChatRunnableJob[] = [];
  for (const spec of config.jobs.values()) {
    if (!isTypeable(spec.name)) continue;
    const verdict = await evaluateChatJob(config, spec, chat, workflow, files);
    if (verdict.kind === 'selected') runnable.push(describe(spec, verdict.job.when, verdict.job.startIn));
  }
  return runnable;
}

function isTypeable(name: string): boolean {
  return name.length > 0 && !/\s/.test(name);
}

function describe(spec: JobSpec, when: ChatWhen, startIn: string | undefined): ChatRunnableJob {
  return {
    name: spec.name,
    ...(spec.description !== undefined ? { description: spec.description } : {}),
    stage: spec.stage,
    when,
    ...(startIn !== undefined ? { startIn } : {}),
  };
}
