import { handOverWhenGivingUp, manualFollowUp, noRetryAfterFinalError, outcomeData, surfaceCode } from "./advice.js";
import { adapterContract } from "./adapter-contract.js";
import { boundedRetries } from "./bounded-retries.js";
import type { Advice, Citation } from "./citation.js";
import { declineNotRetried } from "./decline-not-retried.js";
import { distinctKeysAcrossOperations } from "./distinct-keys-across-operations.js";
import { exhaustedHandOver } from "./exhausted-hand-over.js";
import { exponentialBackoff } from "./exponential-backoff.js";
import { hardDeclineNotRecharged } from "./hard-decline-not-recharged.js";
import { idempotencyKeyPresent } from "./idempotency-key-present.js";
import { normalPath } from "./normal-path.js";
import type { Oracle, OracleContext, Violation } from "./oracle.js";
import { pendingChargeNotPaid, pendingRefundNotFinal } from "./pending-not-final.js";
import { reconcileState } from "./reconcile-state.js";
import { resendCompensation } from "./resend-compensation.js";
import { retryBudget } from "./retry-budget.js";
import { retryTransient } from "./retry-transient.js";
import { sameKeyAcrossRetries } from "./same-key-across-retries.js";
import { successNotDropped } from "./success-not-dropped.js";
import { throttleNotInstant } from "./throttle-not-instant.js";
import { unknownNeverSuccess } from "./unknown-never-success.js";

/** Every rule faultproof applies, in the order a report names the first one broken. */
export const ORACLES: readonly Oracle[] = [
  boundedRetries,
  adapterContract,
  // A missing key is the cause when the sandbox rejects a key-less POST: named before the rejection itself.
  idempotencyKeyPresent,
  normalPath,
  unknownNeverSuccess,
  successNotDropped,
  resendCompensation,
  reconcileState,
  hardDeclineNotRecharged,
  declineNotRetried,
  pendingChargeNotPaid,
  pendingRefundNotFinal,
  throttleNotInstant,
  sameKeyAcrossRetries,
  retryTransient,
  retryBudget,
  exponentialBackoff,
  exhaustedHandOver,
  distinctKeysAcrossOperations,
  noRetryAfterFinalError,
  manualFollowUp,
  surfaceCode,
  handOverWhenGivingUp,
  outcomeData,
];

/** A broken rule with the sentence it enforces: only these fail a case. */
export interface Verdict extends Violation {
  readonly citation: Citation;
}

export interface Judgement {
  /** The first rule broken that a document sentence stands behind. */
  readonly verdict?: Verdict;
  /** What the rules with no sentence behind them found. */
  readonly advice: readonly Advice[];
}

/**
 * Judges one run. A rule's finding fails the run only when a sentence stands
 * behind it, quoted by the oracle (a code's own row) or by the spec for this
 * API; every other finding is advice.
 */
export function judge(context: OracleContext, citationFor: (rule: string) => Citation | undefined): Judgement {
  let verdict: Verdict | undefined;
  const advice: Advice[] = [];
  for (const oracle of ORACLES) {
    const found = oracle(context);
    if (!found) continue;
    const citation = found.citation ?? citationFor(found.rule);
    if (citation) verdict ??= { ...found, citation };
    else advice.push({ rule: found.rule, message: found.message });
  }
  return { ...(verdict ? { verdict } : {}), advice };
}

export type { OracleContext, Violation } from "./oracle.js";
