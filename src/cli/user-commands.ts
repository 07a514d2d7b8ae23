/**
 * `chatrun user add` and `chatrun user list`. Users made here live only in
 * the database (the config sync never deletes them). A password comes only
 * through stdin (`--password-stdin`), never as an argument, where it would
 * be visible in `ps` and the shell history.
 */
import type { Command } from 'commander';
import { hashPassword, type ScryptParams } from '../adapters/auth/password-hash.js';
import { USERNAME_PATTERN } from '../config/config-schema.js';
import type { Store } from '../ports/store/store.js';
import { storeOptions, withAdminStore, type AdminIo, type AdminOutput } from './admin-store.js';
import { formatTable } from './text-table.js';

export interface AddUserInput {
  readonly username: string;
  readonly name?: string;
  readonly email?: string;
  readonly admin: boolean;
  readonly password?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

export async function addUser(store: Store, input: AddUserInput, output: AdminOutput, now: number, scrypt?: ScryptParams): Promise<number> {
  if (!USERNAME_PATTERN.test(input.username)) {
    output.stderr.write(`invalid username "${input.username}": letters, digits, _ . -, not starting with . or -\n`);
    return 1;
  }
  if (input.email !== undefined && !EMAIL.test(input.email)) {
    output.stderr.write(`invalid email "${input.email}"\n`);
    return 1;
  }
  if (input.password === '') {
    output.stderr.write('the password read from stdin is empty\n');
    return 1;
  }
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password, scrypt);
  const created = await store.users.create(
    { username: input.username, name: input.name ?? input.username, email: input.email ?? '', isAdmin: input.admin, passwordHash },
    now,
  );
  if (created.kind === 'username_taken') {
    output.stderr.write(`user ${input.username} already exists\n`);
    return 1;
  }
  const login = passwordHash === null ? ' (no password: web console login is off until one is set)' : '';
  output.stdout.write(`created user ${created.user.username}${input.admin ? ' (admin)' : ''}${login}\n`);
  return 0;
}

export async function listUsers(store: Store, output: AdminOutput): Promise<number> {
  const users = await store.users.list();
  if (users.length === 0) {
    output.stdout.write('no users\n');
    return 0;
  }
  const rows = users.map((user) => [
    user.username,
    user.name,
    user.email || '-',
    user.isAdmin ? 'admin' : '-',
    user.passwordHash === null ? 'no password' : 'password',
  ]);
  output.stdout.write(formatTable(['USERNAME', 'NAME', 'EMAIL', 'ADMIN', 'LOGIN'], rows));
  return 0;
}

async function readStdin(stdin: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  // `echo secret | chatrun user add …` adds one line break; nothing else is trimmed.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

interface UserAddOptions {
  readonly name?: string;
  readonly email?: string;
  readonly admin?: boolean;
  readonly passwordStdin?: boolean;
  readonly config?: string;
}

export function registerUserCommands(program: Command, io: AdminIo): void {
  const user = program.command('user').description('manage users (in the database the server uses)');
  user
    .command('add')
    .description('create a user')
    .argument('<username>')
    .option('--name <name>', 'display name (GITLAB_USER_NAME); default the username')
    .option('--email <email>', 'email (GITLAB_USER_EMAIL)')
    .option('--admin', 'an admin is an owner of every project')
    .option('--password-stdin', 'read the web console password from stdin')
    .option('--config <file>', 'the server config (default: the demo in ./.chatrun)')
    .action(async (username: string, options: UserAddOptions) => {
      const password = options.passwordStdin === true ? await readStdin(io.stdin) : undefined;
      const input: AddUserInput = {
        username,
        admin: options.admin === true,
        ...(options.name === undefined ? {} : { name: options.name }),
        ...(options.email === undefined ? {} : { email: options.email }),
        ...(password === undefined ? {} : { password }),
      };
      io.setExitCode(await withAdminStore(storeOptions(options.config, io), io, (store) => addUser(store, input, io, Date.now())));
    });
  user
    .command('list')
    .description('list users')
    .option('--config <file>', 'the server config (default: the demo in ./.chatrun)')
    .action(async (options: { config?: string }) => {
      io.setExitCode(await withAdminStore(storeOptions(options.config, io), io, (store) => listUsers(store, io)));
    });
}
