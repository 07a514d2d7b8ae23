import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ansiCQuote } from './ansi-c-quote.js';
import { buildBashScript, buildStepScript } from './bash-script.js';

const GREEN = '\x1b[32;1m';
const RESET = '\x1b[0;m';

function runBash(script: string, env: Record<string, string> = {}): { out: string; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), 'chatrun-script-test-'));
  try {
    const r = spawnSync('bash', ['--noprofile', '--norc', '-c', script], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LANG: 'C.UTF-8', ...env },
      encoding: 'utf8',
    });
    return { out: r.stdout + r.stderr, status: r.status };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('ansiCQuote', () => {
  test('bash reads back exactly the text, whatever it holds', () => {
    const samples = [
      `it's "quoted" \\ back\\slash`,
      '$HOME ${PATH} $(touch pwned) `id` $\'x\'',
      'line one\nline two\ttab\r\x1b[31m',
      'unicode: ü ☃ 𝄞 狸',
      "'''\\\\''",
      '',
    ];
    for (const text of samples) {
      const { out } = runBash(`printf '%s' ${ansiCQuote(text)}`);
      assert.equal(out, text);
    }
  });
});

describe('buildBashScript', () => {
  test('echoes each command in bold green before its output', () => {
    const { out, status } = runBash(buildStepScript([], ['echo "Hello World."']));
    assert.equal(status, 0);
    assert.equal(out, `${GREEN}$ echo "Hello World."${RESET}\nHello World.\n`);
  });

  test('echoes quotes, backslashes, $ and unicode literally, never expanding them', () => {
    const command = `echo '$HOME' "a\\\\b" 'it'"'"'s' ☃ # $(exit 7) \`false\``;
    const { out, status } = runBash(buildBashScript([command]), { HOME: '/nowhere' });
    assert.equal(status, 0);
    assert.equal(out, `${GREEN}$ ${command}${RESET}\n$HOME a\\b it's ☃\n`);
  });

  test('trims commands, runs a bare echo for an empty one and collapses multi-line ones', () => {
    const { out } = runBash(buildBashScript(['   echo one   ', '', 'if true; then\n  echo two\nfi']));
    assert.equal(
      out,
      `${GREEN}$ echo one${RESET}\none\n\n${GREEN}$ if true; then # collapsed multi-line command${RESET}\ntwo\n`,
    );
  });

  test('stops at the first failing command (errexit)', () => {
    const { out, status } = runBash(buildBashScript(['echo first', 'false', 'echo never']));
    assert.equal(status, 1);
    assert.ok(out.includes('first'));
    assert.ok(!out.includes('never\n'));
  });

  test('fails a pipeline whose earlier command fails (pipefail)', () => {
    const { out, status } = runBash(buildBashScript(['false | true', 'echo never']));
    assert.equal(status, 1);
    assert.ok(!out.includes('never\n'));
  });

  test('lets > overwrite files even when the environment turns noclobber on, and exits with the failing code', () => {
    const { out, status } = runBash(buildBashScript(['echo a > f', 'echo b > f', 'cat f', 'exit 42']), { SHELLOPTS: 'noclobber' });
    assert.equal(status, 42);
    assert.ok(out.endsWith('b\n' + `${GREEN}$ exit 42${RESET}\n`));
  });

  test('never pastes variables: the script text is the same whatever CHAT_INPUT holds', () => {
    const script = buildStepScript(['echo before'], ['./deploy.sh "$CHAT_INPUT"']);
    assert.ok(script.includes('./deploy.sh "$CHAT_INPUT"'));
    const { out } = runBash(buildBashScript(['printf "%s\\n" "$CHAT_INPUT"']), { CHAT_INPUT: `x'; touch pwned; echo '$(id)` });
    assert.ok(out.endsWith(`x'; touch pwned; echo '$(id)\n`));
  });
});
