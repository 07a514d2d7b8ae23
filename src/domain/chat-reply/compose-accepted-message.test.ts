import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { composeAcceptedMessage } from './compose-accepted-message.js';

const J = 'https://chatrun.example/ops/infra/-/jobs/42';
const user = { chatUserId: 'U123', chatUserName: 'jane' };

describe('composeAcceptedMessage', () => {
  test('in the channel: mentions who ran it, names the job and its number, links the log', () => {
    const message = composeAcceptedMessage({ user, jobName: 'deploy', jobId: 42, logUrl: J, manual: false });
    assert.equal(message.visibility, 'in_channel');
    assert.deepEqual(message.mention, user);
    assert.equal(message.logUrl, J);
    assert.equal(message.text, `ran \`deploy\`: job [#42](${J}). Its output will be posted here when it finishes.`);
  });

  test('a manual job: created and waiting, with a link to start it and the play command', () => {
    const message = composeAcceptedMessage({
      user,
      jobName: 'deploy',
      jobId: 42,
      logUrl: J,
      manual: true,
      playUrl: `${J}/play`,
      commandName: '/chatrun',
    });
    assert.equal(message.visibility, 'in_channel');
    assert.equal(
      message.text,
      `created \`deploy\` as job [#42](${J}). It is a manual job and waits to be started: [start it](${J}/play) or send \`/chatrun play 42\`.`,
    );
  });

  test('a manual job without a play URL links the job page', () => {
    const message = composeAcceptedMessage({ user, jobName: 'deploy', jobId: 42, logUrl: J, manual: true });
    assert.match(message.text, new RegExp(`\\[start it\\]\\(${J.replace(/[.]/g, '\\.')}\\)\\.$`));
  });
});
