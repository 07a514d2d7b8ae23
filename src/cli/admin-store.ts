/**
 * The store the admin commands (`user`, `member`, `token`, `audit`) work on:
 * the one `--config FILE` names, or the demo's under ./.chatrun/. The
 * schema is migrated first, so `chatrun user add` may run before the server
 * has ever started; the commands then talk to the same database the server
 * uses, safely alongside a running server (SQLite WAL, PostgreSQL).
 */
import { openStore } from '../adapters/store/open-store.js';
import type { Store } from '../ports/store/store.js';
import { loadServerConfig, storeUrlFor } from './load-server-config.js';

export interface AdminOutput {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export interface AdminStoreOptions {
  readonly config?: string;
  /** Where the demo's data is when no config is given (tests use a temp dir). */
  readonly demoDataDir?: string;
}

/** Runs `work` with an open, migrated store and closes it after; answers the exit code. */
export async function withAdminStore(
  options: AdminStoreOptions,
  output: AdminOutput,
  work: (store: Store) => Promise<number>,
): Promise<number> {
  const loaded = await loadServerConfig({
    prepareDemo: false,
    ...(options.config === undefined ? {} : { configFile: options.config }),
    ...(options.demoDataDir === undefined ? {} : { demoDataDir: options.demoDataDir }),
  });
  if (!loaded.ok) {
    for (const error of loaded.errors) output.stderr.write(`${error}\n`);
    return 1;
  }
  let store: Store;
  try {
    store = openStore({ url: storeUrlFor(loaded.config) });
  } catch (error) {
    output.stderr.write(`cannot open the database: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  try {
    const migrated = await store.migrate();
    if (!migrated.ok) {
      output.stderr.write(`cannot migrate the database: ${migrated.error}\n`);
      return 1;
    }
    return await work(store);
  } finally {
    await store.close();
  }
}

/** What the admin commands read and write besides the store; tests pass their own. */
export interface AdminIo extends AdminOutput {
  readonly stdin: NodeJS.ReadableStream;
  /** Where the demo's data is when no --config is given; default ./.chatrun. */
  readonly demoDataDir?: string;
  readonly setExitCode: (code: number) => void;
}

export function storeOptions(config: string | undefined, io: AdminIo): AdminStoreOptions {
  return { ...(config === undefined ? {} : { config }), ...(io.demoDataDir === undefined ? {} : { demoDataDir: io.demoDataDir }) };
}
