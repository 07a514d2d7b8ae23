import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readPidCounter, stepPidRange } from './pid-window.js';

const counter = (lastPid: number, forks: number, pidMax = 32768) => ({ lastPid, forks, pidMax });

describe('stepPidRange', () => {
  test('while the id counter has not wrapped: from the shell\'s id to the last one handed out', () => {
    assert.deepEqual(stepPidRange(5000, counter(5000, 100), counter(9000, 4100)), { from: 5000, to: 9000 });
  });

  test('a counter below the shell id wrapped: every process may be the step\'s', () => {
    assert.equal(stepPidRange(5000, counter(5000, 100), counter(320, 28_000)), 'all');
  });

  test('half of pid_max forks or more may have gone all the way round: every process', () => {
    assert.equal(stepPidRange(5000, counter(5000, 100), counter(9000, 100 + 16_384)), 'all');
    assert.deepEqual(stepPidRange(5000, counter(5000, 100), counter(9000, 100 + 16_383)), { from: 5000, to: 9000 });
  });

  test('without the counter (not Linux, another pid namespace) every process', () => {
    assert.equal(stepPidRange(5000, undefined, counter(9000, 1)), 'all');
    assert.equal(stepPidRange(5000, counter(5000, 1), undefined), 'all');
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
