/**
 * `chatrun slack-manifest --url URL`: prints the Slack app manifest (YAML by
 * default, as Slack's "From an app manifest" dialog shows it first; JSON on
 * request), so setting up the Slack side is one paste.
 */
import type { Command } from 'commander';
import { stringify } from 'yaml';
import { buildSlackManifest, checkSlackManifestOptions, type SlackManifestOptions } from '../adapters/chat/slack/slack-manifest.js';

export interface SlackManifestCommandOptions {
  readonly url: string;
  readonly command: string;
  readonly name: string;
  readonly format: string;
}

export type SlackManifestText = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly errors: readonly string[] };

export function slackManifestText(options: SlackManifestCommandOptions): SlackManifestText {
  const manifestOptions: SlackManifestOptions = { url: options.url, command: options.command, appName: options.name };
  const errors = checkSlackManifestOptions(manifestOptions);
  if (options.format !== 'yaml' && options.format !== 'json') errors.push(`--format must be yaml or json, not "${options.format}"`);
  if (errors.length > 0) return { ok: false, errors };
  const manifest = buildSlackManifest(manifestOptions);
  const text = options.format === 'json' ? `${JSON.stringify(manifest, null, 2)}\n` : stringify(manifest, { lineWidth: 0 });
  return { ok: true, text };
}

export function registerSlackManifestCommand(program: Command): void {
  program
    .command('slack-manifest')
    .description('print a Slack app manifest declaring the slash command')
    .requiredOption('--url <url>', "chatrun's external URL (server.external_url), e.g. https://chatrun.example.com")
    .option('--command <command>', 'the slash command', '/chatrun')
    .option('--name <name>', 'the Slack app name', 'chatrun')
    .option('--format <format>', 'yaml or json', 'yaml')
    .action((options: SlackManifestCommandOptions) => {
      const result = slackManifestText(options);
      if (!result.ok) {
        for (const error of result.errors) process.stderr.write(`${error}\n`);
        process.exitCode = 1;
        return;
      }
      process.stdout.write(result.text);
    });
}
