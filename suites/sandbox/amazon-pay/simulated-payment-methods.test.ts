import { describe, expect, it } from "vitest";
import { createManualClock } from "../../clock/clock.js";
import { expectPayError, openSession, pay, TEN } from "../test-support/pay-requests.js";
import { sandboxUnderTest } from "../test-support/sandbox-under-test.js";
import type { SimulatedPaymentMethod } from "./simulated-payment-methods.js";

/*
 * The sandbox's simulated payment methods, by last four digits (reference
 * B7 [DOC], "Use Sandbox simulations", the card table; issue 16 facts §3).
 * The error for a pending card without its prerequisite is no page's:
 * `amazonPay.pendingPaymentMethodErrorCode` (UNVERIFIED).
 */

const clock = createManualClock();
const { sandbox } = sandboxUnderTest({ clock });
const SECOND = 1000;

/** An Open session that can take a pending authorization, as the pending cards require. */
async function pendingReadySession(paymentIntent = "Authorize"): Promise<string> {
  const id = await openSession();
  const updated = await pay("PATCH", `checkoutSessions/${id}`, { body: { paymentDetails: { paymentIntent, canHandlePendingAuthorization: true } } });
  expect(updated.status, updated.text).toBe(200);
  return id;
}

async function completeWith(options: { lastFour: SimulatedPaymentMethod; sessionId?: string; simulation?: string }) {
  const checkoutSessionId = options.sessionId ?? (await pendingReadySession());
  sandbox.amazonPay.useSimulatedPaymentMethod({ checkoutSessionId, lastFour: options.lastFour });
  const completed = await pay("POST", `checkoutSessions/${checkoutSessionId}/complete`, { body: { chargeAmount: TEN }, ...(options.simulation ? { headers: { "x-amz-pay-simulation-code": options.simulation } } : {}) });
  return { checkoutSessionId, completed };
}

describe("happy-case cards …1111 …0005 …4444 …9424 …0000: the charge is Authorized", () => {
  it.each<[SimulatedPaymentMethod]>([["1111"], ["0005"], ["4444"], ["9424"], ["0000"]])("…%s", async (lastFour) => {
    const { completed } = await completeWith({ lastFour });
    expect(completed.status, completed.text).toBe(200);
    expect((await pay("GET", `charges/${String(completed.body.chargeId)}`)).body).toMatchObject({ statusDetails: { state: "Authorized" } });
  });
});

describe("cards that cancel the session: …3064 BuyerCanceled, …3434 Declined", () => {
  it.each<[SimulatedPaymentMethod, string]>([
    ["3064", "BuyerCanceled"],
    ["3434", "Declined"],
  ])("…%s: Canceled with %s", async (lastFour, want) => {
    const { checkoutSessionId, completed } = await completeWith({ lastFour });
    expectPayError(completed, { status: 422, reasonCode: "CheckoutSessionCanceled" });
    expect((await pay("GET", `checkoutSessions/${checkoutSessionId}`)).body).toMatchObject({ statusDetails: { state: "Canceled", reasonCode: want }, chargeId: null, chargePermissionId: null });
  });
});

describe("pending cards: …0701 Authorized after 30 s, …4354 Declined (HardDeclined) after 30 s", () => {
  it.each<[SimulatedPaymentMethod, { state: string; reasonCode: string | null }]>([
    ["0701", { state: "Authorized", reasonCode: null }],
    ["4354", { state: "Declined", reasonCode: "HardDeclined" }],
  ])("…%s", async (lastFour, want) => {
    const { completed } = await completeWith({ lastFour });
    expect(completed.body).toMatchObject({ statusDetails: { state: "Completed" } });
    const chargeId = String(completed.body.chargeId);
    clock.advance(30 * SECOND - 1);
    expect((await pay("GET", `charges/${chargeId}`)).body).toMatchObject({ statusDetails: { state: "AuthorizationInitiated" } });
    clock.advance(1);
    expect((await pay("GET", `charges/${chargeId}`)).body).toMatchObject({ statusDetails: want });
  });

  it.each<[string, { given: { paymentIntent: string; canHandlePendingAuthorization: boolean } }]>([
    ["canHandlePendingAuthorization false", { given: { paymentIntent: "Authorize", canHandlePendingAuthorization: false } }],
    ["paymentIntent Confirm", { given: { paymentIntent: "Confirm", canHandlePendingAuthorization: true } }],
    ["paymentIntent AuthorizeWithCapture", { given: { paymentIntent: "AuthorizeWithCapture", canHandlePendingAuthorization: true } }],
  ])("without the prerequisite (%s) completing is an error and the session stays Open", async (_, { given }) => {
    const sessionId = await openSession();
    expect((await pay("PATCH", `checkoutSessions/${sessionId}`, { body: { paymentDetails: given } })).status).toBe(200);
    const { completed } = await completeWith({ lastFour: "0701", sessionId });
    expectPayError(completed, { status: 400, reasonCode: "InvalidSandboxSimulationSpecified", message: /ending 0701 needs paymentIntent Authorize and canHandlePendingAuthorization true/ });
    expect((await pay("GET", `checkoutSessions/${sessionId}`)).body).toMatchObject({ statusDetails: { state: "Open" } });
  });
});

describe("a simulation string overrides the simulated payment method (reference B7 [DOC])", () => {
  it.each<[string, { given: { lastFour: SimulatedPaymentMethod; simulation: string }; want: { status: number; session: string; charge?: string } }]>([
    ["…3064 with AuthorizationInitiated: completed, not Canceled, and Authorized after 30 s", { given: { lastFour: "3064", simulation: "AuthorizationInitiated" }, want: { status: 200, session: "Completed", charge: "Authorized" } }],
    ["…4354 with AuthorizationInitiated: Authorized after 30 s, not Declined", { given: { lastFour: "4354", simulation: "AuthorizationInitiated" }, want: { status: 200, session: "Completed", charge: "Authorized" } }],
    ["…0701 with BuyerCanceled: Canceled", { given: { lastFour: "0701", simulation: "BuyerCanceled" }, want: { status: 422, session: "Canceled" } }],
  ])("%s", async (_, { given, want }) => {
    const { checkoutSessionId, completed } = await completeWith(given);
    expect(completed.status, completed.text).toBe(want.status);
    expect((await pay("GET", `checkoutSessions/${checkoutSessionId}`)).body).toMatchObject({ statusDetails: { state: want.session } });
    clock.advance(30 * SECOND);
    if (want.charge) expect((await pay("GET", `charges/${String(completed.body.chargeId)}`)).body).toMatchObject({ statusDetails: { state: want.charge } });
  });
});

describe("choosing a simulated payment method is checked where the test makes it", () => {
  it.each<[string, { given: () => Promise<{ checkoutSessionId: string; lastFour: string }>; want: RegExp }]>([
    ["an unknown card", { given: async () => ({ checkoutSessionId: await openSession(), lastFour: "1234" }), want: /…1234 is no simulated payment method/ }],
    ["an unknown session", { given: () => Promise.resolve({ checkoutSessionId: "S01-0000000-0000000", lastFour: "0701" }), want: /no checkout session S01-0000000-0000000/ }],
    ["a Completed session", { given: async () => ({ checkoutSessionId: (await completeWith({ lastFour: "1111" })).checkoutSessionId, lastFour: "0701" }), want: /is Completed; a buyer chooses a payment method while it is Open/ }],
  ])("%s is refused", async (_, { given, want }) => {
    const { checkoutSessionId, lastFour } = await given();
    // A string the type does not take, as a test written in JavaScript might pass.
    expect(() => sandbox.amazonPay.useSimulatedPaymentMethod({ checkoutSessionId, lastFour: lastFour as SimulatedPaymentMethod })).toThrow(want);
  });
});
