import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildSlackManifest, checkSlackManifestOptions } from './slack-manifest.js';

describe('buildSlackManifest', () => {
  test('declares /chatrun at <url>/chat/slack, unescaped, with the bot scopes chatrun uses', () => {
    const manifest = buildSlackManifest({ url: 'https://chatrun.example.com/' });
    assert.deepEqual(manifest.features.slash_commands, [
      {
        command: '/chatrun',
        url: 'https://chatrun.example.com/chat/slack',
        description: 'Run a CI job and post its output',
        usage_hint: 'run JOB [ARGS] | help',
        should_escape: false,
      },
    ]);
    assert.deepEqual(manifest.oauth_config.scopes.bot, ['commands', 'chat:write', 'chat:write.public', 'files:write']);
    assert.equal(manifest.display_information.name, 'chatrun');
    assert.equal(manifest.features.bot_user.display_name, 'chatrun');
    assert.equal(manifest.settings.socket_mode_enabled, false);
  });

  test('name, command and description are configurable; the bot name is made Slack-safe', () => {
    const manifest = buildSlackManifest({ url: 'https://ci.example', appName: 'Ops Runner!', command: '/ops', description: 'Ops jobs' });
    assert.equal(manifest.display_information.name, 'Ops Runner!');
    assert.equal(manifest.display_information.description, 'Ops jobs');
    assert.equal(manifest.features.bot_user.display_name, 'ops-runner');
    assert.equal(manifest.features.slash_commands[0]?.command, '/ops');
  });

  test('serialises to JSON that round-trips', () => {
    const manifest = buildSlackManifest({ url: 'https://ci.example' });
    assert.deepEqual(JSON.parse(JSON.stringify(manifest)), manifest);
  });
});

describe('checkSlackManifestOptions', () => {
  test('valid options have no problems', () => {
    assert.deepEqual(checkSlackManifestOptions({ url: 'https://ci.example' }), []);
  });

  test('names what Slack would refuse', () => {
    assert.equal(checkSlackManifestOptions({ url: 'nope' }).length, 1);
    assert.equal(checkSlackManifestOptions({ url: 'ftp://ci.example' }).length, 1);
    assert.equal(checkSlackManifestOptions({ url: 'https://ci.example', command: 'chatrun' }).length, 1);
    assert.equal(checkSlackManifestOptions({ url: 'https://ci.example', appName: 'x'.repeat(36) }).length, 1);
    assert.equal(checkSlackManifestOptions({ url: 'https://ci.example', description: 'x'.repeat(141) }).length, 1);
  });
});
