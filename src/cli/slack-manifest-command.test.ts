import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { slackManifestText } from './slack-manifest-command.js';

const defaults = { command: '/chatrun', name: 'chatrun', format: 'yaml' };

describe('chatrun slack-manifest', () => {
  test('prints YAML by default, with the slash command pointing at /chat/slack', () => {
    const result = slackManifestText({ ...defaults, url: 'https://chatrun.example.com/' });
    assert.ok(result.ok);
    const manifest = parse(result.text) as { features: { slash_commands: { command: string; url: string }[] } };
    assert.deepEqual(
      manifest.features.slash_commands.map((c) => [c.command, c.url]),
      [['/chatrun', 'https://chatrun.example.com/chat/slack']],
    );
  });

  test('--format json, --command and --name', () => {
    const result = slackManifestText({ url: 'https://c.example.com', command: '/ops', name: 'Ops Bot', format: 'json' });
    assert.ok(result.ok);
    const manifest = JSON.parse(result.text) as { display_information: { name: string }; features: { slash_commands: { command: string }[] } };
    assert.equal(manifest.display_information.name, 'Ops Bot');
    assert.equal(manifest.features.slash_commands[0]?.command, '/ops');
  });

  test('refuses a bad URL and an unknown format', () => {
    const result = slackManifestText({ ...defaults, url: 'not a url', format: 'xml' });
    assert.equal(result.ok, false);
    assert.deepEqual(result.ok ? [] : result.errors, ['--url "not a url" is not a URL', '--format must be yaml or json, not "xml"']);
  });
});
