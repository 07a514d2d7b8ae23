import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildJobEnvironment } from './job-environment.js';
import { expandVariableValue } from './variable-expansion.js';

const vars: Record<string, string> = { A: 'alpha', B_2: 'beta' };
const lookup = (name: string): string | undefined => vars[name];

describe('expandVariableValue', () => {
  test('expands $NAME and ${NAME}, empties unknown names, turns $$ into $', () => {
    assert.equal(expandVariableValue('$A/${B_2}/$MISSING/x', lookup), 'alpha/beta//x');
    assert.equal(expandVariableValue('cost: $$5 and $$A', lookup), 'cost: $5 and $A');
  });

  test('leaves other dollars alone and does not expand what it substituted', () => {
    assert.equal(expandVariableValue('$ $1 ${ $-', lookup), '$ $1 ${ $-');
    assert.equal(expandVariableValue('$X', (n) => (n === 'X' ? '$A' : undefined)), '$A');
  });
});

describe('buildJobEnvironment', () => {
  test('base < runner < job variables, each expanded against what came before, raw and CHAT_INPUT kept verbatim', () => {
    const { env, maskedValues } = buildJobEnvironment(
      { PATH: '/usr/bin', HOME: '/home/u' },
      { CI_PROJECT_DIR: '/builds/p' },
      {
        variables: [
          { key: 'PATH', value: '$CI_PROJECT_DIR/bin:$PATH', masked: false },
          { key: 'RAW', value: '$HOME', masked: false, raw: true },
          { key: 'CHAT_INPUT', value: '$HOME', masked: false },
          { key: 'SECRET', value: '${HOME}/key', masked: true },
        ],
      },
    );
    assert.equal(env.PATH, '/builds/p/bin:/usr/bin');
    assert.equal(env.RAW, '$HOME');
    assert.equal(env.CHAT_INPUT, '$HOME');
    assert.equal(env.SECRET, '/home/u/key');
    assert.deepEqual(maskedValues, ['${HOME}/key', '/home/u/key']);
  });
});
