#!/usr/bin/env node
// The `chatrun` command. Each subcommand lives in its own file and is the
// composition root for what it runs.
//
// Subcommands are imported only when named: `chatrun exec`, run again and
// again by a job author, must not pay for loading the server, the store
// drivers and the HTTP stack (about three times its own start-up CPU), and
// `--version` needs none of them. Any other first argument (`--help`,
// `help`, a typo, or a command missing from this table) loads them all, so a
// missing entry costs speed, never a command.
import { statSync } from 'node:fs';
import { Command } from 'commander';
import { CHATRUN_VERSION } from './version.js';

type Register = (program: Command) => void;

const SUBCOMMANDS: readonly { readonly names: readonly string[]; readonly load: () => Promise<Register> }[] = [
  { names: ['serve'], load: async () => (await import('./serve-command.js')).registerServeCommand },
  { names: ['exec'], load: loadExecCommand },
  { names: ['lint'], load: async () => (await import('./lint-command.js')).registerLintCommand },
  { names: ['slack-manifest'], load: async () => (await import('./slack-manifest-command.js')).registerSlackManifestCommand },
  {
    names: ['user', 'member', 'token', 'audit'],
    load: async () => {
      const { registerAdminCommands } = await import('./admin-commands.js');
      return (program) => registerAdminCommands(program);
    },
  },
];

/**
 * exec from dist/cli/exec-bundle.js, its modules in one file, when `npm run
 * build` made it (scripts/bundle-exec.mjs says why); from the separate
 * modules otherwise. A bundle older than the last tsc build may hold code
 * that has changed since, so it is used only when at least as new as
 * dist/.tsbuildinfo; run from src/ (tsx) there is no bundle at all.
 */
async function loadExecCommand(): Promise<Register> {
  const bundle = new URL('./exec-bundle.js', import.meta.url);
  if (isNotOlder(bundle, new URL('../.tsbuildinfo', import.meta.url))) {
    return ((await import(bundle.href)) as typeof import('./exec-command.js')).registerExecCommand;
  }
  return (await import('./exec-command.js')).registerExecCommand;
}

function isNotOlder(file: URL, than: URL): boolean {
  const fileStat = statSync(file, { throwIfNoEntry: false });
  const thanStat = statSync(than, { throwIfNoEntry: false });
  return fileStat !== undefined && thanStat !== undefined && fileStat.mtimeMs >= thanStat.mtimeMs;
}

const program = new Command();
program
  .name('chatrun')
  .description('Self-hosted ChatOps: run .gitlab-ci.yml jobs from chat')
  .version(CHATRUN_VERSION);

const named = process.argv[2] ?? '';
const matching = SUBCOMMANDS.filter((subcommand) => subcommand.names.includes(named));
const wanted = named === '--version' || named === '-V' ? [] : matching.length > 0 ? matching : SUBCOMMANDS;
for (const subcommand of wanted) (await subcommand.load())(program);

await program.parseAsync(process.argv);
