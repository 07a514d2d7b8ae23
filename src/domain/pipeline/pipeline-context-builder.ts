/**
 * Pipeline contexts and in-memory source trees for tests: a chat pipeline on
 * `main` of `ops/infra` unless a test says otherwise. Not used by production
 * code.
 */
import type { SourceTree } from '../ci-config/source-tree.js';
import type { PipelineContext } from './pipeline-context.js';

export function pipelineContext(overrides: Partial<PipelineContext> = {}): PipelineContext {
  const source = overrides.source ?? 'chat';
  const ref = overrides.ref ?? 'main';
  return {
    source,
    ref,
    refKind: 'branch',
    projectPath: 'ops/infra',
    changedPaths: null,
    ...overrides,
    predefinedVariables: {
      CI: 'true',
      GITLAB_CI: 'true',
      CI_PIPELINE_SOURCE: source,
      CI_COMMIT_REF_NAME: ref,
      CI_COMMIT_BRANCH: ref,
      CI_DEFAULT_BRANCH: 'main',
      CI_PROJECT_PATH: 'ops/infra',
      ...overrides.predefinedVariables,
    },
  };
}

/** A tree over fixed files; counts `listFiles` calls so tests can see caching. */
export function memoryTree(files: Readonly<Record<string, string>>): SourceTree & { listings: number } {
  const tree = {
    listings: 0,
    listFiles(): Promise<readonly string[]> {
      tree.listings++;
      return Promise.resolve(Object.keys(files));
    },
    readFile(path: string): Promise<string | undefined> {
      return Promise.resolve(Object.hasOwn(files, path) ? files[path] : undefined);
    },
  };
  return tree;
}
