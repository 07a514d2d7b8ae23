import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { jobSpec } from './ci-config-builder.js';
import { effectiveOnly, evaluateOnlyExcept } from './only-except.js';
import type { PolicyContext } from './only-except.js';

const chat: PolicyContext = { source: 'chat', ref: 'main', refKind: 'branch', projectPath: 'ops/infra', changedPaths: null };
const push: PolicyContext = { ...chat, source: 'push', changedPaths: ['docs/readme.md', 'src/app.ts'] };
const tag: PolicyContext = { ...chat, source: 'push', ref: 'v1.0', refKind: 'tag' };

describe('the implicit only: [branches, tags]', () => {
  test('applies to a job with no rules and no only when there are no workflow:rules', () => {
    assert.deepEqual(effectiveOnly(jobSpec('a'), false), { refs: ['branches', 'tags'] });
  });
  test('does not apply with workflow:rules or job rules', () => {
    assert.equal(effectiveOnly(jobSpec('a'), true), undefined);
    assert.equal(effectiveOnly(jobSpec('a', { rules: [{ if: '$X' }] }), false), undefined);
  });
  test('is deep-merged: only:variables keeps the default refs, only:[main] replaces them', () => {
    assert.deepEqual(effectiveOnly(jobSpec('a', { only: { variables: ['$X'] } }), false), {
      variables: ['$X'],
      refs: ['branches', 'tags'],
    });
    assert.deepEqual(effectiveOnly(jobSpec('a', { only: { refs: ['main'] } }), false), { refs: ['main'] });
  });
  test('is idempotent when the loader already applied it', () => {
    const once = effectiveOnly(jobSpec('a'), false);
    assert.deepEqual(effectiveOnly(jobSpec('a', { only: once }), false), once);
  });
  test('a chat pipeline (a branch pipeline) passes it; a merge request pipeline does not', () => {
    assert.deepEqual(evaluateOnlyExcept({ refs: ['branches', 'tags'] }, undefined, chat, {}), { kind: 'included' });
    const mr: PolicyContext = { ...chat, source: 'merge_request_event', refKind: 'merge_request', ref: 'refs/merge-requests/3/head' };
    assert.equal(evaluateOnlyExcept({ refs: ['branches', 'tags'] }, undefined, mr, {}).kind, 'excluded');
  });
});

describe('only', () => {
  test('only: [chat] admits chat pipelines and refuses others, saying why', () => {
    assert.deepEqual(evaluateOnlyExcept({ refs: ['chat'] }, undefined, chat, {}), { kind: 'included' });
    assert.deepEqual(evaluateOnlyExcept({ refs: ['chat'] }, undefined, push, {}), {
      kind: 'excluded',
      by: 'only',
      detail: 'only: refs [chat] do not match a push pipeline on branch main',
    });
  });
  test('only: [tags] refuses a chat pipeline on a branch', () => {
    assert.deepEqual(evaluateOnlyExcept({ refs: ['tags'] }, undefined, chat, {}), {
      kind: 'excluded',
      by: 'only',
      detail: 'only: refs [tags] do not match a chat pipeline on branch main',
    });
  });
  test('all keys must hold: refs and variables', () => {
    const policy = { refs: ['branches'], variables: ['$DEPLOY == "yes"', '$FORCE'] };
    assert.equal(evaluateOnlyExcept(policy, undefined, chat, { FORCE: '1' }).kind, 'included');
    assert.deepEqual(evaluateOnlyExcept(policy, undefined, chat, { DEPLOY: 'no' }), {
      kind: 'excluded',
      by: 'only',
      detail: 'only: variables [$DEPLOY == "yes", $FORCE] are all false',
    });
    assert.equal(evaluateOnlyExcept(policy, undefined, tag, { FORCE: '1' }).kind, 'excluded');
  });
  test('changes: holds with no diff information, else needs a matching changed path', () => {
    assert.equal(evaluateOnlyExcept({ changes: ['src/**/*'] }, undefined, chat, {}).kind, 'included');
    assert.equal(evaluateOnlyExcept({ changes: ['src/**/*'] }, undefined, push, {}).kind, 'included');
    assert.deepEqual(evaluateOnlyExcept({ changes: ['lib/*'] }, undefined, push, {}), {
      kind: 'excluded',
      by: 'only',
      detail: 'only: changes [lib/*] match no changed file',
    });
  });
  test('changes globs expand known variables', () => {
    assert.equal(evaluateOnlyExcept({ changes: ['$DIR/*'] }, undefined, push, { DIR: 'src' }).kind, 'included');
  });
  test('kubernetes: active needs an active integration', () => {
    assert.equal(evaluateOnlyExcept({ kubernetes: 'active' }, undefined, chat, {}).kind, 'excluded');
    assert.equal(evaluateOnlyExcept({ kubernetes: 'active' }, undefined, { ...chat, kubernetesActive: true }, {}).kind, 'included');
  });
});

describe('except', () => {
  test('except: [chat] excludes chat pipelines', () => {
    assert.deepEqual(evaluateOnlyExcept(undefined, { refs: ['chat'] }, chat, {}), {
      kind: 'excluded',
      by: 'except',
      detail: 'except: [chat] excludes chat pipelines',
    });
    assert.equal(evaluateOnlyExcept(undefined, { refs: ['chat'] }, push, {}).kind, 'included');
  });
  test('except is checked even when only holds', () => {
    assert.equal(evaluateOnlyExcept({ refs: ['branches'] }, { refs: ['chats'] }, chat, {}).kind, 'excluded');
  });
  test('branch names, regexes and keywords say what they matched', () => {
    assert.equal(evaluateOnlyExcept(undefined, { refs: ['main'] }, chat, {}).kind === 'excluded', true);
    assert.deepEqual(evaluateOnlyExcept(undefined, { refs: ['/^ma/'] }, chat, {}), {
      kind: 'excluded',
      by: 'except',
      detail: 'except: [/^ma/] excludes branch main',
    });
    assert.deepEqual(evaluateOnlyExcept(undefined, { refs: ['branches'] }, chat, {}), {
      kind: 'excluded',
      by: 'except',
      detail: 'except: [branches] excludes branch pipelines (this one is on branch main)',
    });
  });
  test('except: variables excludes when any expression is true', () => {
    assert.deepEqual(evaluateOnlyExcept(undefined, { variables: ['$A', '$B'] }, chat, { B: 'x' }), {
      kind: 'excluded',
      by: 'except',
      detail: 'except: variables [$B] is true',
    });
    assert.equal(evaluateOnlyExcept(undefined, { variables: ['$A'] }, chat, {}).kind, 'included');
  });
  test('except: changes excludes on a matching path, and always when there is no diff (GitLab quirk)', () => {
    assert.deepEqual(evaluateOnlyExcept(undefined, { changes: ['docs/*'] }, push, {}), {
      kind: 'excluded',
      by: 'except',
      detail: 'except: changes [docs/*] match the changed file docs/readme.md',
    });
    assert.equal(evaluateOnlyExcept(undefined, { changes: ['lib/*'] }, push, {}).kind, 'included');
    const noDiff = evaluateOnlyExcept(undefined, { changes: ['lib/*'] }, chat, {});
    assert.equal(noDiff.kind, 'excluded');
    assert.match(noDiff.kind === 'excluded' ? noDiff.detail : '', /a chat pipeline has no list of changed files/);
  });
  test('except: kubernetes: active excludes only with an active integration', () => {
    assert.equal(evaluateOnlyExcept(undefined, { kubernetes: 'active' }, chat, {}).kind, 'included');
    assert.equal(evaluateOnlyExcept(undefined, { kubernetes: 'active' }, { ...chat, kubernetesActive: true }, {}).kind, 'excluded');
  });
});
