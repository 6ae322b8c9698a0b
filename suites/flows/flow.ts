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

/** Calls the adapter under virtual time; a throw is an outcome the oracles judge, not a crash. */
export async function call(world: FlowWorld, work: () => Promise<AdapterOutcome>): Promise<AdapterOutcome | { status: "threw"; error: string }> {
  try {
    return await world.time.run(work);
  } catch (error) {
    return { status: "threw", error: error instanceof Error ? error.message : String(error) };
  }
}

export function describe(outcome: AdapterOutcome | { status: "threw"; error: string }): string {
  return JSON.stringify(outcome);
}
