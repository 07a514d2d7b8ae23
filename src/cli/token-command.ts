/**
 * `chatrun token create <username> [--name]`: an API token for the JSON API.
 * The token is printed once and only its hash is stored, so a lost token
 * is replaced, never recovered.
 */
import type { Command } from 'commander';
import { generateToken, hashToken } from '../adapters/auth/secret-token.js';
import type { Store } from '../ports/store/store.js';
import { storeOptions, withAdminStore, type AdminIo, type AdminOutput } from './admin-store.js';

export async function createApiToken(
  store: Store,
  input: { readonly username: string; readonly name: string },
  output: AdminOutput,
  now: number,
): Promise<number> {
  const user = await store.users.getByUsername(input.username);
  if (user === undefined) {
    output.stderr.write(`unknown user "${input.username}" (create it with \`chatrun user add ${input.username}\`)\n`);
    return 1;
  }
  if (input.name.trim() === '') {
    output.stderr.write('the token name may not be empty\n');
    return 1;
  }
  const token = generateToken('api');
  await store.users.createApiToken({ userId: user.id, name: input.name, tokenHash: hashToken(token) }, now);
  // The token alone on stdout, so `TOKEN=$(chatrun token create alice)` works; the note goes to stderr.
  output.stdout.write(`${token}\n`);
  output.stderr.write(`API token "${input.name}" created for ${user.username}; it is shown only this once.\n`);
  return 0;
}

export function registerTokenCommand(program: Command, io: AdminIo): void {
  program
    .command('token')
    .description('API tokens')
    .command('create')
    .description("create an API token for a user and print it (once)")
    .argument('<username>')
    .option('--name <name>', 'what the token is for', 'cli')
    .option('--config <file>', 'the server config (default: the demo in ./.chatrun)')
    .action(async (username: string, options: { name: string; config?: string }) => {
      const input = { username, name: options.name };
      io.setExitCode(await withAdminStore(storeOptions(options.config, io), io, (store) => createApiToken(store, input, io, Date.now())));
    });
}
