import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { StreamMasker } from './stream-masker.js';

function maskAll(values: string[], chunks: Buffer[]): Buffer {
  const masker = new StreamMasker(values);
  return Buffer.concat([...chunks.map((c) => masker.push(c)), masker.flush()]);
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

  test('passes invalid UTF-8 through byte for byte', () => {
    const data = Buffer.from([0xff, 0xfe, 0x41, 0xc3, 0x28, 0x0a, 0x80]);
    assert.deepEqual(maskAll(['secret'], [data.subarray(0, 3), data.subarray(3)]), data);
    assert.deepEqual(maskAll([], [data]), data);
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
});
