#!/usr/bin/env node
// The `chatrun` command. Each subcommand lives in its own file and is the
// composition root for what it runs.
import { Command } from 'commander';
import { registerAdminCommands } from './admin-commands.js';
import { registerExecCommand } from './exec-command.js';
import { registerLintCommand } from './lint-command.js';
import { registerServeCommand } from './serve-command.js';
import { registerSlackManifestCommand } from './slack-manifest-command.js';
import { CHATRUN_VERSION } from './version.js';

const program = new Command();
program
  .name('chatrun')
  .description('Self-hosted ChatOps: run .gitlab-ci.yml jobs from chat')
  .version(CHATRUN_VERSION);

registerServeCommand(program);
registerExecCommand(program);
registerLintCommand(program);
registerSlackManifestCommand(program);
registerAdminCommands(program);

await program.parseAsync(process.argv);
