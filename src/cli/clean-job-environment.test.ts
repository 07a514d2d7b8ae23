import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanJobEnvironment } from './clean-job-environment.js';

test('a job environment keeps PATH, HOME, LANG, USER, SHELL, TMPDIR and nothing of the server secrets', () => {
  const env = cleanJobEnvironment({
    PATH: '/bin',
    HOME: '/home/chatrun',
    USER: 'chatrun',
    SHELL: '/bin/bash',
    TMPDIR: '/tmp',
    LANG: 'en_US.UTF-8',
    SLACK_SIGNING_SECRET: 'sig',
    DEPLOY_TOKEN: 'tok',
    NODE_OPTIONS: '--inspect',
  });
  assert.deepEqual(env, { PATH: '/bin', HOME: '/home/chatrun', LANG: 'en_US.UTF-8', USER: 'chatrun', SHELL: '/bin/bash', TMPDIR: '/tmp' });
});

test('a bare service environment still gets a PATH and a UTF-8 locale', () => {
  assert.deepEqual(cleanJobEnvironment({}), { PATH: '/usr/local/bin:/usr/bin:/bin', LANG: 'C.UTF-8' });
});
