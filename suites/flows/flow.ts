import type { Adapter, AdapterOutcome } from "../adapter.js";
import type { VirtualTime } from "../clock/virtual-time.js";
import type { ObjectState } from "../conformance/model.js";
import { callAdapter } from "../conformance/call-adapter.js";
import { noOutcomeMessage } from "../oracles/adapter-contract.js";
import type { Citation } from "../oracles/citation.js";
import { isOutcome } from "../oracles/oracle.js";
import type { Sandbox } from "../sandbox/sandbox.js";
import { CONTRACT_NO_OUTCOME } from "./citations.js";

/** What a flow's commands act on: the sandbox, its clock, and the adapter under test. */
export interface FlowWorld {
  readonly sandbox: Sandbox;
  readonly time: VirtualTime;
  readonly adapter: Adapter;
  /** Real time one adapter call may take before it is cut off. */
  readonly callTimeoutMs?: number;
  /** Amazon Pay's objects and how their states read (the conformance model's, from spec/amazon-pay/objects.yaml). */
  readonly objectStates: readonly ObjectState[];
}

/** A flow broke a documented expectation: the rule, what was seen, and the sentence that expectation stands on. */
export class FlowViolation extends Error {
  constructor(
    readonly rule: string,
    message: string,
    readonly citation: Citation,
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
  if (outcome.status === "hung") throw new AdapterHung("adapter-contract", noOutcomeMessage(outcome), CONTRACT_NO_OUTCOME);
  if (!isOutcome(outcome)) throw new FlowViolation("adapter-contract", noOutcomeMessage(outcome), CONTRACT_NO_OUTCOME);
  return outcome;
}

export function describe(outcome: AdapterOutcome): string {
  return JSON.stringify(outcome);
}

// Amazon never gives two objects one id, but the sandbox's ids start over at each reset, and an
// integration remembers ids across runs as a real one does (orders by session, states by charge).
// A flow's objects are moved to ids no earlier run of this process had: each run's verdict, and its
// replay in a fresh process, then depend on that run alone.
let objectSerial = 0;

/** Moves the object filed under `id` to an id of the same form that no earlier run used, and returns it. */
export function moveToUnusedId<T extends { readonly id: string }>(objects: Map<string, T>, id: string): T {
  objectSerial += 1;
  const unused = `${id.slice(0, id.lastIndexOf("-"))}-F${objectSerial.toString(36).toUpperCase().padStart(6, "0")}`;
  const object = Object.assign(objects.get(id)!, { id: unused });
  objects.delete(id);
  objects.set(unused, object);
  return object;
}
