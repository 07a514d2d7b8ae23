import type { ValueNode } from './expression.js';

/** Every value node but a string, the one spelled differently in source and in GitLab's tree notation. */
export type PlainValueNode = Exclude<ValueNode, { readonly type: 'string' }>;

/**
 * How a variable, input, pattern, null or boolean is written: the same in
 * expression source (formatExpression) and in GitLab's `Parser#tree.inspect`
 * notation (describeExpression), so both take it from here.
 */
export function spellValue(node: PlainValueNode): string {
  switch (node.type) {
    case 'variable':
      return `$${node.name}`;
    case 'input':
      return `$[[ inputs.${node.name} ]]`;
    case 'pattern':
      return node.literal;
    case 'null':
      return 'null';
    case 'boolean':
      return String(node.value);
  }
}
