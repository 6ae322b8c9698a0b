import type { Clock } from "../clock/clock.js";
import type { SandboxConfig } from "./config.js";
import type { FaultQueue } from "./faults.js";
import type { Journal, JournalResponse } from "./journal.js";

/** What every engine of the sandbox shares: one clock, one journal, one fault queue. */
export interface SandboxContext {
  readonly clock: Clock;
  readonly journal: Journal;
  readonly faults: FaultQueue;
  readonly config: SandboxConfig;
  /** Resolves when the sandbox is reset, releasing hung requests. */
  released(): Promise<void>;
}

/** An engine's answer, with what the journal should say about it. */
export interface Answer {
  readonly response: Response;
  readonly journal: JournalResponse;
  readonly body?: unknown;
}
