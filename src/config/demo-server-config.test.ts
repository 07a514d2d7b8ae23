import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoServerConfig, DEMO_PROJECT_PATH, DEMO_USERNAME } from './demo-server-config.js';

test('the demo: SQLite under the data dir, embedded runner, demo/hello owned by the admin demo', () => {
  const result = demoServerConfig({ repository: '/tmp/demo-repo' });
  if (!result.ok) assert.fail(result.errors.join('\n'));
  const { config } = result;
  assert.equal(config.source, '<demo>');
  assert.deepEqual(config.server.listen, { host: '127.0.0.1', port: 8080 });
  assert.equal(config.server.dataDir, './.chatrun');
  assert.deepEqual(config.server.database, { kind: 'sqlite', path: '.chatrun/chatrun.db' });
  assert.equal(config.runner.embedded, true);
  assert.equal(DEMO_PROJECT_PATH, 'demo/hello');
  assert.deepEqual(config.projects.map((p) => [p.path, p.repository, p.members]), [['demo/hello', '/tmp/demo-repo', { demo: 'owner' }]]);
  const user = config.users[0];
  assert.equal(user?.username, DEMO_USERNAME);
  assert.equal(user?.admin, true);
  assert.deepEqual(user?.password, { kind: 'file', path: '.chatrun/demo-password', key: 'users[0].password_file' });
});

test('the demo takes the data dir, listen address and password file from the caller', () => {
  const result = demoServerConfig({ dataDir: '/var/tmp/cr', listen: '127.0.0.1:0', repository: '/r', passwordFile: '/var/tmp/pw' });
  if (!result.ok) assert.fail(result.errors.join('\n'));
  assert.deepEqual(result.config.server.listen, { host: '127.0.0.1', port: 0 });
  assert.deepEqual(result.config.server.database, { kind: 'sqlite', path: '/var/tmp/cr/chatrun.db' });
  assert.equal(result.config.runner.buildsDir, '/var/tmp/cr/builds');
  assert.equal(result.config.users[0]?.password?.kind === 'file' && result.config.users[0].password.path, '/var/tmp/pw');
});

test('a bad listen address is reported, not thrown', () => {
  assert.deepEqual(demoServerConfig({ listen: 'nowhere', repository: '/r' }), {
    ok: false,
    errors: ['server.listen: "nowhere" must be HOST:PORT (127.0.0.1:8080, [::1]:8080, :8080) or a port number'],
  });
});
