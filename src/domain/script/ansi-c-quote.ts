/**
 * Bash ANSI-C quoting (`$'…'`): the one way chatrun puts text into a bash
 * script as data. Inside `$'…'` only backslash escapes are special, so
 * escaping `\` and `'` and spelling control bytes as `\xHH` leaves no room
 * for expansion, globbing or word splitting, whatever the text holds.
 *
 * Bytes of 0x80 and above (UTF-8) are kept as they are: bash copies them
 * through, and no UTF-8 sequence contains an ASCII byte that could end the
 * quote. NUL cannot live in a bash string at all and is dropped.
 */
export function ansiCQuote(text: string): string {
  let out = "$'";
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    if (ch === '\\') out += '\\\\';
    else if (ch === "'") out += "\\'";
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (code === 0) continue;
    else if (code < 0x20 || code === 0x7f) out += '\\x' + code.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + "'";
}
