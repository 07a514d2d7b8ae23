/**
 * `chatrun exec JOB`: the rehearsal a job author runs before pushing. The
 * config is read from the directory as it is on disk, the job is selected
 * exactly as a chat pipeline selects it, and it runs through the same
 * runJob as the server's runner. The trace goes to stderr while it runs;
 * stdout gets exactly the chat reply text, so `$(chatrun exec job)` is what
 * the channel would see.
 */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { rehearseJob } from './rehearse-job.js';

interface ExecOptions {
  input?: string;
  channel: string;
  dir: string;
  file: string;
  timeout?: string;
}

export function registerExecCommand(program: Command): void {
  program
    .command('exec')
    .description('run a job from the working directory as a chat command would, and print its chat reply')
    .argument('<job>', 'the job name, as in `/chatrun run JOB`')
    .option('--input <text>', 'the arguments after the job name (CHAT_INPUT)')
    .option('--channel <name>', 'the channel name (CHAT_CHANNEL)', 'exec')
    .option('--dir <path>', 'the project directory', '.')
    .option('--file <path>', 'the CI config file, relative to --dir', '.gitlab-ci.yml')
    .action(async (job: string, options: ExecOptions) => {
      const code = await rehearseJob({
        jobName: job,
        input: options.input ?? '',
        channel: options.channel,
        dir: resolve(options.dir),
        configPath: options.file,
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
      });
      process.exitCode = code;
    });
}
