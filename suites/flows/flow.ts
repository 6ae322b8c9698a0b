import type { Adapter, AdapterOutcome } from "../adapter.js";
import type { VirtualTime } from "../clock/virtual-time.js";
import { callAdapter } from "../conformance/call-adapter.js";
import { noOutcomeMessage } from "../oracles/adapter-contract.js";
import { isOutcome } from "../oracles/oracle.js";
import type { Sandbox } from "../sandbox/sandbox.js";

/** What a flow's commands act on: the sandbox, its clock, and the adapter under test. */
export interface FlowWorld {
  readonly sandbox: Sandbox;
  readonly time: VirtualTime;
  readonly adapter: Adapter;
  /** Real time one adapter call may take before it is cut off. */
  readonly callTimeoutMs?: number;
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

/** The adapter was cut off: running the flow again would only wait out the time limit again. */
export class AdapterHung extends FlowViolation {}

/**
 * Calls the adapter under virtual time. A throw, a hang, or an answer outside the contract's vocabulary,
 * breaks the adapter contract: a flow must not count "nothing happened" as a handled step.
 */
export async function call(world: FlowWorld, work: () => Promise<AdapterOutcome>): Promise<AdapterOutcome> {
  const outcome = await callAdapter({ time: world.time, work, ...(world.callTimeoutMs === undefined ? {} : { callTimeoutMs: world.callTimeoutMs }) });
  // Worded as the conformance oracle words it: a flow and a property say the same about the same adapter.
  if (outcome.status === "hung") throw new AdapterHung("adapter-contract", noOutcomeMessage(outcome));
  if (!isOutcome(outcome)) throw new FlowViolation("adapter-contract", noOutcomeMessage(outcome));
  return outcome;
}

export function describe(outcome: AdapterOutcome): string {
  return JSON.stringify(outcome);
}
