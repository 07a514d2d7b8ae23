/**
 * The admin commands, registered together: `user`, `member`, `token`,
 * `audit`. Each works on the configured store (`--config FILE`, else the
 * demo's data in ./.chatrun/), with or without a server running.
 */
import type { Command } from 'commander';
import type { AdminIo } from './admin-store.js';
import { registerAuditCommand } from './audit-command.js';
import { registerMemberCommands } from './member-commands.js';
import { registerTokenCommand } from './token-command.js';
import { registerUserCommands } from './user-commands.js';

export function registerAdminCommands(program: Command, io?: AdminIo): void {
  const streams: AdminIo = io ?? {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    setExitCode: (code) => {
      process.exitCode = code;
    },
  };
  registerUserCommands(program, streams);
  registerMemberCommands(program, streams);
  registerTokenCommand(program, streams);
  registerAuditCommand(program, streams);
}
