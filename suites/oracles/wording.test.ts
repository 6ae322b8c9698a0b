import { describe, expect, it } from "vitest";
import { handOverWhenGivingUp } from "./advice.js";
import { exhaustedHandOver } from "./exhausted-hand-over.js";
import { successNotDropped } from "./success-not-dropped.js";
import { contextOf, documented, ok, transient } from "./test-support/context.js";

/*
 * The words of a verdict or advice point at the bug: a single attempt is never told as
 * retries that ran out, and an empty code never reads "failed with ;". Verdicts are
 * oracles.test.ts's; here only what they say.
 */
const throttled = documented("ThrottlingException", "retry-not-instantly");
const unavailable = documented("ServiceUnavailable", "retry-backoff");

describe("the wording of verdicts and advice", () => {
  it("a single attempt given up says that no retry happened, not that retries ended", () => {
    const found = handOverWhenGivingUp(contextOf({ steps: [{ at: 0, answer: throttled, key: "a" }], outcome: { status: "failed", code: "ThrottlingException" } }));
    expect(found?.message).toMatch(/^failed after a single attempt, with no retry at all, whose answer left the request open/);
    expect(found?.message).not.toMatch(/last/);
  });

  it("several attempts given up name their count and the last answer", () => {
    const found = handOverWhenGivingUp(contextOf({ steps: [{ at: 0, answer: throttled, key: "a" }, { at: 500, answer: throttled, key: "a" }], outcome: { status: "failed", code: "ThrottlingException" } }));
    expect(found?.message).toMatch(/^failed after 2 attempts, whose last answer left the request open/);
  });

  it("an empty code reads as such, never as 'failed with ;' or 'failed with ,'", () => {
    const dropped = successNotDropped(contextOf({ steps: [{ at: 0, answer: transient, key: "a" }, { at: 0, answer: ok, key: "a" }], outcome: { status: "failed", code: "" } }));
    expect(dropped?.message).toMatch(/^received failed with an empty code, but the last CreateGiftCard was answered with a success/);
    const exhausted = exhaustedHandOver(
      contextOf({ api: "amazon-pay", steps: [0, 1000].map((at) => ({ at, answer: unavailable, key: "k", status: 503 })), outcome: { status: "failed", code: "" } }),
    );
    expect(exhausted?.message).toMatch(/^received failed with an empty code after 2 attempts of one CreateCharge/);
    for (const message of [dropped?.message, exhausted?.message]) expect(message).not.toMatch(/failed with [;,]/);
  });
});
