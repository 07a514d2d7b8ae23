import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parsedServerConfig, serverConfigErrors } from '../../test/support/server-config-parse.js';

// What a broken config file is told: every problem at once, each named by
// its full key path (and line), secrets and unknown keys refused.

function assertError(errors: readonly string[], prefix: string, pattern: RegExp): void {
  const hit = errors.find((error) => error.startsWith(`${prefix}: `));
  assert.ok(hit, `no error for ${prefix} in:\n${errors.join('\n')}`);
  assert.match(hit, pattern);
}

describe('errors name the key by its full path', () => {
  test('a bad role', () => {
    const errors = serverConfigErrors('projects: [{ path: p, repository: r, members: { alice: admin } }]\nusers: [{ username: alice }]');
    assert.deepEqual(errors, ['projects[0].members.alice: role must be one of guest, reporter, developer, maintainer, owner (chatrun.yml:1)']);
  });

  test('a member who is not declared under users is accepted (users may live in the database)', () => {
    const config = parsedServerConfig('projects: [{ path: p, repository: r, members: { carol: developer } }]');
    assert.deepEqual(config.projects[0]?.members, { carol: 'developer' });
  });

  test('duplicate project paths, usernames and chat identities', () => {
    const errors = serverConfigErrors(`
projects: [{ path: a/b, repository: r }, { path: a/b, repository: s }]
users:
  - { username: ann, chat: ["slack:T1:U1"] }
  - { username: ann }
  - { username: bo, chat: ["slack:T1:U1"] }
`);
    assertError(errors, 'projects[1].path', /project a\/b is already declared at projects\[0\]\.path/);
    assertError(errors, 'users[1].username', /username ann is already declared at users\[0\]\.username/);
    assertError(errors, 'users[2].chat[0]', /chat identity slack:T1:U1 is already declared at users\[0\]\.chat\[0\]/);
  });

  test('chat identities must be platform:team:user', () => {
    const errors = serverConfigErrors('users: [{ username: ann, chat: ["slack:T1", "irc:a:b", "slack:T 1:U1", "slack:T1:U1:x"] }]');
    for (const index of [0, 1, 2, 3]) assertError(errors, `users[0].chat[${index}]`, /must be platform:team:user/);
  });

  test('channel maps must name declared projects and agree with each other', () => {
    const errors = serverConfigErrors(`
chat:
  slack: { signing_secret_env: S, channels: { C1: nope/x, C2: a/b } }
projects:
  - { path: a/b, repository: r }
  - { path: c/d, repository: r, chat_channels: [C2] }
`);
    assertError(errors, 'chat.slack.channels.C1', /no project nope\/x/);
    assertError(errors, 'projects[1].chat_channels[0]', /channel C2 is already the channel of a\/b/);
  });

  test('wrong types, ranges and grammars', () => {
    const errors = serverConfigErrors(`
server: { listen: "localhost", database: "mysql://x", external_url: "ftp://x" }
runner: { concurrency: 0, queue_limit: -1, trace_limit: 4M, default_timeout: soon, embedded: "yes" }
chat: { rate_limit_per_minute: -1 }
web: { session_ttl: 0 }
log: { level: loud }
projects:
  - { path: "/abs", repository: 3, ci_config_path: "../x.yml" }
users:
  - { username: "-x", email: nope, admin: "true" }
`);
    assertError(errors, 'server.listen', /must be HOST:PORT/);
    assertError(errors, 'server.database', /must be sqlite, sqlite:PATH or a postgres:\/\/ URL/);
    assertError(errors, 'server.external_url', /http:\/\/ or https:\/\/ URL/);
    assertError(errors, 'runner.concurrency', /must be at least 1/);
    assertError(errors, 'runner.queue_limit', /must be at least 0/);
    assertError(errors, 'runner.trace_limit', /"4M" is not a size such as 4MiB/);
    assertError(errors, 'runner.default_timeout', /"soon" is not a duration/);
    assertError(errors, 'runner.embedded', /must be true or false, not text "yes"/);
    assertError(errors, 'chat.rate_limit_per_minute', /must be at least 0/);
    assertError(errors, 'web.session_ttl', /longer than 0 seconds/);
    assertError(errors, 'log.level', /must be one of fatal, error/);
    assertError(errors, 'projects[0].path', /must be a project path/);
    assertError(errors, 'projects[0].repository', /must be text, not number 3/);
    assertError(errors, 'projects[0].ci_config_path', /inside the repository/);
    assertError(errors, 'users[0].username', /must be a username/);
    assertError(errors, 'users[0].email', /must be an email address/);
    assertError(errors, 'users[0].admin', /must be true or false/);
    assert.equal(errors.length, 17, errors.join('\n'));
  });

  test('required keys and one-of pairs', () => {
    const errors = serverConfigErrors(`
chat:
  slack: { bot_token_env: B, bot_token_file: /b }
  mattermost: { bot_token_env: MB }
projects:
  - { repository: r, variables: { A: { masked: true }, B: { value: x, value_env: X }, 1C: x } }
users:
  - { password_env: P, password_file: /p, username: u }
`);
    assertError(errors, 'chat.slack', /signing_secret_env \(an environment variable name\) or signing_secret_file \(a file path\) is required/);
    assertError(errors, 'chat.slack.bot_token_file', /give only one of bot_token_env and bot_token_file/);
    assertError(errors, 'chat.mattermost', /token_env or token_file \(the slash command token\) is required/);
    assert.ok(errors.some((e) => e.startsWith('chat.mattermost: api_url (the Mattermost server URL) is required with a bot token')));
    assertError(errors, 'projects[0].path', /is required/);
    assertError(errors, 'projects[0].variables.A', /needs one of value, value_env, value_file/);
    assertError(errors, 'projects[0].variables.B', /takes only one of value, value_env, value_file/);
    assertError(errors, 'projects[0].variables["1C"]', /variable names are letters/);
    assertError(errors, 'users[0].password_file', /give only one of password_env and password_file/);
  });

  test('every problem is reported at once, with its line', () => {
    const errors = serverConfigErrors('server:\n  listen: nope\nrunner:\n  concurrency: 0\nusers:\n  - username: a\n    admin: 1\n');
    assert.deepEqual(errors, [
      'server.listen: "nope" must be HOST:PORT (127.0.0.1:8080, [::1]:8080, :8080) or a port number (chatrun.yml:2)',
      'runner.concurrency: must be at least 1 (chatrun.yml:4)',
      'users[0].admin: must be true or false, not number 1 (chatrun.yml:7)',
    ]);
  });
});

describe('secrets are never written in the file', () => {
  const cases: Array<[string, string, string]> = [
    ['chat: { slack: { signing_secret: abc, signing_secret_env: S } }', 'chat.slack.signing_secret', 'signing_secret_env'],
    ['chat: { slack: { signing_secret_env: S, bot_token: xoxb-1 } }', 'chat.slack.bot_token', 'bot_token_env'],
    ['chat: { mattermost: { token: abc, token_env: T } }', 'chat.mattermost.token', 'token_env'],
    ['users: [{ username: a, password: hunter2 }]', 'users[0].password', 'password_env'],
    ['runner: { token: abc }', 'runner.token', 'token_env'],
  ];
  for (const [yaml, key, instead] of cases) {
    test(`a literal ${key} is refused, pointing at ${instead}`, () => {
      const errors = serverConfigErrors(yaml);
      const base = instead.replace(/_env$/, '');
      assertError(errors, key, new RegExp(`secrets are not written in the config file: use ${instead} .* or ${base}_file`));
    });
  }
  test('a password inside a PostgreSQL URL is refused', () => {
    assertError(serverConfigErrors('server: { database: "postgres://chatrun:hunter2@db/chatrun" }'), 'server.database', /PGPASSWORD/);
  });
});

describe('unknown keys are errors', () => {
  test('at every level, with a hint when it looks like a typo', () => {
    const errors = serverConfigErrors(`
servr: {}
server: { listne: ":80" }
chat: { slack: { signing_secret_env: S, chanels: {} } }
projects: [{ path: p, repository: r, variables: { A: { value: x, maskd: true } } }]
users: [{ username: a, emial: a@b.c, colour: blue }]
`);
    assertError(errors, 'servr', /unknown key \(did you mean server\?\)/);
    assertError(errors, 'server.listne', /unknown key \(did you mean listen\?\)/);
    assertError(errors, 'chat.slack.chanels', /did you mean channels\?/);
    assertError(errors, 'projects[0].variables.A.maskd', /did you mean masked\?/);
    assertError(errors, 'users[0].emial', /did you mean email\?/);
    assertError(errors, 'users[0].colour', /unknown key \(allowed here: username, name, email, admin/);
  });
});

describe('YAML problems', () => {
  test('syntax errors and duplicate keys carry the file, line and column', () => {
    assert.match(serverConfigErrors('server: [')[0] ?? '', /^chatrun\.yml:1:\d+: /);
    assert.deepEqual(serverConfigErrors('log: {}\nlog: {}'), ['chatrun.yml:2:1: Map keys must be unique']);
  });
  test('a file that is not a mapping, or holds several documents, is refused', () => {
    assert.match(serverConfigErrors('- a')[0] ?? '', /must be a mapping of sections/);
    assert.match(serverConfigErrors('log: {}\n---\nlog: {}')[0] ?? '', /single YAML document/);
  });
  test('anchors and aliases work; an alias before its anchor is an error, not a crash', () => {
    const config = parsedServerConfig(`
users: [{ username: ann }]
projects:
  - { path: a, repository: r, members: &team { ann: owner } }
  - { path: b, repository: r, members: *team }
`);
    assert.deepEqual(config.projects.map((p) => p.members), [{ ann: 'owner' }, { ann: 'owner' }]);
    assert.match(serverConfigErrors('projects: [{ path: a, repository: r, members: *m }]\nusers: &m []')[0] ?? '', /^chatrun\.yml: .*alias/i);
  });
});
