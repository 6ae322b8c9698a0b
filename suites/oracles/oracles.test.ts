import { describe, expect, it } from "vitest";
import { firstViolation, ORACLES } from "./index.js";
import type { OracleContext } from "./oracle.js";
import { contextOf, documented, ok, transient, unknown, type Step } from "./test-support/context.js";

type Outcome = OracleContext["outcome"];
const succeeded: Outcome = { status: "succeeded" };
const handedOver = (code?: string): Outcome => ({ status: "handed-over", ...(code ? { code } : {}) });
const failed = (code: string): Outcome => ({ status: "failed", code });
const invalid = documented("InvalidAmountInput", "fail-surface");
const funds = documented("InsufficientFunds", "manual-follow-up");
const throttled = documented("ThrottlingException", "retry-not-instantly");
const resend = documented("SystemTemporarilyUnavailable", "cancel-then-resend");
const unavailable = documented("ServiceUnavailable", "retry-backoff");

// Each row: a run, and the rule it breaks (undefined: a conforming run).
const cases: [string, { steps: Step[]; outcome: Outcome; nextIdentity?: string; maxAttempts?: number }, string | undefined][] = [
  ["a final error surfaced at once", { steps: [{ at: 0, answer: invalid, key: "a" }], outcome: failed("InvalidAmountInput") }, undefined],
  ["a final error retried", { steps: [{ at: 0, answer: invalid, key: "a" }, { at: 1000, answer: invalid, key: "a" }], outcome: failed("InvalidAmountInput") }, "no-retry-after-final-error"],
  ["a final error reported with another code", { steps: [{ at: 0, answer: invalid, key: "a" }], outcome: failed("GeneralError") }, "surface-code"],
  ["a final error handed over without its code", { steps: [{ at: 0, answer: invalid, key: "a" }], outcome: handedOver() }, "surface-code"],
  ["a manual-follow-up error handed over", { steps: [{ at: 0, answer: funds, key: "a" }], outcome: handedOver("InsufficientFunds") }, undefined],
  ["a manual-follow-up error reported as a plain failure", { steps: [{ at: 0, answer: funds, key: "a" }], outcome: failed("InsufficientFunds") }, "manual-follow-up"],
  ["transient failures retried with growing waits, then success", { steps: [{ at: 0, answer: unavailable, key: "a" }, { at: 0, answer: transient, key: "a" }, { at: 1000, answer: unavailable, key: "a" }, { at: 3000, answer: ok, key: "a" }], outcome: succeeded }, undefined],
  ["waits that shrink", { steps: [{ at: 0, answer: unavailable, key: "a" }, { at: 4000, answer: unavailable, key: "a" }, { at: 5000, answer: ok, key: "a" }], outcome: succeeded }, "backoff-non-decreasing"],
  ["more attempts than the budget", { steps: [0, 1, 2, 3, 4].map((i) => ({ at: i * 1000, answer: unavailable, key: "a" })), outcome: handedOver(), maxAttempts: 4 }, "retry-budget"],
  ["the budget spent, then handed over", { steps: [0, 1, 2, 3].map((i) => ({ at: i * 1000, answer: unavailable, key: "a" })), outcome: handedOver("ServiceUnavailable") }, undefined],
  ["the budget spent, then reported as failed", { steps: [0, 1, 2, 3].map((i) => ({ at: i * 1000, answer: unavailable, key: "a" })), outcome: failed("ServiceUnavailable") }, "exhausted-hand-over"],
  ["the budget spent, then reported as a success", { steps: [{ at: 0, answer: transient, key: "a" }], outcome: succeeded }, "unknown-never-success"],
  ["a new key on a retry", { steps: [{ at: 0, answer: unavailable, key: "a" }, { at: 0, answer: ok, key: "b" }], outcome: succeeded }, "same-key-across-retries"],
  ["the same key for two operations", { steps: [{ at: 0, answer: ok, key: "a" }], outcome: succeeded, nextIdentity: "a" }, "distinct-keys-across-operations"],
  ["a throttled request retried after a second", { steps: [{ at: 0, answer: throttled, key: "a" }, { at: 1000, answer: ok, key: "a" }], outcome: succeeded }, undefined],
  ["a throttled request retried instantly", { steps: [{ at: 0, answer: throttled, key: "a" }, { at: 0, answer: ok, key: "a" }], outcome: succeeded }, "throttle-not-instant"],
  ["an unknown answer reported as a success", { steps: [{ at: 0, answer: unknown, key: "a" }], outcome: succeeded }, "unknown-never-success"],
  [
    "RESEND: cancel the original id, then re-send with a new one",
    { steps: [{ at: 0, answer: resend, key: "a" }, { op: "CancelGiftCard", at: 0, answer: ok, key: "a" }, { at: 0, answer: ok, key: "b" }], outcome: succeeded },
    undefined,
  ],
  ["RESEND: re-sent without cancelling", { steps: [{ at: 0, answer: resend, key: "a" }, { at: 0, answer: ok, key: "b" }], outcome: succeeded }, "resend-compensation"],
  ["RESEND: cancelled another id", { steps: [{ at: 0, answer: resend, key: "a" }, { op: "CancelGiftCard", at: 0, answer: ok, key: "z" }], outcome: handedOver() }, "resend-compensation"],
  [
    "RESEND: re-sent with the cancelled id",
    { steps: [{ at: 0, answer: resend, key: "a" }, { op: "CancelGiftCard", at: 0, answer: ok, key: "a" }, { at: 0, answer: ok, key: "a" }], outcome: succeeded },
    "resend-compensation",
  ],
  ["RESEND: reported as a success", { steps: [{ at: 0, answer: resend, key: "a" }], outcome: succeeded }, "unknown-never-success"],
  ["RESEND: handed over after cancelling", { steps: [{ at: 0, answer: resend, key: "a" }, { op: "CancelGiftCard", at: 0, answer: ok, key: "a" }], outcome: handedOver("SystemTemporarilyUnavailable") }, undefined],
  ["the adapter throws", { steps: [{ at: 0, answer: ok, key: "a" }], outcome: { status: "threw", error: "TypeError: x is undefined" } }, "adapter-contract"],
];

describe("the oracles", () => {
  it.each(cases)("%s", (_name, given, want) => {
    const violation = firstViolation(contextOf(given));
    expect(violation?.rule).toBe(want);
    if (violation) expect(violation.message).toMatch(/received|threw|returned/);
  });

  it("every oracle is exercised by a breaking run above", () => {
    const broken = new Set(cases.map(([, , rule]) => rule).filter(Boolean));
    // reconcile-before-deciding is exercised by its own test below.
    expect(ORACLES.length).toBe(broken.size + 1);
  });

  it("reconcile-state demands a GET before deciding", () => {
    const status = documented("InvalidCheckoutSessionStatus", "reconcile-state");
    const blind = contextOf({ operation: "CompleteCheckoutSession", steps: [{ at: 0, answer: status, key: "a" }], outcome: succeeded });
    expect(firstViolation(blind)?.rule).toBe("reconcile-before-deciding");
    const read = contextOf({ operation: "CompleteCheckoutSession", steps: [{ at: 0, answer: status, key: "a" }, { op: "GetCheckoutSession", method: "GET", at: 0, answer: ok }], outcome: succeeded });
    expect(firstViolation(read)).toBeUndefined();
  });
});
