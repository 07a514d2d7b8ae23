/**
 * The config file's text → a ServerConfig, or every problem in it at once.
 * Three passes over the same YAML value: syntax (the yaml package), shape
 * (./config-schema.ts) and cross-references (./config-references.ts); the
 * defaults are applied only when all three are clean. Pure apart from
 * reading nothing: secrets are resolved later by ./resolve-secrets.ts.
 */
import { LineCounter, parseDocument } from 'yaml';
import { buildServerConfig } from './build-server-config.js';
import { configErrorMap, describeIssues } from './config-issues.js';
import { formatKeyPath, type KeyPath } from './config-key-path.js';
import { checkConfigReferences } from './config-references.js';
import { configFileSchema } from './config-schema.js';
import type { ParseServerConfigResult } from './server-config.js';
import { lineOfKeyPath } from './yaml-key-line.js';

/**
 * Validates an already-parsed config value (the demo and tests build one in
 * code). `locate` names where a key path is written, for messages.
 */
export function validateServerConfig(raw: unknown, source: string, locate: (path: KeyPath) => string = () => ''): ParseServerConfigResult {
  const value = raw === null || raw === undefined ? {} : raw;
  if (typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, errors: [`${source}: the config must be a mapping of sections (server:, chat:, projects:, …)`] };
  }
  const shape = configFileSchema.safeParse(value, { error: configErrorMap });
  const errors = shape.success ? [] : describeIssues(shape.error.issues, { schema: configFileSchema, locate });
  const show = (path: KeyPath): string => formatKeyPath(path);
  for (const problem of checkConfigReferences(value, show)) {
    errors.push(`${formatKeyPath(problem.path)}: ${problem.message}${locate(problem.path)}`);
  }
  if (!shape.success || errors.length > 0) return { ok: false, errors };
  return { ok: true, config: buildServerConfig(shape.data, source) };
}

export function parseServerConfig(yamlText: string, source: string): ParseServerConfigResult {
  const lines = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lines, prettyErrors: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.map((error) => {
        const line = error.linePos?.[0];
        // Pretty errors append the position and a source excerpt; the position goes first instead.
        const first = (error.message.split('\n')[0] ?? 'invalid YAML').replace(/ at line \d+, column \d+:?$/, '');
        const message = first.startsWith('Source contains multiple documents') ? 'the config file must hold a single YAML document' : first;
        return `${source}${line === undefined ? '' : `:${line.line}:${line.col}`}: ${message}`;
      }),
    };
  }
  const locate = (path: KeyPath): string => {
    const line = lineOfKeyPath(doc, lines, path);
    return line === undefined ? '' : ` (${source}:${line})`;
  };
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 1000 });
  } catch (error) {
    // Aliases are resolved only here (an alias before its anchor, an alias bomb).
    return { ok: false, errors: [`${source}: ${error instanceof Error ? error.message : String(error)}`] };
  }
  return validateServerConfig(value, source, locate);
}
