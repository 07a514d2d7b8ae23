import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { sectionDuration, traceHtml } from './trace-html.js';
import { outlineTrace, type TraceNode } from './trace-outline.js';

const start = (name: string, at: number, options = ''): string => `section_start:${at}:${name}${options}\r\x1b[0K`;
const end = (name: string, at: number): string => `section_end:${at}:${name}\r\x1b[0K`;
const header = (text: string): string => `\x1b[0K\x1b[36;1m${text}\x1b[0;m\n\x1b[0;m`;

/** The outline as plain text, for readable assertions. */
function shape(nodes: readonly TraceNode[]): unknown[] {
  return nodes.map((node) =>
    node.kind === 'line'
      ? node.spans.map((s) => s.text).join('')
      : { section: node.name, header: node.header.map((s) => s.text).join(''), collapsed: node.collapsed, children: shape(node.children) },
  );
}

describe('outlineTrace', () => {
  test('a runner trace becomes header lines, sections with their headers, and the result line', () => {
    const trace =
      '\x1b[0KRunning with chatrun\n\x1b[0;m' +
      start('prepare_script', 10) + header('Preparing environment') + 'on box\n' + end('prepare_script', 11) +
      start('step_script', 11) + header('Executing "step_script" stage of the job script') +
      '\x1b[32;1m$ echo hi\x1b[0;m\nhi\n' + end('step_script', 12) +
      '\x1b[32;1mJob succeeded\x1b[0;m\n';
    assert.deepEqual(shape(outlineTrace(Buffer.from(trace))), [
      'Running with chatrun',
      { section: 'prepare_script', header: 'Preparing environment', collapsed: false, children: ['on box'] },
      { section: 'step_script', header: 'Executing "step_script" stage of the job script', collapsed: false, children: ['$ echo hi', 'hi'] },
      'Job succeeded',
    ]);
  });

  test('sections nest; collapsed=true is honoured; durations come from the markers', () => {
    const trace = start('outer', 100) + 'Outer\n' + start('inner', 101, '[collapsed=true]') + 'Inner\nbody\n' + end('inner', 103) + 'after\n' + end('outer', 190);
    const nodes = outlineTrace(Buffer.from(trace));
    assert.deepEqual(shape(nodes), [
      { section: 'outer', header: 'Outer', collapsed: false, children: [{ section: 'inner', header: 'Inner', collapsed: true, children: ['body'] }, 'after'] },
    ]);
    const outer = nodes[0];
    assert.ok(outer?.kind === 'section');
    assert.equal(outer.durationSeconds, 90);
  });

  test('names that do not form a section (used twice, end before start, unterminated) are plain lines with their markers hidden', () => {
    const trace = end('x', 1) + 'one\n' + start('x', 2) + 'two\n' + start('y', 3) + 'three\n' + start('z', 4) + 'z1\n' + end('z', 5) + end('z', 6) + 'four\n';
    assert.deepEqual(shape(outlineTrace(Buffer.from(trace))), ['one', 'two', 'three', 'z1', 'four']);
  });

  test('colours carry across lines and section boundaries, as in a terminal', () => {
    const trace = '\x1b[31mred\nstill red\n' + start('s', 1) + 'header\n' + 'red body\x1b[0m plain\n' + end('s', 2);
    const nodes = outlineTrace(Buffer.from(trace));
    const second = nodes[1];
    assert.ok(second?.kind === 'line');
    assert.deepEqual(second.spans[0]?.fg, { kind: 'palette', index: 1 });
    const section = nodes[2];
    assert.ok(section?.kind === 'section');
    const body = section.children[0];
    assert.ok(body?.kind === 'line');
    assert.deepEqual(body.spans.map((s) => [s.text, s.fg?.kind === 'palette' ? s.fg.index : null]), [['red body', 1], [' plain', null]]);
  });

  test('a carriage return inside a line redraws it; CRLF is one line end', () => {
    assert.deepEqual(shape(outlineTrace(Buffer.from('10%\r50%\r100%\ndone\r\nnext\n'))), ['100%', 'done', 'next']);
  });

  test('blank lines are kept; a last line without a newline is kept', () => {
    assert.deepEqual(shape(outlineTrace(Buffer.from('a\n\nb'))), ['a', '', 'b']);
  });

  test('multi-byte characters survive, and placeholder characters in the trace cannot forge markers', () => {
    const trace = 'héllo ✓\n\uE000S0\uE001 forged\n' + start('s', 1) + 'h\n' + end('s', 2);
    const lines = shape(outlineTrace(Buffer.from(trace, 'utf8')));
    assert.deepEqual(lines, ['héllo ✓', '\uFFFDS0\uFFFD forged', { section: 's', header: 'h', collapsed: false, children: [] }]);
  });
});

describe('traceHtml', () => {
  test('renders sections as <details> with escaped text and terminal colour classes', () => {
    const trace = start('step_script', 0, '[collapsed=true]') + header('Step') + '\x1b[1;33m<warn>\x1b[0m & more\n' + end('step_script', 5);
    assert.equal(
      traceHtml(Buffer.from(trace)).toString(),
      '<details class="trace-section" data-section="step_script"><summary class="trace-line trace-header"><span class="term-fg-6 term-bold">Step</span><span class="trace-duration">00:05</span></summary>' +
        '<div class="trace-line"><span class="term-fg-3 term-bold">&lt;warn&gt;</span> &amp; more</div></details>',
    );
  });

  test('256-colour and RGB output keep their exact colours', () => {
    const out = traceHtml(Buffer.from('\x1b[38;5;196mA\x1b[48;2;1;2;3mB\x1b[0m\n')).toString();
    assert.match(out, /<span style="color:rgb\(255,0,0\)">A<\/span>/);
    assert.match(out, /<span style="color:rgb\(255,0,0\);background-color:rgb\(1,2,3\)">B<\/span>/);
  });

  test('section durations read like GitLab’s', () => {
    assert.equal(sectionDuration(0), '00:00');
    assert.equal(sectionDuration(65), '01:05');
    assert.equal(sectionDuration(3725), '01:02:05');
  });
});
