import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StreamMasker } from './stream-masker.js';

function maskAll(values: string[], chunks: Buffer[]): Buffer {
  const masker = new StreamMasker(values);
  return Buffer.concat([...chunks.map((c) => masker.push(c)), masker.flush()]);
}

/** The contract stated plainly: the whole stream at once, leftmost value first, the longest at the same position. */
function maskReference(values: string[], data: Buffer): Buffer {
  const candidates = values.filter((v) => v !== '').map((v) => Buffer.from(v, 'utf8')).sort((a, b) => b.length - a.length);
  const out: Buffer[] = [];
  let from = 0;
  for (let at = 0; at < data.length; ) {
    const value = candidates.find((v) => data.subarray(at, at + v.length).equals(v));
    if (value === undefined) at += 1;
    else {
      out.push(data.subarray(from, at), Buffer.from('[MASKED]'));
      at += value.length;
      from = at;
    }
  }
  out.push(data.subarray(from));
  return Buffer.concat(out);
}

function splitAt(data: Buffer, points: number[]): Buffer[] {
  const cuts = [0, ...points, data.length];
  return cuts.slice(1).map((end, i) => data.subarray(cuts[i], end));
}

describe('StreamMasker', () => {
  test('masks a value inside one chunk', () => {
    const out = maskAll(['s3cr3t-T0ken'], [Buffer.from('token=s3cr3t-T0ken done\n')]);
    assert.equal(out.toString(), 'token=[MASKED] done\n');
  });

  test('masks a value split at every possible point between two chunks', () => {
    const value = 'p@ss-wörd-✓';
    const data = Buffer.from(`before ${value} after ${value}`);
    for (let cut = 0; cut <= data.length; cut++) {
      const out = maskAll([value], splitAt(data, [cut]));
      assert.equal(out.toString(), 'before [MASKED] after [MASKED]', `split at byte ${cut}`);
    }
  });

  test('masks a value spread over many one-byte chunks', () => {
    const data = Buffer.from('xx SECRETVALUE yy');
    const chunks = [...data].map((b) => Buffer.from([b]));
    assert.equal(maskAll(['SECRETVALUE'], chunks).toString(), 'xx [MASKED] yy');
  });

  test('every pair of split points gives the same result as one chunk', () => {
    const values = ['abcabd', 'cab', 'zz'];
    const data = Buffer.from('abcabcabdzzcabz abcab');
    const expected = maskAll(values, [data]).toString();
    assert.equal(expected, 'ab[MASKED][MASKED]d[MASKED][MASKED]z ab[MASKED]');
    for (let a = 0; a <= data.length; a++) {
      for (let b = a; b <= data.length; b++) {
        assert.equal(maskAll(values, splitAt(data, [a, b])).toString(), expected, `splits ${a},${b}`);
      }
    }
  });

  test('prefers the longest value at the same position', () => {
    assert.equal(maskAll(['secret', 'secret-long'], [Buffer.from('a secret-long b secret c')]).toString(), 'a [MASKED] b [MASKED] c');
  });

  test('holds back only what could still become a value', () => {
    const masker = new StreamMasker(['TOPSECRET']);
    assert.equal(masker.push(Buffer.from('line one\n')).toString(), 'line one\n');
    assert.equal(masker.push(Buffer.from('almost TOPS')).toString(), 'almost ');
    assert.equal(masker.push(Buffer.from('ECRET!')).toString(), '[MASKED]!');
    assert.equal(masker.push(Buffer.from('TOP')).toString(), '');
    assert.equal(masker.flush().toString(), 'TOP');
  });

  test('after a value that covers a possible start of another, holds back nothing that cannot become one', () => {
    const masker = new StreamMasker(['abcd', 'cdyZZ']);
    assert.equal(masker.push(Buffer.from('xxabcdy')).toString(), 'xx[MASKED]y');
    assert.equal(masker.flush().toString(), '');
  });

  test('passes invalid UTF-8 through byte for byte', () => {
    const data = Buffer.from([0xff, 0xfe, 0x41, 0xc3, 0x28, 0x0a, 0x80]);
    assert.deepEqual(maskAll(['secret'], [data.subarray(0, 3), data.subarray(3)]), data);
    assert.deepEqual(maskAll([], [data]), data);
  });

  test('a long run where every byte starts an occurrence still masks leftmost first across chunks', () => {
    const data = Buffer.from('a'.repeat(1001) + 'b' + 'ab'.repeat(300));
    const values = ['aa', 'aaa', 'bab'];
    const expected = maskReference(values, data);
    for (const size of [1, 2, 7, 64, 333, data.length]) {
      const chunks = [];
      for (let at = 0; at < data.length; at += size) chunks.push(data.subarray(at, at + size));
      assert.deepEqual(maskAll(values, chunks), expected, `chunks of ${size}`);
    }
  });

  test('values with characters that mean something in a regular expression are matched literally', () => {
    const values = ['a.b*c', '(x|y)', '[^$]\\d{2}?/'];
    const text = 'a.b*c axbbc (x|y) x [^$]\\d{2}?/ [^$]\\dd';
    assert.equal(maskAll(values, [Buffer.from(text)]).toString(), '[MASKED] axbbc [MASKED] x [MASKED] [^$]\\dd');
  });

  test('output with no value in it is handed on as the same bytes, not a copy', () => {
    const masker = new StreamMasker(['SECRETVALUE']);
    const chunk = Buffer.from('nothing to hide here\n');
    const out = masker.push(chunk);
    assert.equal(out.toString(), 'nothing to hide here\n');
    assert.equal(out.buffer, chunk.buffer);
    assert.equal(out.byteOffset, chunk.byteOffset);
  });

  test('ignores empty values', () => {
    assert.equal(maskAll([''], [Buffer.from('abc')]).toString(), 'abc');
  });

  test('property: chunking never changes the result', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é'), minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
        fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'é', ' '), maxLength: 40 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        (values, text, rawCuts) => {
          const data = Buffer.from(text);
          const cuts = [...new Set(rawCuts.map((c) => c % (data.length + 1)))].sort((x, y) => x - y);
          const whole = maskAll(values, [data]);
          assert.deepEqual(maskAll(values, splitAt(data, cuts)), whole);
          for (const v of values) assert.equal(whole.includes(Buffer.from(v)), false);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('property: any chunking gives what masking the whole stream at once gives', () => {
    const alphabet = fc.constantFrom('a', 'b', 'é', '\n', '.', '*');
    const value = fc.string({ unit: alphabet, minLength: 1, maxLength: 8 });
    // Values that overlap and values that are prefixes of others are the cases a streaming masker gets wrong.
    const values = fc
      .tuple(fc.array(value, { minLength: 1, maxLength: 4 }), fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }))
      .map(([base, picks]) => [
        ...base,
        ...picks.map(([which, length]) => {
          const source = base[which % base.length] ?? 'a';
          return source.slice(0, 1 + (length % source.length));
        }),
      ]);
    const piece = fc.oneof(
      fc.string({ unit: alphabet, maxLength: 30 }).map((t) => Buffer.from(t)),
      fc.uint8Array({ maxLength: 6 }).map((b) => Buffer.from(b)),
    );
    fc.assert(
      fc.property(values, fc.array(piece, { maxLength: 12 }), fc.array(fc.nat(), { maxLength: 20 }), (vals, pieces, rawCuts) => {
        // Stitch values into the stream so that matches, overlaps and near misses are common.
        const data = Buffer.concat(pieces.flatMap((p, i) => [p, Buffer.from(vals[i % vals.length] ?? '')]));
        const cuts = [...new Set(rawCuts.map((c) => c % (data.length + 1)))].sort((x, y) => x - y);
        assert.deepEqual(maskAll(vals, splitAt(data, cuts)), maskReference(vals, data));
      }),
      { numRuns: 2000 },
    );
  });
});
