/**
 * "Did you mean …?" for a job name typed in chat. Candidates are ranked, in
 * this order: same name ignoring case; one name a prefix of the other; one
 * contained in the other; then a small edit distance (Damerau-Levenshtein,
 * optimal string alignment: insert, delete, substitute, swap neighbours; at
 * most a third of the typed name, at least 1). Ties go to the smaller
 * distance, then to the name in code-unit order, so the answer never depends
 * on the config's key order.
 */

export const MAX_SUGGESTIONS = 3;

export function suggestJobNames(typed: string, candidates: readonly string[], limit = MAX_SUGGESTIONS): string[] {
  const wanted = typed.toLowerCase();
  const threshold = Math.max(1, Math.floor(wanted.length / 3));
  const ranked: { name: string; tier: number; distance: number }[] = [];
  for (const name of new Set(candidates)) {
    if (name === typed) continue;
    const candidate = name.toLowerCase();
    const distance = editDistance(wanted, candidate, threshold + 1);
    const tier = rankTier(wanted, candidate, distance, threshold);
    if (tier !== undefined) ranked.push({ name, tier, distance });
  }
  ranked.sort((a, b) => a.tier - b.tier || a.distance - b.distance || compareCodeUnits(a.name, b.name));
  return ranked.slice(0, limit).map((entry) => entry.name);
}

function rankTier(wanted: string, candidate: string, distance: number, threshold: number): number | undefined {
  if (wanted === candidate) return 0;
  if (wanted.length > 0 && (candidate.startsWith(wanted) || wanted.startsWith(candidate))) return 1;
  if (wanted.length > 1 && (candidate.includes(wanted) || wanted.includes(candidate))) return 2;
  return distance <= threshold ? 3 : undefined;
}

function compareCodeUnits(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

/**
 * Optimal-string-alignment distance, giving up (returning `cap`) once every
 * cell of a row reaches `cap`, so long unrelated names cost little.
 */
export function editDistance(a: string, b: string, cap = Number.POSITIVE_INFINITY): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) >= cap) return cap;
  let previousPrevious: number[] = [];
  let previous = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) {
        value = Math.min(value, (previousPrevious[j - 2] ?? 0) + 1);
      }
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= cap) return cap;
    previousPrevious = previous;
    previous = current;
  }
  return Math.min(previous[t.length] ?? 0, cap);
}
