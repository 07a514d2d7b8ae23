import type { CiConfigLimits } from './config-limits.js';
import { parseFullYaml, type FullYamlResult } from './full-yaml-parser.js';
import { parsePlainYaml } from './plain-yaml-parser.js';
import { describeTopLevelKeys } from './job-description.js';
import { lineAndColumn, lineStartOffsets } from './source-position.js';
import { convertTree } from './yaml-node-converter.js';
import type { YamlValue } from './yaml-value.js';

/**
 * One YAML file as GitLab's loader reads it: YAML 1.1 (see
 * ./yaml-node-converter.ts), at most two documents (an optional `spec:`
 * header, then the config), and size/depth limits checked before and while
 * parsing so that huge or hostile input fails fast with a clear message.
 *
 * The text goes to ./plain-yaml-parser.ts when it is in the plain subset
 * nearly every CI file is written in, else to ./full-yaml-parser.ts; both
 * give the same tree, converted by the same code.
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
  const parsed = readDocuments(text, path);
  if (!parsed.ok) return parsed;
  const roots = parsed.documents;
  const converted: YamlValue[] = [];
  for (const root of roots) {
    const result = convertTree(root, { maxDepth: limits.maxYamlDepth, maxNodes: limits.maxYamlNodes });
    if (!result.ok) return { ok: false, error: result.error };
    converted.push(result.value);
  }
  const value = converted.length === 0 ? null : (converted[converted.length - 1] ?? null);
  const header = converted.length === MAX_DOCUMENTS ? converted[0] : undefined;
  const descriptions = describeTopLevelKeys(roots[roots.length - 1] ?? null, text);
  return { ok: true, file: header === undefined ? { value, descriptions } : { value, header, descriptions } };
}

/** The fast parser when the text is in its subset, else the full one. */
function readDocuments(text: string, path: string): FullYamlResult {
  const plain = parsePlainYaml(text);
  if (plain !== undefined) return { ok: true, documents: [plain] };
  return parseFullYaml(text, { path, maxDocuments: MAX_DOCUMENTS });
}
