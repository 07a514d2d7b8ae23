import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseAnsi, stripAnsi, stripSgr, type AnsiSpan } from './ansi.js';

const ESC = '\x1b';

describe('stripSgr (GitLab Mattermost responder pattern)', () => {
  test('removes colour codes from a runner command echo (T7: Mattermost success output)', () => {
    assert.equal(
      stripSgr(`${ESC}[0;m${ESC}[32;1m$ echo "success!"${ESC}[0;m\nsuccess!`),
      '$ echo "success!"\nsuccess!',
    );
  });

  test('keeps \\x1b[0K and other non-colour sequences (T7)', () => {
    assert.equal(stripSgr(`a${ESC}[0Kb${ESC}[31mc`), `a${ESC}[0Kbc`);
  });
});

describe('stripAnsi', () => {
  test('removes SGR, erase-line and cursor CSI sequences and keeps the text', () => {
    assert.equal(stripAnsi(`${ESC}[0K${ESC}[36;1mPreparing${ESC}[0;m ok${ESC}[2J${ESC}[10;20H!`), 'Preparing ok!');
  });

  test('removes OSC sequences ended by BEL or ST (titles, hyperlinks) and keeps the link text', () => {
    assert.equal(stripAnsi(`${ESC}]0;title\x07text`), 'text');
    assert.equal(stripAnsi(`${ESC}]8;;https://example.com${ESC}\\link${ESC}]8;;${ESC}\\ done`), 'link done');
  });

  test('removes two-byte escapes, private-mode CSI and a lone ESC', () => {
    assert.equal(stripAnsi(`${ESC}(Babc${ESC}=${ESC}[?25ldef${ESC}`), 'abcdef');
  });

  test('keeps carriage returns, newlines and the section marker text', () => {
    assert.equal(stripAnsi(`section_start:1:a\r${ESC}[0K\nline\r\n`), 'section_start:1:a\r\nline\r\n');
  });

  test('leaves no ESC behind on any input', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom(ESC, `${ESC}[`, `${ESC}]`, '\x07', 'm', ';', '1'))), (parts) => {
        assert.ok(!stripAnsi(parts.join('')).includes(ESC));
      }),
    );
  });
});

describe('parseAnsi', () => {
  const plain = { bold: false, italic: false, underline: false };

  test('reads the runner colours: bold green command echo, bold cyan header, reset', () => {
    const spans = parseAnsi(`${ESC}[0K${ESC}[36;1mHeader${ESC}[0;m\n${ESC}[32;1m$ echo hi${ESC}[0;m\nhi\n`);
    assert.deepEqual(spans, [
      { text: 'Header', ...plain, bold: true, fg: { kind: 'palette', index: 6 } },
      { text: '\n', ...plain },
      { text: '$ echo hi', ...plain, bold: true, fg: { kind: 'palette', index: 2 } },
      { text: '\nhi\n', ...plain },
    ] satisfies AnsiSpan[]);
  });

  test('bright, 256-colour and 24-bit colours, foreground and background', () => {
    const [bright, indexed, rgb, colonRgb, bg] = parseAnsi(
      `${ESC}[91ma${ESC}[38;5;208mb${ESC}[38;2;1;2;3mc${ESC}[38:2::4:5:6md${ESC}[0;44me`,
    );
    assert.deepEqual(bright?.fg, { kind: 'palette', index: 9 });
    assert.deepEqual(indexed?.fg, { kind: 'palette', index: 208 });
    assert.deepEqual(rgb?.fg, { kind: 'rgb', r: 1, g: 2, b: 3 });
    assert.deepEqual(colonRgb?.fg, { kind: 'rgb', r: 4, g: 5, b: 6 });
    assert.deepEqual(bg, { text: 'e', ...plain, bg: { kind: 'palette', index: 4 } });
  });

  test('codes after an extended colour still apply (38;5;n;1 is colour then bold)', () => {
    const [span] = parseAnsi(`${ESC}[38;5;12;1mx`);
    assert.deepEqual(span, { text: 'x', ...plain, bold: true, fg: { kind: 'palette', index: 12 } });
  });

  test('style switches off one attribute at a time, and 39/49 restore default colours', () => {
    const spans = parseAnsi(`${ESC}[1;3;4;31;42ma${ESC}[22mb${ESC}[23;24mc${ESC}[39;49md`);
    assert.deepEqual(
      spans.map((s) => [s.text, s.bold, s.italic, s.underline, s.fg?.kind ?? '-', s.bg?.kind ?? '-']),
      [
        ['a', true, true, true, 'palette', 'palette'],
        ['b', false, true, true, 'palette', 'palette'],
        ['c', false, false, false, 'palette', 'palette'],
        ['d', false, false, false, '-', '-'],
      ],
    );
  });

  test('an empty SGR (ESC[m) resets, and non-SGR sequences change nothing but disappear', () => {
    const spans = parseAnsi(`${ESC}[1mA${ESC}[0KB${ESC}[mC`);
    assert.deepEqual(spans, [
      { text: 'AB', ...plain, bold: true },
      { text: 'C', ...plain },
    ]);
  });

  test('invalid colour values are ignored instead of producing a colour', () => {
    const [span] = parseAnsi(`${ESC}[38;5;999mx`);
    assert.equal(span?.fg, undefined);
  });

  test('the span texts always join to stripAnsi of the input', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom(`${ESC}[`, '1', ';', '38', '5', '2', 'm', 'K', ':', ESC))),
        (parts) => {
          const text = parts.join('');
          const spans = parseAnsi(text);
          assert.equal(spans.map((s) => s.text).join(''), stripAnsi(text));
          assert.ok(spans.every((s) => s.text !== ''));
        },
      ),
    );
  });
});
