/**
 * HTML built from templates where every interpolated value is escaped unless
 * it is already HTML. The only way to get unescaped text into a page is an
 * `Html` value, made by this tag (or `trustedHtml` for the few hand-checked
 * constants), so forgetting to escape cannot happen by accident.
 */
export class Html {
  readonly #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  toString(): string {
    return this.#text;
  }
}

/** A value that may appear in a template: escaped text, HTML, lists of them, or nothing. */
export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes for text and for quoted attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.toString();
  if (value === null || value === undefined || value === false || value === true) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return escapeHtml(value);
  return value.map(render).join('');
}

export function html(strings: TemplateStringsArray, ...values: readonly HtmlValue[]): Html {
  let out = strings[0] ?? '';
  values.forEach((value, i) => {
    out += render(value) + (strings[i + 1] ?? '');
  });
  return new Html(out);
}

/** Wraps markup that the caller built safely itself (e.g. joined `Html` parts). */
export function trustedHtml(text: string): Html {
  return new Html(text);
}

/** Joins HTML parts with a separator that is itself escaped text. */
export function joinHtml(parts: readonly Html[], separator = ''): Html {
  return new Html(parts.map(String).join(escapeHtml(separator)));
}
