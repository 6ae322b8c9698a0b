import fc from "fast-check";
import type { Fault } from "../sandbox/faults.js";
import type { ConformanceFailure } from "./model.js";

/** Failures the documents name for each API that a run can meet on its way to the one under test. */
const TRANSIENT: Readonly<Record<string, readonly Fault[]>> = {
  "amazon-pay": [
    { kind: "error", code: "ServiceUnavailable" },
    { kind: "error", code: "InternalServerError" },
    { kind: "error", code: "TooManyRequests" },
    { kind: "status", status: 408 },
    { kind: "gateway-html", status: 503 },
    { kind: "network-error" },
  ],
  incentives: [{ kind: "network-error" }, { kind: "error", code: "Throttled" }],
};

/** Failures produced by the sandbox's own state rather than injected. */
export const STATE_TRIGGERED = new Set(["InvalidCheckoutSessionStatus"]);

/**
 * Fault schedules for one documented failure: it appears at any attempt,
 * after up to two transient failures and followed by up to two more answers
 * (transient failures or normal behaviour). fast-check shrinks a failing
 * schedule to the fewest, simplest answers that still break the rule.
 */
export function scheduleArbitrary(failure: ConformanceFailure): fc.Arbitrary<Fault[]> {
  const transient = fc.constantFrom(...TRANSIENT[failure.api]!);
  const after = fc.oneof(fc.constant<Fault>({ kind: "pass" }), transient);
  const documented: Fault[] = STATE_TRIGGERED.has(failure.code) ? [] : [{ kind: "error", code: failure.id }];
  return fc.tuple(fc.array(transient, { maxLength: 2 }), fc.array(after, { maxLength: 2 })).map(([before, rest]) => [...before, ...documented, ...rest]);
}

/** Amounts in the currency's minor unit, kept within every documented limit. */
export const amountArbitrary: fc.Arbitrary<number> = fc.integer({ min: 100, max: 50_000 }).map((cents) => cents / 100);
