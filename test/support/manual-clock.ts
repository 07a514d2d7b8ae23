/** A clock a test moves by hand, for the fakes' response-URL lifetimes. */
export interface ManualClock {
  readonly now: () => number;
  advance(ms: number): void;
}

export function manualClock(startMs = 1_700_000_000_000): ManualClock {
  let current = startMs;
  return { now: () => current, advance: (ms) => void (current += ms) };
}
