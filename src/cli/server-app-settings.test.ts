import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateServerConfig } from '../config/parse-server-config.js';
import { resolveSecrets } from '../config/resolve-secrets.js';
import { buildAppSettings, LINK_TOKEN_TTL_MS } from './server-app-settings.js';

test('AppSettings from the config: URLs, limits, command names, channel defaults and resolved project variables', () => {
  const parsed = validateServerConfig(
    {
      runner: { default_timeout: '30m' },
      chat: {
        rate_limit_per_minute: 5,
        slack: { signing_secret_env: 'S', command: '/ops', channels: { C1: 'a/b' } },
      },
      projects: [
        { path: 'a/b', repository: '/r1', timeout: '2h', variables: { TOKEN: { value_env: 'TOK', masked: true }, TPL: { value: '$HOME', expand: false } } },
        { path: 'c/d', repository: '/r2', chat_channels: ['C2'] },
      ],
    },
    'test',
  );
  assert.ok(parsed.ok);
  const resolved = resolveSecrets(parsed.config, { env: { S: 'sig', TOK: 'tok-value' }, readFile: () => '' });
  assert.ok(resolved.ok);
  let url = 'http://127.0.0.1:0/';
  const settings = buildAppSettings(parsed.config, resolved.secrets, () => url);
  url = 'http://127.0.0.1:4000/';
  assert.equal(settings.externalUrl, 'http://127.0.0.1:4000');
  assert.equal(settings.rateLimitPerMinute, 5);
  assert.deepEqual(settings.commandNames, { slack: '/ops', mattermost: '/chatrun', web: '/chatrun' });
  assert.equal(settings.defaultJobTimeoutSeconds, 1800);
  assert.equal(settings.linkTokenTtlMs, LINK_TOKEN_TTL_MS);
  assert.equal(LINK_TOKEN_TTL_MS, 600_000);
  assert.equal(settings.defaultProjectFor('slack', 'C1'), 'a/b');
  assert.equal(settings.defaultProjectFor('mattermost', 'C2'), 'c/d');
  assert.equal(settings.defaultProjectFor('slack', 'C9'), undefined);
  assert.deepEqual(settings.projectVariables('a/b'), {
    TOKEN: { value: 'tok-value', masked: true, raw: false },
    TPL: { value: '$HOME', masked: false, raw: true },
  });
  assert.deepEqual(settings.projectVariables('x/y'), {});
  assert.equal(settings.projectTimeoutSeconds('a/b'), 7200);
  assert.equal(settings.projectTimeoutSeconds('c/d'), undefined);
});
