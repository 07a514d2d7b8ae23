import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { decideRate, rateWindowStart, RATE_WINDOW_MS } from './rate-decision.js';

const now = 1_700_000_000_000;
/** `n` commands, one every `stepMs`, the last one at `last`. */
function history(n: number, last: number, stepMs: number): number[] {
  return Array.from({ length: n }, (_, i) => last - (n - 1 - i) * stepMs);
}

describe('decideRate with timestamps', () => {
  test('29 commands in the window: the 30th is allowed', () => {
    assert.deepEqual(decideRate({ recentTimestamps: history(29, now, 1000), limitPerMinute: 30, now }), { allowed: true });
  });

  test('30 commands in 60 s are allowed; the 31st is refused until the oldest leaves the window', () => {
    // 30 commands at now-58s, now-56s, … now: the oldest leaves the window at now+2s.
    const stamps = history(30, now, 2000);
    assert.equal(stamps[0], now - 58_000);
    assert.deepEqual(decideRate({ recentTimestamps: stamps, limitPerMinute: 30, now }), {
      allowed: false,
      retryAfterSeconds: 2,
    });
    // 1.5 s later it is still refused, with 1 s (rounded up) to go …
    assert.deepEqual(decideRate({ recentTimestamps: stamps, limitPerMinute: 30, now: now + 1500 }), {
      allowed: false,
      retryAfterSeconds: 1,
    });
    // … and exactly 60 s after the oldest one it no longer counts.
    assert.deepEqual(decideRate({ recentTimestamps: stamps, limitPerMinute: 30, now: now + 2000 }), { allowed: true });
  });

  test('a command exactly 60 s old is outside the window, 59.999 s old is inside', () => {
    const atEdge = [now - RATE_WINDOW_MS, ...history(29, now, 10)];
    assert.deepEqual(decideRate({ recentTimestamps: atEdge, limitPerMinute: 30, now }), { allowed: true });
    const inside = [now - RATE_WINDOW_MS + 1, ...history(29, now, 10)];
    assert.deepEqual(decideRate({ recentTimestamps: inside, limitPerMinute: 30, now }), {
      allowed: false,
      retryAfterSeconds: 1,
    });
  });

  test('past the limit (replicas raced), the wait is until enough of them have left', () => {
    // 32 commands: 3 must leave before one slot is free. The third oldest is at now-50s.
    const stamps = [now - 55_000, now - 52_000, now - 50_000, ...history(29, now, 100)];
    assert.deepEqual(decideRate({ recentTimestamps: stamps, limitPerMinute: 30, now }), {
      allowed: false,
      retryAfterSeconds: 10,
    });
  });

  test('order of timestamps does not matter and old ones are ignored', () => {
    const stamps = [...history(30, now, 1000)].reverse().concat([now - 120_000, now - 61_000]);
    assert.deepEqual(decideRate({ recentTimestamps: stamps, limitPerMinute: 30, now }), {
      allowed: false,
      retryAfterSeconds: 31,
    });
  });

  test('timestamps in the future (clock skew) never lock a user out for more than a minute', () => {
    const decision = decideRate({ recentTimestamps: [now + 600_000], limitPerMinute: 1, now });
    assert.deepEqual(decision, { allowed: false, retryAfterSeconds: 60 });
  });

  test('a limit of 0 turns rate limiting off', () => {
    assert.deepEqual(decideRate({ recentTimestamps: history(1000, now, 1), limitPerMinute: 0, now }), { allowed: true });
  });
});

describe('decideRate with a count', () => {
  test('below the limit is allowed; at the limit the oldest decides the wait', () => {
    assert.deepEqual(decideRate({ countInWindow: 29, oldestInWindow: now - 30_000, limitPerMinute: 30, now }), {
      allowed: true,
    });
    assert.deepEqual(decideRate({ countInWindow: 30, oldestInWindow: now - 30_000, limitPerMinute: 30, now }), {
      allowed: false,
      retryAfterSeconds: 30,
    });
    assert.deepEqual(decideRate({ countInWindow: 30, oldestInWindow: undefined, limitPerMinute: 30, now }), {
      allowed: false,
      retryAfterSeconds: 60,
    });
  });

  test('rateWindowStart is one window back', () => {
    assert.equal(rateWindowStart(now), now - 60_000);
  });
});
