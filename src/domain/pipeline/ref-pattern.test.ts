import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { matchRefPattern, pluralize, sourceKeyword } from './ref-pattern.js';
import type { RefMatchContext } from './ref-pattern.js';

const chatOnMain: RefMatchContext = { source: 'chat', ref: 'main', refKind: 'branch', projectPath: 'ops/infra' };
const tagPush: RefMatchContext = { source: 'push', ref: 'v1.2.0', refKind: 'tag', projectPath: 'ops/infra' };
const mergeRequest: RefMatchContext = {
  source: 'merge_request_event',
  ref: 'refs/merge-requests/1/head',
  refKind: 'merge_request',
  projectPath: 'ops/infra',
};

describe('only/except refs entries', () => {
  test('branches matches branch pipelines, tags matches tag pipelines', () => {
    assert.equal(matchRefPattern('branches', chatOnMain), 'branches');
    assert.equal(matchRefPattern('tags', chatOnMain), undefined);
    assert.equal(matchRefPattern('tags', tagPush), 'tags');
    assert.equal(matchRefPattern('branches', tagPush), undefined);
  });

  test('the source name matches, singular or plural', () => {
    assert.equal(matchRefPattern('chat', chatOnMain), 'source');
    assert.equal(matchRefPattern('chats', chatOnMain), 'source');
    assert.equal(matchRefPattern('pushes', tagPush), 'source');
    assert.equal(matchRefPattern('push', tagPush), 'source');
    assert.equal(matchRefPattern('web', chatOnMain), undefined);
  });

  test('_event is dropped from the source: merge_requests', () => {
    assert.equal(matchRefPattern('merge_requests', mergeRequest), 'source');
    assert.equal(matchRefPattern('merge_request', mergeRequest), 'source');
    assert.equal(matchRefPattern('merge_request_event', mergeRequest), undefined);
  });

  test('plurals of every source keyword', () => {
    const words = ['api', 'chat', 'external', 'external_pull_request', 'merge_request', 'pipeline', 'push', 'schedule', 'trigger', 'web'];
    assert.deepEqual(words.map(pluralize), [
      'apis', 'chats', 'externals', 'external_pull_requests', 'merge_requests', 'pipelines', 'pushes', 'schedules', 'triggers', 'webs',
    ]);
    assert.equal(sourceKeyword('external_pull_request_event'), 'external_pull_request');
  });

  test('a plain name is compared with the ref name', () => {
    assert.equal(matchRefPattern('main', chatOnMain), 'ref');
    assert.equal(matchRefPattern('Main', chatOnMain), undefined);
    assert.equal(matchRefPattern('v1.2.0', tagPush), 'ref');
  });

  test('/regex/ refs use RE2 with flags, searched anywhere in the ref name', () => {
    assert.equal(matchRefPattern('/^ma/', chatOnMain), 'ref');
    assert.equal(matchRefPattern('/ai/', chatOnMain), 'ref');
    assert.equal(matchRefPattern('/^MAIN$/', chatOnMain), undefined);
    assert.equal(matchRefPattern('/^MAIN$/i', chatOnMain), 'ref');
    assert.equal(matchRefPattern('/^v\\d+\\.\\d+/', tagPush), 'ref');
    assert.equal(matchRefPattern('/^release/.*/', { ...chatOnMain, ref: 'release/1.0' }), 'ref');
  });

  test('a pattern that is not valid RE2 is compared literally', () => {
    assert.equal(matchRefPattern('/(?=m)/', { ...chatOnMain, ref: '/(?=m)/' }), 'ref');
    assert.equal(matchRefPattern('/(?=m)/', chatOnMain), undefined);
  });

  test('ref names and regexes never match a merge request pipeline', () => {
    assert.equal(matchRefPattern('/.*/', mergeRequest), undefined);
    assert.equal(matchRefPattern('refs/merge-requests/1/head', mergeRequest), undefined);
  });

  test('@group/project must name this project', () => {
    assert.equal(matchRefPattern('main@ops/infra', chatOnMain), 'ref');
    assert.equal(matchRefPattern('main@ops/other', chatOnMain), undefined);
    assert.equal(matchRefPattern('chat@ops/infra', chatOnMain), 'source');
    assert.equal(matchRefPattern('branches@ops/other', chatOnMain), undefined);
  });
});
