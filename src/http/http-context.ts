/**
 * What every route module gets: the dependencies and the request
 * authenticator built once by createApp.
 */
import type { JobDependencies } from '../app/job-dependencies.js';
import type { HttpDeps } from './http-deps.js';
import type { RequestAuth } from './request-auth.js';

export interface HttpContext {
  readonly deps: HttpDeps;
  readonly auth: RequestAuth;
  readonly jobDeps: JobDependencies;
}

/** Nudges the runner and the reply worker; a failing hook must not fail the request. */
export function wake(hook: (() => void) | undefined): void {
  try {
    hook?.();
  } catch {
    // The worker will find the work at its next poll.
  }
}
