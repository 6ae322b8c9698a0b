import { adapterContract } from "./adapter-contract.js";
import { backoffNonDecreasing } from "./backoff-non-decreasing.js";
import { distinctKeysAcrossOperations } from "./distinct-keys-across-operations.js";
import { exhaustedHandOver } from "./exhausted-hand-over.js";
import { manualFollowUp } from "./manual-follow-up.js";
import { noRetryAfterFinalError } from "./no-retry-after-final-error.js";
import type { Oracle, OracleContext, Violation } from "./oracle.js";
import { reconcileBeforeDeciding } from "./reconcile-before-deciding.js";
import { resendCompensation } from "./resend-compensation.js";
import { retryBudget } from "./retry-budget.js";
import { sameKeyAcrossRetries } from "./same-key-across-retries.js";
import { surfaceCode } from "./surface-code.js";
import { throttleNotInstant } from "./throttle-not-instant.js";
import { unknownNeverSuccess } from "./unknown-never-success.js";

/** Every rule faultproof enforces, in the order a report names the first one broken. */
export const ORACLES: readonly Oracle[] = [
  adapterContract,
  unknownNeverSuccess,
  resendCompensation,
  noRetryAfterFinalError,
  throttleNotInstant,
  sameKeyAcrossRetries,
  retryBudget,
  backoffNonDecreasing,
  exhaustedHandOver,
  manualFollowUp,
  surfaceCode,
  reconcileBeforeDeciding,
  distinctKeysAcrossOperations,
];

export function firstViolation(context: OracleContext): Violation | undefined {
  for (const oracle of ORACLES) {
    const violation = oracle(context);
    if (violation) return violation;
  }
  return undefined;
}

export type { OracleContext, Violation } from "./oracle.js";
