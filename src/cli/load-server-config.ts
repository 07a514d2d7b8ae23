/**
 * Which configuration a server-side command runs with: the file given by
 * `--config`, or the demo's (data in ./.chatrun/). `serve` also resolves
 * secrets; the admin commands only need to find the store, so they never
 * ask for secrets an operator's shell may not hold.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { demoServerConfig } from '../config/demo-server-config.js';
import { deriveExternalUrl, parseListen } from '../config/listen-address.js';
import { parseServerConfig } from '../config/parse-server-config.js';
import type { ServerConfig } from '../config/server-config.js';
import { prepareDemoFiles, type DemoFiles } from './demo-project.js';

export const DEMO_DATA_DIR = './.chatrun';

export type LoadConfigResult =
  | { readonly ok: true; readonly config: ServerConfig; readonly demo?: DemoFiles }
  | { readonly ok: false; readonly errors: readonly string[] };

export interface LoadConfigOptions {
  /** Absent: the demo. */
  readonly configFile?: string;
  /** `--listen`, overriding the config's server.listen. */
  readonly listen?: string;
  /** Make the demo's repository and password (serve); the admin commands only need the paths. */
  readonly prepareDemo: boolean;
  /** Default ./.chatrun. */
  readonly demoDataDir?: string;
}

export async function loadServerConfig(options: LoadConfigOptions): Promise<LoadConfigResult> {
  const loaded = options.configFile === undefined ? await demoConfig(options) : fileConfig(options.configFile);
  if (!loaded.ok || options.listen === undefined) return loaded;
  const listen = parseListen(options.listen);
  if (!listen.ok) return { ok: false, errors: [`--listen: ${listen.error}`] };
  const server = loaded.config.server;
  const externalUrl = server.externalUrlDerived ? deriveExternalUrl(listen.address) : server.externalUrl;
  return { ...loaded, config: { ...loaded.config, server: { ...server, listen: listen.address, externalUrl } } };
}

function fileConfig(file: string): LoadConfigResult {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    return { ok: false, errors: [`cannot read the config file ${file}: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const parsed = parseServerConfig(text, file);
  return parsed.ok ? { ok: true, config: parsed.config } : parsed;
}

async function demoConfig(options: LoadConfigOptions): Promise<LoadConfigResult> {
  const dataDir = options.demoDataDir ?? DEMO_DATA_DIR;
  let demo: DemoFiles | undefined;
  let repository = resolve(dataDir, 'demo-repo');
  if (options.prepareDemo) {
    const prepared = await prepareDemoFiles(dataDir);
    if (!prepared.ok) return { ok: false, errors: [prepared.error] };
    demo = prepared.demo;
    repository = demo.repository;
  }
  const parsed = demoServerConfig({ dataDir, repository, passwordFile: join(dataDir, 'demo-password') });
  if (!parsed.ok) return parsed;
  return demo === undefined ? { ok: true, config: parsed.config } : { ok: true, config: parsed.config, demo };
}

/** The store URL openStore takes for the configured database; makes the SQLite file's directory. */
export function storeUrlFor(config: ServerConfig): string {
  const database = config.server.database;
  if (database.kind === 'postgres') return database.url;
  mkdirSync(dirname(resolve(database.path)), { recursive: true });
  return `sqlite:${resolve(database.path)}`;
}
