/**
 * Members whose conduct is the same on both APIs: the reference itself, the
 * conduct the documents leave open (advice only), and what breaks the rules
 * both APIs share (keys, successes, unknown answers).
 */
import { createReferenceAdapter } from "../reference/index.js";
import { F200, F300, F500, PAY_400, PAY_401, PAY_429, PAY_500, PAY_503, PAY_AMOUNT_LIMIT, PAY_HARD_DECLINE, PAY_PENDING_AUTH, PAY_PENDING_REFUND, PAY_STATUS, RESEND, THROTTLED } from "./cases.js";
import { variant, type FamilyMember } from "./member.js";

/** The reference integration as it ships: hands F300 over, reconciles with a GET, compensates a RESEND. */
export const reference: FamilyMember = {
  name: "reference",
  api: "both",
  does: "The reference integration as it ships: F300 handed over, InvalidCheckoutSessionStatus read back with a GET, RESEND undone then re-sent, declines reported, a pending authorization or refund reported pending.",
  cases: [PAY_503, PAY_500, PAY_429, PAY_400, PAY_401, PAY_STATUS, PAY_HARD_DECLINE, PAY_AMOUNT_LIMIT, PAY_PENDING_AUTH, PAY_PENDING_REFUND, THROTTLED, RESEND, F200, F300, F500],
  adapter: createReferenceAdapter({ name: "faultproof family: reference" }),
  certifies: ["retry-transient", "exponential-backoff", "retry-budget", "bounded-retries", "exhausted-hand-over", "idempotency-key-present", "same-key-across-retries", "distinct-keys-across-operations", "success-not-dropped", "unknown-never-success", "reconcile-state", "normal-path", "throttle-not-instant", "resend-compensation", "hard-decline-not-recharged", "decline-not-retried", "pending-charge-not-paid", "pending-refund-not-final"],
};

/** Members that follow the documents in an unusual but allowed way: each must certify. */
export const bothCertify: readonly FamilyMember[] = [
  reference,
  variant({
    name: "retries-final-errors",
    api: "both",
    does: "Retries errors whose handling is final (an Incentives F200 / F300, an Amazon Pay 400 / 401) with the same key, up to its 4 attempts; never a Create Charge declined hard or for a reason the buyer must act on (doc 004).",
    cases: [F200, F300, PAY_400, PAY_401],
    both: { retryFinalErrors: true },
    certifies: ["same-key-across-retries", "retry-budget"],
    advises: "no-retry-after-final-error",
  }),
  variant({
    name: "reports-error-class",
    api: "both",
    does: "Reports the error class (F200, F300) or the HTTP status (400, 401) instead of the errorType / reasonCode.",
    cases: [F200, F300, PAY_400],
    both: { surfaceErrorClass: true },
    certifies: ["normal-path"],
    advises: "surface-code",
  }),
  variant({
    name: "fails-manual-cases",
    api: "both",
    does: "Reports F300 and Amazon Pay 401 / 403 / 426 as plain failures with their code instead of handing them over.",
    cases: [F300, PAY_401],
    both: { failInsteadOfHandOver: true },
    certifies: ["normal-path"],
    advises: "manual-follow-up",
  }),
];

/** Members that break exactly one rule: each must fail by it. */
export const bothBreak: readonly FamilyMember[] = [
  variant({
    name: "new-key-per-retry",
    api: "both",
    does: "Gives every retry a new idempotency key (Amazon Pay) or request id (Incentives).",
    cases: [PAY_503, THROTTLED],
    both: { newKeyPerAttempt: true },
    breaks: "same-key-across-retries",
  }),
  variant({
    name: "one-key-for-all",
    api: "both",
    does: "Uses one fixed idempotency key and one fixed request id for every operation.",
    cases: [PAY_400, F200],
    both: { oneKeyForAllOperations: true },
    breaks: "distinct-keys-across-operations",
  }),
  variant({
    name: "drops-success-after-retry",
    api: "both",
    does: "Reports a success that came on a retry as a failure, with the code of the answer before it.",
    cases: [PAY_503, THROTTLED],
    both: { reportFailedAfterRetry: true },
    breaks: "success-not-dropped",
  }),
  variant({
    name: "succeeds-when-exhausted",
    api: "both",
    does: "Reports success once its retries run out, though no answer was one.",
    cases: [PAY_503, THROTTLED],
    both: { succeedWhenExhausted: true },
    breaks: "unknown-never-success",
  }),
  variant({
    name: "trusts-unknown-answers",
    api: "both",
    does: "Takes an answer that is neither a success nor a readable documented error for a success: F500, an HTML 503, a broken JSON body.",
    cases: [F500, PAY_429],
    both: { acceptUnknownAnswers: true },
    breaks: "unknown-never-success",
  }),
];
