import type { Oracle } from "./oracle.js";

const STATUSES = new Set(["succeeded", "failed", "handed-over"]);

/** The adapter returns one outcome of the contract's vocabulary; it never throws. */
export const adapterContract: Oracle = ({ outcome, attempts, operation }) => {
  if (outcome.status === "threw") return { rule: "adapter-contract", message: `the adapter threw ${outcome.error} instead of returning an outcome (succeeded, failed or handed-over)` };
  if (!STATUSES.has(outcome.status)) return { rule: "adapter-contract", message: `the adapter returned ${JSON.stringify(outcome)}; expected { status: "succeeded" | "failed" | "handed-over" }` };
  if (outcome.status === "failed" && typeof outcome.code !== "string") return { rule: "adapter-contract", message: `the adapter returned failed without the code it saw` };
  // Without a request, the documented failure was never exercised: the adapter does not call the integration.
  if (attempts.length === 0) return { rule: "adapter-contract", message: `the adapter returned ${outcome.status} without sending any ${operation} request` };
  return undefined;
};
