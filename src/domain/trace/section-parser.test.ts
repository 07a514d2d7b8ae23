import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseTraceSections, type TraceSection } from './section-parser.js';
import { loadSharedConformance } from '../../../test/support/shared-conformance.js';

const REPLY_VECTORS = loadSharedConformance('chat-reply');
const SECTION_VECTORS = loadSharedConformance('trace-sections');
const NO_CONFORMANCE = !REPLY_VECTORS.found ? REPLY_VECTORS.skip : !SECTION_VECTORS.found ? SECTION_VECTORS.skip : false;

const enc = (text: string): Uint8Array => new TextEncoder().encode(text);
const start = (name: string, date: number, options = ''): string => `section_start:${date}:${name}${options}\r\x1b[0K`;
const end = (name: string, date: number): string => `section_end:${date}:${name}\r\x1b[0K`;
const names = (sections: TraceSection[]): string[] => sections.map((s) => s.name);

function sliceText(trace: Uint8Array, section: TraceSection): string {
  return new TextDecoder().decode(trace.subarray(section.byteStart, section.byteEnd));
}

describe('parseTraceSections: GitLab conformance (T1, trace-sections.json)', () => {
  test('the realistic runner 13.4 trace yields the six sections with their byte offsets and dates', { skip: NO_CONFORMANCE }, () => {
    const replyCases = (REPLY_VECTORS.found ? REPLY_VECTORS.json : { cases: [] }) as { cases: { id: string; trace: string }[] };
    const expected = (SECTION_VECTORS.found ? SECTION_VECTORS.json : { cases: [] }) as {
      cases: { name: string; byte_start: number; byte_end: number; date_start: number; date_end: number }[];
    };
    const trace = replyCases.cases.find((c) => c.id === 'spec_chat_reply')?.trace;
    assert.ok(trace !== undefined, 'chat-reply.json holds the spec_chat_reply trace');
    const bytes = enc(trace);
    assert.equal(bytes.length, 1636);
    const got = parseTraceSections(bytes).map((s) => ({
      name: s.name,
      byte_start: s.byteStart,
      byte_end: s.byteEnd,
      date_start: s.dateStart,
      date_end: s.dateEnd,
    }));
    assert.deepEqual(got, expected.cases);
  });
});

describe('parseTraceSections: GitLab section_parser_spec facts (T4)', () => {
  test('an empty trace has no sections', () => {
    assert.deepEqual(parseTraceSections(enc('')), []);
  });

  test('plain lines have no sections', () => {
    assert.deepEqual(parseTraceSections(enc('line 1\nline 2\n')), []);
  });

  test('section_section_section_ is three failed probes and no section', () => {
    assert.deepEqual(parseTraceSections(enc('section_section_section_')), []);
  });

  test('two consecutive sections with the same start date, the second lasting one second', () => {
    const at = Date.UTC(2017, 9, 5) / 1000;
    const trace = `${start('a', at)}a line${end('a', at)}${start('b', at)}another line\n${end('b', at + 1)}`;
    const sections = parseTraceSections(enc(trace));
    assert.deepEqual(names(sections), ['a', 'b']);
    const b = sections[1];
    assert.ok(b);
    assert.equal(b.dateStart, at);
    assert.equal(b.dateEnd, at + 1);
    assert.equal(sliceText(enc(trace), b), 'another line\n');
  });

  test('offsets are bytes: slicing by them returns the multi-byte text exactly', () => {
    const body = 'GitLab ❤️ 狸 (tanukis)\n';
    const trace = enc(`prefix ✓\n${start('utf8', 1)}${body}${end('utf8', 2)}`);
    const [section] = parseTraceSections(trace);
    assert.ok(section);
    assert.equal(section.byteStart, enc(`prefix ✓\n${start('utf8', 1)}`).length);
    assert.equal(sliceText(trace, section), body);
  });
});

describe('parseTraceSections: marker rules', () => {
  test('markers are found mid-line and the section spans exactly the bytes between them', () => {
    const trace = enc(`text before ${start('x', 1)}body${end('x', 2)} text after\n`);
    const [section] = parseTraceSections(trace);
    assert.ok(section);
    assert.equal(sliceText(trace, section), 'body');
  });

  test('a name used for two sections yields no section for that name', () => {
    const trace = `${start('chat_reply', 1)}\none\n${end('chat_reply', 1)}${start('chat_reply', 2)}\ntwo\n${end('chat_reply', 2)}`;
    assert.deepEqual(parseTraceSections(enc(trace)), []);
  });

  test('an end before its start, or an unterminated start, yields no section', () => {
    assert.deepEqual(parseTraceSections(enc(`${end('a', 1)}x${start('a', 2)}`)), []);
    assert.deepEqual(parseTraceSections(enc(`${start('a', 1)}never closed\n`)), []);
    assert.deepEqual(parseTraceSections(enc(`${start('a', 1)}x${start('a', 2)}`)), []);
  });

  test('nested sections are independent and listed by first appearance', () => {
    const trace = `${start('outer', 1)}a${start('inner', 2)}b${end('inner', 3)}c${end('outer', 4)}`;
    const sections = parseTraceSections(enc(trace));
    assert.deepEqual(names(sections), ['outer', 'inner']);
    assert.equal(sliceText(enc(trace), sections[0] as TraceSection), `a${start('inner', 2)}b${end('inner', 3)}c`);
    assert.equal(sliceText(enc(trace), sections[1] as TraceSection), 'b');
  });

  test('overlapping sections are both kept', () => {
    const trace = `${start('a', 1)}1${start('b', 1)}2${end('a', 1)}3${end('b', 1)}`;
    assert.deepEqual(names(parseTraceSections(enc(trace))), ['a', 'b']);
  });

  test('options are parsed, with or without a space after the comma, and start after the options', () => {
    const trace = enc(`${start('s', 1, '[hide_duration=true, collapsed=true]')}x${end('s', 2)}`);
    const [section] = parseTraceSections(trace);
    assert.ok(section);
    assert.deepEqual(section.options, { hide_duration: 'true', collapsed: 'true' });
    assert.equal(sliceText(trace, section), 'x');
    const [single] = parseTraceSections(enc(`${start('s', 1, '[collapsed=true]')}x${end('s', 2)}`));
    assert.deepEqual(single?.options, { collapsed: 'true' });
    const [none] = parseTraceSections(enc(`${start('s', 1)}x${end('s', 2)}`));
    assert.equal(none?.options, undefined);
  });

  test('a key named __proto__ stays an ordinary option', () => {
    const [section] = parseTraceSections(enc(`${start('s', 1, '[__proto__=x]')}${end('s', 2)}`));
    assert.equal(section?.options?.['__proto__'], 'x');
  });

  test('options that are not word characters invalidate the whole marker', () => {
    for (const bad of ['[collapsed=yes-no]', '[collapsed]', '[=true]', '[a=b,]', '[a=b,  c=d]', '[]', '[a=b']) {
      const trace = `${start('s', 1, bad)}x${end('s', 2)}`;
      assert.deepEqual(parseTraceSections(enc(trace)), [], bad);
    }
  });

  test('an end marker may carry options too (the regex allows them)', () => {
    const trace = `${start('s', 1)}x` + 'section_end:2:s[a=b]\r\x1b[0K';
    assert.deepEqual(names(parseTraceSections(enc(trace))), ['s']);
  });

  test('names with a space or slash, empty names and missing digits are not markers', () => {
    for (const name of ['a b', 'a/b', '']) {
      assert.deepEqual(parseTraceSections(enc(`${start(name, 1)}x${end(name, 2)}`)), [], JSON.stringify(name));
    }
    assert.deepEqual(parseTraceSections(enc('section_start::a\r\x1b[0Kx section_end::a\r\x1b[0K')), []);
  });

  test('names may hold letters, digits, dots, dashes and underscores', () => {
    const name = 'Step_1.2-final';
    assert.deepEqual(names(parseTraceSections(enc(`${start(name, 1)}x${end(name, 2)}`))), [name]);
  });

  test('a marker needs the \\r\\x1b[0K terminator; the very old \\r-only form is ignored', () => {
    assert.deepEqual(parseTraceSections(enc('section_start:1:a\rx section_end:2:a\r')), []);
    assert.deepEqual(parseTraceSections(enc('section_start:1:a\r\x1b[0Kx section_end:2:a\r\x1b[0')), []);
  });

  test('a failed probe inside a longer run still finds the marker after it', () => {
    const trace = `section_section_${start('a', 1)}x${end('a', 2)}`;
    assert.deepEqual(names(parseTraceSections(enc(trace))), ['a']);
  });

  test('accepts a Uint8Array view into a larger buffer', () => {
    const whole = enc(`garbage${start('a', 1)}x${end('a', 2)}`);
    const view = whole.subarray(7);
    const [section] = parseTraceSections(view);
    assert.equal(section?.byteStart, start('a', 1).length);
  });
});

describe('parseTraceSections: properties', () => {
  const traceParts = fc.array(
    fc.oneof(
      fc.string(),
      fc.uint8Array({ maxLength: 16 }).map((b) => Buffer.from(b).toString('latin1')),
      fc.constantFrom('\n', '\r\x1b[0K', 'section_', '[collapsed=true]', '[a=b, c=d]', ':'),
      fc.tuple(fc.constantFrom('start', 'end'), fc.nat(), fc.constantFrom('a', 'b', 'chat_reply', 'x y', 'é')).map(
        ([kind, date, name]) => `section_${kind}:${date}:${name}\r\x1b[0K`,
      ),
    ),
    { maxLength: 30 },
  );

  test('never throws; every section lies within the trace and has a valid name', () => {
    fc.assert(
      fc.property(traceParts, (parts) => {
        const trace = enc(parts.join(''));
        for (const s of parseTraceSections(trace)) {
          assert.ok(s.byteStart >= 0 && s.byteStart <= s.byteEnd && s.byteEnd <= trace.length, JSON.stringify(s));
          assert.match(s.name, /^[A-Za-z0-9_.-]+$/);
        }
      }),
      { numRuns: 500 },
    );
  });

  test('never throws on arbitrary bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        for (const s of parseTraceSections(bytes)) {
          assert.ok(s.byteStart <= s.byteEnd && s.byteEnd <= bytes.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('parseTraceSections: scale', () => {
  test('is linear: 16 MB of probes, long names and many sections parse in well under the time a quadratic scan would take', () => {
    const chunks: string[] = [];
    let size = 0;
    for (let i = 0; size < 16 * 1024 * 1024; i += 1) {
      const piece =
        i % 3 === 0
          ? `${start(`s${i}`, i)}output line ${i}\n${end(`s${i}`, i + 1)}`
          : i % 3 === 1
            ? `section_section_section_start:${i}:${'n'.repeat(200)} no terminator\n`
            : `${'x'.repeat(300)}\n`;
      chunks.push(piece);
      size += piece.length;
    }
    const trace = enc(chunks.join(''));
    const began = performance.now();
    const sections = parseTraceSections(trace);
    const elapsed = performance.now() - began;
    assert.ok(sections.length > 5_000);
    assert.ok(elapsed < 3000, `took ${elapsed.toFixed(0)} ms`);
  });
});
