import type { ApiId, HandlingId } from "../../generator/spec/spec-input.js";

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
  readonly source: { readonly doc: string; readonly section: string };
}

export interface ConformanceModel {
  readonly catalogueVersion: string;
  readonly failures: readonly ConformanceFailure[];
  /** Outcomes each handling allows (spec/handling.yaml). */
  readonly outcomes: Readonly<Record<string, readonly string[]>>;
  /** The documented attempt limit (Amazon Pay's example spacing gives six attempts). */
  readonly maxAttempts: number;
  /** Smallest wait before retrying a throttled Incentives request. */
  readonly throttleMinDelayMs: number;
  /** Operation → the operation that undoes it after a RESEND. */
  readonly compensation: Readonly<Record<string, string>>;
  readonly idempotencyHeader: string;
  readonly idempotentMethods: readonly string[];
}

/** One generated test: a documented failure on one operation. */
export interface ConformanceCase {
  readonly failureId: string;
  readonly operation: string;
}
