import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { goDuration } from './go-duration.js';
import { parseTraceSections } from './section-parser.js';
import { TraceWriter } from './trace-writer.js';

function writer(options: { limitBytes?: number; maskedValues?: string[] } = {}) {
  const chunks: Buffer[] = [];
  let seconds = 1_700_000_000;
  const trace = new TraceWriter({
    sink: (c) => chunks.push(Buffer.from(c)),
    clock: { now: () => new Date(seconds++ * 1000) },
    limitBytes: options.limitBytes ?? 4 * 1024 * 1024,
    maskedValues: options.maskedValues ?? [],
  });
  return { trace, bytes: () => Buffer.concat(chunks), text: () => Buffer.concat(chunks).toString('utf8') };
}

describe('TraceWriter', () => {
  test('writes the runner header, sections and final line in GitLab Runner bytes', () => {
    const { trace, text } = writer();
    trace.runnerLine('Running with chatrun 1.2.3');
    trace.runnerLine('  on box');
    trace.startSection('step_script', 'Executing "step_script" stage of the job script');
    trace.output(Buffer.from('\x1b[32;1m$ echo hi\x1b[0;m\nhi\n'));
    trace.endSection('step_script');
    trace.finish({ kind: 'success' });
    assert.equal(
      text(),
      '\x1b[0KRunning with chatrun 1.2.3\n\x1b[0;m\x1b[0K  on box\n\x1b[0;m' +
        'section_start:1700000000:step_script\r\x1b[0K' +
        '\x1b[0K\x1b[36;1mExecuting "step_script" stage of the job script\x1b[0;m\n\x1b[0;m' +
        '\x1b[32;1m$ echo hi\x1b[0;m\nhi\n' +
        'section_end:1700000001:step_script\r\x1b[0K' +
        '\x1b[32;1mJob succeeded\x1b[0;m\n',
    );
  });

  test('writes each failure kind in the runner words', () => {
    const cases = [
      [{ kind: 'script_failure', exitCode: 3 }, '\x1b[31;1mERROR: Job failed: exit code 3\x1b[0;m\n'],
      [{ kind: 'timeout', timeoutSeconds: 3600 }, '\x1b[31;1mERROR: Job failed: execution took longer than 1h0m0s seconds\x1b[0;m\n'],
      [{ kind: 'canceled' }, '\x1b[31;1mERROR: Job failed: canceled\x1b[0;m\n'],
      [{ kind: 'system_failure', error: 'no bash' }, '\x1b[31;1mERROR: Job failed (system failure): no bash\x1b[0;m\n'],
    ] as const;
    for (const [result, line] of cases) {
      const { trace, text } = writer();
      trace.finish(result);
      assert.equal(text(), line);
    }
  });

  test('finish closes sections left open, innermost first', () => {
    const { trace, bytes } = writer();
    trace.startSection('step_script', 'x');
    trace.startSection('inner', 'y');
    trace.finish({ kind: 'canceled' });
    const names = parseTraceSections(bytes()).map((s) => s.name);
    assert.deepEqual(names, ['step_script', 'inner']);
    assert.match(bytes().toString(), /section_end:\d+:inner\r\x1b\[0Ksection_end:\d+:step_script\r\x1b\[0K\x1b\[31;1mERROR/);
  });

  test('masks values split across output chunks and in runner lines', () => {
    const { trace, text } = writer({ maskedValues: ['hunter2-secret'] });
    trace.startSection('step_script', 'x');
    trace.output(Buffer.from('pw=hunter2'));
    trace.output(Buffer.from('-secret\n'));
    trace.plain('From https://u:hunter2-secret@example.com');
    trace.finish({ kind: 'success' });
    assert.ok(!text().includes('hunter2-secret'));
    assert.ok(text().includes('pw=[MASKED]\n'));
    assert.ok(text().includes('From https://u:[MASKED]@example.com\n'));
  });

  test('caps the output with one notice and still writes the end markers and final line', () => {
    const limit = 1000;
    const { trace, bytes, text } = writer({ limitBytes: limit });
    trace.startSection('step_script', 'x');
    for (let i = 0; i < 100; i++) trace.output(Buffer.from('y'.repeat(99) + '\n'));
    trace.finish({ kind: 'script_failure', exitCode: 1 });
    const all = text();
    assert.equal(all.split("Job's log exceeded limit of 1000 bytes.").length, 2, 'notice written once');
    assert.match(all, /Job execution will continue but no more output will be collected\./);
    assert.ok(all.endsWith('section_end:1700000001:step_script\r\x1b[0K\x1b[31;1mERROR: Job failed: exit code 1\x1b[0;m\n'));
    assert.ok(bytes().length < limit + 300, `trace is ${bytes().length} bytes`);
    assert.equal(trace.bytesWritten, bytes().length);
    const [section] = parseTraceSections(bytes());
    assert.equal(section?.name, 'step_script');
  });

  test('passes invalid UTF-8 output through untouched', () => {
    const { trace, bytes } = writer();
    const raw = Buffer.from([0xff, 0x00, 0xc3, 0x28, 0x0a]);
    trace.output(raw);
    assert.deepEqual(bytes(), raw);
  });
});

describe('goDuration', () => {
  test('spells durations as Go does', () => {
    assert.equal(goDuration(3600), '1h0m0s');
    assert.equal(goDuration(300), '5m0s');
    assert.equal(goDuration(2), '2s');
    assert.equal(goDuration(1.5), '1.5s');
    assert.equal(goDuration(5430), '1h30m30s');
    assert.equal(goDuration(0), '0s');
  });
});
