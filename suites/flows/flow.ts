import type { Adapter, AdapterOutcome } from "../adapter.js";
import type { VirtualTime } from "../clock/virtual-time.js";
import type { Sandbox } from "../sandbox/sandbox.js";

/** What a flow's commands act on: the sandbox, its clock, and the adapter under test. */
export interface FlowWorld {
  readonly sandbox: Sandbox;
  readonly time: VirtualTime;
  readonly adapter: Adapter;
}

/** A flow broke a documented expectation: the rule and what was seen. */
export class FlowViolation extends Error {
  constructor(
    readonly rule: string,
    message: string,
  ) {
    super(`${rule}: ${message}`);
  }
}

const STATUSES = new Set(["succeeded", "failed", "handed-over"]);

/**
 * Calls the adapter under virtual time. A throw, or an answer outside the contract's vocabulary,
 * breaks the adapter contract: a flow must not count "nothing happened" as a handled step.
 */
export async function call(world: FlowWorld, work: () => Promise<AdapterOutcome>): Promise<AdapterOutcome> {
  let outcome: unknown;
  try {
    outcome = await world.time.run(work);
  } catch (error) {
    throw new FlowViolation("adapter-contract", `the adapter threw ${error instanceof Error ? error.message : String(error)} instead of returning an outcome (succeeded, failed or handed-over)`);
  }
  const status = outcome !== null && typeof outcome === "object" ? (outcome as { status?: unknown }).status : undefined;
  if (typeof status !== "string" || !STATUSES.has(status)) {
    throw new FlowViolation("adapter-contract", `the adapter returned ${JSON.stringify(outcome) ?? String(outcome)}; expected { status: "succeeded" | "failed" | "handed-over" }`);
  }
  return outcome as AdapterOutcome;
}

export function describe(outcome: AdapterOutcome): string {
  return JSON.stringify(outcome);
}
