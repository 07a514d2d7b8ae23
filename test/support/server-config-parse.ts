/**
 * A chatrun.yml text through parseServerConfig, for tests that expect it to
 * parse (and want the config) or to fail (and want the errors). Either way
 * the other outcome fails the test, showing what came back.
 */
import assert from 'node:assert/strict';
import { parseServerConfig } from '../../src/config/parse-server-config.js';
import type { ServerConfig } from '../../src/config/server-config.js';

export function parsedServerConfig(yaml: string): ServerConfig {
  const result = parseServerConfig(yaml, 'chatrun.yml');
  if (!result.ok) assert.fail(`expected the config to parse, got:\n${result.errors.join('\n')}`);
  return result.config;
}

export function serverConfigErrors(yaml: string): readonly string[] {
  const result = parseServerConfig(yaml, 'chatrun.yml');
  assert.equal(result.ok, false, 'expected errors');
  return result.ok ? [] : result.errors;
}
