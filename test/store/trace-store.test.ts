import assert from 'node:assert/strict';
import { test } from 'node:test';
import { aPipeline } from './store-fixtures.js';
import { describeEachStore } from './store-variants.js';

const bytes = (...values: number[]) => Buffer.from(values);

describeEachStore('TraceStore', (sut) => {
  async function aJobId(): Promise<number> {
    const { jobs } = await aPipeline(sut().store);
    return jobs[0]?.id ?? assert.fail();
  }

  test('chunks append at the current size and read back in order', async () => {
    const { traces } = sut().store;
    const id = await aJobId();
    assert.equal(await traces.traceSize(id), 0);
    assert.deepEqual(await traces.appendTrace(id, 0, Buffer.from('Hello ')), { kind: 'appended', size: 6, status: 'pending' });
    assert.deepEqual(await traces.appendTrace(id, 6, Buffer.from('World.\n')), { kind: 'appended', size: 13, status: 'pending' });
    assert.equal(Buffer.from(await traces.readTrace(id)).toString(), 'Hello World.\n');
    assert.equal(await traces.traceSize(id), 13);
  });

  test('an offset that is not the current size is a range mismatch carrying the size, and writes nothing', async () => {
    const { traces } = sut().store;
    const id = await aJobId();
    await traces.appendTrace(id, 0, Buffer.from('abc'));
    assert.deepEqual(await traces.appendTrace(id, 5, Buffer.from('gap')), { kind: 'range_mismatch', size: 3 });
    assert.deepEqual(await traces.appendTrace(id, 1, Buffer.from('XYZ')), { kind: 'range_mismatch', size: 3 });
    assert.deepEqual(await traces.appendTrace(id, 0, Buffer.from('abX')), { kind: 'range_mismatch', size: 3 });
    assert.deepEqual(await traces.appendTrace(id, -1, Buffer.from('a')), { kind: 'range_mismatch', size: 3 });
    assert.equal(Buffer.from(await traces.readTrace(id)).toString(), 'abc');
  });

  test('re-sending stored bytes is accepted as already stored and writes nothing', async () => {
    const { traces } = sut().store;
    const id = await aJobId();
    await traces.appendTrace(id, 0, Buffer.from('first '));
    await traces.appendTrace(id, 6, Buffer.from('second'));
    assert.deepEqual(await traces.appendTrace(id, 6, Buffer.from('second')), { kind: 'already_stored', size: 12, status: 'pending' });
    // A resend that spans two stored chunks is the same bytes too.
    assert.deepEqual(await traces.appendTrace(id, 3, Buffer.from('st sec')), { kind: 'already_stored', size: 12, status: 'pending' });
    // Stored bytes plus new ones overlap the end: not accepted (GitLab's rule: start must equal size).
    assert.deepEqual(await traces.appendTrace(id, 6, Buffer.from('second+more')), { kind: 'range_mismatch', size: 12 });
    assert.equal(Buffer.from(await traces.readTrace(id)).toString(), 'first second');
  });

  test('binary bytes, invalid UTF-8 included, round-trip byte-exact', async () => {
    const { traces } = sut().store;
    const id = await aJobId();
    const chunk1 = bytes(0xff, 0xfe, 0x00, 0xc3, 0x28, 0x0d, 0x1b, 0x5b, 0x30, 0x4b); // invalid UTF-8, NUL, \r\x1b[0K
    const chunk2 = bytes(0xe2, 0x82); // a multi-byte character cut in half…
    const chunk3 = bytes(0xac, 0x0a); // …finished in the next chunk
    const all = Buffer.concat([chunk1, chunk2, chunk3]);
    let offset = 0;
    for (const chunk of [chunk1, chunk2, chunk3]) {
      const r = await traces.appendTrace(id, offset, new Uint8Array(chunk)); // a plain Uint8Array, not a Buffer
      assert.equal(r.kind, 'appended');
      offset += chunk.length;
    }
    assert.ok(Buffer.from(await traces.readTrace(id)).equals(all));
    assert.ok(Buffer.from(await traces.readTrace(id, 3)).equals(all.subarray(3)));
    assert.ok(Buffer.from(await traces.readTrace(id, 11)).equals(all.subarray(11)), 'from inside a chunk');
    assert.equal((await traces.readTrace(id, 100)).length, 0);
    const all256 = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    assert.equal((await traces.appendTrace(id, offset, all256)).kind, 'appended');
    assert.ok(Buffer.from(await traces.readTrace(id, offset)).equals(all256), 'every byte value survives');
  });

  test('a Uint8Array view into a larger buffer stores only its own bytes', async () => {
    const { traces } = sut().store;
    const id = await aJobId();
    const backing = Buffer.from('xxxxHELLOyyyy');
    const view = new Uint8Array(backing.buffer, backing.byteOffset + 4, 5);
    await traces.appendTrace(id, 0, view);
    assert.equal(Buffer.from(await traces.readTrace(id)).toString(), 'HELLO');
  });

  test('an empty chunk at the size is accepted; unknown jobs answer job_not_found', async () => {
    const { traces } = sut().store;
    const id = await aJobId();
    assert.deepEqual(await traces.appendTrace(id, 0, Buffer.alloc(0)), { kind: 'appended', size: 0, status: 'pending' });
    assert.deepEqual(await traces.appendTrace(999_999, 0, Buffer.from('x')), { kind: 'job_not_found' });
    assert.equal(await traces.traceSize(999_999), undefined);
    assert.equal((await traces.readTrace(999_999)).length, 0);
  });

  test('concurrent appends at the same offset: one is stored, the others are told the new size', async () => {
    const { traces } = sut().store;
    const id = await aJobId();
    const results = await Promise.all(
      ['aaaa', 'bbbb', 'cccc', 'dddd', 'eeee'].map((text) => traces.appendTrace(id, 0, Buffer.from(text))),
    );
    const appended = results.filter((r) => r.kind === 'appended');
    assert.equal(appended.length, 1);
    for (const r of results) if (r.kind !== 'appended') assert.deepEqual(r, { kind: 'range_mismatch', size: 4 });
    assert.equal(Buffer.from(await traces.readTrace(id)).length, 4);
  });

  test('the answer carries the job status, so a canceled job can be told to stop', async () => {
    const { store } = sut();
    const id = await aJobId();
    await store.pipelines.requestCancel(id, 10);
    assert.deepEqual(await store.traces.appendTrace(id, 0, Buffer.from('late')), { kind: 'appended', size: 4, status: 'canceled' });
  });
});
