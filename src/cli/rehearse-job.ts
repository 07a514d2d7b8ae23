/**
 * The work of `chatrun exec`, apart from argument parsing so tests and
 * benchmarks can call it in-process. Returns the process exit code: the
 * job's exit code, 2 when no job could be selected (the reason goes to
 * stderr), 128 + the signal's number when canceled by SIGINT, SIGTERM or
 * SIGHUP (130 for Ctrl-C, and when `signal` aborts).
 *
 * Decisions (also in docs/cli.md):
 * - A `when: manual` job runs at once: a rehearsal is someone starting it.
 * - Variables are those of a chat pipeline on the directory's current
 *   branch, built by the server's own buildChatJobPayload (no project
 *   variables); CHAT_PLATFORM is `cli`, GITLAB_USER_LOGIN the OS user.
 *   Runner-time variables (CI_BUILDS_DIR, CI_PROJECT_DIR, …) are the
 *   directory's, set by runJob as a runner sets its own.
 * - The caller's environment is passed through (the job runs on the author's
 *   own machine, as their own user), unlike the server's clean environment.
 * - stdout gets the reply text exactly; a newline is added only when stdout
 *   is a terminal, so `$(chatrun exec job)` equals the chat reply.
 */
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import type { CommitInfo } from '../ports/git.js';
import { loadCiConfig } from '../domain/ci-config/load-ci-config.js';
import { extractReplyText } from '../domain/chat-reply/extract-reply-text.js';
import { selectChatJob, type ChatJobSelection } from '../domain/pipeline/select-chat-job.js';
import { buildPipelinePredefinedVariables } from '../domain/pipeline/predefined-variables.js';
import { buildChatJobPayload } from '../app/build-chat-job-payload.js';
import { DirectorySourceTree } from '../adapters/git/directory-source-tree.js';
import { readCommitInfo } from '../adapters/git/commit-info.js';
import { runGit } from '../adapters/git/git-command.js';
import { ShellExecutor } from '../adapters/executor/shell-executor.js';
import { runJob } from '../runner/run-job.js';
import { TraceTerminal } from './trace-terminal.js';

export interface OutputStream {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

export interface RehearsalInput {
  jobName: string;
  input: string;
  channel: string;
  dir: string;
  configPath: string;
  stdout: OutputStream;
  stderr: OutputStream;
  env: NodeJS.ProcessEnv;
  traceLimitBytes?: number;
  /** Aborting cancels the job, as Ctrl-C does. */
  signal?: AbortSignal;
}

const DEFAULT_TIMEOUT_SECONDS = 3600;
const DEFAULT_TRACE_LIMIT = 4 * 1024 * 1024;
const NOT_SELECTED = 2;
const INTERRUPTED = 130;
/**
 * Ctrl-C, `kill` and a closed terminal all cancel the job (its process group is
 * its own, so only chatrun receives them); the exit code is the shell's 128 + N.
 * A second signal gets Node's default and ends chatrun at once.
 */
const CANCELING_SIGNALS = { SIGINT: 130, SIGTERM: 143, SIGHUP: 129 } as const;
type CancelingSignal = keyof typeof CANCELING_SIGNALS;

export async function rehearseJob(input: RehearsalInput): Promise<number> {
  const { stderr } = input;
  const tree = new DirectorySourceTree(input.dir);
  // The git processes run while the config is parsed: neither needs the other.
  const [loaded, { head, branch, who }] = await Promise.all([loadCiConfig({ path: input.configPath, tree }), readCheckoutFacts(input.dir)]);
  if (!loaded.ok) {
    stderr.write(`chatrun: ${input.configPath} is invalid:\n`);
    for (const error of loaded.errors) stderr.write(`  ${error.message}\n`);
    return NOT_SELECTED;
  }
  const { config } = loaded;
  for (const warning of config.warnings) stderr.write(`chatrun: warning: ${warning.path}: ${warning.message}\n`);

  const projectName = basename(input.dir);
  const pipelineFacts = {
    source: 'chat' as const,
    serverUrl: 'http://localhost',
    commit: {
      sha: head?.sha ?? '0'.repeat(40),
      refName: branch,
      message: head?.message ?? '',
      ...(head ? { timestamp: head.timestamp, author: `${head.authorName} <${head.authorEmail}>` } : {}),
    },
    project: { path: `local/${projectName}`, name: projectName, dir: input.dir, url: `file://${input.dir}`, defaultBranch: branch },
    user: who,
    chat: { input: input.input, channel: input.channel, channelId: input.channel, userId: who.login, platform: 'cli' },
  };
  const selection = await selectChatJob(config, input.jobName, {
    ref: branch,
    projectPath: pipelineFacts.project.path,
    predefinedVariables: buildPipelinePredefinedVariables(pipelineFacts),
    tree,
    changedPaths: null,
  });
  if (selection.kind !== 'selected') {
    stderr.write(`chatrun: ${notSelectedReason(input.jobName, selection)}\n`);
    return NOT_SELECTED;
  }
  const { job: selected } = selection;
  const { spec } = selected;
  if (selected.when === 'manual' || selected.when === 'delayed') {
    stderr.write(`chatrun: ${spec.name} is when: ${selected.when}; the server would wait for someone to start it. Running it now.\n`);
  }
  // Built as the server builds a chat job, so variables (runner-time references,
  // `$$`, `expand: false`) come out the same; exec has no project variables.
  const payload = buildChatJobPayload({
    config,
    selected,
    facts: pipelineFacts,
    projectVariables: {},
    jobId: 1,
    pipelineId: 1,
    jobUrl: 'http://localhost/-/jobs/1',
    pipelineUrl: 'http://localhost/-/pipelines/1',
    timeoutSeconds: spec.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
  });
  if (payload.kind === 'circular_reference') {
    stderr.write(`chatrun: ${payload.message}\n`);
    return NOT_SELECTED;
  }
  const { job } = payload;

  const terminal = new TraceTerminal((text) => stderr.write(text), stderr.isTTY === true);
  const chunks: Buffer[] = [];
  const controller = new AbortController();
  let canceledBy: CancelingSignal | undefined;
  const listeners = (Object.keys(CANCELING_SIGNALS) as CancelingSignal[]).map((name) => {
    const listener = (): void => {
      canceledBy ??= name;
      controller.abort();
    };
    process.once(name, listener);
    return { name, listener };
  });
  const onAbort = (): void => controller.abort();
  input.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const outcome = await runJob({
      job,
      workspace: { kind: 'directory', path: input.dir },
      baseEnv: stringEnv(input.env),
      executor: new ShellExecutor(),
      traceLimitBytes: input.traceLimitBytes ?? DEFAULT_TRACE_LIMIT,
      onTrace: (chunk) => {
        chunks.push(chunk);
        terminal.push(chunk);
      },
      signal: controller.signal,
      clock: { now: () => new Date() },
      runnerName: 'chatrun exec',
    });
    terminal.end();
    const reply = extractReplyText(Buffer.concat(chunks));
    if (reply.ok && reply.text !== '') {
      input.stdout.write(input.stdout.isTTY === true && !reply.text.endsWith('\n') ? `${reply.text}\n` : reply.text);
    }
    if (outcome.status === 'success') return 0;
    if (outcome.status === 'canceled') return canceledBy === undefined ? INTERRUPTED : CANCELING_SIGNALS[canceledBy];
    return outcome.exitCode !== null && outcome.exitCode > 0 ? outcome.exitCode : 1;
  } finally {
    for (const { name, listener } of listeners) process.removeListener(name, listener);
    input.signal?.removeEventListener('abort', onAbort);
  }
}

function notSelectedReason(jobName: string, selection: Exclude<ChatJobSelection, { kind: 'selected' }>): string {
  switch (selection.kind) {
    case 'not_found': {
      const hint = selection.suggestions.length > 0 ? ` Did you mean: ${selection.suggestions.join(', ')}?` : '';
      return `there is no job named "${jobName}".${hint}`;
    }
    case 'hidden':
      return `"${jobName}" is a hidden job (its name starts with a dot): a template for other jobs, never run itself.`;
    case 'excluded':
      return `job "${jobName}" cannot run from chat: ${selection.detail}`;
  }
}

interface CheckoutFacts {
  head: CommitInfo | undefined;
  branch: string;
  who: { id: number; login: string; name: string; email: string };
}

/**
 * Three git processes, all at once: each is a few milliseconds of a run that
 * is mostly start-up. `show HEAD` alone resolves HEAD (failing, as wanted,
 * outside a repository or before the first commit), and one `--get-regexp`
 * reads both user settings.
 */
async function readCheckoutFacts(dir: string): Promise<CheckoutFacts> {
  const [head, branch, user] = await Promise.all([readCommitInfo(dir, 'HEAD'), currentBranch(dir), gitUserSettings(dir)]);
  const login = userInfo().username;
  return {
    head: head.ok ? head.value : undefined,
    branch,
    who: { id: userInfo().uid, login, name: user.get('user.name') ?? login, email: user.get('user.email') ?? '' },
  };
}

async function currentBranch(dir: string): Promise<string> {
  const result = await runGit(['-C', dir, 'symbolic-ref', '--short', '-q', 'HEAD']);
  const name = result.ok ? result.stdout.toString('utf8').trim() : '';
  return name === '' ? 'main' : name;
}

/** user.name and user.email as `git config --get` gives them: the last value wins, an empty one counts as unset. */
async function gitUserSettings(dir: string): Promise<Map<string, string>> {
  const settings = new Map<string, string>();
  const result = await runGit(['-C', dir, 'config', '-z', '--get-regexp', '^user\\.(name|email)$']);
  if (!result.ok) return settings;
  for (const entry of result.stdout.toString('utf8').split('\0')) {
    if (entry === '') continue;
    // `-z` ends the key with a newline, or not at all for a key written without `= value`.
    const newline = entry.indexOf('\n');
    const key = newline < 0 ? entry : entry.slice(0, newline);
    const value = newline < 0 ? '' : entry.slice(newline + 1).trim();
    if (value === '') settings.delete(key);
    else settings.set(key, value);
  }
  return settings;
}

function stringEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (value !== undefined) out[key] = value;
  return out;
}
