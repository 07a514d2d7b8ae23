import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { parseByteSize } from './byte-size.js';
import { parseDuration } from './duration-text.js';
import { parseListen, deriveExternalUrl } from './listen-address.js';
import { parseDatabaseSetting } from './database-setting.js';
import { closestName } from './closest-name.js';

describe('sizes', () => {
  const cases: Array<[unknown, number]> = [
    ['4MiB', 4 * 1024 * 1024],
    ['512KiB', 512 * 1024],
    ['10MB', 10_000_000],
    ['1GiB', 1024 ** 3],
    ['2kB', 2000],
    ['4096', 4096],
    [4096, 4096],
    ['1.5 MiB', 1_572_864],
    ['100b', 100],
    ['4mib', 4 * 1024 * 1024],
  ];
  for (const [input, bytes] of cases) {
    test(`${JSON.stringify(input)} is ${bytes} bytes`, () => assert.deepEqual(parseByteSize(input), { ok: true, bytes }));
  }
  test('ambiguous or malformed sizes are refused', () => {
    for (const input of ['4M', '4 megabytes', 'MiB', '-1', -1, 1.5, '', true, null]) {
      const result = parseByteSize(input);
      assert.equal(result.ok, false, JSON.stringify(input));
      if (!result.ok) assert.match(result.error, /size such as 4MiB/);
    }
  });
});

describe('durations', () => {
  const cases: Array<[unknown, number]> = [
    ['1h', 3600],
    ['90s', 90],
    ['10m', 600],
    ['1h 30m', 5400],
    ['1h30m', 5400],
    ['3 hours', 10_800],
    ['10 minutes', 600],
    ['1 hour and 30 minutes', 5400],
    ['1.5h', 5400],
    ['2d', 172_800],
    ['90', 90],
    [45, 45],
    ['0s', 0],
  ];
  for (const [input, seconds] of cases) {
    test(`${JSON.stringify(input)} is ${seconds} s`, () => assert.deepEqual(parseDuration(input), { ok: true, seconds }));
  }
  test('malformed durations are refused', () => {
    for (const input of ['1 fortnight', 'h', '', 'soon', '1h x', -5, null, []]) {
      assert.equal(parseDuration(input).ok, false, JSON.stringify(input));
    }
  });
});

describe('listen addresses', () => {
  const cases: Array<[unknown, string, number]> = [
    ['127.0.0.1:8080', '127.0.0.1', 8080],
    ['0.0.0.0:80', '0.0.0.0', 80],
    [':9000', '0.0.0.0', 9000],
    ['[::1]:8080', '::1', 8080],
    ['localhost:0', 'localhost', 0],
    [8080, '127.0.0.1', 8080],
    ['3000', '127.0.0.1', 3000],
  ];
  for (const [input, host, port] of cases) {
    test(`${JSON.stringify(input)} binds ${host} port ${port}`, () =>
      assert.deepEqual(parseListen(input), { ok: true, address: { host, port } }));
  }
  test('bad listen values are refused', () => {
    for (const input of ['127.0.0.1', 'host:99999', 'a b:1', '', true]) assert.equal(parseListen(input).ok, false, String(input));
  });
  test('the external URL is derived from listen, loopback for wildcard binds', () => {
    assert.equal(deriveExternalUrl({ host: '127.0.0.1', port: 8080 }), 'http://127.0.0.1:8080');
    assert.equal(deriveExternalUrl({ host: '0.0.0.0', port: 80 }), 'http://127.0.0.1:80');
    assert.equal(deriveExternalUrl({ host: '::', port: 80 }), 'http://[::1]:80');
    assert.equal(deriveExternalUrl({ host: 'chat.example.com', port: 8443 }), 'http://chat.example.com:8443');
  });
});

describe('database setting', () => {
  test('sqlite lives in the data dir; sqlite:PATH and postgres URLs are taken as given', () => {
    assert.deepEqual(parseDatabaseSetting('sqlite', '/srv/chatrun'), { ok: true, database: { kind: 'sqlite', path: '/srv/chatrun/chatrun.db' } });
    assert.deepEqual(parseDatabaseSetting('sqlite:/tmp/x.db', '.'), { ok: true, database: { kind: 'sqlite', path: '/tmp/x.db' } });
    assert.deepEqual(parseDatabaseSetting('postgres://chatrun@db/chatrun', '.'), {
      ok: true,
      database: { kind: 'postgres', url: 'postgres://chatrun@db/chatrun' },
    });
  });
  test('a password in the URL and unknown kinds are refused', () => {
    const withPassword = parseDatabaseSetting('postgresql://u:hunter2@db/x', '.');
    assert.equal(withPassword.ok, false);
    if (!withPassword.ok) assert.match(withPassword.error, /PGPASSWORD/);
    assert.equal(parseDatabaseSetting('mysql://db/x', '.').ok, false);
    assert.equal(parseDatabaseSetting('sqlite:', '.').ok, false);
  });
});

test('closestName suggests plausible typos only', () => {
  assert.equal(closestName('listne', ['listen', 'external_url', 'data_dir']), 'listen');
  assert.equal(closestName('datadir', ['listen', 'data_dir']), 'data_dir');
  assert.equal(closestName('bananas', ['listen', 'data_dir']), undefined);
});
