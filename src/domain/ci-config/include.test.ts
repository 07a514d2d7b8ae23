import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { errorMessages, expectConfig, expectError, expectJob, load } from './ci-config.test-support.js';

describe('include: local (research 3.5)', () => {
  test('string, {local:} and leading / forms; included first, including file on top', async () => {
    const config = expectConfig(
      await load(
        'include:\n  - a.yml\n  - local: /ci/b.yaml\nvariables: {X: main}\njob: {script: echo main, stage: build}\n',
        {
          'a.yml': 'variables: {X: a, A: a}\njob: {script: echo a, tags: [t]}\nfrom-a: {script: echo from-a}\n',
          'ci/b.yaml': 'variables: {B: b}\nfrom-b: {script: echo from-b}\n',
        },
      ),
    );
    assert.deepEqual(Object.fromEntries(Object.entries(config.variables).map(([k, v]) => [k, v.value])), { X: 'main', A: 'a', B: 'b' });
    const job = config.jobs.get('job');
    assert.deepEqual(job?.script, ['echo main']);
    assert.deepEqual(job?.tags, ['t']);
    assert.deepEqual([...config.jobs.keys()], ['job', 'from-a', 'from-b']);
  });

  test('a single include hash', async () => {
    expectJob(await load('include: {local: a.yml}\n', { 'a.yml': 'a: {script: x}\n' }), 'a');
  });

  test('nested includes', async () => {
    const config = expectConfig(
      await load('include: one.yml\n', { 'one.yml': 'include: two.yml\none: {script: x}\n', 'two.yml': 'two: {script: y}\n' }),
    );
    assert.deepEqual([...config.jobs.keys()].sort(), ['one', 'two']);
  });

  test('wildcards: * within a directory, ** across directories', async () => {
    const files = {
      'configs/a.yml': 'a: {script: x}\n',
      'configs/b.yml': 'b: {script: x}\n',
      'configs/sub/c.yml': 'c: {script: x}\n',
      'configs/readme.md': 'not yaml',
    };
    assert.deepEqual([...expectConfig(await load('include: configs/*.yml\n', files)).jobs.keys()], ['a', 'b']);
    assert.deepEqual([...expectConfig(await load('include: configs/**.yml\n', files)).jobs.keys()], ['a', 'b', 'c']);
    assert.deepEqual([...expectConfig(await load("include: 'configs/**/*.yml'\n", files)).jobs.keys()], ['c']);
  });

  test('the same file included twice (or in a cycle) is loaded once', async () => {
    const config = expectConfig(
      await load('include: [a.yml, a.yml]\n', { 'a.yml': 'include: b.yml\na: {script: x}\n', 'b.yml': 'include: a.yml\nb: {script: y}\n' }),
    );
    assert.deepEqual([...config.jobs.keys()].sort(), ['a', 'b']);
  });

  test('missing, empty, wrong extension, invalid YAML', async () => {
    expectError(await load('include: nope.yml\njob: {script: x}\n'), 'Local file `nope.yml` does not exist!');
    expectError(await load('include: empty.yml\njob: {script: x}\n', { 'empty.yml': '  \n' }), 'Local file `empty.yml` is empty!');
    expectError(await load('include: file.txt\njob: {script: x}\n', { 'file.txt': 'a: 1' }), 'Included file `file.txt` does not have YAML extension!');
    expectError(await load('include: bad.yml\njob: {script: x}\n', { 'bad.yml': 'a: b: c' }), 'Included file `bad.yml` does not have valid YAML syntax!');
  });

  test('all include errors are reported together', async () => {
    assert.deepEqual(errorMessages(await load('include: [x.yml, y.yml]\njob: {script: x}\n')), [
      'Local file `x.yml` does not exist!',
      'Local file `y.yml` does not exist!',
    ]);
  });

  test('remote, project, template and component includes are not available', async () => {
    expectError(await load('include: https://example.com/ci.yml\njob: {script: x}\n'), /`remote` files is not available in chatrun/);
    expectError(await load("include: {project: a/b, file: '/x.yml'}\njob: {script: x}\n"), /`project` files is not available in chatrun/);
    expectError(await load('include: {template: Auto-DevOps.gitlab-ci.yml}\njob: {script: x}\n'), /`template` files is not available/);
    expectError(await load('include: {component: gitlab.com/a/b@1}\njob: {script: x}\n'), /`component` files is not available/);
  });

  test('an include with two kinds, or of a wrong type', async () => {
    expectError(await load('include: {local: a.yml, remote: https://x/y.yml}\njob: {script: x}\n'), /^Each include must use only one of: `local`, `project`/);
    expectError(await load('include: [1]\njob: {script: x}\n'), 'Each include must be a hash or a string');
  });

  test('the number of included files is limited', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 5; i += 1) files[`f${i}.yml`] = `j${i}: {script: x}\n`;
    expectError(await load('include: [f0.yml, f1.yml, f2.yml, f3.yml, f4.yml]\n', files, { maxIncludes: 3 }), 'Maximum of 3 nested includes are allowed!');
  });

  test('include:rules with exists are evaluated against the tree', async () => {
    const config = expectConfig(
      await load(
        'include:\n  - local: a.yml\n    rules: [{exists: [Dockerfile]}]\n  - local: b.yml\n    rules: [{exists: [nothing-here]}]\njob: {script: x}\n',
        { 'a.yml': 'a: {script: x}\n', 'b.yml': 'b: {script: x}\n', Dockerfile: 'FROM x' },
      ),
    );
    assert.deepEqual([...config.jobs.keys()].sort(), ['a', 'job']);
  });

  test('anchors do not cross files', async () => {
    expectError(await load('include: a.yml\njob: {script: *cmd}\n', { 'a.yml': 'x: &cmd [echo]\n' }), /cmd/);
  });

  test('a missing main file names its path', async () => {
    const { loadCiConfig } = await import('./load-ci-config.js');
    const { inMemoryTree } = await import('./ci-config.test-support.js');
    const result = await loadCiConfig({ path: 'ci/main.yml', tree: inMemoryTree({}) });
    assert.deepEqual(result, { ok: false, errors: [{ path: '', message: 'Please provide content of ci/main.yml' }] });
  });
});
