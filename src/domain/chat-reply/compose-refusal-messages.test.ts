import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  composeCannotRunFromChatMessage,
  composeConfigInvalidMessage,
  composeInvalidCommandMessage,
  composeJobNotFoundMessage,
  composeNotAllowedMessage,
  composeNotLinkedMessage,
  composeRateLimitedMessage,
  composeUnknownProjectMessage,
} from './compose-refusal-messages.js';
import type { ChatMessage } from './chat-message.js';

function assertEphemeralRefusal(message: ChatMessage): void {
  assert.equal(message.visibility, 'ephemeral');
  assert.equal(message.tone, 'warning');
  assert.equal(message.mention, undefined);
}

describe('refusal messages (SPEC section 2)', () => {
  test('not linked: a link to connect the account, single use, valid 10 minutes', () => {
    const message = composeNotLinkedMessage({ linkUrl: 'https://chatrun.example/link/abc' });
    assertEphemeralRefusal(message);
    assert.match(message.text, /\[connect it\]\(https:\/\/chatrun\.example\/link\/abc\)/);
    assert.match(message.text, /works once, for 10 minutes/);
  });

  test('not allowed: names the project, the role needed and the user role', () => {
    const reporter = composeNotAllowedMessage({ projectPath: 'ops/infra', requiredRole: 'developer', userRole: 'reporter' });
    assertEphemeralRefusal(reporter);
    assert.equal(reporter.text, 'You may not run jobs in `ops/infra`: that needs the developer role or higher, and you are a reporter.');
    const stranger = composeNotAllowedMessage({ projectPath: 'ops/infra', requiredRole: 'developer', userRole: null });
    assert.match(stranger.text, /you are not a member of it\.$/);
    assert.match(composeNotAllowedMessage({ projectPath: 'p', requiredRole: 'maintainer', userRole: 'owner' }).text, /you are an owner/);
  });

  test('unknown project: one answer whatever the reason, with the name safely quoted', () => {
    const message = composeUnknownProjectMessage({ projectPath: 'secret`/x', commandName: '/chatrun' });
    assertEphemeralRefusal(message);
    assert.equal(message.text, "There is no project `secret'/x` that you can use. Send `/chatrun help` to see what you can do here.");
  });

  test('config invalid: the first 3 errors in the output, and how many there were', () => {
    const errors = ['a', 'b', 'c', 'd', 'e'].map((x) => ({ path: `jobs:${x}`, message: `jobs:${x} config should be a hash` }));
    const message = composeConfigInvalidMessage({ projectPath: 'ops/infra', configPath: '.gitlab-ci.yml', errors });
    assertEphemeralRefusal(message);
    assert.match(message.text, /^The CI config `\.gitlab-ci\.yml` of `ops\/infra` is invalid/);
    assert.match(message.text, /The first 3 of 5 errors:$/);
    assert.equal(message.output, 'jobs:a config should be a hash\njobs:b config should be a hash\njobs:c config should be a hash');
    const one = composeConfigInvalidMessage({ projectPath: 'p', configPath: 'ci.yml', errors: errors.slice(0, 1) });
    assert.match(one.text, / 1 error:$/);
  });

  test('job not found: the closest chat-runnable names, or a pointer to help', () => {
    const close = composeJobNotFoundMessage({ projectPath: 'ops/infra', jobName: 'deplyo', suggestions: ['deploy', 'deploy-eu'] });
    assertEphemeralRefusal(close);
    assert.equal(close.text, '`ops/infra` has no job named `deplyo`. Did you mean `deploy` or `deploy-eu`?');
    const none = composeJobNotFoundMessage({ projectPath: 'ops/infra', jobName: 'x', suggestions: [], commandName: '/chatrun' });
    assert.equal(none.text, '`ops/infra` has no job named `x`. Send `/chatrun help` to list the jobs you may run.');
  });

  test('cannot run from chat: says why', () => {
    const message = composeCannotRunFromChatMessage({ projectPath: 'ops/infra', jobName: 'build', detail: 'its `except` includes chat pipelines.' });
    assertEphemeralRefusal(message);
    assert.equal(message.text, 'The job `build` of `ops/infra` cannot be run from chat: its `except` includes chat pipelines.');
  });

  test('rate limited: try again in N seconds', () => {
    const message = composeRateLimitedMessage({ retryAfterSeconds: 11.2, limitPerMinute: 30 });
    assertEphemeralRefusal(message);
    assert.equal(message.text, 'Too many commands (at most 30 a minute). Try again in 12 seconds.');
    assert.match(composeRateLimitedMessage({ retryAfterSeconds: 0.3 }).text, /in 1 second\.$/);
  });

  test('invalid command: echoes the text in a code span, then the help', () => {
    const message = composeInvalidCommandMessage({
      text: 'deploy [now](http://evil.example)\nplease',
      help: { commandName: '/chatrun', projectPath: 'ops/infra', jobs: [{ name: 'deploy' }] },
    });
    assertEphemeralRefusal(message);
    const [first, ...help] = message.text.split('\n');
    assert.equal(first, '`deploy [now](http://evil.example) please` is not a valid command.');
    assert.ok(help.some((line) => line.includes('`/chatrun run JOB [ARGS]`')));
  });
});
