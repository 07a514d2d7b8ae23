/**
 * GitLab's grammar for `run`: `\Arun\s+(?<command>\S+)(?:\s+(?<arguments>.+))?\z`
 * with Ruby's `m` flag (`.` matches newlines). Ruby's `\s` is ASCII only
 * (space, \t, \n, \v, \f, \r), so a no-break space belongs to the job name,
 * as in GitLab. The job name is the next run of non-whitespace; the
 * arguments are everything after the following whitespace, verbatim
 * (newlines and trailing spaces kept), and at least one character long.
 */

export interface RunMatch {
  readonly job: string;
  readonly args: string | null;
}

const GITLAB_RUN = /^run[ \t\n\v\f\r]+([^ \t\n\v\f\r]+)(?:[ \t\n\v\f\r]+([\s\S]+))?$/;

/**
 * The one text GitLab refuses although it names a job: a single whitespace
 * character after it (`run foo\n`, what a chat client sends when Enter is
 * pressed after the name). Two or more characters after the job always
 * match, so this is the whole difference between the two grammars.
 */
const ONE_TRAILING_WHITESPACE = /^run[ \t\n\v\f\r]+([^ \t\n\v\f\r]+)[ \t\n\v\f\r]$/;

/** Exactly GitLab's answer: undefined where GitLab's regex does not match. */
export function matchGitLabRun(text: string): RunMatch | undefined {
  const match = GITLAB_RUN.exec(text);
  if (match === null) return undefined;
  return { job: match[1] ?? '', args: match[2] ?? null };
}

/**
 * chatrun's grammar: GitLab's, plus `run JOB` followed by one whitespace
 * character means JOB without arguments (GitLab answers "not a valid
 * command" there, which only loses the user's command).
 */
export function matchRun(text: string): RunMatch | undefined {
  const strict = matchGitLabRun(text);
  if (strict !== undefined) return strict;
  const lenient = ONE_TRAILING_WHITESPACE.exec(text);
  if (lenient === null) return undefined;
  return { job: lenient[1] ?? '', args: null };
}
