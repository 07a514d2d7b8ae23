import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { composeHelpMessage } from './compose-help-message.js';

describe('composeHelpMessage', () => {
  test('lists the commands and each job with its description, privately', () => {
    const message = composeHelpMessage({
      commandName: '/chatrun',
      projectPath: 'ops/infra',
      jobs: [{ name: 'deploy', description: 'Deploy the app.\nUsage: run deploy <environment>' }, { name: 'ls' }],
    });
    assert.equal(message.visibility, 'ephemeral');
    assert.equal(message.tone, 'neutral');
    assert.equal(
      message.text,
      [
        '`/chatrun run JOB [ARGS]` runs the job JOB of `ops/infra`; ARGS reach the job as `$CHAT_INPUT`.',
        '`/chatrun play JOB_ID` starts a manual job.',
        '`/chatrun help` shows this message.',
        'Jobs you may run in `ops/infra`:',
        '`deploy` — Deploy the app. Usage: run deploy <environment>',
        '`ls`',
        'For example: `/chatrun run deploy`',
      ].join('\n'),
    );
  });

  test('when the project must be named, every command shows it', () => {
    const { text } = composeHelpMessage({ commandName: '/chatrun', projectPath: 'ops/infra', projectRequired: true, jobs: [{ name: 'ls' }] });
    assert.match(text, /^`\/chatrun ops\/infra run JOB \[ARGS\]`/);
    assert.match(text, /For example: `\/chatrun ops\/infra run ls`$/);
  });

  test('with no project: how to name one, and no job list', () => {
    const { text } = composeHelpMessage({ commandName: '/ops', jobs: [] });
    assert.match(text, /^`\/ops PROJECT run JOB \[ARGS\]`/);
    assert.doesNotMatch(text, /Jobs you may run/);
  });

  test('no runnable jobs says so', () => {
    const { text } = composeHelpMessage({ commandName: '/chatrun', projectPath: 'p', jobs: [] });
    assert.match(text, /There is no job in `p` you may run from chat\.$/);
  });

  test('a job name with a space is listed but never used as the example', () => {
    const { text } = composeHelpMessage({ commandName: '/c', projectPath: 'p', jobs: [{ name: 'test 1/2' }] });
    assert.match(text, /`test 1\/2`/);
    assert.doesNotMatch(text, /For example/);
  });
});
