/**
 * The last line of defence before a message is stored: every masked
 * value still present becomes `[MASKED]`. The runner already masks the
 * trace as it writes it, so this normally finds nothing; it exists for
 * the cases that slip past a stream (a value split by the trace cap, a
 * value changed since the job was claimed).
 */
export const MASK = '[MASKED]';

/** `values` longest first, so a value containing another is hidden whole. */
export function maskSecrets(text: string, values: readonly string[]): string {
  let masked = text;
  for (const value of values) {
    if (value !== '' && masked.includes(value)) masked = masked.split(value).join(MASK);
  }
  return masked;
}
