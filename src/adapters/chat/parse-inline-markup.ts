/**
 * ChatMessage.text allows exactly two kinds of markup: links
 * `[label](url)` and code spans `` `code` ``. Everything else is literal
 * text that each platform must escape in its own way, so the renderers work
 * from these tokens rather than from the string.
 */
export type InlineToken =
  | { readonly kind: 'text'; readonly text: string }
  | { readonly kind: 'link'; readonly label: string; readonly url: string }
  | { readonly kind: 'code'; readonly text: string };

// Only http(s) and mailto targets become links; anything else stays text, so
// job output cannot smuggle a `javascript:` or platform-internal link in.
const MARKUP = /\[([^\]\n]+)\]\(((?:https?:\/\/|mailto:)[^\s()]+)\)|`([^`\n]+)`/g;

export function parseInlineMarkup(text: string): InlineToken[] {
  const tokens: InlineToken[] = [];
  let last = 0;
  for (const match of text.matchAll(MARKUP)) {
    const at = match.index;
    if (at > last) tokens.push({ kind: 'text', text: text.slice(last, at) });
    const [whole, label, url, code] = match;
    if (code !== undefined) tokens.push({ kind: 'code', text: code });
    else tokens.push({ kind: 'link', label: label ?? '', url: url ?? '' });
    last = at + whole.length;
  }
  if (last < text.length) tokens.push({ kind: 'text', text: text.slice(last) });
  return tokens;
}
