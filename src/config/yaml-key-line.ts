/**
 * The line of the config file where a key path is written, so a message
 * can say where to look. Follows the path as far as the document has it
 * (a missing key points at its parent).
 */
import { isMap, isScalar, isSeq, type Document, type LineCounter } from 'yaml';
import type { KeyPath } from './config-key-path.js';

export function lineOfKeyPath(doc: Document, lines: LineCounter, path: KeyPath): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined = doc.contents?.range?.[0];
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined || item === null) break;
      const range = isScalar(item) || isMap(item) || isSeq(item) ? item.range : undefined;
      offset = range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lines.linePos(offset).line;
}
