/**
 * Sizes as people write them in a config file: `4MiB`, `512KiB`, `10MB`,
 * `4096` (bytes). Binary units (KiB, MiB, GiB) are powers of 1024, decimal
 * ones (kB, MB, GB) powers of 1000. Bare `K`/`M`/`G` are refused: half the
 * tools out there read them one way and half the other.
 */
const UNITS: Readonly<Record<string, number>> = {
  b: 1,
  kb: 1000,
  mb: 1000 ** 2,
  gb: 1000 ** 3,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

export type ByteSizeResult = { readonly ok: true; readonly bytes: number } | { readonly ok: false; readonly error: string };

const USAGE = 'a size such as 4MiB, 512KiB, 10MB or a number of bytes';

export function parseByteSize(input: unknown): ByteSizeResult {
  if (typeof input === 'number') {
    return Number.isSafeInteger(input) && input >= 0 ? { ok: true, bytes: input } : { ok: false, error: `must be ${USAGE}` };
  }
  if (typeof input !== 'string') return { ok: false, error: `must be ${USAGE}` };
  const match = /^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$/.exec(input);
  const unit = UNITS[(match?.[2] ?? '').toLowerCase() || 'b'];
  if (match === null || unit === undefined) return { ok: false, error: `"${input}" is not ${USAGE}` };
  const bytes = Math.round(Number(match[1]) * unit);
  if (!Number.isSafeInteger(bytes)) return { ok: false, error: `"${input}" is too large` };
  return { ok: true, bytes };
}
