import { describe, expect, it } from "vitest";
import { conformanceModel } from "../../generated/conformance-model.js";
import type { RetryPolicy } from "../adapter.js";
import { ORACLES } from "./index.js";
import type { OracleContext } from "./oracle.js";
import { contextOf, documented, judged, ok, transient, unknown, type Step } from "./test-support/context.js";

type Outcome = OracleContext["outcome"];
const succeeded: Outcome = { status: "succeeded" };
const handedOver = (code?: string): Outcome => ({ status: "handed-over", ...(code ? { code } : {}) });
const failed = (code: string): Outcome => ({ status: "failed", code });

const invalid = documented("InvalidAmountInput", "fail-surface");
const funds = documented("InsufficientFunds", "manual-follow-up");
const throttled = documented("ThrottlingException", "retry-not-instantly");
const resend = documented("SystemTemporarilyUnavailable", "cancel-then-resend");
const unavailable = documented("ServiceUnavailable", "retry-backoff");
const sessionStatus = documented("InvalidCheckoutSessionStatus", "reconcile-state");
const softDeclined = documented("SoftDeclined", "recharge-or-ask-buyer");
const hardDeclined = documented("HardDeclined", "ask-buyer-to-update");
const amountExceeded = documented("TransactionAmountExceeded", "reengage-buyer");

/** Amazon Pay 503s at the given times, then what follows. */
const pay503 = (times: readonly number[], key = "k"): Step[] => times.map((at) => ({ at, answer: unavailable, key, status: 503 }));
const jitter: RetryPolicy = { maxAttempts: 5, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 30_000, jitter: "full" };
const example: RetryPolicy = { maxAttempts: 6, delaysMs: [0, 1000, 2000, 4000, 10_000, 30_000] };

interface Given {
  steps: Step[];
  outcome: Outcome;
  api?: "incentives" | "amazon-pay";
  policy?: RetryPolicy;
  nextIdentity?: string;
  operation?: string;
  objectState?: string;
  normal?: boolean;
}

// Each row: a run, and the verdict it gets (undefined: the documents allow it) and any advice.
const cases: [string, Given, { verdict?: string; advice?: string[] }][] = [
  // Final errors: the documents say what they mean, not how to react.
  ["a final error surfaced at once", { steps: [{ at: 0, answer: invalid, key: "a" }], outcome: failed("InvalidAmountInput") }, {}],
  ["a final error retried once with the same id", { steps: [{ at: 0, answer: invalid, key: "a" }, { at: 1000, answer: invalid, key: "a" }], outcome: failed("InvalidAmountInput") }, { advice: ["no-retry-after-final-error"] }],
  ["a final error reported with its error class", { steps: [{ at: 0, answer: invalid, key: "a" }], outcome: failed("F200") }, { advice: ["surface-code"] }],
  ["F300 handed over", { steps: [{ at: 0, answer: funds, key: "a" }], outcome: handedOver("InsufficientFunds") }, {}],
  ["F300 reported as a plain failure", { steps: [{ at: 0, answer: funds, key: "a" }], outcome: failed("InsufficientFunds") }, { advice: ["manual-follow-up"] }],
  ["a final error reported as a success", { steps: [{ at: 0, answer: invalid, key: "a" }], outcome: succeeded }, { verdict: "unknown-never-success" }],
  ["an unknown answer reported as a success", { steps: [{ at: 0, answer: unknown, key: "a" }], outcome: succeeded }, { verdict: "unknown-never-success" }],
  ["a success dropped as a failure after a retry", { steps: [{ at: 0, answer: transient, key: "a" }, { at: 0, answer: ok, key: "a" }], outcome: failed("NetworkError") }, { verdict: "success-not-dropped" }],
  ["a success handed over for a person to look at", { steps: [{ at: 0, answer: ok, key: "a" }], outcome: handedOver() }, {}],

  // Throttling (Incentives): not instantly, nothing more.
  ["throttled, retried after 100 ms", { steps: [{ at: 0, answer: throttled, key: "a" }, { at: 100, answer: ok, key: "a" }], outcome: succeeded }, {}],
  ["throttled waits of 1 s, 2 s, then 1 s", { steps: [{ at: 0, answer: throttled, key: "a" }, { at: 1000, answer: throttled, key: "a" }, { at: 3000, answer: transient, key: "a" }, { at: 4000, answer: ok, key: "a" }], outcome: succeeded }, {}],
  ["throttled, retried instantly", { steps: [{ at: 0, answer: throttled, key: "a" }, { at: 0, answer: ok, key: "a" }], outcome: succeeded }, { verdict: "throttle-not-instant" }],
  ["throttled, then given up with a plain failure", { steps: [{ at: 0, answer: throttled, key: "a" }, { at: 500, answer: throttled, key: "a" }], outcome: failed("ThrottlingException") }, { advice: ["hand-over-when-giving-up"] }],
  ["a retry of a lost answer under a new request id", { steps: [{ at: 0, answer: transient, key: "a" }, { at: 0, answer: ok, key: "b" }], outcome: succeeded }, { verdict: "same-key-across-retries" }],
  ["a new request id after a final error", { steps: [{ at: 0, answer: invalid, key: "a" }, { at: 0, answer: ok, key: "b" }], outcome: succeeded }, { advice: ["no-retry-after-final-error"] }],
  ["the same request id for two operations", { steps: [{ at: 0, answer: ok, key: "a" }], outcome: { status: "succeeded", data: { gcId: "g" } }, normal: true, nextIdentity: "a" }, { verdict: "distinct-keys-across-operations" }],

  // RESEND: retry the id, or undo then re-send, or give up.
  ["RESEND retried with the same request id", { steps: [{ at: 0, answer: resend, key: "a" }, { at: 0, answer: ok, key: "a" }], outcome: succeeded }, {}],
  ["RESEND: cancel the original, then re-send with a new id", { steps: [{ at: 0, answer: resend, key: "a" }, { op: "CancelGiftCard", at: 0, answer: ok, key: "a" }, { at: 0, answer: ok, key: "b" }], outcome: succeeded }, {}],
  ["RESEND: the cancel finds no such card, then a new id", { steps: [{ at: 0, answer: resend, key: "a" }, { op: "CancelGiftCard", at: 0, answer: documented("OrderNotFound", "manual-follow-up"), key: "a", kind: "F300" }, { at: 0, answer: ok, key: "b" }], outcome: succeeded }, {}],
  ["RESEND handed over at once", { steps: [{ at: 0, answer: resend, key: "a" }], outcome: handedOver("SystemTemporarilyUnavailable") }, {}],
  ["RESEND: re-sent with a new id without cancelling", { steps: [{ at: 0, answer: resend, key: "a" }, { at: 0, answer: ok, key: "b" }], outcome: succeeded }, { verdict: "resend-compensation" }],
  ["RESEND: cancelled another id, then a new id", { steps: [{ at: 0, answer: resend, key: "a" }, { op: "CancelGiftCard", at: 0, answer: ok, key: "z" }, { at: 0, answer: ok, key: "b" }], outcome: succeeded }, { verdict: "resend-compensation" }],
  ["RESEND: the cancel was lost, and a new id anyway", { steps: [{ at: 0, answer: resend, key: "a" }, { op: "CancelGiftCard", at: 0, answer: transient, key: "a" }, { at: 0, answer: ok, key: "b" }], outcome: succeeded }, { verdict: "resend-compensation" }],
  ["RESEND: the cancel got an internal error, and a new id anyway", { steps: [{ at: 0, answer: resend, key: "a" }, { op: "CancelGiftCard", at: 0, answer: documented("GcLocked", "manual-follow-up"), key: "a", kind: "F100" }, { at: 0, answer: ok, key: "b" }], outcome: succeeded }, { verdict: "resend-compensation" }],
  ["RESEND reported as a success", { steps: [{ at: 0, answer: resend, key: "a" }], outcome: succeeded }, { verdict: "unknown-never-success" }],

  // Amazon Pay's retry rule.
  ["a 503 retried at once, then after growing waits", { api: "amazon-pay", steps: [...pay503([0, 0, 1000, 3000]), { at: 7000, answer: ok, key: "k" }], outcome: succeeded }, {}],
  ["the documented example spacing, declared, then handed over", { api: "amazon-pay", policy: example, steps: pay503([0, 0, 1000, 3000, 7000, 17_000]), outcome: handedOver("ServiceUnavailable") }, {}],
  ["a 503 handed over with no retry", { api: "amazon-pay", steps: pay503([0]), outcome: handedOver("ServiceUnavailable") }, { verdict: "retry-transient" }],
  ["a 503 never backed off", { api: "amazon-pay", steps: pay503([0, 0, 0, 0]), outcome: handedOver() }, { verdict: "exponential-backoff" }],
  ["waits that shrink, with no policy declared", { api: "amazon-pay", steps: [...pay503([0, 0, 4000, 5000]), { at: 6000, answer: ok, key: "k" }], outcome: succeeded }, { verdict: "exponential-backoff" }],
  ["full jitter declared: waits of 0.3 s, 1.7 s, 0.2 s", { api: "amazon-pay", policy: jitter, steps: pay503([0, 300, 2000, 2200]), outcome: handedOver() }, {}],
  ["a declared 1 s initial delay, waited 0.5 s", { api: "amazon-pay", policy: { maxAttempts: 4, initialDelayMs: 1000, multiplier: 2 }, steps: pay503([0, 500, 2500]), outcome: handedOver() }, { verdict: "exponential-backoff" }],
  ["a declared policy that does not grow", { api: "amazon-pay", policy: { maxAttempts: 4, initialDelayMs: 1000, multiplier: 1 }, steps: pay503([0, 1000, 2000]), outcome: handedOver() }, { verdict: "exponential-backoff" }],
  ["a declared schedule of [0] over 4 attempts: it never backs off", { api: "amazon-pay", policy: { maxAttempts: 4, delaysMs: [0] }, steps: pay503([0, 0, 0, 0]), outcome: handedOver() }, { verdict: "exponential-backoff" }],
  ["a declared 1 s every time: it never grows", { api: "amazon-pay", policy: { maxAttempts: 5, delaysMs: [1000] }, steps: pay503([0, 1000, 2000, 3000, 4000]), outcome: handedOver() }, { verdict: "exponential-backoff" }],
  ["a declared cap equal to the initial delay", { api: "amazon-pay", policy: { maxAttempts: 5, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 1000 }, steps: pay503([0, 1000, 2000, 3000, 4000]), outcome: handedOver() }, { verdict: "exponential-backoff" }],
  ["a declared second immediate retry", { api: "amazon-pay", policy: { maxAttempts: 3, delaysMs: [0, 0] }, steps: pay503([0, 0, 0]), outcome: handedOver() }, { verdict: "exponential-backoff" }],
  ["one immediate retry declared, then a hand-over", { api: "amazon-pay", policy: { maxAttempts: 2, delaysMs: [0] }, steps: pay503([0, 0]), outcome: handedOver() }, {}],
  ["a Retry-After of 5 s honoured, then the integration's own 1 s", { api: "amazon-pay", steps: [{ at: 0, answer: unavailable, key: "k", status: 503 }, { at: 0, answer: unavailable, key: "k", status: 503, retryAfter: 5 }, { at: 5000, answer: unavailable, key: "k", status: 503 }, { at: 6000, answer: ok, key: "k" }], outcome: succeeded }, {}],
  ["8 attempts declared and used", { api: "amazon-pay", policy: { maxAttempts: 8, initialDelayMs: 1000, multiplier: 2, maxDelayMs: 30_000 }, steps: pay503([0, 1000, 3000, 7000, 15_000, 31_000, 61_000, 91_000]), outcome: handedOver() }, {}],
  ["4 attempts declared, 5 used", { api: "amazon-pay", policy: { maxAttempts: 4 }, steps: pay503([0, 0, 1000, 3000, 7000]), outcome: handedOver() }, { verdict: "retry-budget" }],
  ["retries spent, then a plain failure", { api: "amazon-pay", steps: pay503([0, 0, 1000, 3000]), outcome: failed("ServiceUnavailable") }, { verdict: "exhausted-hand-over" }],
  ["retries spent, then a success", { api: "amazon-pay", steps: pay503([0, 0, 1000, 3000]), outcome: succeeded }, { verdict: "unknown-never-success" }],
  ["still retrying when cut off", { api: "amazon-pay", steps: pay503([0, 0, 1000, 3000, 7000]), outcome: { status: "hung", error: "still waiting after 600 s" } }, { verdict: "bounded-retries" }],
  ["lost answers retried at once, 503s with growing waits", { api: "amazon-pay", steps: [{ at: 0, answer: transient, key: "k" }, { at: 0, answer: unavailable, key: "k", status: 503 }, { at: 1000, answer: transient, key: "k" }, { at: 1000, answer: unavailable, key: "k", status: 503 }, { at: 3000, answer: ok, key: "k" }], outcome: succeeded }, {}],
  ["a POST without an idempotency key", { api: "amazon-pay", steps: [{ at: 0, answer: ok }], outcome: succeeded }, { verdict: "idempotency-key-present" }],
  ["a 503 retried under a new idempotency key", { api: "amazon-pay", steps: [...pay503([0]), { at: 0, answer: ok, key: "other" }], outcome: succeeded }, { verdict: "same-key-across-retries" }],

  // InvalidCheckoutSessionStatus: the outcome agrees with the session.
  ["InvalidCheckoutSessionStatus on a Canceled session, reported failed without a GET", { api: "amazon-pay", operation: "CompleteCheckoutSession", objectState: "Canceled", steps: [{ at: 0, answer: sessionStatus, key: "a" }], outcome: failed("InvalidCheckoutSessionStatus") }, {}],
  ["InvalidCheckoutSessionStatus on a Completed session, reported succeeded", { api: "amazon-pay", operation: "CompleteCheckoutSession", objectState: "Completed", steps: [{ at: 0, answer: sessionStatus, key: "a" }], outcome: succeeded }, {}],
  ["InvalidCheckoutSessionStatus on a Canceled session, reported succeeded", { api: "amazon-pay", operation: "CompleteCheckoutSession", objectState: "Canceled", steps: [{ at: 0, answer: sessionStatus, key: "a" }, { op: "GetCharge", method: "GET", at: 0, answer: ok }], outcome: succeeded }, { verdict: "reconcile-state" }],

  // Declines of Create Charge (doc 004): the reasonCode decides what may follow.
  ["SoftDeclined, then Create Charge again under a new key, paid", { api: "amazon-pay", steps: [{ at: 0, answer: softDeclined, key: "a", status: 422 }, { op: "GetChargePermission", method: "GET", at: 0, answer: ok }, { at: 0, answer: ok, key: "b" }], outcome: succeeded }, {}],
  ["SoftDeclined, reported failed", { api: "amazon-pay", steps: [{ at: 0, answer: softDeclined, key: "a", status: 422 }], outcome: failed("SoftDeclined") }, {}],
  ["SoftDeclined, reported paid", { api: "amazon-pay", steps: [{ at: 0, answer: softDeclined, key: "a", status: 422 }], outcome: succeeded }, { verdict: "unknown-never-success" }],
  ["HardDeclined, handed over for the buyer to update the instrument", { api: "amazon-pay", steps: [{ at: 0, answer: hardDeclined, key: "a", status: 422 }], outcome: handedOver("HardDeclined") }, {}],
  ["HardDeclined, then charged again", { api: "amazon-pay", steps: [{ at: 0, answer: hardDeclined, key: "a", status: 422 }, { at: 1000, answer: hardDeclined, key: "b", status: 422 }], outcome: failed("HardDeclined") }, { verdict: "hard-decline-not-recharged", advice: ["no-retry-after-final-error"] }],
  ["TransactionAmountExceeded on Create Charge, reported failed", { api: "amazon-pay", steps: [{ at: 0, answer: amountExceeded, key: "a" }], outcome: failed("TransactionAmountExceeded") }, {}],
  ["TransactionAmountExceeded on Create Charge, retried as if transient", { api: "amazon-pay", steps: [{ at: 0, answer: amountExceeded, key: "a" }, { at: 1000, answer: amountExceeded, key: "a" }], outcome: failed("TransactionAmountExceeded") }, { verdict: "decline-not-retried", advice: ["no-retry-after-final-error"] }],
  ["TransactionAmountExceeded on Create Refund, sent again: the documents are silent there", { api: "amazon-pay", operation: "CreateRefund", steps: [{ at: 0, answer: amountExceeded, key: "a" }, { at: 1000, answer: amountExceeded, key: "b" }], outcome: failed("TransactionAmountExceeded") }, { advice: ["no-retry-after-final-error"] }],

  // Pending answers (doc 005, 007): only a GET or an IPN shows the final state.
  ["a pending authorization reported pending", { api: "amazon-pay", steps: [{ at: 0, answer: ok, key: "a", state: "AuthorizationInitiated" }], outcome: { status: "pending", data: { state: "AuthorizationInitiated" } } }, {}],
  ["a pending authorization reported paid", { api: "amazon-pay", steps: [{ at: 0, answer: ok, key: "a", state: "AuthorizationInitiated" }], outcome: succeeded }, { verdict: "pending-charge-not-paid" }],
  ["a pending authorization polled 30 s later, Authorized, reported paid", { api: "amazon-pay", steps: [{ at: 0, answer: ok, key: "a", state: "AuthorizationInitiated" }, { op: "GetCharge", method: "GET", at: 30_000, answer: ok, state: "Authorized" }], outcome: succeeded }, {}],
  ["a pending authorization polled, Declined, reported paid", { api: "amazon-pay", steps: [{ at: 0, answer: ok, key: "a", state: "AuthorizationInitiated" }, { op: "GetCharge", method: "GET", at: 30_000, answer: ok, state: "Declined" }], outcome: succeeded }, { verdict: "pending-charge-not-paid" }],
  ["a pending authorization polled, Declined, reported failed", { api: "amazon-pay", steps: [{ at: 0, answer: ok, key: "a", state: "AuthorizationInitiated" }, { op: "GetCharge", method: "GET", at: 30_000, answer: ok, state: "Declined" }], outcome: failed("HardDeclined") }, {}],
  ["a pending refund reported refunded", { api: "amazon-pay", operation: "CreateRefund", steps: [{ at: 0, answer: ok, key: "a", state: "RefundInitiated" }], outcome: succeeded }, { verdict: "pending-refund-not-final" }],
  ["a pending refund reported failed without reading it", { api: "amazon-pay", operation: "CreateRefund", steps: [{ at: 0, answer: ok, key: "a", state: "RefundInitiated" }], outcome: failed("RefundInitiated") }, { verdict: "success-not-dropped" }],
  ["a pending refund polled, Declined, reported failed", { api: "amazon-pay", operation: "CreateRefund", steps: [{ at: 0, answer: ok, key: "a", state: "RefundInitiated" }, { op: "GetRefund", method: "GET", at: 30_000, answer: ok, state: "Declined" }], outcome: failed("Declined") }, {}],
  ["a pending refund handed over", { api: "amazon-pay", operation: "CreateRefund", steps: [{ at: 0, answer: ok, key: "a", state: "RefundInitiated" }], outcome: handedOver() }, {}],
  ["a pending refund polled, Refunded, reported refunded", { api: "amazon-pay", operation: "CreateRefund", steps: [{ at: 0, answer: ok, key: "a", state: "RefundInitiated" }, { op: "GetRefund", method: "GET", at: 30_000, answer: ok, state: "Refunded" }], outcome: succeeded }, {}],

  ["the adapter throws", { steps: [{ at: 0, answer: ok, key: "a" }], outcome: { status: "threw", error: "TypeError: x is undefined" } }, { verdict: "adapter-contract" }],
  ["failed with an empty code", { steps: [{ at: 0, answer: invalid, key: "a" }], outcome: failed("") }, { verdict: "adapter-contract", advice: ["surface-code"] }],
];

describe("the verdicts", () => {
  it.each(cases)("%s", (_name, given, want) => {
    const { verdict, advice } = judged(contextOf(given));
    expect(verdict?.rule).toBe(want.verdict);
    expect(advice.map((a) => a.rule)).toEqual(want.advice ?? []);
  });

  it("quote, on every failing verdict, the sentence of the document it enforces", () => {
    for (const [name, given, want] of cases) {
      const { verdict } = judged(contextOf(given));
      if (!want.verdict) continue;
      expect(verdict?.citation.quote.length, name).toBeGreaterThan(10);
      expect(verdict?.citation.section, name).toBeTruthy();
    }
  });

  it("give every rule with a sentence behind it a run that breaks it, and a run in the same area that passes", () => {
    const broken = new Set(cases.map(([, , want]) => want.verdict).filter(Boolean));
    const sentenced = new Set<string>([...conformanceModel.citations.map((c) => c.verdict), "adapter-contract"]);
    // normal-path needs a sandbox's own rejection: suites/conformance tests it with the real sandbox.
    sentenced.delete("normal-path");
    expect([...sentenced].filter((rule) => !broken.has(rule))).toEqual([]);
    expect(ORACLES.length).toBeGreaterThan(sentenced.size);
  });

  it("fail a rule only where a sentence stands behind it: Incentives has no backoff or hand-over rule", () => {
    const incentivesRules = new Set(conformanceModel.citations.filter((c) => c.api === "incentives").map((c) => c.verdict));
    for (const rule of ["exponential-backoff", "retry-transient", "exhausted-hand-over", "retry-budget", "bounded-retries"]) expect(incentivesRules.has(rule as never), rule).toBe(false);
  });
});
