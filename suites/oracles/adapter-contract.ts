import type { Citation } from "./citation.js";
import { isOutcome, type NoOutcome, type Oracle } from "./oracle.js";

/**
 * What every verdict stands on: the adapter reports what the integration
 * concluded. Without an outcome nothing can be judged, so breaking the
 * contract is a failure of its own, cited to the contract, not to Amazon.
 */
export const CONTRACT: Citation = {
  doc: "contract",
  title: "faultproof adapter contract (suites/adapter.ts)",
  section: "Adapter",
  quote: "Each function runs one logical operation through the team's real integration code, which talks HTTP to Amazon's hosts (answered by the faultproof sandbox), and reports what the integration concluded.",
  strength: "contract",
};

/**
 * The adapter returns one outcome of the contract's vocabulary; it never
 * throws or hangs, and its integration sends nothing outside the sandbox.
 */
export const adapterContract: Oracle = ({ outcome, attempts, operation, outside }) => {
  const rule = "adapter-contract";
  // A request to another host comes first: whatever followed was the integration reacting to its refusal.
  if (outside && outside.length > 0) return { rule, message: outsideMessage(outside), citation: CONTRACT };
  if (!isOutcome(outcome)) return { rule, message: noOutcomeMessage(outcome), citation: CONTRACT };
  if (outcome.status === "failed" && (typeof outcome.code !== "string" || outcome.code === "")) return { rule, message: `the adapter returned failed without the code it saw`, citation: CONTRACT };
  // Without a request, the documented failure was never exercised: the adapter does not call the integration.
  if (attempts.length === 0) return { rule, message: `the adapter returned ${outcome.status} without sending any ${operation} request`, citation: CONTRACT };
  return undefined;
};

const EXPECTED = "an outcome (succeeded, failed, handed-over or pending)";

/** What the adapter did instead of returning an outcome, said to the person who has to fix it. */
export function noOutcomeMessage(outcome: NoOutcome): string {
  switch (outcome.status) {
    case "threw":
      return `the adapter threw ${outcome.error} instead of returning ${EXPECTED}`;
    case "hung":
      return `the adapter never settled: ${outcome.error}; it must return ${EXPECTED}`;
    case "invalid":
      return `the adapter returned ${outcome.error}; expected { status: "succeeded" | "failed" | "handed-over" | "pending" }`;
    default:
      // An outcome built by hand (an oracle test) with a status outside the vocabulary.
      return `the adapter returned ${JSON.stringify(outcome)}; expected { status: "succeeded" | "failed" | "handed-over" | "pending" }`;
  }
}

/** What a certification says about requests to hosts the sandbox does not serve. */
export function outsideMessage(outside: readonly string[]): string {
  const distinct = [...new Set(outside)];
  const shown = distinct.slice(0, 3).join(", ") + (distinct.length > 3 ? ` and ${distinct.length - 3} more` : "");
  return `the integration sent ${shown} outside the sandbox; faultproof refused it with a network error and sent nothing: every request must go to an Amazon Pay or Incentives API host`;
}
