import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ChatMessage } from '../../../domain/chat-reply/chat-message.js';
import {
  MATTERMOST_MESSAGE_LIMIT,
  mattermostMessageLength,
  renderMattermostMessage,
} from './render-mattermost-message.js';

const LOG = 'https://chatrun.example/ops/infra/-/jobs/42';

function message(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return { visibility: 'in_channel', tone: 'success', text: 'alice ran `deploy`', ...overrides };
}

function outputOf(text: string): string {
  const match = /^```shell\n([\s\S]*)\n```/.exec(text);
  assert.ok(match, 'a shell code block');
  return match[1] ?? '';
}

describe('renderMattermostMessage', () => {
  test('mention and text go in the message, output in a coloured attachment', () => {
    const body = renderMattermostMessage(
      message({ mention: { chatUserId: 'abc123', chatUserName: 'alice' }, text: 'Job [#42](https://ci.example/42) ran', output: 'hello' }),
    );
    assert.equal(body.response_type, 'in_channel');
    assert.equal(body.skip_slack_parsing, true);
    assert.equal(body.text, ':white_check_mark: @alice Job [#42](https://ci.example/42) ran');
    assert.equal(body.attachments?.[0]?.color, '#00c100');
    assert.equal(outputOf(body.attachments?.[0]?.text ?? ''), 'hello');
  });

  test('failure is red, warning amber, neutral uncoloured; no output means no attachment', () => {
    assert.equal(renderMattermostMessage(message({ tone: 'failure', output: 'x' })).attachments?.[0]?.color, '#e40303');
    assert.equal(renderMattermostMessage(message({ tone: 'warning', output: 'x' })).attachments?.[0]?.color, '#f0ad4e');
    assert.equal(renderMattermostMessage(message({ tone: 'neutral', output: 'x' })).attachments?.[0]?.color, undefined);
    const plain = renderMattermostMessage(message({ visibility: 'ephemeral', tone: 'neutral', text: 'not allowed' }));
    assert.deepEqual(plain, { response_type: 'ephemeral', text: 'not allowed', skip_slack_parsing: true });
  });

  test('Markdown and @-mentions in user text are neutralised', () => {
    const body = renderMattermostMessage(message({ tone: 'neutral', text: 'job *x* for @channel and _y_ <b>' }));
    assert.equal(body.text, 'job \\*x\\* for @\u200bchannel and \\_y\\_ \\<b\\>');
  });

  test('ANSI codes are stripped; fences inside output cannot close the block', () => {
    const body = renderMattermostMessage(message({ output: '\x1b[0;m\x1b[32;1m$ echo "success!"\x1b[0;m\nsuccess!\n```' }));
    const out = outputOf(body.attachments?.[0]?.text ?? '');
    assert.ok(out.startsWith('$ echo "success!"\nsuccess!\n'));
    assert.equal(out.includes('\x1b'), false);
    assert.equal(out.includes('```'), false);
  });

  test('long success output keeps the head, long failure the tail, both marked with the log link', () => {
    const output = Array.from({ length: 5000 }, (_, i) => `row ${i}`).join('\n');
    const ok = renderMattermostMessage(message({ output, logUrl: LOG }));
    const okText = ok.attachments?.[0]?.text ?? '';
    assert.ok(outputOf(okText).startsWith('row 0\n'));
    assert.match(okText, /_Output truncated: showing the first [\d,]+ lines of 5,000\._ \[Full log\]\(https:\/\/chatrun\.example\/ops\/infra\/-\/jobs\/42\)$/);
    const failed = renderMattermostMessage(message({ tone: 'failure', output, logUrl: LOG }));
    const failedText = failed.attachments?.[0]?.text ?? '';
    assert.ok(outputOf(failedText).endsWith('row 4999'));
    assert.ok(outputOf(failedText).startsWith('…\n'));
    assert.match(failedText, /showing the last [\d,]+ lines/);
    assert.ok(mattermostMessageLength(failed) <= MATTERMOST_MESSAGE_LIMIT);
  });

  test('a log link is appended when the text lacks it', () => {
    const body = renderMattermostMessage(message({ tone: 'neutral', text: 'created', logUrl: LOG }));
    assert.equal(body.text, `created\n[Job log](${LOG})`);
  });

  test('property: the whole message never exceeds 16,383 characters, for any output', () => {
    const chars = fc.constantFrom('a', '`', '\n', '\x1b[1;31m', 'é', '😀', '*', '@', 'x'.repeat(50));
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 6000 }).map((a) => a.join('')),
        fc.constantFrom<ChatMessage['tone']>('success', 'failure', 'warning', 'neutral'),
        fc.string({ maxLength: 300 }),
        (output, tone, text) => {
          const body = renderMattermostMessage(message({ tone, text, output, logUrl: LOG }));
          assert.ok(mattermostMessageLength(body) <= MATTERMOST_MESSAGE_LIMIT);
        },
      ),
      { numRuns: 100 },
    );
  });
});
