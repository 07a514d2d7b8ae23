import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parseChatCommand } from './parse-chat-command.js';
import { matchGitLabRun } from './run-grammar.js';
import { loadSharedConformance } from '../../../test/support/shared-conformance.js';

interface RunCase {
  text: string;
  match: boolean;
  command: string | null;
  arguments: string | null;
}

const CONFORMANCE = loadSharedConformance('run-command');
/** Where chatrun deliberately accepts what GitLab refuses (documented in docs/chat-commands.md). */
const LENIENT: Record<string, { job: string; args: null }> = { 'run foo\n': { job: 'foo', args: null } };

describe('run grammar: conformance vectors (run-command.json, research T5)', () => {
  if (!CONFORMANCE.found) {
    test('run-command.json vectors', { skip: CONFORMANCE.skip }, () => {});
    return;
  }
  const { cases } = CONFORMANCE.json as { cases: RunCase[] };
  for (const c of cases) {
    test(`GitLab's grammar on ${JSON.stringify(c.text)}: ${c.match ? `job ${JSON.stringify(c.command)}, args ${JSON.stringify(c.arguments)}` : 'no match'}`, () => {
      const expected = c.match ? { job: c.command, args: c.arguments } : undefined;
      assert.deepEqual(matchGitLabRun(c.text), expected);
    });
    const lenient = LENIENT[c.text];
    const name = lenient
      ? `parseChatCommand ${JSON.stringify(c.text)}: chatrun is lenient where GitLab refuses, job ${lenient.job} without args`
      : `parseChatCommand ${JSON.stringify(c.text)}: ${c.match ? 'run' : 'invalid'}, as GitLab`;
    test(name, () => {
      const parsed = parseChatCommand(c.text);
      if (lenient) assert.deepEqual(parsed, { kind: 'run', ...lenient });
      else if (c.match) assert.deepEqual(parsed, { kind: 'run', job: c.command, args: c.arguments });
      else assert.deepEqual(parsed, { kind: 'invalid', text: c.text });
    });
  }
});

describe('parseChatCommand: commands', () => {
  test('empty or whitespace-only text is help', () => {
    assert.deepEqual(parseChatCommand(''), { kind: 'help' });
    assert.deepEqual(parseChatCommand('  \n\t'), { kind: 'help' });
  });

  test('help, with anything after it, is help', () => {
    assert.deepEqual(parseChatCommand('help'), { kind: 'help' });
    assert.deepEqual(parseChatCommand('help me please'), { kind: 'help' });
    assert.deepEqual(parseChatCommand('helpme'), { kind: 'invalid', text: 'helpme' });
  });

  test('a leading project word names the project for run, help and play', () => {
    assert.deepEqual(parseChatCommand('ops/infra run deploy production'), { kind: 'run', project: 'ops/infra', job: 'deploy', args: 'production' });
    assert.deepEqual(parseChatCommand('ops/infra help'), { kind: 'help', project: 'ops/infra' });
    assert.deepEqual(parseChatCommand('group/sub.group/my-app_2 play 7'), { kind: 'play', project: 'group/sub.group/my-app_2', jobId: 7 });
  });

  test('any whitespace may follow the project word; the run grammar applies to the rest', () => {
    assert.deepEqual(parseChatCommand('ops/infra \n run foo\nbar\n'), { kind: 'run', project: 'ops/infra', job: 'foo', args: 'bar\n' });
    assert.deepEqual(parseChatCommand('ops/infra run foo\n'), { kind: 'run', project: 'ops/infra', job: 'foo', args: null });
  });

  test('a keyword as first word is the command, never a project', () => {
    assert.deepEqual(parseChatCommand('run run x'), { kind: 'run', job: 'run', args: 'x' });
    assert.deepEqual(parseChatCommand('run help'), { kind: 'run', job: 'help', args: null });
    assert.deepEqual(parseChatCommand('help run x'), { kind: 'help' });
  });

  test('a project alone, an invalid project path or an unknown command word is invalid', () => {
    for (const text of ['ops/infra', 'ops/infra ', 'ops/infra deploy x', '-ops run x', 'ops//infra run x', 'ops/infra/ run x', 'deploy production', 'ops/infra run']) {
      assert.deepEqual(parseChatCommand(text), { kind: 'invalid', text }, JSON.stringify(text));
    }
  });

  test('play takes a positive job id, with an optional #', () => {
    assert.deepEqual(parseChatCommand('play 42'), { kind: 'play', jobId: 42 });
    assert.deepEqual(parseChatCommand('play #42\n'), { kind: 'play', jobId: 42 });
    for (const text of ['play', 'play 0', 'play deploy', 'play 4 2', 'play 99999999999999999999', 'play -1']) {
      assert.deepEqual(parseChatCommand(text), { kind: 'invalid', text }, text);
    }
  });

  test('Ruby whitespace only: a no-break space is part of the job name, as in GitLab', () => {
    assert.deepEqual(parseChatCommand('run foo\u00a0bar'), { kind: 'run', job: 'foo\u00a0bar', args: null });
  });
});

describe('parseChatCommand: properties', () => {
  const WS = [' ', '\t', '\n', '\r', '\f', '\v'];
  const isWs = (ch: string): boolean => WS.includes(ch);
  const whitespace = fc.array(fc.constantFrom(...WS), { minLength: 1, maxLength: 4 }).map((a) => a.join(''));
  const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: fc.constantFrom('r', 'u', 'n', ' ', '\n', 'p', '/', 'a') }));
  const job = fc.string({ unit: 'binary', minLength: 1, maxLength: 20 }).filter((s) => ![...s].some(isWs));
  const args = fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }).filter((s) => !isWs(s[0] ?? ' '));

  test('never throws, and always answers one of the four kinds', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        assert.ok(['run', 'help', 'play', 'invalid'].includes(parseChatCommand(text).kind));
      }),
      { numRuns: 2000 },
    );
  });

  test('run JOB ARGS returns JOB and ARGS verbatim', () => {
    fc.assert(
      fc.property(job, whitespace, args, (j, sep, a) => {
        assert.deepEqual(parseChatCommand(`run${sep}${j}${sep}${a}`), { kind: 'run', job: j, args: a });
      }),
      { numRuns: 1000 },
    );
  });

  test('run JOB returns JOB without args', () => {
    fc.assert(
      fc.property(job, whitespace, (j, sep) => {
        assert.deepEqual(parseChatCommand(`run${sep}${j}`), { kind: 'run', job: j, args: null });
      }),
    );
  });

  test('PROJECT run JOB ARGS returns PROJECT, JOB and ARGS verbatim', () => {
    const project = fc.stringMatching(/^[a-z0-9_][a-z0-9_.-]{0,8}(\/[a-z0-9_][a-z0-9_.-]{0,8}){0,2}$/).filter((p) => !/^(run|help|play)$/.test(p));
    fc.assert(
      fc.property(project, whitespace, job, args, (p, sep, j, a) => {
        assert.deepEqual(parseChatCommand(`${p}${sep}run ${j} ${a}`), { kind: 'run', project: p, job: j, args: a });
      }),
    );
  });
});
