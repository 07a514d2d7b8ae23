/**
 * Durations as people write them in a config file: `1h`, `90s`, `1h 30m`,
 * `3 hours`, `10 minutes`, `1.5h`, or a bare number of seconds. The result is
 * whole seconds (rounded), the unit every timer in chatrun takes.
 */
const UNIT_SECONDS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^(s|secs?|seconds?)$/, 1],
  [/^(m|mins?|minutes?)$/, 60],
  [/^(h|hrs?|hours?)$/, 3600],
  [/^(d|days?)$/, 86_400],
  [/^(w|weeks?)$/, 604_800],
];

export type DurationResult = { readonly ok: true; readonly seconds: number } | { readonly ok: false; readonly error: string };

const USAGE = 'a duration such as 90s, 10m, 1h 30m, 3 hours or a number of seconds';

export function parseDuration(input: unknown): DurationResult {
  if (typeof input === 'number') {
    return Number.isFinite(input) && input >= 0 ? { ok: true, seconds: Math.round(input) } : { ok: false, error: `must be ${USAGE}` };
  }
  if (typeof input !== 'string') return { ok: false, error: `must be ${USAGE}` };
  const text = input.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(text)) return { ok: true, seconds: Math.round(Number(text)) };

  const part = /(\d+(?:\.\d+)?)\s*([a-z]+)\s*(?:,|and)?\s*/y;
  let seconds = 0;
  let matched = 0;
  while (part.lastIndex < text.length) {
    const at = part.lastIndex;
    const m = part.exec(text);
    const unit = m === null ? undefined : UNIT_SECONDS.find(([re]) => re.test(m[2] ?? ''));
    if (m === null || unit === undefined || part.lastIndex === at) return { ok: false, error: `"${input}" is not ${USAGE}` };
    seconds += Number(m[1]) * unit[1];
    matched += 1;
  }
  if (matched === 0) return { ok: false, error: `"${input}" is not ${USAGE}` };
  return { ok: true, seconds: Math.round(seconds) };
}
