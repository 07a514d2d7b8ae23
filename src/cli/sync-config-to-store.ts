/**
 * Copies what the config file declares into the store at start-up: projects,
 * users (with password hashes), memberships and pre-linked chat identities.
 *
 * The sync only adds and updates, it never deletes: users, members and
 * tokens made with `chatrun user add`/`member add` live only in the
 * database and must survive a restart. Every write is an idempotent upsert,
 * so several replicas starting together end in the same state.
 *
 * Password hashing is deliberately slow (scrypt), so a stored hash that
 * still verifies the configured password is kept instead of rehashed on
 * every start.
 */
import { hashPassword, passwordNeedsRehash, verifyPassword, type ScryptParams } from '../adapters/auth/password-hash.js';
import type { Store } from '../ports/store/store.js';
import type { ResolvedSecrets } from '../config/resolve-secrets.js';
import type { ServerConfig } from '../config/server-config.js';

export interface SyncLogger {
  info(message: string): void;
  warn(message: string): void;
}

export interface SyncConfigInput {
  readonly store: Store;
  readonly config: ServerConfig;
  readonly secrets: ResolvedSecrets;
  readonly now: number;
  readonly logger: SyncLogger;
  /** Tests pass a cheap cost; default the production parameters. */
  readonly scryptParams?: ScryptParams;
}

export interface SyncSummary {
  readonly projects: number;
  readonly users: number;
  readonly memberships: number;
  readonly chatIdentities: number;
  /** Passwords hashed in this run (0 on a restart with unchanged passwords). */
  readonly passwordsHashed: number;
  readonly warnings: readonly string[];
}

export async function syncConfigToStore(input: SyncConfigInput): Promise<SyncSummary> {
  const { store, config, secrets, now, logger } = input;
  const warnings: string[] = [];
  const warn = (message: string): void => {
    warnings.push(message);
    logger.warn(message);
  };

  const projectIds = new Map<string, number>();
  for (const project of config.projects) {
    const record = await store.projects.upsertByPath(
      {
        path: project.path,
        repository: project.repository,
        defaultBranch: project.defaultBranch ?? null,
        ciConfigPath: project.ciConfigPath,
        settings: {
          chatChannels: [...project.chatChannels],
          timeoutSeconds: project.timeoutSeconds ?? null,
          // Names and flags only: values may be secret and stay in memory.
          variables: project.variables.map((variable) => ({
            name: variable.name,
            masked: variable.masked,
            expand: variable.expand,
            description: variable.description ?? null,
          })),
        },
      },
      now,
    );
    projectIds.set(project.path, record.id);
  }

  let passwordsHashed = 0;
  let chatIdentities = 0;
  for (const user of config.users) {
    const existing = await store.users.getByUsername(user.username);
    const password = secrets.passwords[user.username];
    let passwordHash: string | undefined;
    if (password !== undefined) {
      const stored = existing?.passwordHash ?? null;
      const keep = stored !== null && !passwordNeedsRehash(stored, input.scryptParams) && (await verifyPassword(password, stored));
      if (!keep) {
        passwordHash = await hashPassword(password, input.scryptParams);
        passwordsHashed += 1;
      }
    }
    const record = await store.users.upsertByUsername(
      {
        username: user.username,
        name: user.name,
        email: user.email ?? '',
        isAdmin: user.admin,
        ...(passwordHash === undefined ? {} : { passwordHash }),
      },
      now,
    );
    for (const identity of user.chat) {
      const linked = await store.chatIdentities.find(identity.platform, identity.teamId, identity.userId);
      if (linked?.userId === record.id) continue;
      if (linked !== undefined) {
        warn(`chat identity ${identity.platform}:${identity.teamId}:${identity.userId} was linked to another user; the config links it to ${user.username}`);
      }
      await store.chatIdentities.link(
        { platform: identity.platform, teamId: identity.teamId, chatUserId: identity.userId, chatUserName: linked?.chatUserName ?? '' },
        record.id,
        now,
      );
      chatIdentities += 1;
    }
  }

  let memberships = 0;
  for (const project of config.projects) {
    const projectId = projectIds.get(project.path);
    if (projectId === undefined) continue;
    for (const [username, role] of Object.entries(project.members)) {
      const user = await store.users.getByUsername(username);
      if (user === undefined) {
        warn(`project ${project.path}: member ${username} is not a user (declare it under users: or run \`chatrun user add ${username}\`); ignored`);
        continue;
      }
      await store.memberships.setRole(user.id, projectId, role, now);
      memberships += 1;
    }
  }

  logger.info(
    `config synced: ${config.projects.length} project(s), ${config.users.length} user(s), ${memberships} membership(s), ${passwordsHashed} password(s) hashed`,
  );
  return { projects: config.projects.length, users: config.users.length, memberships, chatIdentities, passwordsHashed, warnings };
}
