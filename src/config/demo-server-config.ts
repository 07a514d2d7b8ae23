/**
 * The config `chatrun serve` uses when it is given none: everything under
 * one data directory with SQLite and the embedded runner, one project
 * `demo/hello`, and an admin `demo` who owns it. It goes through the same
 * validation and defaults as a file, so the demo cannot drift from what a
 * config file would produce.
 *
 * The caller prepares what the demo points at: a git repository at
 * `repository` (e.g. built from examples/demo/) and the demo user's password
 * in `passwordFile` (default `<dataDir>/demo-password`), which it shows
 * to the person starting the server.
 */
import { join } from 'node:path';
import { validateServerConfig } from './parse-server-config.js';
import type { ParseServerConfigResult } from './server-config.js';

export const DEMO_PROJECT_PATH = 'demo/hello';
export const DEMO_USERNAME = 'demo';

export interface DemoConfigOptions {
  /** Default ./.chatrun. */
  readonly dataDir?: string;
  /** Default 127.0.0.1:8080. */
  readonly listen?: string;
  /** Local path of the demo project's git repository. */
  readonly repository: string;
  /** Where the caller wrote the demo user's password. */
  readonly passwordFile?: string;
}

export function demoServerConfig(options: DemoConfigOptions): ParseServerConfigResult {
  const dataDir = options.dataDir ?? './.chatrun';
  return validateServerConfig(
    {
      server: { listen: options.listen ?? '127.0.0.1:8080', data_dir: dataDir, database: 'sqlite' },
      runner: { embedded: true },
      projects: [
        {
          path: DEMO_PROJECT_PATH,
          repository: options.repository,
          members: { [DEMO_USERNAME]: 'owner' },
        },
      ],
      users: [
        {
          username: DEMO_USERNAME,
          name: 'Demo Admin',
          email: 'demo@chatrun.invalid',
          admin: true,
          password_file: options.passwordFile ?? join(dataDir, 'demo-password'),
        },
      ],
    },
    '<demo>',
  );
}
