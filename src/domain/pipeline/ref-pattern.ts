/**
 * One entry of `only:refs` / `except:refs` against a pipeline, in the order
 * GitLab tries them (`build/policy/refs.rb`):
 * 1. an `@group/project` suffix must name this project;
 * 2. `tags` matches tag pipelines, `branches` branch pipelines;
 * 3. the pipeline source with `_event` removed, singular or plural
 *    (`chat`/`chats`, `push`/`pushes`, `merge_requests`);
 * 4. for branch and tag pipelines only: a `/re2/` pattern searched in the ref
 *    name, else the plain text compared with the ref name.
 */
import type { PipelineContext } from './pipeline-context.js';
import { parseRefRegex } from './ref-regex.js';

export type RefMatchContext = Pick<PipelineContext, 'source' | 'ref' | 'refKind' | 'projectPath'>;

/** How an entry matched: the keyword `tags`/`branches`, the pipeline source, or the ref name. */
export type RefMatch = 'tags' | 'branches' | 'source' | 'ref';

export function matchRefPattern(entry: string, context: RefMatchContext): RefMatch | undefined {
  const at = entry.indexOf('@');
  const pattern = at < 0 ? entry : entry.slice(0, at);
  if (at >= 0 && entry.slice(at + 1) !== context.projectPath) return undefined;
  if (pattern === 'tags' && context.refKind === 'tag') return 'tags';
  if (pattern === 'branches' && context.refKind === 'branch') return 'branches';
  const source = sourceKeyword(context.source);
  if (pattern === source || pattern === pluralize(source)) return 'source';
  if (context.refKind !== 'branch' && context.refKind !== 'tag') return undefined;
  const regex = parseRefRegex(pattern);
  const matches = regex !== undefined ? regex.test(context.ref) : pattern === context.ref;
  return matches ? 'ref' : undefined;
}

/** `merge_request_event` → `merge_request`: the word `only`/`except` use for a source. */
export function sourceKeyword(source: string): string {
  return source.endsWith('_event') ? source.slice(0, -'_event'.length) : source;
}

/** Enough of ActiveSupport's `pluralize` for source names. */
export function pluralize(word: string): string {
  if (/(?:s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  return `${word}s`;
}
