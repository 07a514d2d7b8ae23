import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { TraceDelivery } from './trace-delivery.js';

describe('TraceDelivery', () => {
  test('a synchronous onTrace is called at once, once per chunk, in order', async () => {
    const seen: string[] = [];
    const delivery = new TraceDelivery((chunk) => {
      seen.push(chunk.toString());
    });
    delivery.push(Buffer.from('a'));
    assert.deepEqual(seen, ['a'], 'called before push returns');
    delivery.push(Buffer.from('b'));
    delivery.push(Buffer.from('c'));
    assert.deepEqual(seen, ['a', 'b', 'c']);
    assert.deepEqual(await delivery.drained(), {});
  });

  test('an async onTrace is never called again before it settles; what piled up meanwhile goes out as one chunk', async () => {
    const seen: string[] = [];
    let inFlight = 0;
    let overlapped = false;
    const delivery = new TraceDelivery(async (chunk) => {
      inFlight += 1;
      overlapped ||= inFlight > 1;
      await sleep(20);
      seen.push(chunk.toString());
      inFlight -= 1;
    });
    delivery.push(Buffer.from('first '));
    delivery.push(Buffer.from('second '));
    delivery.push(Buffer.from('third'));
    assert.deepEqual(seen, [], 'the job does not wait for the sink');
    await delivery.drained();
    assert.equal(overlapped, false);
    assert.deepEqual(seen, ['first ', 'second third']);
  });

  test('drained waits for chunks pushed while an earlier batch was being handed over', async () => {
    const seen: string[] = [];
    const delivery = new TraceDelivery(async (chunk) => {
      await sleep(10);
      seen.push(chunk.toString());
    });
    delivery.push(Buffer.from('1'));
    const pushLater = sleep(5).then(() => delivery.push(Buffer.from('2')));
    await pushLater;
    await delivery.drained();
    assert.deepEqual(seen, ['1', '2']);
  });

  test('a chunk pushed from inside onTrace is handed over after that call returns, not inside it', async () => {
    const seen: string[] = [];
    const delivery = new TraceDelivery((chunk) => {
      const text = chunk.toString();
      seen.push(`start ${text}`);
      if (text === 'a') delivery.push(Buffer.from('b'));
      seen.push(`end ${text}`);
    });
    delivery.push(Buffer.from('a'));
    assert.deepEqual(seen, ['start a', 'end a', 'start b', 'end b']);
    assert.deepEqual(await delivery.drained(), {});
  });

  test('a failing onTrace, thrown or rejected, does not stop delivery; the first failure is reported', async () => {
    const seen: string[] = [];
    const delivery = new TraceDelivery((chunk) => {
      const text = chunk.toString();
      seen.push(text);
      if (text === 'throws') throw new Error('thrown');
      if (text === 'rejects') return Promise.reject(new Error('rejected'));
      return undefined;
    });
    delivery.push(Buffer.from('throws'));
    delivery.push(Buffer.from('rejects'));
    delivery.push(Buffer.from('after'));
    const { failure } = await delivery.drained();
    assert.deepEqual(seen, ['throws', 'rejects', 'after']);
    assert.ok(failure instanceof Error);
    assert.equal(failure.message, 'thrown');
  });
});
