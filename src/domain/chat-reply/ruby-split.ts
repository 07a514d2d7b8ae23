/**
 * Ruby's `String#split("\n")`, which GitLab uses to cut a reply into lines.
 * JavaScript's `split` differs: Ruby drops every trailing empty field (so
 * trailing newlines vanish) and returns `[]` for `""` and for `"\n"`, while
 * leading empty fields are kept. `\r` is left alone, so CRLF lines keep it.
 */
export function rubySplit(text: string): string[] {
  const fields: string[] = [];
  let from = 0;
  for (;;) {
    const at = text.indexOf('\n', from);
    if (at < 0) break;
    fields.push(text.slice(from, at));
    from = at + 1;
  }
  fields.push(text.slice(from));
  let keep = fields.length;
  while (keep > 0 && fields[keep - 1] === '') keep -= 1;
  fields.length = keep;
  return fields;
}
