/**
 * The base environment of every job the server runs (SPEC section 4): only
 * what a shell needs to find its tools and write temp files. The server's
 * own environment holds the Slack signing secret, bot tokens and whatever
 * `*_env` keys name, and a job's trace is shown in chat, so nothing else
 * is passed through.
 */
export const JOB_BASE_ENV_NAMES = ['PATH', 'HOME', 'LANG', 'USER', 'SHELL', 'TMPDIR'] as const;

/** Fallbacks so a job started by a service manager with a bare environment still finds bash and coreutils. */
const FALLBACKS: Readonly<Record<string, string>> = {
  PATH: '/usr/local/bin:/usr/bin:/bin',
  LANG: 'C.UTF-8',
};

export function cleanJobEnvironment(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const clean: Record<string, string> = {};
  for (const name of JOB_BASE_ENV_NAMES) {
    const value = env[name] ?? FALLBACKS[name];
    if (value !== undefined) clean[name] = value;
  }
  return clean;
}
