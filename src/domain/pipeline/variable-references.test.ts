import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { expandExisting, expandRunnerStyle, referencedNames } from './variable-references.js';

const known: Record<string, string> = { A: 'alpha', B_2: 'beta', EMPTY: '' };
const lookup = (name: string): string | undefined => (Object.hasOwn(known, name) ? known[name] : undefined);

describe('runner-style expansion (Go os.Expand)', () => {
  test('$NAME and ${NAME} are replaced; undefined becomes empty', () => {
    assert.equal(expandRunnerStyle('x $A ${B_2} $NOPE ${NOPE} y', lookup), 'x alpha beta   y');
  });
  test('$$ becomes $, and replacements are not expanded again', () => {
    assert.equal(expandRunnerStyle('cost: $$5', lookup), 'cost: $5');
    assert.equal(expandRunnerStyle('$X', (n) => (n === 'X' ? '$A' : undefined)), '$A');
  });
  test('shell specials are kept, a trailing $ stays, bad ${ is eaten', () => {
    assert.equal(expandRunnerStyle('$1 $? $# ${1}', lookup), '$1 $? $# $1');
    assert.equal(expandRunnerStyle('end$', lookup), 'end$');
    assert.equal(expandRunnerStyle('a${}b', lookup), 'ab');
    assert.equal(expandRunnerStyle('a${Ab', lookup), 'aAb');
    assert.equal(expandRunnerStyle('a $ b', lookup), 'a $ b');
  });
  test('${anything} takes the text up to } as the name', () => {
    assert.equal(expandRunnerStyle('${A:-x}', lookup), '');
  });
  test('names stop at the first non-word character', () => {
    assert.equal(expandRunnerStyle('$A-$A.$Ab', lookup), 'alpha-alpha.');
  });
});

describe('GitLab-style expansion (ExpandVariables, keep undefined)', () => {
  test('$NAME, ${NAME} and %NAME% are replaced when known', () => {
    assert.equal(expandExisting('$A ${B_2} %A%', lookup), 'alpha beta alpha');
  });
  test('unknown references, $$ and %% stay as written', () => {
    assert.equal(expandExisting('$NOPE ${NOPE} %NOPE% $$A %%', lookup), '$NOPE ${NOPE} %NOPE% $$A %%');
  });
  test('an empty value is a known value', () => {
    assert.equal(expandExisting('[$EMPTY]', lookup), '[]');
  });
  test('referencedNames lists each name once, in order', () => {
    assert.deepEqual(referencedNames('$B ${A} %C% $B $$D'), ['B', 'A', 'C']);
    assert.deepEqual(referencedNames('plain'), []);
  });
  test('never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        expandExisting(text, lookup);
        expandRunnerStyle(text, lookup);
        referencedNames(text);
      }),
    );
  });
});
