import { test } from 'node:test';
import assert from 'node:assert/strict';
import { slugify } from './slugify.js';

test('slugify: lower case, non-alphanumerics to -, 63 characters, no - at the ends', () => {
  assert.equal(slugify('Feature/Add-Login_Page'), 'feature-add-login-page');
  assert.equal(slugify('ops/infra'), 'ops-infra');
  assert.equal(slugify('--v1.2--'), 'v1-2');
  assert.equal(slugify('a'.repeat(62) + '/b'), 'a'.repeat(62));
  assert.equal(slugify('x'.repeat(100)).length, 63);
  assert.equal(slugify('deploy: [eu, prod]'), 'deploy---eu--prod');
});
