/**
 * `chatrun member add <project> <username> <role>` and `chatrun member list
 * <project>`. A member added here is kept across restarts (the config sync
 * only adds and updates); a role written in the config file is set again at
 * every start, so change such a role in the file.
 */
import type { Command } from 'commander';
import { isRole, ROLES } from '../domain/access/role.js';
import type { Store } from '../ports/store/store.js';
import { storeOptions, withAdminStore, type AdminIo, type AdminOutput } from './admin-store.js';
import { formatTable } from './text-table.js';

async function knownProjects(store: Store): Promise<string> {
  const paths = (await store.projects.list()).map((project) => project.path);
  return paths.length === 0 ? 'there are no projects yet (they come from the config file)' : `projects: ${paths.join(', ')}`;
}

export async function addMember(
  store: Store,
  input: { readonly project: string; readonly username: string; readonly role: string },
  output: AdminOutput,
  now: number,
): Promise<number> {
  if (!isRole(input.role)) {
    output.stderr.write(`unknown role "${input.role}": must be one of ${ROLES.join(', ')}\n`);
    return 1;
  }
  const project = await store.projects.getByPath(input.project);
  if (project === undefined) {
    output.stderr.write(`unknown project "${input.project}" (${await knownProjects(store)})\n`);
    return 1;
  }
  const user = await store.users.getByUsername(input.username);
  if (user === undefined) {
    output.stderr.write(`unknown user "${input.username}" (create it with \`chatrun user add ${input.username}\`)\n`);
    return 1;
  }
  const previous = await store.memberships.getRole(user.id, project.id);
  await store.memberships.setRole(user.id, project.id, input.role, now);
  const change = previous === undefined ? 'added' : previous === input.role ? 'already' : `changed from ${previous} to`;
  output.stdout.write(`${user.username} ${change === 'added' ? `added to ${project.path} as` : `in ${project.path}: ${change}`} ${input.role}\n`);
  return 0;
}

export async function listMembers(store: Store, projectPath: string, output: AdminOutput): Promise<number> {
  const project = await store.projects.getByPath(projectPath);
  if (project === undefined) {
    output.stderr.write(`unknown project "${projectPath}" (${await knownProjects(store)})\n`);
    return 1;
  }
  const members = await store.memberships.listForProject(project.id);
  if (members.length === 0) {
    output.stdout.write(`${project.path} has no members\n`);
    return 0;
  }
  const rows: string[][] = [];
  for (const member of members) {
    const user = await store.users.getById(member.userId);
    rows.push([user?.username ?? `#${member.userId}`, member.role, user?.name ?? '']);
  }
  rows.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
  output.stdout.write(formatTable(['USERNAME', 'ROLE', 'NAME'], rows));
  return 0;
}

export function registerMemberCommands(program: Command, io: AdminIo): void {
  const member = program.command('member').description("manage projects' members");
  member
    .command('add')
    .description('give a user a role in a project (or change it)')
    .argument('<project>', 'project path, e.g. ops/infra')
    .argument('<username>')
    .argument('<role>', ROLES.join(' | '))
    .option('--config <file>', 'the server config (default: the demo in ./.chatrun)')
    .action(async (project: string, username: string, role: string, options: { config?: string }) => {
      const input = { project, username, role };
      io.setExitCode(await withAdminStore(storeOptions(options.config, io), io, (store) => addMember(store, input, io, Date.now())));
    });
  member
    .command('list')
    .description("list a project's members")
    .argument('<project>')
    .option('--config <file>', 'the server config (default: the demo in ./.chatrun)')
    .action(async (project: string, options: { config?: string }) => {
      io.setExitCode(await withAdminStore(storeOptions(options.config, io), io, (store) => listMembers(store, project, io)));
    });
}
