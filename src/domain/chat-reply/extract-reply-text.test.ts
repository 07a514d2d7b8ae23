import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { extractReplyText } from './extract-reply-text.js';
import { parseTraceSections } from '../trace/section-parser.js';
import { loadSharedConformance } from '../../../test/support/shared-conformance.js';

interface ReplyCase {
  id: string;
  trace: string;
  expected_output: string | null;
  expected_section?: string;
  expected_error?: string;
  gitlab_output?: string;
}

const CONFORMANCE = loadSharedConformance('chat-reply');
const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const HEADER = '\x1b[0K\x1b[36;1mExecuting "step_script" stage of the job script\x1b[0;m\n';
const echo = (command: string): string => `\x1b[32;1m$ ${command}\x1b[0;m\n`;
const section = (name: string, body: string): string =>
  `section_start:1700000000:${name}\r\x1b[0K${body}section_end:1700000001:${name}\r\x1b[0K`;

describe('extractReplyText: conformance vectors (chat-reply.json)', () => {
  if (!CONFORMANCE.found) {
    test('chat-reply.json vectors', { skip: CONFORMANCE.skip }, () => {});
    return;
  }
  const { cases } = CONFORMANCE.json as { cases: ReplyCase[] };
  for (const c of cases) {
    const name =
      c.gitlab_output === undefined
        ? `${c.id}: replies ${JSON.stringify(c.expected_output)}`
        : `${c.id}: chatrun's documented behaviour, also dropping the first command line (${JSON.stringify(c.expected_output)}; GitLab replies ${JSON.stringify(c.gitlab_output)})`;
    test(name, () => {
      const result = extractReplyText(enc(c.trace));
      if (c.expected_output === null) {
        assert.deepEqual(result, { ok: false, reason: 'missing_section' });
        return;
      }
      assert.deepEqual(result, { ok: true, section: c.expected_section, text: c.expected_output });
      if (c.gitlab_output !== undefined) assert.notEqual(result.ok && result.text, c.gitlab_output);
    });
  }
});

describe('extractReplyText: the seed and SPEC section 6', () => {
  test('a single `echo "Hello World."` replies exactly Hello World.', () => {
    const trace = `\x1b[0KRunning with chatrun\n${section('step_script', `${HEADER}${echo('echo "Hello World."')}Hello World.\n`)}\x1b[32;1mJob succeeded\x1b[0;m\n`;
    assert.deepEqual(extractReplyText(enc(trace)), { ok: true, section: 'step_script', text: 'Hello World.' });
  });

  test('with several commands the later command lines (with their colours) and all output are kept', () => {
    const body = `${HEADER}${echo('echo one')}one\n${echo('echo two')}two\n`;
    const result = extractReplyText(enc(section('step_script', body)));
    assert.deepEqual(result, { ok: true, section: 'step_script', text: 'one\n\x1b[32;1m$ echo two\x1b[0;m\ntwo' });
  });

  test('a job that prints nothing replies with empty text', () => {
    const result = extractReplyText(enc(section('step_script', `${HEADER}${echo('true')}`)));
    assert.deepEqual(result, { ok: true, section: 'step_script', text: '' });
  });

  test('without the runner header (old traces) only the first line is dropped, as GitLab does', () => {
    const result = extractReplyText(enc(section('build_script', `${echo('echo hi')}hi\n`)));
    assert.deepEqual(result, { ok: true, section: 'build_script', text: 'hi' });
  });

  test('after the header, a line that is not a command echo is kept', () => {
    const result = extractReplyText(enc(section('step_script', `${HEADER}\n${echo('echo hi')}hi\n`)));
    assert.deepEqual(result, { ok: true, section: 'step_script', text: `\n\x1b[32;1m$ echo hi\x1b[0;m\nhi` });
  });

  test('a collapsed multi-line command echo (nested section marker first) counts as the first command line', () => {
    const collapsed = `section_start:1:section_script_step_0[hide_duration=true,collapsed=true]\r\x1b[0K${echo('echo a')}`;
    const nestedEnd = 'section_end:2:section_script_step_0\r\x1b[0K';
    const result = extractReplyText(enc(section('step_script', `${HEADER}${collapsed}a\n${nestedEnd}`)));
    // Later markers stay in the text, as GitLab keeps them: the reply is raw bytes.
    assert.deepEqual(result, { ok: true, section: 'step_script', text: `a\n${nestedEnd}` });
  });

  test('chat_reply keeps GitLab rule: only the first line goes, even if it looks like a header', () => {
    const result = extractReplyText(enc(section('chat_reply', `${HEADER}${echo('x')}payload\n`)));
    assert.deepEqual(result, { ok: true, section: 'chat_reply', text: `\x1b[32;1m$ x\x1b[0;m\npayload` });
  });

  test('chat_reply wins over step_script wherever it is', () => {
    const trace = section('step_script', `${HEADER}${echo('echo a')}a\n`) + section('chat_reply', '\nchosen\n');
    assert.deepEqual(extractReplyText(enc(trace)), { ok: true, section: 'chat_reply', text: 'chosen' });
  });

  test('no chat_reply, step_script or build_script section: missing_section', () => {
    assert.deepEqual(extractReplyText(enc(section('after_script', '\nx\n'))), { ok: false, reason: 'missing_section' });
    assert.deepEqual(extractReplyText(enc('')), { ok: false, reason: 'missing_section' });
  });

  test('takes already parsed sections of the same trace', () => {
    const trace = enc(section('chat_reply', '\nok\n'));
    assert.deepEqual(extractReplyText(trace, parseTraceSections(trace)), { ok: true, section: 'chat_reply', text: 'ok' });
  });
});

describe('extractReplyText: first-line stripping with Ruby split (T2)', () => {
  const cases: [string, string][] = [
    ['hello\nworld', 'world'],
    ['', ''],
    ['\n', ''],
    ['echo hello\nhe', 'he'],
    ['first\n\nline3\n\n\n', '\nline3'],
    ['\r\nwindows\r\n', 'windows\r'],
  ];
  for (const [body, expected] of cases) {
    test(`chat_reply body ${JSON.stringify(body)} replies ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(extractReplyText(enc(section('chat_reply', body))), { ok: true, section: 'chat_reply', text: expected });
    });
  }
});

describe('extractReplyText: bytes', () => {
  test('invalid UTF-8 in the section becomes replacement characters instead of failing', () => {
    const trace = new Uint8Array([
      ...enc('section_start:1:chat_reply\r\x1b[0K\nok '),
      0xff, 0xc3, 0x28, 0x0a,
      ...enc('next\nsection_end:2:chat_reply\r\x1b[0K'),
    ]);
    assert.deepEqual(extractReplyText(trace), { ok: true, section: 'chat_reply', text: 'ok \ufffd\ufffd(\nnext' });
  });

  test('a byte-order mark inside the body is kept, as GitLab keeps the raw bytes', () => {
    assert.deepEqual(extractReplyText(enc(section('chat_reply', '\ufeffhead\n\ufeffbody'))), { ok: true, section: 'chat_reply', text: '\ufeffbody' });
  });

  test('never throws on arbitrary bytes around a reply section', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (before, body) => {
        const trace = new Uint8Array([...before, ...enc('section_start:1:chat_reply\r\x1b[0K'), ...body, ...enc('section_end:2:chat_reply\r\x1b[0K')]);
        const result = extractReplyText(trace);
        assert.equal(typeof result.ok, 'boolean');
      }),
    );
  });
});

describe('extractReplyText: the documented chat_reply idiom run by real bash', () => {
  test('echo -e with a newline after the start marker keeps the whole multi-line payload', () => {
    const script = 'echo -e "section_start:$(date +%s):chat_reply\\r\\033[0K\\n$(printf \'line one\\nline two\')\\nsection_end:$(date +%s):chat_reply\\r\\033[0K"';
    const run = spawnSync('bash', ['-c', script]);
    assert.equal(run.status, 0, run.stderr.toString());
    const trace = new Uint8Array(Buffer.concat([Buffer.from(echo('echo -e …')), run.stdout]));
    assert.deepEqual(extractReplyText(trace), { ok: true, section: 'chat_reply', text: 'line one\nline two' });
  });
});
