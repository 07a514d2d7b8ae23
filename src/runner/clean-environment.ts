/**
 * The base environment of a job the server runs (SPEC 4): only PATH, HOME,
 * LANG, USER, SHELL and TMPDIR of the environment it is given, never the
 * rest — the server's environment holds signing secrets and tokens. Job
 * variables are added on top by runJob. (`chatrun exec` runs on the
 * author's machine and passes the whole environment on purpose; it does
 * not use this.)
 */
export const CLEAN_ENVIRONMENT_KEYS = ['PATH', 'HOME', 'LANG', 'USER', 'SHELL', 'TMPDIR'] as const;

const FALLBACK_PATH = '/usr/local/bin:/usr/bin:/bin';

export function cleanEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const key of CLEAN_ENVIRONMENT_KEYS) {
    const value = env[key];
    if (value !== undefined) clean[key] = value;
  }
  clean.PATH ??= FALLBACK_PATH;
  return clean;
}
