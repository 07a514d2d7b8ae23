/**
 * The time, passed in so that use cases and tests agree on it. Epoch
 * milliseconds, like every timestamp in the store. Any implementation must
 * be safe to call from anywhere at any time.
 */
export interface Clock {
  now(): number;
}
