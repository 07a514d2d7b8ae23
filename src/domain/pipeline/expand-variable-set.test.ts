import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expandVariableSet } from './expand-variable-set.js';
import type { ExpandableVariable } from './expand-variable-set.js';

function expand(...variables: [string, string, boolean?][]): Record<string, string> {
  const input: ExpandableVariable[] = variables.map(([name, value, raw]) => ({ name, value, raw: raw === true }));
  const result = expandVariableSet(input);
  assert.equal(result.kind, 'expanded');
  return result.kind === 'expanded' ? Object.fromEntries(result.values) : {};
}

describe('expandVariableSet', () => {
  test('nested references resolve whatever the order of definition', () => {
    assert.deepEqual(expand(['A', '$B/a'], ['B', '${C}/b'], ['C', 'c']), { A: 'c/b/a', B: 'c/b', C: 'c' });
  });
  test('$$ is left for the runner, which turns it into $', () => {
    assert.deepEqual(expand(['A', 'x$$y'], ['B', '$A']), { A: 'x$y', B: 'x$y' });
  });
  test('undefined references become empty', () => {
    assert.deepEqual(expand(['A', 'a$NOPE-${NOPE}']), { A: 'a-' });
  });
  test('raw values are untouched and inserted verbatim where referenced', () => {
    assert.deepEqual(expand(['R', 'lit$A$$', true], ['A', 'a'], ['B', '<$R>']), { R: 'lit$A$$', A: 'a', B: '<lit$A$$>' });
  });
  test('%NAME% is expanded GitLab-side only for known, non-raw names', () => {
    assert.deepEqual(expand(['A', 'a'], ['B', '%A%-%NOPE%']), { A: 'a', B: 'a-%NOPE%' });
  });
  test('a variable referencing itself keeps the reference', () => {
    assert.deepEqual(expand(['A', 'x$A']), { A: 'xx$A' });
  });
  test('a loop between variables is reported, as GitLab does', () => {
    const result = expandVariableSet([
      { name: 'A', value: '$B', raw: false },
      { name: 'B', value: '$A', raw: false },
      { name: 'C', value: 'c', raw: false },
    ]);
    assert.equal(result.kind, 'circular_reference');
    if (result.kind !== 'circular_reference') return;
    assert.deepEqual(result.cycles.map((cycle) => [...cycle].sort()), [['A', 'B']]);
    assert.match(result.message, /^circular variable reference detected: \["[AB]", "[AB]"\]$/);
  });
  test('a reference through a raw variable is no loop', () => {
    assert.deepEqual(expand(['A', '$B'], ['B', '$A', true]), { A: '$A', B: '$A' });
  });
});
