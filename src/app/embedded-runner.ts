/**
 * The runner record of a server's embedded runner. Its name must be stable
 * across restarts of one server (recoverAfterRestart finds that server's
 * orphaned jobs by it) and distinct between replicas (say
 * `embedded@<host>:<port>`). It never authenticates over HTTP: its token
 * hash is a fixed non-hex label no real token hash can equal.
 */
import type { RunnerIdentity } from '../ports/runner-protocol.js';
import type { RunnerStore } from '../ports/store/runner-store.js';

export async function registerEmbeddedRunner(runners: RunnerStore, name: string, now: number): Promise<RunnerIdentity> {
  const tokenHash = `embedded:${name}`;
  for (let attempt = 0; attempt < 2; attempt++) {
    const found = await runners.findByTokenHash(tokenHash);
    if (found !== undefined) return { id: found.id, name: found.name };
    const created = await runners.create({ name, tokenHash }, now);
    if (created.kind === 'created') return { id: created.runner.id, name: created.runner.name };
    // token_taken: another replica with the same name registered it first; read it back.
  }
  throw new Error(`could not register the embedded runner ${name}`);
}
