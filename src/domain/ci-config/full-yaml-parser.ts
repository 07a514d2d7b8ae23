import type { CollectionTag, Document, ScalarTag } from 'yaml';
import { lineAndColumn, lineStartOffsets } from './source-position.js';
import { documentTree } from './yaml-document-tree.js';
import type { YamlNode } from './yaml-node.js';
import { yamlPackage } from './yaml-package.js';

/**
 * Any YAML text, through the `yaml` package in YAML 1.1 mode: the parser
 * for what ./plain-yaml-parser.ts leaves, and the one that words syntax
 * errors. The `yaml` package is loaded on the first call (./yaml-package.ts).
 * Every scalar comes back as its text (failsafe schema); typing and
 * merge keys are the converter's job, as Psych does them rather than as
 * the package would. Errors name the file and the position.
 */
export type FullYamlResult =
  | { readonly ok: true; readonly documents: ReadonlyArray<YamlNode | null> }
  | { readonly ok: false; readonly error: string };

// `!reference` declared so the parser keeps the tag without a warning: the
// package builds each warning as an Error (stack trace and all), which cost
// more than the rest of parsing in files with many references. The nodes
// come out as before: tag `!reference`, contents untouched.
const REFERENCE_TAGS: ReadonlyArray<ScalarTag | CollectionTag> = [
  { tag: '!reference', resolve: (text: string) => text },
  { tag: '!reference', collection: 'seq' },
  { tag: '!reference', collection: 'map' },
];

export function parseFullYaml(text: string, options: { readonly path: string; readonly maxDocuments: number }): FullYamlResult {
  let documents: Document[];
  try {
    documents = yamlPackage().parseAllDocuments(text, {
      version: '1.1',
      schema: 'failsafe',
      uniqueKeys: false,
      merge: false,
      prettyErrors: false,
      strict: false,
      customTags: [...REFERENCE_TAGS],
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
      return { ok: false, error: `(${options.path}): ${yamlErrorText(first.message, { line: at.line + 1, col: at.column + 1 })}` };
    }
  }
  if (documents.length > options.maxDocuments) {
    return {
      ok: false,
      error: `Invalid configuration format: at most ${options.maxDocuments} YAML documents are allowed (an optional spec: header, then the configuration)`,
    };
  }
  const roots: Array<YamlNode | null> = [];
  for (const document of documents) {
    const tree = documentTree(document);
    if (!tree.ok) return tree;
    roots.push(tree.root);
  }
  return { ok: true, documents: roots };
}

function yamlErrorText(message: string, position: { line: number; col: number }): string {
  const firstLine = (message.split('\n')[0] ?? message).replace(/:$/, '');
  if (/ at line \d+/.test(firstLine)) return firstLine;
  return `${firstLine} at line ${position.line} column ${position.col}`;
}
