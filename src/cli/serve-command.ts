/**
 * `chatrun serve [--config FILE] [--listen ADDR]`: the server. With a config
 * file: parse it (every problem, with key paths), read its secrets from the
 * environment and files, start, listen. Without one: the demo — data in
 * ./.chatrun/, a project `demo/hello` made from examples/demo/, and an
 * admin `demo` whose password is generated once and printed.
 *
 * SIGTERM and SIGINT shut down gracefully (./stop-server.ts); a second
 * signal cancels the jobs still running at once.
 *
 * Exit codes: 0 after a clean shutdown, 1 when the server could not start.
 */
import type { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { pino } from 'pino';
import { resolveSecrets } from '../config/resolve-secrets.js';
import type { ServerConfig } from '../config/server-config.js';
import { composeServer, type ChatrunServer } from './compose-server.js';
import type { DemoFiles } from './demo-project.js';
import { loadServerConfig } from './load-server-config.js';

interface ServeOptions {
  readonly config?: string;
  readonly listen?: string;
}

export interface ServeOutput {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export interface Serving {
  readonly server: ChatrunServer;
  /** What to tell the person who started it (URL; for the demo, the login). */
  readonly banner: string;
}

/** Starts the server; answers it once listening, or the exit code when it could not start. */
export async function startServe(options: ServeOptions, output: ServeOutput): Promise<Serving | number> {
  const loaded = await loadServerConfig({
    prepareDemo: options.config === undefined,
    ...(options.config === undefined ? {} : { configFile: options.config }),
    ...(options.listen === undefined ? {} : { listen: options.listen }),
  });
  if (!loaded.ok) {
    output.stderr.write(`chatrun: cannot start, the configuration has ${loaded.errors.length} problem${loaded.errors.length === 1 ? '' : 's'}:\n`);
    for (const error of loaded.errors) output.stderr.write(`  ${error}\n`);
    return 1;
  }
  const { config, demo } = loaded;
  const secrets = resolveSecrets(config, { env: process.env, readFile: (path) => readFileSync(path, 'utf8') });
  if (!secrets.ok) {
    output.stderr.write('chatrun: cannot start, secrets are missing:\n');
    for (const error of secrets.errors) output.stderr.write(`  ${error}\n`);
    return 1;
  }
  let server: ChatrunServer;
  try {
    server = await composeServer({
      config,
      secrets: secrets.secrets,
      // The demo runs in a person's terminal: only problems are logged, the banner says the rest.
      ...(demo === undefined ? {} : { logger: pino({ level: 'warn', name: 'chatrun' }) }),
    });
  } catch (error) {
    output.stderr.write(`chatrun: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
  let url: string;
  try {
    ({ url } = await server.listen());
  } catch (error) {
    output.stderr.write(`chatrun: ${listenProblem(config, error)}\n`);
    await server.stop({ graceMs: 0 });
    return 1;
  }
  return { server, banner: banner(url, config, demo) };
}

function listenProblem(config: ServerConfig, error: unknown): string {
  const { host, port } = config.server.listen;
  const address = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  if (code === 'EADDRINUSE') {
    return (
      `cannot listen on ${address}: the address is already in use (another chatrun, or another program).\n` +
      `  Stop it, or choose another address: chatrun serve --listen 127.0.0.1:${port === 8080 ? 8081 : port + 1}` +
      ` (or --listen 127.0.0.1:0 for any free port).`
    );
  }
  if (code === 'EACCES') return `cannot listen on ${address}: permission denied (ports below 1024 need privileges); use --listen with a port above 1024.`;
  return `cannot listen on ${address}: ${error instanceof Error ? error.message : String(error)}`;
}

function banner(url: string, config: ServerConfig, demo: DemoFiles | undefined): string {
  const lines = [`chatrun is running at ${url}`];
  if (demo !== undefined) {
    lines.push(
      '',
      `  Web console: ${url}/-/console`,
      '  Username:    demo',
      `  Password:    ${demo.password}   (kept in ${demo.passwordFile})`,
      '',
      '  Type  /chatrun run hello-world  in the console.',
      `  Demo data: ${config.server.dataDir} (delete it to start over). Stop with Ctrl-C.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('run the chatrun server (without --config: the demo, data in ./.chatrun)')
    .option('--config <file>', 'the server config (YAML); see docs/configuration.md')
    .option('--listen <address>', 'where to listen, overriding server.listen (HOST:PORT; port 0 = any free port)')
    .action(async (options: ServeOptions) => {
      const started = await startServe(options, { stdout: process.stdout, stderr: process.stderr });
      if (typeof started === 'number') {
        process.exitCode = started;
        return;
      }
      const { server, banner: text } = started;
      let signals = 0;
      const onSignal = (signal: NodeJS.Signals): void => {
        signals += 1;
        if (signals === 1) {
          process.stderr.write(`chatrun: ${signal} received, shutting down (running jobs may finish; ${signal} again cancels them)\n`);
          server.stop().then(
            () => process.exit(0),
            (error: unknown) => {
              process.stderr.write(`chatrun: shutdown failed: ${error instanceof Error ? error.message : String(error)}\n`);
              process.exit(1);
            },
          );
        } else {
          process.stderr.write('chatrun: cancelling the running jobs\n');
          void server.stop({ graceMs: 0 });
        }
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      // Only now: whoever waits for the banner may signal at once.
      process.stdout.write(text);
    });
}
