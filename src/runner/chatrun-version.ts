/**
 * chatrun's own version (for `Running with chatrun <version>` and
 * CI_RUNNER_VERSION), read once from the package.json this code ships in.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

export function chatrunVersion(): string {
  if (cached !== undefined) return cached;
  cached = 'unknown';
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    try {
      const pkg: unknown = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
      if (typeof pkg === 'object' && pkg !== null && 'name' in pkg && pkg.name === 'chatrun') {
        cached = 'version' in pkg && typeof pkg.version === 'string' ? pkg.version : 'unknown';
        break;
      }
    } catch {
      // not here; look one level up
    }
    dir = dirname(dir);
  }
  return cached;
}
