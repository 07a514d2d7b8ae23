/**
 * GitLab's `*_SLUG` form (CI_COMMIT_REF_SLUG, CI_PROJECT_PATH_SLUG,
 * CI_JOB_NAME_SLUG): lower-cased, every character outside `0-9a-z` turned into
 * `-`, cut to 63 characters (a DNS label), no `-` at either end.
 */
const MAX_SLUG_LENGTH = 63;

export function slugify(text: string): string {
  let slug = '';
  for (const c of text.toLowerCase()) {
    slug += (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ? c : '-';
  }
  slug = slug.slice(0, MAX_SLUG_LENGTH);
  let start = 0;
  let end = slug.length;
  while (start < end && slug[start] === '-') start++;
  while (end > start && slug[end - 1] === '-') end--;
  return slug.slice(start, end);
}
