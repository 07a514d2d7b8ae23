import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsedServerConfig } from '../../test/support/server-config-parse.js';
import { resolveSecrets } from './resolve-secrets.js';

const noFiles = (path: string): string => {
  throw new Error(`ENOENT: no such file or directory, open '${path}'`);
};

const full = `
runner: { token_env: RUNNER_TOKEN }
chat:
  slack: { signing_secret_env: SLACK_SIGNING_SECRET, bot_token_env: SLACK_BOT_TOKEN }
  mattermost: { token_env: [MM_1, MM_2], bot_token_env: MM_BOT, api_url: "https://mm.example.com" }
projects:
  - path: ops/infra
    repository: /srv/git/infra
    members: { alice: developer }
    variables:
      DEPLOY_TOKEN: { value_env: DEPLOY_TOKEN, masked: true }
      REGION: eu-west-1
      EMPTY_OK: { value_env: EMPTY_OK }
users:
  - { username: alice, password_env: ALICE_PASSWORD }
  - { username: bob }
`;

const env = {
  RUNNER_TOKEN: 'runner-secret',
  SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
  SLACK_BOT_TOKEN: 'xoxb-1',
  MM_1: 'mm-one',
  MM_2: 'mm-two',
  MM_BOT: 'mm-bot',
  DEPLOY_TOKEN: 'deploy-token-value',
  EMPTY_OK: '',
  ALICE_PASSWORD: 'correct horse',
};

describe('resolveSecrets', () => {
  test('reads every named secret from the environment given', () => {
    const result = resolveSecrets(parsedServerConfig(full), { env, readFile: noFiles });
    assert.deepEqual(result, {
      ok: true,
      secrets: {
        slack: { signingSecret: '8f742231b10e8888abcd99yyyzzz85a5', botToken: 'xoxb-1' },
        mattermost: { tokens: ['mm-one', 'mm-two'], botToken: 'mm-bot' },
        runnerTokens: ['runner-secret'],
        passwords: { alice: 'correct horse' },
        variables: {
          'ops/infra': [
            { name: 'DEPLOY_TOKEN', value: 'deploy-token-value', masked: true, expand: true },
            { name: 'REGION', value: 'eu-west-1', masked: false, expand: true },
            { name: 'EMPTY_OK', value: '', masked: false, expand: true },
          ],
        },
      },
    });
  });

  test('reports every missing environment variable by the key that named it', () => {
    const result = resolveSecrets(parsedServerConfig(full), { env: { MM_1: 'x', EMPTY_OK: '' }, readFile: noFiles });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.errors, [
      'chat.slack.signing_secret_env: environment variable SLACK_SIGNING_SECRET is not set',
      'chat.slack.bot_token_env: environment variable SLACK_BOT_TOKEN is not set',
      'chat.mattermost.token_env[1]: environment variable MM_2 is not set',
      'chat.mattermost.bot_token_env: environment variable MM_BOT is not set',
      'runner.token_env: environment variable RUNNER_TOKEN is not set',
      'projects[0].variables.DEPLOY_TOKEN.value_env: environment variable DEPLOY_TOKEN is not set',
      'users[0].password_env: environment variable ALICE_PASSWORD is not set',
    ]);
  });

  test('empty credentials and empty masked values are refused', () => {
    const result = resolveSecrets(parsedServerConfig(full), { env: { ...env, SLACK_SIGNING_SECRET: '', DEPLOY_TOKEN: '' }, readFile: noFiles });
    assert.equal(result.ok, false);
    if (result.ok) return;
    assert.deepEqual(result.errors.toSorted(), [
      'chat.slack.signing_secret_env: environment variable SLACK_SIGNING_SECRET is empty',
      'projects[0].variables.DEPLOY_TOKEN.value_env: environment variable DEPLOY_TOKEN is empty',
    ]);
  });

  test('reads *_file secrets from real files, dropping one trailing line break, and reports unreadable ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'chatrun-secrets-'));
    try {
      writeFileSync(join(dir, 'slack'), 'file-signing-secret\n');
      writeFileSync(join(dir, 'cert'), 'line one\nline two\n\n');
      const config = parsedServerConfig(`
chat: { slack: { signing_secret_file: ${join(dir, 'slack')}, bot_token_file: ${join(dir, 'missing')} } }
projects: [{ path: p, repository: r, variables: { CERT: { value_file: ${join(dir, 'cert')} } } }]
users: [{ username: u, password_file: ${dir} }]
`);
      const readFile = (path: string): string => readFileSync(path, 'utf8');
      const result = resolveSecrets(config, { env: {}, readFile });
      assert.equal(result.ok, false);
      if (result.ok) return;
      assert.equal(result.errors.length, 2, result.errors.join('\n'));
      assert.match(result.errors[0] ?? '', new RegExp(`^chat\\.slack\\.bot_token_file: cannot read ${join(dir, 'missing')}: ENOENT`));
      assert.match(result.errors[1] ?? '', /^users\[0\]\.password_file: cannot read .*EISDIR/);

      const fixed = parsedServerConfig(`
chat: { slack: { signing_secret_file: ${join(dir, 'slack')} } }
projects: [{ path: p, repository: r, variables: { CERT: { value_file: ${join(dir, 'cert')} } } }]
`);
      const ok = resolveSecrets(fixed, { env: {}, readFile });
      assert.equal(ok.ok, true);
      if (!ok.ok) return;
      assert.equal(ok.secrets.slack?.signingSecret, 'file-signing-secret');
      assert.equal(ok.secrets.variables['p']?.[0]?.value, 'line one\nline two\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a config without chat platforms or secrets resolves to empty sets', () => {
    assert.deepEqual(resolveSecrets(parsedServerConfig(''), { env: {}, readFile: noFiles }), {
      ok: true,
      secrets: { runnerTokens: [], passwords: {}, variables: {} },
    });
  });
});
