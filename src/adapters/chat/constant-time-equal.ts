import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares two secrets without leaking, through timing, how much of them
 * matched or how long the expected one is: both sides are hashed to 32 bytes
 * first, so `timingSafeEqual` always sees equal-length buffers.
 */
export function constantTimeEqual(actual: string, expected: string): boolean {
  const a = createHash('sha256').update(actual, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}
