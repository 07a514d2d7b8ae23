import { parseInlineMarkup } from '../parse-inline-markup.js';

/**
 * Mattermost renders Markdown, so literal text has its markup characters
 * backslash-escaped, and `@name` gets a zero-width space so that a job name
 * or user input such as `@channel` cannot notify anyone. Links are
 * `[label](url)`.
 */
export function escapeMattermostText(text: string): string {
  return escapeInline(text).replace(/^([ \t]*)([#>+-])/gm, '$1\\$2');
}

// Inside a link label nothing starts a line, so only inline markup matters.
function escapeInline(text: string): string {
  return text.replace(/[\\`*_~[\]|<>]/g, (char) => `\\${char}`).replace(/@(?=[A-Za-z0-9])/g, '@\u200b');
}

export function mattermostLink(url: string, label: string): string {
  const safeUrl = url.replace(/\(/g, '%28').replace(/\)/g, '%29').replace(/ /g, '%20');
  return `[${escapeInline(label)}](${safeUrl})`;
}

/** ChatMessage inline markup → Mattermost Markdown. */
export function mattermostMarkdown(text: string): string {
  return parseInlineMarkup(text)
    .map((token) => {
      switch (token.kind) {
        case 'text':
          return escapeMattermostText(token.text);
        case 'link':
          return mattermostLink(token.url, token.label);
        case 'code':
          return `\`${token.text}\``;
      }
    })
    .join('');
}
