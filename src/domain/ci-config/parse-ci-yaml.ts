import { isMap, isScalar, parseAllDocuments, type Document } from 'yaml';
import type { CiConfigLimits } from './config-limits.js';
import { commentAbove, lineAndColumn, lineStartOffsets } from './job-description.js';
import { tokenizePlainScalar } from './psych-scalar.js';
import { rubyToS } from './ruby-text.js';
import { convertDocument } from './yaml-node-converter.js';
import type { YamlValue } from './yaml-value.js';

/**
 * One YAML file as GitLab's loader reads it: YAML 1.1 (see
 * ./yaml-node-converter.ts), at most two documents (an optional `spec:`
 * header, then the config), and size/depth limits checked before and while
 * parsing so that huge or hostile input fails fast with a clear message.
 */
export interface ParsedCiYaml {
  /** The config document (the last one). */
  readonly value: YamlValue;
  /** The `spec:` header document, when there are two. */
  readonly header?: YamlValue;
  /** Descriptions (comment blocks) of the top-level keys, by key. */
  readonly descriptions: ReadonlyMap<string, string>;
}

export type ParseCiYamlResult =
  | { readonly ok: true; readonly file: ParsedCiYaml }
  | { readonly ok: false; readonly error: string };

const MAX_DOCUMENTS = 2;
// What YAML (and Psych) refuse to read: C0 controls other than tab, LF and
// CR, DEL and C1 controls other than NEL, and the non-characters U+FFFE/F.
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u0084\u0086-\u009F\uFFFE\uFFFF]/;

export function parseCiYaml(text: string, options: { readonly path: string; readonly limits: CiConfigLimits }): ParseCiYamlResult {
  const { path, limits } = options;
  if (text.length > limits.maxYamlBytes || Buffer.byteLength(text, 'utf8') > limits.maxYamlBytes) {
    return { ok: false, error: 'The provided YAML is too big' };
  }
  const forbidden = FORBIDDEN_CHARACTER.exec(text);
  if (forbidden) {
    const at = lineAndColumn(lineStartOffsets(text), forbidden.index);
    return { ok: false, error: `(${path}): control characters are not allowed at line ${at.line + 1} column ${at.column + 1}` };
  }
  let documents: Document[];
  try {
    documents = parseAllDocuments(text, {
      version: '1.1',
      schema: 'failsafe',
      uniqueKeys: false,
      merge: false,
      prettyErrors: false,
      strict: false,
    }) as unknown as Document[];
  } catch (error) {
    if (error instanceof RangeError) return { ok: false, error: 'The parsed YAML is too big' };
    throw error;
  }
  if (!Array.isArray(documents)) documents = [];
  for (const document of documents) {
    const first = document.errors[0];
    if (first && /call stack/i.test(first.message)) return { ok: false, error: 'The parsed YAML is too big' };
    if (first) {
      const at = lineAndColumn(lineStartOffsets(text), first.pos[0]);
      return { ok: false, error: `(${path}): ${yamlErrorText(first.message, { line: at.line + 1, col: at.column + 1 })}` };
    }
  }
  if (documents.length > MAX_DOCUMENTS) {
    return { ok: false, error: `Invalid configuration format: at most ${MAX_DOCUMENTS} YAML documents are allowed (an optional spec: header, then the configuration)` };
  }
  const converted: YamlValue[] = [];
  for (const document of documents) {
    const result = convertDocument(document, { maxDepth: limits.maxYamlDepth, maxNodes: limits.maxYamlNodes });
    if (!result.ok) return { ok: false, error: result.error };
    converted.push(result.value);
  }
  const contentDocument = documents[documents.length - 1];
  const value = converted.length === 0 ? null : (converted[converted.length - 1] ?? null);
  const header = converted.length === MAX_DOCUMENTS ? converted[0] : undefined;
  const descriptions = contentDocument ? describeTopLevelKeys(contentDocument, text) : new Map<string, string>();
  return { ok: true, file: header === undefined ? { value, descriptions } : { value, header, descriptions } };
}

function yamlErrorText(message: string, position: { line: number; col: number }): string {
  const firstLine = (message.split('\n')[0] ?? message).replace(/:$/, '');
  if (/ at line \d+/.test(firstLine)) return firstLine;
  return `${firstLine} at line ${position.line} column ${position.col}`;
}

function describeTopLevelKeys(document: Document, text: string): Map<string, string> {
  const descriptions = new Map<string, string>();
  if (!isMap(document.contents)) return descriptions;
  const lines = text.split(/\r?\n/);
  const starts = lineStartOffsets(text);
  for (const pair of document.contents.items) {
    const key = pair.key;
    if (!isScalar(key) || !key.range) continue;
    const at = lineAndColumn(starts, key.range[0]);
    const description = commentAbove(lines, at.line, at.column);
    if (description === undefined) continue;
    const raw = key.value === null || key.value === undefined ? '' : String(key.value);
    let name = raw;
    if (key.type === 'PLAIN' && key.tag === undefined) {
      const typed = tokenizePlainScalar(raw);
      name = typed.ok ? rubyToS(typed.value) : raw;
    }
    descriptions.set(name, description);
  }
  return descriptions;
}
