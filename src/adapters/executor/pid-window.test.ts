import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { candidatePids, readPidCounter } from './pid-window.js';

const live = [1, 300, 4000, 5000, 5001, 9000];
const counter = (lastPid: number, forks: number, pidMax = 32768) => ({ lastPid, forks, pidMax });

describe('candidatePids', () => {
  test('while the id counter has not wrapped, only processes started with or after the shell', () => {
    assert.deepEqual(candidatePids(live, 5000, counter(5000, 100), counter(9000, 4100)), [5000, 5001, 9000]);
  });

  test('a counter below the shell id wrapped: every process may be the step\'s', () => {
    assert.deepEqual(candidatePids(live, 5000, counter(5000, 100), counter(320, 28_000)), live);
  });

  test('half of pid_max forks or more may have gone all the way round: every process', () => {
    assert.deepEqual(candidatePids(live, 5000, counter(5000, 100), counter(9000, 100 + 16_384)), live);
    assert.deepEqual(candidatePids(live, 5000, counter(5000, 100), counter(9000, 100 + 16_383)), [5000, 5001, 9000]);
  });

  test('without the counter (not Linux, another pid namespace) every process', () => {
    assert.deepEqual(candidatePids(live, 5000, undefined, counter(9000, 1)), live);
    assert.deepEqual(candidatePids(live, 5000, counter(5000, 1), undefined), live);
  });
});

describe('readPidCounter', { skip: existsSync('/proc/loadavg') ? false : 'needs Linux /proc' }, () => {
  test('reads a counter that moves on as processes are started', () => {
    const before = readPidCounter();
    assert.ok(before !== undefined, 'this process and /proc share a pid namespace');
    const child = spawnSync('true');
    const after = readPidCounter();
    assert.ok(after !== undefined);
    assert.ok(after.forks > before.forks, 'the fork count grew');
    assert.ok(child.pid !== undefined && after.lastPid >= child.pid || after.lastPid < before.lastPid, 'the last id is the child\'s or later (or it wrapped)');
    assert.ok(after.pidMax >= 301);
  });
});
