/**
 * The closest job names to a mistyped one, for "no job of that name" (SPEC
 * section 2). Closeness is the edit distance (insert, delete, substitute,
 * swap two neighbours), case-insensitive, accepting about one typo per three
 * characters; a name that contains the wanted one, or the reverse, also
 * counts (`deploy` for `deploy-prod`).
 */
export function suggestJobNames(wanted: string, candidates: readonly string[], limit = 3): string[] {
  const target = wanted.toLowerCase();
  const allowed = Math.max(1, Math.floor(target.length / 3));
  const scored: { name: string; score: number }[] = [];
  for (const name of new Set(candidates)) {
    if (name === wanted) continue;
    const lower = name.toLowerCase();
    const distance = editDistance(target, lower);
    const contains = target.length >= 3 && (lower.includes(target) || target.includes(lower));
    if (distance <= allowed || contains) scored.push({ name, score: distance });
  }
  scored.sort((a, b) => a.score - b.score || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return scored.slice(0, Math.max(0, limit)).map((s) => s.name);
}

/** Optimal string alignment distance over UTF-16 units; job names are short. */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  const at = (i: number, j: number): number => d[i * cols + j] ?? 0;
  for (let i = 0; i < rows; i += 1) d[i * cols] = i;
  for (let j = 0; j < cols; j += 1) d[j] = j;
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, at(i - 2, j - 2) + 1);
      d[i * cols + j] = best;
    }
  }
  return at(a.length, b.length);
}
