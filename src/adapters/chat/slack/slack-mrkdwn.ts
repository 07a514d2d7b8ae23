import { parseInlineMarkup } from '../parse-inline-markup.js';

/**
 * Slack mrkdwn: only `&`, `<` and `>` need escaping (as HTML entities); a
 * raw `<` would otherwise start a link or a `<!channel>` broadcast. Links
 * are `<url|label>`.
 */
export function escapeSlackText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** How many characters a character becomes once escaped. */
export function slackEscapedCost(char: string): number {
  if (char === '&') return 5;
  if (char === '<' || char === '>') return 4;
  return char.length;
}

export function slackLink(url: string, label: string): string {
  const safeUrl = url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  return `<${safeUrl}|${escapeSlackText(label)}>`;
}

/** ChatMessage inline markup → mrkdwn. */
export function slackMrkdwn(text: string): string {
  return parseInlineMarkup(text)
    .map((token) => {
      switch (token.kind) {
        case 'text':
          return escapeSlackText(token.text);
        case 'link':
          return slackLink(token.url, token.label);
        case 'code':
          return `\`${escapeSlackText(token.text)}\``;
      }
    })
    .join('');
}

/**
 * Splits mrkdwn into pieces of at most `max` characters, at line breaks
 * where possible, and never inside a `<…>` link or an `&…;` entity.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const line of text.split('\n')) {
    const candidate = current === '' ? line : `${current}\n${line}`;
    if (candidate.length <= max) {
      current = candidate;
      continue;
    }
    if (current !== '') pieces.push(current);
    let rest = line;
    while (rest.length > max) {
      const cut = safeCut(rest, max);
      pieces.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  if (current !== '' || pieces.length === 0) pieces.push(current);
  return pieces;
}

function safeCut(text: string, max: number): number {
  let cut = max;
  const head = text.slice(0, cut);
  const open = head.lastIndexOf('<');
  if (open > head.lastIndexOf('>') && open > 0) cut = open;
  const amp = text.slice(0, cut).lastIndexOf('&');
  if (amp !== -1 && amp > cut - 5 && !text.slice(amp, cut).includes(';') && amp > 0) cut = amp;
  const code = text.charCodeAt(cut - 1);
  if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
  return cut > 0 ? cut : max;
}
