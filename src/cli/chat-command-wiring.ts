/**
 * The chat command dependencies as every chatrun server wires them: its
 * store, git, clock and settings, a fresh CI config cache, and link tokens
 * from the auth adapter. `chatrun serve` adds its metrics and logging as
 * overrides; the in-process servers of the tests take it as it is, so they
 * run what serve runs.
 */
import { generateToken } from '../adapters/auth/secret-token.js';
import type { ChatCommandDeps } from '../app/chat-command-deps.js';
import { CiConfigCache } from '../app/ci-config-cache.js';

export function wireChatCommandDeps(
  core: Pick<ChatCommandDeps, 'store' | 'git' | 'clock' | 'settings'>,
  overrides: Partial<ChatCommandDeps> = {},
): ChatCommandDeps {
  return {
    ...core,
    configCache: new CiConfigCache(),
    newLinkToken: () => generateToken('link'),
    ...overrides,
  };
}
