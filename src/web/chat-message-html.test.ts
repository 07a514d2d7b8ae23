import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chatMessageHtml } from './chat-message-html.js';

describe('chatMessageHtml', () => {
  test('shows the mention, text parts, coloured output and the log link', () => {
    const out = chatMessageHtml(
      {
        visibility: 'in_channel',
        tone: 'success',
        mention: { chatUserId: 'U1', chatUserName: 'jane' },
        text: 'ran hello-world: job #7.',
        output: '\x1b[32mok\x1b[0m <done>\n',
        logUrl: 'http://chatrun.test/p/-/jobs/7',
      },
      [
        { kind: 'text', text: 'ran ' },
        { kind: 'code', text: 'hello-world' },
        { kind: 'text', text: ': job ' },
        { kind: 'link', label: '#7', url: 'http://chatrun.test/p/-/jobs/7' },
        { kind: 'text', text: '.' },
      ],
    ).toString();
    assert.equal(
      out,
      '<div class="chat-message tone-success in_channel"><p class="chat-text"><span class="mention">@jane</span> ran <code>hello-world</code>: job <a href="http://chatrun.test/p/-/jobs/7">#7</a>.</p>' +
        '<pre class="chat-output term"><span class="term-fg-2">ok</span> &lt;done&gt;\n</pre></div>',
    );
  });

  test('an ephemeral message says so and links the log when its text does not', () => {
    const out = chatMessageHtml(
      { visibility: 'ephemeral', tone: 'failure', text: 'failed', logUrl: 'https://x.test/j/1' },
      [{ kind: 'text', text: 'failed' }],
    ).toString();
    assert.match(out, /<p class="chat-meta"><span class="only-you">Only visible to you<\/span> · <a href="https:\/\/x.test\/j\/1">Job log<\/a><\/p>/);
  });

  test('a link part that is not a web link is shown as text', () => {
    const out = chatMessageHtml({ visibility: 'ephemeral', tone: 'neutral', text: 'x' }, [
      { kind: 'link', label: 'click', url: 'javascript:alert(1)' },
    ]).toString();
    assert.doesNotMatch(out, /<a /);
    assert.match(out, />click</);
  });
});
