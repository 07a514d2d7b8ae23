/**
 * The facts a chat pipeline is evaluated with (SPEC sections 3 and 4):
 * source `chat` on the default branch's head commit, the project, the
 * linked user (GITLAB_USER_*) and the chat (CHAT_*). The same facts feed
 * job selection, `help` and the job's variables, so a job's `rules` on
 * `$GITLAB_USER_LOGIN` or `$CHAT_CHANNEL` decide the same way everywhere.
 */
import type { ChatCommandRequest } from '../domain/chat-command/chat-command-request.js';
import type { SourceTree } from '../domain/ci-config/source-tree.js';
import type { ChatPipelineContext } from '../domain/pipeline/select-chat-job.js';
import type { ChatFacts, PipelinePredefinedInput } from '../domain/pipeline/predefined-variables.js';
import { buildPipelinePredefinedVariables } from '../domain/pipeline/predefined-variables.js';
import type { CommitInfo } from '../ports/git.js';
import type { ProjectRecord } from '../ports/store/project-store.js';
import type { UserRecord } from '../ports/store/user-store.js';
import type { AppSettings } from './app-settings.js';
import { projectUrl } from './chatrun-urls.js';

export interface ChatPipelineFactsInput {
  readonly settings: AppSettings;
  readonly project: ProjectRecord;
  readonly branch: string;
  readonly commit: CommitInfo;
  readonly user: UserRecord;
  readonly chat: ChatFacts;
  readonly now: number;
}

/** Where rules see the checkout: the runner decides the real directory when it runs the job. */
export function provisionalProjectDir(projectPath: string): string {
  return `/builds/${projectPath}`;
}

export function chatFactsOf(request: ChatCommandRequest, args: string | null): ChatFacts {
  return {
    input: args ?? '',
    channel: request.channelName,
    channelId: request.channelId,
    userId: request.chatUserId,
    platform: request.platform,
  };
}

export function chatPipelineFacts(input: ChatPipelineFactsInput): PipelinePredefinedInput {
  const { project, commit, user } = input;
  const segments = project.path.split('/');
  return {
    source: 'chat',
    serverUrl: input.settings.externalUrl,
    commit: {
      sha: commit.sha,
      refName: input.branch,
      refKind: 'branch',
      message: commit.message,
      timestamp: commit.timestamp,
      author: `${commit.authorName} <${commit.authorEmail}>`,
    },
    project: {
      path: project.path,
      name: segments[segments.length - 1] ?? project.path,
      dir: provisionalProjectDir(project.path),
      url: projectUrl(input.settings.externalUrl, project.path),
      defaultBranch: input.branch,
      id: project.id,
      configPath: project.ciConfigPath,
    },
    user: { id: user.id, login: user.username, name: user.name, email: user.email },
    chat: input.chat,
    pipelineCreatedAt: new Date(input.now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
  };
}

/** What `selectChatJob` and `listChatRunnableJobs` evaluate against. */
export function chatSelectionContext(
  facts: PipelinePredefinedInput,
  settings: AppSettings,
  tree: SourceTree,
): ChatPipelineContext {
  return {
    ref: facts.commit.refName,
    projectPath: facts.project.path,
    predefinedVariables: buildPipelinePredefinedVariables(facts),
    projectVariables: settings.projectVariables(facts.project.path),
    tree,
    // A chat pipeline has no push, so there is no diff: every `changes` clause holds, as in GitLab.
    changedPaths: null,
  };
}
