import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseDuration } from './parse-duration.js';

describe('parseDuration (ChronicDuration as GitLab configures it, research 5.4)', () => {
  const valid: Array<[string, number]> = [
    ['1h 30m', 5400],
    ['3 hours', 10800],
    ['1 hour and 30 minutes', 5400],
    ['90', 90],
    ['1.5h', 5400],
    ['1:30:00', 5400],
    ['1:30', 90],
    ['70m', 4200],
    ['2 days, 3 hours', 183600],
    ['1 week', 604800],
    ['1 month', 2592000],
    ['1 year', 31557600],
    ['hour', 3600],
    ['two hours', 7200],
    ['twenty-five minutes', 1500],
    ['10 mins with 30 secs', 630],
    ['1d2h3m4s', 93784],
    ['HOURS 2', 3602],
  ];
  for (const [text, seconds] of valid) {
    test(`${JSON.stringify(text)} → ${seconds}`, () => assert.equal(parseDuration(text), seconds));
  }

  const invalid = ['', '0', '0 hours', 'forever', '1 fortnight', 'an hour', '-', '1 hour please'];
  for (const text of invalid) {
    test(`${JSON.stringify(text)} is not a duration`, () => assert.equal(parseDuration(text), undefined));
  }
});
