/**
 * The predefined variables chatrun gives a job (SPEC §4), built from typed
 * facts so the server and `chatrun exec` produce the same set. Names and
 * meanings are GitLab's (research ci-yaml.md §8.1–8.2); chatrun only sets the
 * ones it can fill truthfully (no CI_API_V4_URL, no CI_JOB_TOKEN).
 *
 * `buildPipelinePredefinedVariables` is what exists before a job does (for
 * rules: no CI_JOB_*, no ids); `buildPredefinedVariables` adds the job.
 */
import type { PipelineSource, RefKind } from './pipeline-context.js';
import { slugify } from './slugify.js';

export interface CommitFacts {
  readonly sha: string;
  /** Branch or tag name. */
  readonly refName: string;
  /** Default `branch` (chat pipelines always are). */
  readonly refKind?: RefKind;
  readonly message?: string;
  /** ISO 8601, e.g. `2026-01-02T03:04:05+00:00`. */
  readonly timestamp?: string;
  /** `Name <email>`. */
  readonly author?: string;
  /** The previous head for push pipelines; forty zeros otherwise. */
  readonly beforeSha?: string;
}

export interface ProjectFacts {
  /** `group/project`. */
  readonly path: string;
  /** The last path segment, as a directory name. */
  readonly name: string;
  /** Where the job's checkout is (CI_PROJECT_DIR). */
  readonly dir: string;
  readonly url: string;
  readonly defaultBranch: string;
  readonly id?: number | string;
  readonly title?: string;
  readonly configPath?: string;
}

export interface UserFacts {
  readonly id: number | string;
  readonly login: string;
  readonly name: string;
  readonly email: string;
}

export interface ChatFacts {
  /** ARGS verbatim; empty when there were none. */
  readonly input: string;
  /** The channel's name. */
  readonly channel: string;
  readonly channelId: string;
  readonly userId: string;
  /** `slack`, `mattermost`, `web`, … */
  readonly platform: string;
}

export interface PipelinePredefinedInput {
  readonly source: PipelineSource;
  readonly serverUrl: string;
  readonly commit: CommitFacts;
  readonly project: ProjectFacts;
  readonly user?: UserFacts;
  readonly chat?: ChatFacts;
  /** ISO 8601 creation time, when known. */
  readonly pipelineCreatedAt?: string;
  readonly pipelineName?: string;
}

export interface PredefinedVariablesInput extends PipelinePredefinedInput {
  readonly jobId: number | string;
  readonly jobName: string;
  readonly stage: string;
  readonly jobUrl: string;
  readonly pipelineId: number | string;
  readonly pipelineUrl: string;
  /** True for `manual`/`delayed` jobs (CI_JOB_MANUAL). */
  readonly jobManual?: boolean;
  readonly jobTimeoutSeconds?: number;
}

const NO_COMMIT = '0000000000000000000000000000000000000000';
/** GitLab shows a first line this long in full as the description too. */
const LONG_TITLE = 100;

export function buildPipelinePredefinedVariables(input: PipelinePredefinedInput): Record<string, string> {
  const { commit, project } = input;
  const refKind = commit.refKind ?? 'branch';
  const message = commit.message ?? '';
  const title = message.split('\n', 1)[0] ?? '';
  const entries: [string, string | undefined][] = [
    ['CI', 'true'],
    ['GITLAB_CI', 'true'],
    ['CI_SERVER', 'yes'],
    ...serverEntries(input.serverUrl),
    ['CI_PROJECT_ID', optional(project.id)],
    ['CI_PROJECT_NAME', project.name],
    ['CI_PROJECT_TITLE', project.title ?? project.name],
    ['CI_PROJECT_PATH', project.path],
    ['CI_PROJECT_PATH_SLUG', slugify(project.path)],
    ['CI_PROJECT_NAMESPACE', namespaceOf(project.path)],
    ['CI_PROJECT_ROOT_NAMESPACE', project.path.split('/', 1)[0]],
    ['CI_PROJECT_URL', project.url],
    ['CI_PROJECT_DIR', project.dir],
    ['CI_DEFAULT_BRANCH', project.defaultBranch],
    ['CI_CONFIG_PATH', project.configPath ?? '.gitlab-ci.yml'],
    ['CI_PIPELINE_SOURCE', input.source],
    ['CI_PIPELINE_CREATED_AT', input.pipelineCreatedAt],
    ['CI_PIPELINE_NAME', input.pipelineName],
    ['CI_COMMIT_SHA', commit.sha],
    ['CI_COMMIT_SHORT_SHA', commit.sha.slice(0, 8)],
    ['CI_COMMIT_BEFORE_SHA', commit.beforeSha ?? NO_COMMIT],
    ['CI_COMMIT_REF_NAME', commit.refName],
    ['CI_COMMIT_REF_SLUG', slugify(commit.refName)],
    ['CI_COMMIT_BRANCH', refKind === 'branch' ? commit.refName : undefined],
    ['CI_COMMIT_TAG', refKind === 'tag' ? commit.refName : undefined],
    ['CI_COMMIT_MESSAGE', message],
    ['CI_COMMIT_TITLE', title],
    ['CI_COMMIT_DESCRIPTION', commitDescription(message, title)],
    ['CI_COMMIT_TIMESTAMP', commit.timestamp],
    ['CI_COMMIT_AUTHOR', commit.author],
    ['GITLAB_USER_ID', optional(input.user?.id)],
    ['GITLAB_USER_LOGIN', input.user?.login],
    ['GITLAB_USER_NAME', input.user?.name],
    ['GITLAB_USER_EMAIL', input.user?.email],
    ['CHAT_INPUT', input.chat?.input],
    ['CHAT_CHANNEL', input.chat?.channel],
    ['CHAT_CHANNEL_ID', input.chat?.channelId],
    ['CHAT_USER_ID', input.chat?.userId],
    ['CHAT_PLATFORM', input.chat?.platform],
  ];
  return defined(entries);
}

export function buildPredefinedVariables(input: PredefinedVariablesInput): Record<string, string> {
  return {
    ...buildPipelinePredefinedVariables(input),
    ...defined([
      ['CI_PIPELINE_ID', String(input.pipelineId)],
      ['CI_PIPELINE_URL', input.pipelineUrl],
      ['CI_JOB_ID', String(input.jobId)],
      ['CI_JOB_NAME', input.jobName],
      ['CI_JOB_NAME_SLUG', slugify(input.jobName)],
      ['CI_JOB_STAGE', input.stage],
      ['CI_JOB_URL', input.jobUrl],
      ['CI_JOB_MANUAL', input.jobManual === true ? 'true' : undefined],
      ['CI_JOB_TIMEOUT', optional(input.jobTimeoutSeconds)],
    ]),
  };
}

function serverEntries(serverUrl: string): [string, string | undefined][] {
  const url = URL.canParse(serverUrl) ? new URL(serverUrl) : undefined;
  const protocol = url?.protocol.replace(/:$/, '');
  const port = url === undefined ? undefined : url.port !== '' ? url.port : protocol === 'https' ? '443' : '80';
  return [
    ['CI_SERVER_URL', serverUrl.replace(/\/+$/, '')],
    ['CI_SERVER_HOST', url?.hostname],
    ['CI_SERVER_PORT', port],
    ['CI_SERVER_PROTOCOL', protocol],
  ];
}

function namespaceOf(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? '' : path.slice(0, slash);
}

/** GitLab's Commit#description: the lines after the title, or all of it when the title is long. */
function commitDescription(message: string, title: string): string {
  if (title.length >= LONG_TITLE) return message;
  const newline = message.indexOf('\n');
  return newline < 0 ? '' : message.slice(newline + 1).replace(/\n$/, '');
}

function optional(value: number | string | undefined): string | undefined {
  return value === undefined ? undefined : String(value);
}

function defined(entries: readonly [string, string | undefined][]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of entries) if (value !== undefined) out[name] = value;
  return out;
}
