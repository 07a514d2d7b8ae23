import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsedServerConfig, serverConfigErrors } from '../../test/support/server-config-parse.js';
import { repoRoot } from '../../test/support/shared-conformance.js';
import { defaultProjectForChannel } from './channel-default-project.js';

const specPath = join(repoRoot(), '..', 'shared', 'SPEC.md');

/** The YAML block of SPEC section 8 "Config file (YAML)". */
function specExample(): string | undefined {
  if (!existsSync(specPath)) return undefined;
  const spec = readFileSync(specPath, 'utf8');
  const section = spec.slice(spec.indexOf('### Config file (YAML)'));
  return /```yaml\n([\s\S]*?)```/.exec(section)?.[1];
}

describe('the SPEC section 8 example', () => {
  const example = specExample();
  const skip = example === undefined ? `SPEC.md not found at ${specPath}` : false;

  test('parses as written, with every key of the contract', { skip }, () => {
    // bob is a member but not under users: he may be a user created with
    // `chatrun user add`, so that is not an error.
    const config = parsedServerConfig(example ?? '');
    assert.deepEqual(config.server.listen, { host: '127.0.0.1', port: 8080 });
    assert.equal(config.server.externalUrl, 'http://127.0.0.1:8080');
    assert.deepEqual(config.server.database, { kind: 'sqlite', path: '.chatrun/chatrun.db' });
    assert.equal(config.runner.traceLimitBytes, 4 * 1024 * 1024);
    assert.equal(config.chat.rateLimitPerMinute, 30);
    assert.deepEqual(config.chat.slack?.signingSecret, { kind: 'env', name: 'SLACK_SIGNING_SECRET', key: 'chat.slack.signing_secret_env' });
    assert.deepEqual(config.chat.slack?.botToken, { kind: 'env', name: 'SLACK_BOT_TOKEN', key: 'chat.slack.bot_token_env' });
    assert.deepEqual(config.chat.slack?.channels, { C0123: 'ops/infra' });
    assert.deepEqual(config.chat.mattermost?.tokens, [{ kind: 'env', name: 'MATTERMOST_TOKEN', key: 'chat.mattermost.token_env' }]);
    const project = config.projects[0];
    assert.equal(project?.path, 'ops/infra');
    assert.equal(project?.defaultBranch, 'main');
    assert.deepEqual(project?.members, { alice: 'developer', bob: 'reporter' });
    assert.deepEqual(project?.variables, [
      { name: 'DEPLOY_TOKEN', source: { kind: 'env', name: 'DEPLOY_TOKEN', key: 'projects[0].variables.DEPLOY_TOKEN.value_env' }, masked: true, expand: true },
    ]);
    const alice = config.users[0];
    assert.equal(alice?.admin, true);
    assert.deepEqual(alice?.chat, [
      { platform: 'slack', teamId: 'T0001', userId: 'U0001' },
      { platform: 'mattermost', teamId: 'team1', userId: 'abc123' },
    ]);
    assert.equal(config.users.length, 1);
  });
});

describe('defaults', () => {
  test('an empty file is a working config', () => {
    for (const text of ['', '# nothing\n', '{}']) {
      const config = parsedServerConfig(text);
      assert.deepEqual(config.server, {
        listen: { host: '127.0.0.1', port: 8080 },
        externalUrl: 'http://127.0.0.1:8080',
        externalUrlDerived: true,
        dataDir: './.chatrun',
        database: { kind: 'sqlite', path: '.chatrun/chatrun.db' },
      });
      assert.deepEqual(config.runner, {
        embedded: true,
        concurrency: 4,
        queueLimit: 80,
        traceLimitBytes: 4_194_304,
        defaultTimeoutSeconds: 3600,
        buildsDir: '.chatrun/builds',
        cancelGraceSeconds: 10,
        heartbeatTimeoutSeconds: 60,
        tokens: [],
      });
      assert.deepEqual(config.chat, { rateLimitPerMinute: 30 });
      assert.deepEqual(config.web, { sessionTtlSeconds: 43_200 });
      assert.deepEqual(config.projects, []);
      assert.deepEqual(config.users, []);
      assert.deepEqual(config.log, { level: 'info' });
      assert.equal(config.source, 'chatrun.yml');
    }
  });

  test('paths follow data_dir; external_url follows listen unless given', () => {
    const config = parsedServerConfig('server: { listen: "0.0.0.0:9090", data_dir: /srv/chatrun }');
    assert.equal(config.server.database.kind === 'sqlite' && config.server.database.path, '/srv/chatrun/chatrun.db');
    assert.equal(config.runner.buildsDir, '/srv/chatrun/builds');
    assert.equal(config.server.externalUrl, 'http://127.0.0.1:9090');
    const explicit = parsedServerConfig('server: { external_url: "https://chat.example.com/chatrun/" }');
    assert.equal(explicit.server.externalUrl, 'https://chat.example.com/chatrun');
    assert.equal(explicit.server.externalUrlDerived, false);
  });

  test('slack, mattermost, project and user defaults', () => {
    const config = parsedServerConfig(`
chat:
  slack: { signing_secret_file: /run/secrets/slack }
  mattermost: { token_env: [MM_A, MM_B], token_file: /run/mm }
projects:
  - { path: a/b, repository: /srv/git/b, members: { ann: maintainer } }
users:
  - username: ann
`);
    assert.deepEqual(config.chat.slack, {
      signingSecret: { kind: 'file', path: '/run/secrets/slack', key: 'chat.slack.signing_secret_file' },
      apiUrl: 'https://slack.com/api',
      channels: {},
      command: '/chatrun',
    });
    assert.deepEqual(config.chat.mattermost, {
      tokens: [
        { kind: 'env', name: 'MM_A', key: 'chat.mattermost.token_env[0]' },
        { kind: 'env', name: 'MM_B', key: 'chat.mattermost.token_env[1]' },
        { kind: 'file', path: '/run/mm', key: 'chat.mattermost.token_file' },
      ],
      channels: {},
      command: '/chatrun',
    });
    assert.deepEqual(config.projects[0], {
      path: 'a/b',
      repository: '/srv/git/b',
      ciConfigPath: '.gitlab-ci.yml',
      members: { ann: 'maintainer' },
      variables: [],
      chatChannels: [],
    });
    assert.deepEqual(config.users[0], { username: 'ann', name: 'ann', admin: false, chat: [] });
  });

  test('sizes, durations and variables in their written forms', () => {
    const config = parsedServerConfig(`
runner: { trace_limit: 512KiB, default_timeout: 1h 30m, cancel_grace: 0, heartbeat_timeout: 2 minutes, concurrency: 8, embedded: false }
web: { session_ttl: 7d }
chat: { rate_limit_per_minute: 0 }
log: { level: debug }
projects:
  - path: p
    repository: git@example.com:p.git
    timeout: 3 hours
    chat_channels: [C1]
    variables:
      PLAIN: hello
      NUMBER: 42
      RAW: { value: "$HOME", expand: false, description: kept as written }
      FROM_FILE: { value_file: ./secret.txt, masked: true }
`);
    assert.equal(config.runner.traceLimitBytes, 524_288);
    assert.equal(config.runner.defaultTimeoutSeconds, 5400);
    assert.equal(config.runner.cancelGraceSeconds, 0);
    assert.equal(config.runner.heartbeatTimeoutSeconds, 120);
    assert.equal(config.runner.concurrency, 8);
    assert.equal(config.runner.queueLimit, 160, '20 waiting jobs per runner slot unless set');
    assert.equal(parsedServerConfig('runner: { concurrency: 8, queue_limit: 0 }').runner.queueLimit, 0);
    assert.equal(parsedServerConfig('runner: { queue_limit: 500 }').runner.queueLimit, 500);
    assert.equal(config.runner.embedded, false);
    assert.equal(config.web.sessionTtlSeconds, 604_800);
    assert.equal(config.chat.rateLimitPerMinute, 0);
    assert.equal(config.log.level, 'debug');
    assert.equal(config.projects[0]?.timeoutSeconds, 10_800);
    assert.deepEqual(config.projects[0]?.variables, [
      { name: 'PLAIN', source: { kind: 'value', value: 'hello', key: 'projects[0].variables.PLAIN' }, masked: false, expand: true },
      { name: 'NUMBER', source: { kind: 'value', value: '42', key: 'projects[0].variables.NUMBER' }, masked: false, expand: true },
      {
        name: 'RAW',
        source: { kind: 'value', value: '$HOME', key: 'projects[0].variables.RAW.value' },
        masked: false,
        expand: false,
        description: 'kept as written',
      },
      { name: 'FROM_FILE', source: { kind: 'file', path: './secret.txt', key: 'projects[0].variables.FROM_FILE.value_file' }, masked: true, expand: true },
    ]);
    assert.equal(defaultProjectForChannel(config, 'slack', 'C1'), 'p');
    assert.equal(defaultProjectForChannel(config, 'slack', 'C2'), 'p', 'the only project is everyone\'s default');
  });
});


test('the complete example in docs/configuration.md parses and resolves its shape as documented', () => {
  const docs = readFileSync(join(repoRoot(), 'docs', 'configuration.md'), 'utf8');
  const example = /## A complete example\s+```yaml\n([\s\S]*?)```/.exec(docs)?.[1];
  assert.ok(example, 'docs/configuration.md has a complete example');
  const config = parsedServerConfig(example);
  assert.deepEqual(config.server.database, { kind: 'postgres', url: 'postgres://chatrun@db.internal/chatrun' });
  assert.equal(config.server.externalUrl, 'https://chatrun.example.com');
  assert.equal(config.chat.mattermost?.tokens.length, 2);
  assert.equal(config.projects[0]?.timeoutSeconds, 7200);
  assert.equal(defaultProjectForChannel(config, 'slack', 'C0456EFGH'), 'web/site');
  assert.equal(defaultProjectForChannel(config, 'mattermost', '4xp9fdt1wpr8xq9ydsjb3k1mwh'), 'ops/infra');
  assert.equal(defaultProjectForChannel(config, 'slack', 'C9'), undefined, 'two projects: the command must name one');
});
