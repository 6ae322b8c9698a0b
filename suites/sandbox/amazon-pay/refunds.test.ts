import { describe, expect, it } from "vitest";
import { createSandbox } from "../../../generated/sandbox.js";
import { createManualClock } from "../../clock/clock.js";
import { completedSession, expectPayError, pay, TEN, withKey } from "../test-support/pay-requests.js";
import { sandboxUnderTest } from "../test-support/sandbox-under-test.js";

/*
 * Refunds are asynchronous: "Refunds - all refunds are processed
 * asynchronously" ([DOC] asynchronous-processing page); a refund starts
 * RefundInitiated and moves to Refunded or Declined ([DOC-ja], issue 16
 * facts §2). How long it takes is no page's: `expiry.refundMs`, 30 s by
 * default (UNVERIFIED).
 */

const clock = createManualClock();
const { sandbox, server } = sandboxUnderTest({ clock });
const SECOND = 1000;
const usd = (amount: string) => ({ amount, currencyCode: "USD" });

async function capturedCharge(): Promise<string> {
  const { chargeId } = await completedSession();
  expect((await pay("POST", `charges/${chargeId}/capture`, { body: { captureAmount: TEN } })).status).toBe(200);
  return chargeId;
}

async function refund(chargeId: string, amount: { amount: string; currencyCode: string } = TEN): Promise<Record<string, unknown>> {
  const answer = await pay("POST", "refunds", { body: { chargeId, refundAmount: amount } });
  expect(answer.status, answer.text).toBe(201);
  return answer.body;
}

describe("a refund is RefundInitiated, then Refunded `expiry.refundMs` later", () => {
  it.each<[string, { given: number; want: string }]>([
    ["at once: RefundInitiated", { given: 0, want: "RefundInitiated" }],
    ["29.999 s later: still RefundInitiated", { given: 30 * SECOND - 1, want: "RefundInitiated" }],
    ["30 s later: Refunded", { given: 30 * SECOND, want: "Refunded" }],
  ])("%s", async (_, { given, want }) => {
    const created = await refund(await capturedCharge());
    expect(created.statusDetails).toMatchObject({ state: "RefundInitiated", reasonCode: null });
    const started = clock.now();
    clock.advance(given);
    const read = await pay("GET", `refunds/${String(created.refundId)}`);
    expect(read.body.statusDetails).toEqual({ state: want, reasonCode: null, reasonDescription: null, lastUpdatedTimestamp: new Date(want === "Refunded" ? started + 30 * SECOND : started).toISOString() });
  });

  it("refundMs is a setting", async () => {
    const configured = createSandbox({ clock, config: { verifySignatures: false, amazonPay: { expiry: { refundMs: 5 * SECOND } } } });
    server.use(...configured.handlers);
    const created = await refund(await capturedCharge());
    clock.advance(5 * SECOND);
    expect((await pay("GET", `refunds/${String(created.refundId)}`)).body).toMatchObject({ statusDetails: { state: "Refunded" } });
  });
});

describe("a Declined refund gives its amount back to what can be refunded", () => {
  it("10.00 declined, then 11.50 more is still within the 15% allowance", async () => {
    const chargeId = await capturedCharge();
    sandbox.enqueue("CreateRefund", { kind: "state", state: "RefundInitiated", settles: { state: "Declined", afterMs: 30 * SECOND } });
    const declined = await refund(chargeId);
    // In flight, it counts: a second full refund plus the allowance would exceed it.
    expectPayError(await pay("POST", "refunds", { body: { chargeId, refundAmount: usd("1.51") } }), { status: 400, reasonCode: "TransactionAmountExceeded" });
    clock.advance(30 * SECOND);
    expect((await pay("GET", `refunds/${String(declined.refundId)}`)).body).toMatchObject({ statusDetails: { state: "Declined" } });
    expect((await pay("GET", `charges/${chargeId}`)).body).toMatchObject({ refundedAmount: usd("0.00") });
    await refund(chargeId, usd("11.50"));
  });

  it("a refund left Declined at once never counted", async () => {
    const chargeId = await capturedCharge();
    sandbox.enqueue("CreateRefund", { kind: "state", state: "Declined" });
    expect((await refund(chargeId)).statusDetails).toMatchObject({ state: "Declined" });
    await refund(chargeId, usd("11.50"));
  });

  it("Refunded keeps counting: over-refunding after it settles is still TransactionAmountExceeded", async () => {
    const chargeId = await capturedCharge();
    await refund(chargeId);
    clock.advance(30 * SECOND);
    expectPayError(await pay("POST", "refunds", { body: { chargeId, refundAmount: usd("1.51") } }), { status: 400, reasonCode: "TransactionAmountExceeded" });
  });
});

describe("the journal records the state each answer showed, a replay included", () => {
  it("CreateRefund RefundInitiated (and so its replay), GetRefund Refunded 30 s later", async () => {
    const chargeId = await capturedCharge();
    const body = { chargeId, refundAmount: TEN };
    const created = await pay("POST", "refunds", { body, headers: withKey("refund-journal-1") });
    clock.advance(30 * SECOND);
    await pay("POST", "refunds", { body, headers: withKey("refund-journal-1") });
    await pay("GET", `refunds/${String(created.body.refundId)}`);
    expect([...sandbox.journal.of("CreateRefund"), ...sandbox.journal.of("GetRefund")].map((entry) => entry.response.state)).toEqual(["RefundInitiated", "RefundInitiated", "Refunded"]);
  });
});
