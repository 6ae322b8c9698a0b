import type { ApiId, HandlingId, Outcome, VerdictId } from "../../generator/spec/spec-input.js";
import type { Citation } from "../oracles/citation.js";

/**
 * What the conformance suites know of the catalogue, generated into
 * `generated/conformance-model.ts`: every documented failure with its
 * handling, and the limits the oracles apply.
 */
export interface ConformanceFailure {
  readonly id: string;
  readonly api: ApiId;
  readonly code: string;
  /** HTTP status (Amazon Pay) or error class (Incentives). */
  readonly kind: string;
  readonly mockCode?: string;
  readonly handling: HandlingId;
  readonly operations: readonly string[];
  /** The row's message or description, as the document words it. */
  readonly message?: string;
  readonly source: { readonly doc: string; readonly section: string };
  /** For an answer that is not final (kind "pending"): the object left pending, and where it settles. */
  readonly pending?: PendingOutcome;
}

export interface ObjectState {
  readonly object: string;
  readonly state: string;
  readonly kind: "pending" | "open" | "settled";
  readonly tookEffect?: boolean;
}

/** How a state of an object reads, as the spec lists it: pending, settled with or without effect, or neither (open, or not listed). */
export function readState(states: readonly ObjectState[], object: string, state: string): "pending" | "took-effect" | "no-effect" | "other" {
  const found = states.find((s) => s.object === object && s.state === state);
  if (found?.kind === "pending") return "pending";
  if (found?.kind === "settled") return found.tookEffect ? "took-effect" : "no-effect";
  return "other";
}

/** A pending object, the final states it can settle into, and when (on the sandbox's clock). */
export interface PendingOutcome {
  readonly object: "Charge" | "Refund";
  readonly state: string;
  readonly settles: readonly { readonly state: string; readonly reasonCode?: string }[];
  readonly afterMs: number;
}

export interface ConformanceModel {
  readonly catalogueVersion: string;
  readonly failures: readonly ConformanceFailure[];
  /** Outcomes each handling allows (spec/handling.yaml). */
  readonly outcomes: Readonly<Record<string, readonly Outcome[]>>;
  /** Outcomes advised where the documents leave the choice open (advice only). */
  readonly advised: Readonly<Record<string, readonly Outcome[]>>;
  /** Attempts assumed for a team that declares no limit (Amazon Pay's example spacing gives six): a schedule length, never a cap. */
  readonly maxAttempts: number;
  /** Smallest wait before retrying a throttled Incentives request. */
  readonly throttleMinDelayMs: number;
  /** Operation → the operation that undoes it after a RESEND. */
  readonly compensation: Readonly<Record<string, string>>;
  readonly idempotencyHeader: string;
  readonly idempotentMethods: readonly string[];
  /** The documents the spec cites, for citing a row of one of them. */
  readonly documents: readonly { readonly id: string; readonly title: string; readonly url?: string }[];
  /** Amazon Pay's objects and how their states read: pending, open, or settled with or without effect. */
  readonly objectStates: readonly ObjectState[];
  /** The sentence behind each verdict, per API: a verdict without one only gives advice. */
  readonly citations: readonly { readonly api: ApiId; readonly verdict: VerdictId; readonly citation: Citation }[];
}

/** One generated test: a documented failure on one operation. */
export interface ConformanceCase {
  readonly failureId: string;
  readonly operation: string;
}
