/**
 * Checks that span sections: names that must be unique and names that must
 * refer to something declared elsewhere in the file. They run on the raw
 * YAML value, alongside the schema, so one pass reports every problem even
 * when other parts of the file are malformed; whatever is malformed here is
 * skipped (the schema already reports it).
 */
import type { KeyPath } from './config-key-path.js';

export interface ReferenceProblem {
  readonly path: KeyPath;
  readonly message: string;
}

function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asArray(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

/** Each string at `field` of each list item, with its path. */
function namesIn(list: readonly unknown[], section: string, field: string): Array<{ name: string; path: KeyPath }> {
  return list.flatMap((item, index) => {
    const name = asRecord(item)?.[field];
    return typeof name === 'string' ? [{ name, path: [section, index, field] }] : [];
  });
}

function duplicates(entries: ReadonlyArray<{ name: string; path: KeyPath }>, what: string, show: (path: KeyPath) => string): ReferenceProblem[] {
  const first = new Map<string, KeyPath>();
  const problems: ReferenceProblem[] = [];
  for (const { name, path } of entries) {
    const earlier = first.get(name);
    if (earlier === undefined) first.set(name, path);
    else problems.push({ path, message: `${what} ${name} is already declared at ${show(earlier)}` });
  }
  return problems;
}

export function checkConfigReferences(raw: unknown, show: (path: KeyPath) => string): ReferenceProblem[] {
  const root = asRecord(raw) ?? {};
  const users = asArray(root['users']);
  const projects = asArray(root['projects']);
  const usernames = namesIn(users, 'users', 'username');
  const projectPaths = namesIn(projects, 'projects', 'path');
  const knownUsers = new Set(usernames.map((entry) => entry.name));
  const knownProjects = new Set(projectPaths.map((entry) => entry.name));
  const problems: ReferenceProblem[] = [
    ...duplicates(usernames, 'username', show),
    ...duplicates(projectPaths, 'project', show),
  ];

  const identities = users.flatMap((user, index) =>
    asArray(asRecord(user)?.['chat']).flatMap((identity, j) =>
      typeof identity === 'string' ? [{ name: identity, path: ['users', index, 'chat', j] as KeyPath }] : [],
    ),
  );
  problems.push(...duplicates(identities, 'chat identity', show));

  // Members may name users that exist only in the database (created with
  // `chatrun user add`), so an undeclared member is not a config error: the
  // server checks members against its users at start-up and logs a warning
  // for each it cannot find (see src/cli/serve-command.ts).

  // A channel's default project may be given per platform (chat.<platform>.channels)
  // or per project (chat_channels); they must not disagree.
  const channelOwner = new Map<string, { project: string; path: KeyPath }>();
  const claim = (channel: string, project: string, path: KeyPath): void => {
    const earlier = channelOwner.get(channel);
    if (earlier === undefined) channelOwner.set(channel, { project, path });
    else if (earlier.project !== project) {
      problems.push({ path, message: `channel ${channel} is already the channel of ${earlier.project} (${show(earlier.path)})` });
    }
  };
  const chat = asRecord(root['chat']);
  for (const platform of ['slack', 'mattermost']) {
    const channels = asRecord(asRecord(chat?.[platform])?.['channels']) ?? {};
    for (const [channel, project] of Object.entries(channels)) {
      if (typeof project !== 'string') continue;
      const path: KeyPath = ['chat', platform, 'channels', channel];
      if (!knownProjects.has(project)) problems.push({ path, message: `no project ${project} is declared under projects` });
      else claim(channel, project, path);
    }
  }
  projects.forEach((project, index) => {
    const projectPath = asRecord(project)?.['path'];
    if (typeof projectPath !== 'string') return;
    asArray(asRecord(project)?.['chat_channels']).forEach((channel, j) => {
      if (typeof channel === 'string') claim(channel, projectPath, ['projects', index, 'chat_channels', j]);
    });
  });
  return problems;
}
