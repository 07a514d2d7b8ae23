/**
 * `chatrun lint [FILE]` as a user runs it: the compiled CLI in a child
 * process, on files in a temp directory.
 */
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chatrunBinary, runChatrun } from './chatrun-process.js';

const binary = chatrunBinary();
const skip = binary.ok ? false : binary.skip;
const chatrun = binary.ok ? binary.path : '';
const work = mkdtempSync(join(tmpdir(), 'chatrun-lint-'));
after(() => rmSync(work, { recursive: true, force: true }));

function project(name: string, files: Record<string, string | Buffer>): string {
  const dir = join(work, name);
  mkdirSync(dir, { recursive: true });
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const VALID = `stages: [chatops]

# Deploy the app. Usage: run deploy <environment>
# (a second line the listing leaves out)
deploy:
  stage: chatops
  only: [chat]
  script: ./deploy.sh "$CHAT_INPUT"

# Says hello.
hello:
  stage: chatops
  rules:
    - if: $CI_PIPELINE_SOURCE == "chat"
  script: echo hello

undocumented:
  stage: chatops
  only: [chat]
  script: echo no comment above me

# Builds on push only.
build:
  stage: chatops
  except: [chat]
  script: make

.template:
  script: echo never listed
`;

describe('chatrun lint', { skip, concurrency: 4 }, () => {
  test('a valid file: exit 0, the job count, and each chat-runnable job with the first line of its description', async () => {
    const dir = project('valid', { '.gitlab-ci.yml': VALID });
    const run = await runChatrun(chatrun, ['lint', join(dir, '.gitlab-ci.yml')], { cwd: work });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stderr, '');
    assert.equal(
      run.stdout,
      `${join(dir, '.gitlab-ci.yml')} is valid: 4 jobs.\n` +
        'Jobs chat may run:\n' +
        '  deploy - Deploy the app. Usage: run deploy <environment>\n' +
        '  hello - Says hello.\n' +
        '  undocumented\n',
    );
  });

  test('without FILE it lints .gitlab-ci.yml in the current directory, includes read beside it', async () => {
    const dir = project('default-file', {
      '.gitlab-ci.yml': 'include:\n  - local: ci/chat.yml\n',
      'ci/chat.yml': '# Included and listed.\nincluded:\n  only: [chat]\n  script: echo from an include\n',
    });
    const run = await runChatrun(chatrun, ['lint'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /\.gitlab-ci\.yml is valid: 1 job\.\n/);
    assert.match(run.stdout, /^ {2}included - Included and listed\.$/m);
  });

  test('a valid file where no job may run from chat says so', async () => {
    const dir = project('no-chat-jobs', { '.gitlab-ci.yml': 'build:\n  except: [chat]\n  script: make\n' });
    const run = await runChatrun(chatrun, ['lint', '.gitlab-ci.yml'], { cwd: dir });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /No job can run from chat\.\n$/);
  });

  test('an invalid file: exit 1, nothing on stdout, every error on stderr with its GitLab path', async () => {
    const dir = project('invalid', {
      '.gitlab-ci.yml': [
        'default:',
        '  variables: { A: 1 }',
        'job:',
        '  script: 1',
        '  when: sometimes',
        'other:',
        '  script: [echo]',
        '  only: 5',
        'third:',
        '  script: echo',
        '  environmnet: production',
        '',
      ].join('\n'),
    });
    const run = await runChatrun(chatrun, ['lint', '.gitlab-ci.yml'], { cwd: dir });
    assert.equal(run.code, 1, run.stdout);
    assert.equal(run.stdout, '');
    const expected = [
      'default config contains unknown keys: variables',
      'jobs:job:script config should be a string or a nested array of strings up to 10 levels deep',
      'jobs:job when should be one of: on_success, on_failure, always, manual, delayed',
      'jobs:other:only has to be either an array of conditions or a hash',
      'jobs:third config contains unknown keys: environmnet',
    ];
    for (const message of expected) assert.ok(run.stderr.includes(`  ${message}\n`), `missing ${JSON.stringify(message)} in:\n${run.stderr}`);
    assert.match(run.stderr, /^\S*\.gitlab-ci\.yml is invalid \(5 errors\):\n/);
  });

  test('a missing file: exit 1 and a message naming the path', async () => {
    const missing = join(work, 'nowhere', 'ci.yml');
    const run = await runChatrun(chatrun, ['lint', missing], { cwd: work });
    assert.equal(run.code, 1);
    assert.equal(run.stdout, '');
    assert.equal(run.stderr, `chatrun: cannot lint ${missing}: no such file\n`);
  });

  test('a directory instead of a file: exit 1, not a file', async () => {
    const dir = project('a-directory', { 'keep.txt': '' });
    const run = await runChatrun(chatrun, ['lint', dir], { cwd: work });
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `chatrun: cannot lint ${dir}: not a file\n`);
  });

  test('binary garbage: exit 1 with a YAML error, no crash and no stack trace', async () => {
    const garbage = Buffer.concat([Buffer.from([0, 0xff, 0xfe, 0x1b, 0x07]), randomBytes(4096)]);
    const dir = project('garbage', { 'garbage.yml': garbage });
    const run = await runChatrun(chatrun, ['lint', 'garbage.yml'], { cwd: dir });
    assert.equal(run.code, 1, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /garbage\.yml is invalid \(1 error\):\n {2}\(garbage\.yml\): .+/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });
});
