/**
 * Amazon Pay members of the family: the retry rule (408/429/500/503 retried,
 * exponential backoff up to a defined limit, then a hand-over), idempotency
 * keys, and InvalidCheckoutSessionStatus.
 */
import { generateKeyPairSync, randomUUID } from "node:crypto";
import { bareSdk } from "./bare-sdk.js";
import { PAY_400, PAY_429, PAY_500, PAY_503, PAY_STATUS } from "./cases.js";
import { seededRandom, variant, type FamilyMember } from "./member.js";

/** The documented example spacing (000): at once, then 1 s, 2 s, 4 s, 10 s, 30 s. */
const DOCUMENTED_SPACING = [0, 1000, 2000, 4000, 10_000, 30_000];

/** Keys made from a counter: `order-000001`, `order-000002`, … (any 1 to 32 of [A-Za-z0-9_-]). */
function counterKeys(): () => string {
  let next = 0;
  return () => `order-${String((next += 1)).padStart(6, "0")}`;
}

/** Members that follow the documents in an unusual but allowed way: each must certify. */
export const payCertifies: readonly FamilyMember[] = [
  variant({
    name: "full-jitter",
    api: "amazon-pay",
    does: "Declares an exponential backoff with full jitter (5 attempts, 1 s doubling up to 30 s) and waits a seeded random share of each delay, down to 0 ms.",
    cases: [PAY_503, PAY_500],
    retryPolicy: { maxAttempts: 5, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 30_000, jitter: "full" },
    both: { random: seededRandom(20261123) },
    certifies: ["exponential-backoff", "retry-budget"],
  }),
  variant({
    name: "equal-jitter",
    api: "amazon-pay",
    does: "Declares 4 attempts, an immediate first retry, then 1 s tripling with equal jitter (half the delay to all of it).",
    cases: [PAY_429],
    retryPolicy: { maxAttempts: 4, initialDelayMs: 1000, multiplier: 3, immediateFirstRetry: true, jitter: "equal" },
    both: { random: seededRandom(7) },
    certifies: ["exponential-backoff"],
  }),
  variant({
    name: "eight-attempts",
    api: "amazon-pay",
    does: "Declares and uses 8 attempts: an immediate retry, then 0.5 s doubling (0.5, 1, 2, 4, 8, 16 s), then hands over.",
    cases: [PAY_503, PAY_429],
    retryPolicy: { maxAttempts: 8, initialDelayMs: 500, multiplier: 2, maxDelayMs: 30_000, immediateFirstRetry: true },
    certifies: ["retry-budget", "exponential-backoff", "bounded-retries", "exhausted-hand-over"],
  }),
  variant({
    name: "documented-spacing",
    api: "amazon-pay",
    does: "Declares the documented example spacing 0, 1, 2, 4, 10, 30 s with 6 attempts and keeps to it.",
    cases: [PAY_503, PAY_500],
    retryPolicy: { maxAttempts: 6, delaysMs: DOCUMENTED_SPACING },
    certifies: ["exponential-backoff", "retry-budget", "bounded-retries", "exhausted-hand-over"],
  }),
  variant({
    name: "undeclared-policy",
    api: "amazon-pay",
    does: "Declares no retryPolicy; makes 6 attempts (the first retry at once, then after 1, 2, 4 and 10 s) and hands over.",
    cases: [PAY_503],
    retryPolicy: null,
    both: { maxAttempts: 6, backoffMs: DOCUMENTED_SPACING },
    certifies: ["exponential-backoff", "bounded-retries", "exhausted-hand-over"],
  }),
  variant({
    name: "retry-once",
    api: "amazon-pay",
    does: "Declares 2 attempts: retries a 408/429/500/503 once, at once, then hands it over.",
    cases: [PAY_503, PAY_429],
    retryPolicy: { maxAttempts: 2, delaysMs: [0] },
    certifies: ["retry-transient", "retry-budget", "exhausted-hand-over"],
  }),
  variant({
    name: "uses-fewer-than-declared",
    api: "amazon-pay",
    does: "Declares 6 attempts with the documented spacing but gives up after 3 (at once, then after 1 s), handing the case over.",
    cases: [PAY_503],
    retryPolicy: { maxAttempts: 6, delaysMs: DOCUMENTED_SPACING },
    both: { maxAttempts: 3 },
    certifies: ["retry-budget", "exhausted-hand-over"],
  }),
  variant({
    name: "counter-keys",
    api: "amazon-pay",
    does: "Makes idempotency keys from a counter (order-000001, order-000002, …): short, with a dash, new per logical POST, kept on retries.",
    cases: [PAY_503, PAY_400],
    amazonPay: { newIdempotencyKey: counterKeys() },
    certifies: ["idempotency-key-present", "same-key-across-retries", "distinct-keys-across-operations", "normal-path"],
  }),
  variant({
    name: "invalid-status-failed-without-get",
    api: "amazon-pay",
    does: "Reports InvalidCheckoutSessionStatus as failed at once, without reading the session.",
    cases: [PAY_STATUS],
    amazonPay: { onInvalidCheckoutSessionStatus: "fail" },
    certifies: ["reconcile-state"],
  }),
];

/** Members that break exactly one rule: each must fail by it. */
export const payBreaks: readonly FamilyMember[] = [
  variant({
    name: "never-retries-transient",
    api: "amazon-pay",
    does: "Never retries 408/429/500/503: hands the case over at the first such answer.",
    cases: [PAY_503, PAY_429],
    amazonPay: { retryStatuses: [] },
    breaks: "retry-transient",
  }),
  bareSdk,
  variant({
    name: "no-backoff",
    api: "amazon-pay",
    does: "Declares 4 attempts and no backoff, and waits 0 s before every retry.",
    cases: [PAY_503, PAY_500],
    retryPolicy: { maxAttempts: 4 },
    both: { backoffMs: [0] },
    breaks: "exponential-backoff",
  }),
  variant({
    name: "short-initial-delay",
    api: "amazon-pay",
    does: "Declares a 2 s initial delay doubling, but waits 1 s, 2 s, 4 s.",
    cases: [PAY_503],
    retryPolicy: { maxAttempts: 4, initialDelayMs: 2000, multiplier: 2 },
    both: { backoffMs: [1000, 2000, 4000] },
    breaks: "exponential-backoff",
  }),
  variant({
    name: "shrinking-backoff",
    api: "amazon-pay",
    does: "Declares the documented spacing but waits 4 s before the first retry and 1 s before every later one.",
    cases: [PAY_503],
    both: { backoffMs: [4000, 1000] },
    breaks: "exponential-backoff",
  }),
  variant({
    name: "undeclared-jitter",
    api: "amazon-pay",
    does: "Waits a random share (full jitter) of a doubling backoff, but declares only its 5 attempts, not the jitter: its waits shrink.",
    cases: [PAY_503],
    retryPolicy: { maxAttempts: 5 },
    both: { backoffMs: [1000, 2000, 4000, 8000], jitter: "full", random: seededRandom(3) },
    breaks: "exponential-backoff",
  }),
  variant({
    name: "jitter-fuller-than-declared",
    api: "amazon-pay",
    does: "Declares equal jitter (at least half of each delay) but waits a random share of it from 0 (full jitter).",
    cases: [PAY_503],
    retryPolicy: { maxAttempts: 5, initialDelayMs: 1000, multiplier: 2, jitter: "equal" },
    both: { jitter: "full", random: seededRandom(11) },
    breaks: "exponential-backoff",
  }),
  variant({
    name: "declared-no-backoff",
    api: "amazon-pay",
    does: "Declares 4 attempts with delaysMs [0] and waits 0 s before every retry: the never-backing-off integration, declared.",
    cases: [PAY_503],
    retryPolicy: { maxAttempts: 4, delaysMs: [0] },
    both: { backoffMs: [0] },
    breaks: "exponential-backoff",
  }),
  variant({
    name: "declared-constant-backoff",
    api: "amazon-pay",
    does: "Declares 5 attempts with delaysMs [1000] and waits 1 s before every retry: a constant, not an exponential, backoff.",
    cases: [PAY_503],
    retryPolicy: { maxAttempts: 5, delaysMs: [1000] },
    both: { backoffMs: [1000] },
    breaks: "exponential-backoff",
  }),
  variant({
    name: "capped-at-initial-delay",
    api: "amazon-pay",
    does: "Declares an exponential backoff whose cap is its initial delay (1 s, doubling, at most 1 s) and waits 1 s before every retry.",
    cases: [PAY_503],
    retryPolicy: { maxAttempts: 5, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 1000 },
    both: { backoffMs: [1000] },
    breaks: "exponential-backoff",
  }),
  variant({
    name: "declared-two-immediate-retries",
    api: "amazon-pay",
    does: "Declares delaysMs [0, 0, 1000, 2000] with 5 attempts: two immediate retries before backing off.",
    cases: [PAY_503],
    retryPolicy: { maxAttempts: 5, delaysMs: [0, 0, 1000, 2000] },
    breaks: "exponential-backoff",
  }),
  variant({
    name: "over-budget",
    api: "amazon-pay",
    does: "Declares maxAttempts 4 but retries up to 10 attempts.",
    cases: [PAY_503],
    both: { maxAttempts: 10 },
    breaks: "retry-budget",
  }),
  variant({
    name: "retries-forever",
    api: "amazon-pay",
    does: "Declares no limit and retries 408/429/500/503 forever (every 30 s once the backoff tops out).",
    cases: [PAY_503],
    retryPolicy: null,
    both: { maxAttempts: Number.MAX_SAFE_INTEGER },
    breaks: "bounded-retries",
  }),
  variant({
    name: "silent-exhaustion",
    api: "amazon-pay",
    does: "When its retries of a 408/429/500/503 run out, reports a plain failure instead of handing the case over.",
    cases: [PAY_503, PAY_500],
    both: { failWhenExhausted: true },
    breaks: "exhausted-hand-over",
  }),
  variant({
    name: "no-idempotency-key",
    api: "amazon-pay",
    does: "Sends its POSTs without an x-amz-pay-idempotency-key header.",
    cases: [PAY_503, PAY_400],
    amazonPay: { idempotencyKeys: "none" },
    breaks: "idempotency-key-present",
  }),
  variant({
    name: "key-on-first-attempt-only",
    api: "amazon-pay",
    does: "Sends the idempotency key on the first attempt of a POST and drops it on its retries.",
    cases: [PAY_503],
    amazonPay: { idempotencyKeys: "first-attempt-only" },
    breaks: "idempotency-key-present",
  }),
  variant({
    name: "dashed-uuid-keys",
    api: "amazon-pay",
    does: "Uses a UUID with its dashes (36 characters) as the idempotency key: the sandbox rejects it as Amazon Pay does (at most 32).",
    cases: [PAY_503],
    amazonPay: { newIdempotencyKey: () => randomUUID() },
    breaks: "normal-path",
  }),
  variant({
    name: "wrong-private-key",
    api: "amazon-pay",
    does: "Signs with a private key that is not the one of its public key id: 403 InvalidRequestSignature (seed 000).",
    cases: [PAY_503, PAY_400],
    amazonPay: { sdkConfig: { privateKey: generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey } },
    breaks: "normal-path",
  }),
  variant({
    name: "assumes-success-on-invalid-status",
    api: "amazon-pay",
    does: "Takes InvalidCheckoutSessionStatus for a completed checkout without reading the session, so a Canceled session is reported paid.",
    cases: [PAY_STATUS],
    amazonPay: { onInvalidCheckoutSessionStatus: "succeed" },
    breaks: "reconcile-state",
  }),
];
