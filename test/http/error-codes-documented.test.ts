import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { API_ERROR_STATUS } from '../../src/http/api-error.js';
import { repoRoot } from '../support/shared-conformance.js';

const root = repoRoot();

function documentedCodes(): Map<string, number> {
  const doc = readFileSync(join(root, 'docs/http-api.md'), 'utf8');
  const rows = new Map<string, number>();
  for (const match of doc.matchAll(/^\| `([a-z_]+)` \| (\d{3}) \|/gm)) rows.set(match[1] ?? '', Number(match[2]));
  return rows;
}

/** Error codes written as literals where the HTTP layer sends errors. */
function codesUsedInSource(): Set<string> {
  const used = new Set<string>();
  const dir = join(root, 'src/http');
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.ts') || name.endsWith('.test.ts') || name === 'api-error.ts') continue;
    const text = readFileSync(join(dir, name), 'utf8');
    for (const match of text.matchAll(/sendApiError\(\s*reply,\s*(?:parsed\.reason|'([a-z_]+)')/g)) if (match[1]) used.add(match[1]);
    for (const match of text.matchAll(/\bcode: '([a-z_]+)'/g)) if (match[1]) used.add(match[1]);
  }
  return used;
}

test('every API error code is documented in docs/http-api.md with its status, and nothing else is', () => {
  const documented = documentedCodes();
  assert.deepEqual(
    [...documented.entries()].sort(),
    Object.entries(API_ERROR_STATUS).sort(),
    'docs/http-api.md error table and API_ERROR_STATUS differ',
  );
});

test('every error code the HTTP layer sends is a registered (hence documented) code', () => {
  const used = codesUsedInSource();
  assert.ok(used.size >= 10, `found only ${used.size} codes: the scan is broken`);
  for (const code of used) assert.ok(Object.hasOwn(API_ERROR_STATUS, code), `${code} is used but not registered`);
});

test('the chat parse failures that become error codes are registered', () => {
  // parseSlackCommand / parseMattermostCommand failures are sent as their reason.
  for (const reason of ['missing_field', 'bad_field']) assert.ok(Object.hasOwn(API_ERROR_STATUS, reason), reason);
});
