/**
 * `chatrun lint [FILE]`: validates a CI config the way the server will read
 * it (the same loadCiConfig), prints every error with its GitLab-style path,
 * and, when valid, the jobs chat may run. Exit 1 on errors.
 */
import type { Command } from 'commander';
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { DirectorySourceTree } from '../adapters/git/directory-source-tree.js';
import { loadCiConfig } from '../domain/ci-config/load-ci-config.js';
import { listChatRunnableJobs } from '../domain/pipeline/list-chat-runnable-jobs.js';
import { buildPipelinePredefinedVariables } from '../domain/pipeline/predefined-variables.js';
import type { OutputStream } from './rehearse-job.js';

export function registerLintCommand(program: Command): void {
  program
    .command('lint')
    .description('validate a CI config and list the jobs chat may run')
    .argument('[file]', 'the CI config', '.gitlab-ci.yml')
    .action(async (file: string) => {
      process.exitCode = await lintFile(resolve(file), process.stdout, process.stderr);
    });
}

/**
 * Includes are resolved relative to the file's directory, which is taken as
 * the repository root (as for a `.gitlab-ci.yml` at the top of a project).
 */
export async function lintFile(file: string, stdout: OutputStream, stderr: OutputStream): Promise<number> {
  // The loader would call a missing file "empty" (GitLab's words for a project without a
  // config); on the command line the user named a path, so say what is wrong with it.
  const unreadable = await unreadableReason(file);
  if (unreadable !== undefined) {
    stderr.write(`chatrun: cannot lint ${file}: ${unreadable}\n`);
    return 1;
  }
  const root = dirname(file);
  const tree = new DirectorySourceTree(root);
  const loaded = await loadCiConfig({ path: basename(file), tree });
  if (!loaded.ok) {
    stderr.write(`${file} is invalid (${loaded.errors.length} error${loaded.errors.length === 1 ? '' : 's'}):\n`);
    for (const error of loaded.errors) stderr.write(`  ${error.message}\n`);
    return 1;
  }
  const { config } = loaded;
  stdout.write(`${file} is valid: ${config.jobs.size} job${config.jobs.size === 1 ? '' : 's'}.\n`);
  for (const warning of config.warnings) stdout.write(`warning: ${warning.path}: ${warning.message}\n`);
  const facts = {
    source: 'chat' as const,
    serverUrl: 'http://localhost',
    commit: { sha: '0'.repeat(40), refName: 'main' },
    project: { path: 'local/project', name: 'project', dir: root, url: 'http://localhost/local/project', defaultBranch: 'main' },
  };
  const runnable = await listChatRunnableJobs(config, {
    ref: 'main',
    projectPath: facts.project.path,
    predefinedVariables: buildPipelinePredefinedVariables(facts),
    tree,
    changedPaths: null,
  });
  if (runnable.length === 0) {
    stdout.write('No job can run from chat.\n');
    return 0;
  }
  stdout.write('Jobs chat may run:\n');
  for (const job of runnable) {
    const firstLine = job.description?.split('\n', 1)[0];
    stdout.write(`  ${job.name}${firstLine ? ` - ${firstLine}` : ''}\n`);
  }
  return 0;
}

async function unreadableReason(file: string): Promise<string | undefined> {
  try {
    const found = await stat(file);
    return found.isFile() ? undefined : 'not a file';
  } catch (error) {
    const code = error instanceof Error && 'code' in error ? error.code : undefined;
    return code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(error);
  }
}
