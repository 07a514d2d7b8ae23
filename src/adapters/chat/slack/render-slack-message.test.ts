import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { ChatMessage } from '../../../domain/chat-reply/chat-message.js';
import { renderSlackMessage, SLACK_BLOCK_LIMIT, SLACK_SECTION_LIMIT, type SlackBlock } from './render-slack-message.js';

const LOG = 'https://chatrun.example/ops/infra/-/jobs/42';

function message(overrides: Partial<ChatMessage> = {}): ChatMessage {
  return { visibility: 'in_channel', tone: 'success', text: 'alice ran `deploy`', ...overrides };
}

function texts(blocks: readonly SlackBlock[]): string[] {
  return blocks.flatMap((b) => (b.type === 'section' ? [b.text.text] : b.elements.map((e) => e.text)));
}

function codeOf(blocks: readonly SlackBlock[]): string {
  const code = texts(blocks).find((t) => t.startsWith('```'));
  assert.ok(code, 'a code block');
  return code.slice(4, -4);
}

describe('renderSlackMessage', () => {
  test('visibility, mention, tone and inline markup become mrkdwn', () => {
    const body = renderSlackMessage(
      message({ mention: { chatUserId: 'U123', chatUserName: 'alice' }, text: 'Job [#42](https://ci.example/j?a=1&b=2) ran `x`' }),
    );
    assert.equal(body.response_type, 'in_channel');
    assert.equal(texts(body.blocks)[0], ':white_check_mark: <@U123> Job <https://ci.example/j?a=1&amp;b=2|#42> ran `x`');
    assert.equal(body.text, texts(body.blocks)[0]);
    assert.equal(renderSlackMessage(message({ visibility: 'ephemeral', tone: 'neutral', text: 'hi' })).text, 'hi');
  });

  test('&, < and > in user and job text are escaped, so <!channel> cannot broadcast', () => {
    const body = renderSlackMessage(message({ tone: 'neutral', text: 'a <!channel> & b > c', output: '<@U999> & <https://x|y>' }));
    assert.equal(texts(body.blocks)[0], 'a &lt;!channel&gt; &amp; b &gt; c');
    assert.equal(codeOf(body.blocks), '&lt;@U999&gt; &amp; &lt;https://x|y&gt;');
  });

  test('ANSI codes are removed from output and backtick fences cannot close the block', () => {
    const body = renderSlackMessage(message({ output: '\x1b[32;1m$ echo hi\x1b[0;m\nhi\x1b[0K\n```\nafter' }));
    const code = codeOf(body.blocks);
    assert.equal(code.includes('\x1b'), false);
    assert.ok(code.startsWith('$ echo hi\nhi\n'));
    assert.equal(code.includes('```'), false);
  });

  test('the log link is added when the text does not carry it', () => {
    const body = renderSlackMessage(message({ output: 'ok', logUrl: LOG }));
    assert.equal(texts(body.blocks).at(-1), `<${LOG}|Job log>`);
    const linked = renderSlackMessage(message({ text: `[#42](${LOG})`, output: 'ok', logUrl: LOG }));
    assert.equal(texts(linked.blocks).filter((t) => t.includes(LOG)).length, 1);
  });

  test('long success output keeps the head, marked, with the full log link', () => {
    const output = Array.from({ length: 2000 }, (_, i) => `row ${i}`).join('\n');
    const body = renderSlackMessage(message({ output, logUrl: LOG }));
    const code = codeOf(body.blocks);
    assert.ok(code.startsWith('row 0\nrow 1\n'));
    assert.ok(code.endsWith('\n…'));
    const notice = texts(body.blocks).at(-1) ?? '';
    assert.match(notice, /^_Output truncated: showing the first [\d,]+ lines of 2,000\._ <https:\/\/chatrun\.example\/ops\/infra\/-\/jobs\/42\|Full log>$/);
  });

  test('long failure output keeps the tail', () => {
    const output = Array.from({ length: 2000 }, (_, i) => `row ${i}`).join('\n');
    const body = renderSlackMessage(message({ tone: 'failure', text: 'failed', output, logUrl: LOG }));
    const code = codeOf(body.blocks);
    assert.ok(code.startsWith('…\n'));
    assert.ok(code.endsWith('row 1998\nrow 1999'));
    assert.match(texts(body.blocks)[0] ?? '', /^:x: failed/);
    assert.match(texts(body.blocks).at(-1) ?? '', /showing the last [\d,]+ lines/);
  });

  test('output already shortened by the composer gets a full-log link, and counts against the whole', () => {
    const fits = renderSlackMessage(message({ tone: 'failure', text: 'The last 2 of 900 lines:', output: 'a\nb', outputTruncatedFrom: 900, logUrl: LOG }));
    assert.equal(texts(fits.blocks).at(-1), `<${LOG}|Full log>`);
    const long = Array.from({ length: 20 }, (_, i) => `${i} ${'x'.repeat(400)}`).join('\n');
    const cut = renderSlackMessage(message({ tone: 'failure', text: 'failed', output: long, outputTruncatedFrom: 900, logUrl: LOG }));
    assert.match(texts(cut.blocks).at(-1) ?? '', /^_Output truncated: showing the last [\d,]+ lines of 900\._ <.*\|Full log>$/);
  });

  test('empty or whitespace output gives no code block', () => {
    for (const output of ['', '\n\n', '\x1b[0m']) {
      const body = renderSlackMessage(message({ text: 'succeeded, no output', output }));
      assert.equal(texts(body.blocks).some((t) => t.startsWith('```')), false);
    }
  });

  test('a very long text is split into sections of at most 3000 characters', () => {
    const text = Array.from({ length: 400 }, (_, i) => `job-${i} & [log](https://ci.example/${i})`).join('\n');
    const body = renderSlackMessage(message({ tone: 'neutral', text }));
    assert.ok(body.blocks.length > 1);
    for (const t of texts(body.blocks)) assert.ok(t.length <= SLACK_SECTION_LIMIT);
    assert.ok(body.text.length <= SLACK_SECTION_LIMIT);
  });

  test('property: every block text stays within 3000 characters and blocks within 50, for any output', () => {
    const chars = fc.constantFrom('a', '&', '<', '>', '`', '\n', '\x1b[31m', '\r', 'é', '😀', ' ', '|', '*');
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 8000 }).map((a) => a.join('')),
        fc.constantFrom<ChatMessage['tone']>('success', 'failure', 'warning', 'neutral'),
        fc.string({ maxLength: 200 }),
        (output, tone, text) => {
          const body = renderSlackMessage(message({ tone, text, output, logUrl: LOG }));
          assert.ok(body.blocks.length <= SLACK_BLOCK_LIMIT);
          for (const t of texts(body.blocks)) assert.ok(t.length > 0 && t.length <= SLACK_SECTION_LIMIT, `length ${t.length}`);
        },
      ),
      { numRuns: 150 },
    );
  });
});
