/**
 * `include: local` wildcards as GitLab expands them against the repository
 * tree: `**` matches across directories, `*` within one, everything else is
 * literal. So `configs/**.yml` finds files at any depth under configs/, and
 * `configs/**\/*.yml` only those in its subdirectories (GitLab's documented
 * examples).
 */
export function isWildcardPath(path: string): boolean {
  return path.includes('*');
}

export function matchWildcard(pattern: string, files: readonly string[]): string[] {
  const source = pattern
    .split('**')
    .map((part) => part.split('*').map(escapeRegExp).join('[^/]*'))
    .join('.*');
  const regex = new RegExp(`^${source}$`);
  return files.filter((file) => regex.test(file)).sort();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
