/**
 * Request headers as the HTTP layer has them: a Fetch `Headers` object or the
 * plain object Node and Fastify give (lower-cased names, arrays for repeats).
 */
export type RequestHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The header's value, names compared case-insensitively; the first of repeats. */
export function headerValue(headers: RequestHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  if (headers instanceof Headers) return headers.get(wanted) ?? undefined;
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    return typeof value === 'string' ? value : value[0];
  }
  return undefined;
}
