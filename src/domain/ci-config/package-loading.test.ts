/**
 * The config loader loads the `yaml` package only for a file the plain
 * parser leaves to the full one (./yaml-package.ts), and re2js only once a
 * pattern is compiled (../expression/re2js-package.ts): together they were
 * a third of `chatrun exec`'s module loading, for files that rarely need
 * either.
 *
 * Whether a package was loaded shows in Node's module cache, which only a
 * fresh process starts without; so one child process loads three configs
 * in turn and reports what the cache holds after each.
 */
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

const CONFIGS = {
  plain: 'job:\n  script: [echo hi]\n  rules:\n    - if: $CI_COMMIT_BRANCH == "main"\n',
  pattern: 'job:\n  script: [echo hi]\n  rules:\n    - if: $CI_COMMIT_BRANCH =~ /^feat/\nrelease:\n  script: [echo hi]\n  only:\n    refs: [/^release-.*$/]\n',
  full: '---\njob:\n  script: [echo hi]\n',
};

interface Checkpoint {
  readonly ok: boolean;
  readonly yaml: boolean;
  readonly re2js: boolean;
}

const CHILD = `
import { createRequire } from 'node:module';
import { sep } from 'node:path';
const [loaderUrl, rootPackage, configsJson] = process.argv.slice(1);
const { loadCiConfigText } = await import(loaderUrl);
const cache = createRequire(rootPackage).cache;
const loaded = (name) => Object.keys(cache).some((path) => path.includes(sep + 'node_modules' + sep + name + sep));
const out = {};
for (const [name, text] of Object.entries(JSON.parse(configsJson))) {
  const result = await loadCiConfigText({ text });
  out[name] = { ok: result.ok, yaml: loaded('yaml'), re2js: loaded('re2js') };
}
process.stdout.write(JSON.stringify(out));
`;

describe('packages the config loader loads', () => {
  let after: Record<keyof typeof CONFIGS, Checkpoint>;
  before(() => {
    const root = repoRoot();
    const loader = pathToFileURL(join(root, 'src/domain/ci-config/load-ci-config.ts')).href;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', CHILD, loader, join(root, 'package.json'), JSON.stringify(CONFIGS)],
      { cwd: root, encoding: 'utf8', timeout: 20_000 },
    );
    assert.equal(child.status, 0, child.stderr);
    after = JSON.parse(child.stdout) as typeof after;
  });

  test('a plain file without patterns loads neither yaml nor re2js', () => {
    assert.deepEqual(after.plain, { ok: true, yaml: false, re2js: false });
  });

  test('a rules `=~` pattern and an only:refs regex load re2js, still not yaml', () => {
    assert.deepEqual(after.pattern, { ok: true, yaml: false, re2js: true });
  });

  test('a file the plain parser does not take (a `---` document start) loads yaml', () => {
    assert.deepEqual(after.full, { ok: true, yaml: true, re2js: true });
  });
});
