/**
 * The time the sandbox reads. Tests and suites control it; nothing in the
 * sandbox ever reads the wall clock, so a verdict never depends on how fast a
 * machine is.
 */
export interface Clock {
  /** Milliseconds since the epoch, as the test says it is. */
  now(): number;
}

/** A clock that moves only when told to. */
export interface ManualClock extends Clock {
  advance(ms: number): void;
  set(epochMs: number): void;
}

/** 2026-01-01T00:00:00Z: a fixed start, so ids and timestamps derived from time are reproducible. */
export const DEFAULT_EPOCH_MS = Date.UTC(2026, 0, 1);

export function createManualClock(startMs: number = DEFAULT_EPOCH_MS): ManualClock {
  let now = startMs;
  return {
    now: () => now,
    advance(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`a clock cannot advance by ${ms} ms`);
      now += ms;
    },
    set(epochMs) {
      now = epochMs;
    },
  };
}
