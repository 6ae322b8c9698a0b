import { describe, expect, it } from "vitest";
import { sandboxUnderTest } from "../test-support/sandbox-under-test.js";
import { createSandbox } from "../../../generated/sandbox.js";
import { createManualClock } from "../../clock/clock.js";
import { completedSession, expectPayError, openSession, pay, TEN } from "../test-support/pay-requests.js";

/*
 * Time rules on the sandbox's clock (amazon-pay/expiry.ts): an Open checkout
 * session is Canceled after 24 hours ([DOC] checkout-session page, reference
 * B8; seed 002 "you did not confirm checkout within 24 hour by calling
 * Complete Checkout Session") and deleted after 30 days ([DOC] B8); an
 * authorization expires after 30 days (B8, third-party: a setting); the
 * AuthorizationInitiated simulation authorizes after 30 s (B7 [DOC] for the
 * sandbox card …0701: a setting). Signatures are another test's subject.
 */

const clock = createManualClock();
const { server } = sandboxUnderTest({ clock });

const SECOND = 1000;
const HOUR = 60 * 60 * SECOND;
const DAY = 24 * HOUR;

describe("a checkout session left Open is Canceled after 24 hours (seed 002; reference B8)", () => {
  it.each<[string, { given: number; want: "Completed" | "Canceled" }]>([
    ["completed after 23 hours: Completed", { given: 23 * HOUR, want: "Completed" }],
    ["completed at exactly 24 hours: still within them, Completed", { given: DAY, want: "Completed" }],
    ["completed 24 hours and 1 ms later: InvalidCheckoutSessionStatus, the session Canceled", { given: DAY + 1, want: "Canceled" }],
    ["completed two days later: InvalidCheckoutSessionStatus", { given: 2 * DAY, want: "Canceled" }],
  ])("%s", async (_, { given, want }) => {
    const id = await openSession();
    const created = clock.now();
    clock.advance(given);
    const completed = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN } });
    const read = await pay("GET", `checkoutSessions/${id}`);
    if (want === "Completed") {
      expect(completed.status, completed.text).toBe(200);
      expect(read.body).toMatchObject({ statusDetails: { state: "Completed" } });
      return;
    }
    // Seed 002: completing a Canceled session is InvalidCheckoutSessionStatus (422, reference B5).
    expectPayError(completed, { status: 422, reasonCode: "InvalidCheckoutSessionStatus" });
    // Canceled as of the moment the 24 hours ran out, with the configured reason (UNVERIFIED: Expired).
    expect(read.body).toMatchObject({ statusDetails: { state: "Canceled", reasonCode: "Expired", lastUpdatedTimestamp: new Date(created + DAY).toISOString() }, chargeId: null, chargePermissionId: null });
  });

  it("Update Checkout Session on an expired session is InvalidCheckoutSessionStatus", async () => {
    const id = await openSession();
    clock.advance(DAY + SECOND);
    expectPayError(await pay("PATCH", `checkoutSessions/${id}`, { body: { paymentDetails: { chargeAmount: TEN } } }), { status: 422, reasonCode: "InvalidCheckoutSessionStatus" });
  });

  it("a Completed session stays Completed however long it waits, until it is deleted after 30 days (reference B8)", async () => {
    const { sessionId } = await completedSession();
    clock.advance(29 * DAY);
    expect((await pay("GET", `checkoutSessions/${sessionId}`)).body).toMatchObject({ statusDetails: { state: "Completed" } });
    clock.advance(DAY + 1);
    expectPayError(await pay("GET", `checkoutSessions/${sessionId}`), { status: 404, reasonCode: "ResourceNotFound" });
  });

  it.each<[string, { given: { checkoutSessionOpenMs: number; checkoutSessionExpiredReason: string }; want: { after: number; reason: string } }]>([
    ["checkoutSessionOpenMs of one hour cancels after an hour", { given: { checkoutSessionOpenMs: HOUR, checkoutSessionExpiredReason: "Expired" }, want: { after: HOUR + 1, reason: "Expired" } }],
    ["checkoutSessionExpiredReason names the reason", { given: { checkoutSessionOpenMs: DAY, checkoutSessionExpiredReason: "BuyerCanceled" }, want: { after: DAY + 1, reason: "BuyerCanceled" } }],
  ])("the expiry is a setting: %s", async (_, { given, want }) => {
    const configured = createSandbox({ clock, config: { verifySignatures: false, amazonPay: { expiry: given } } });
    server.use(...configured.handlers);
    const id = await openSession();
    clock.advance(want.after - 1);
    expect((await pay("GET", `checkoutSessions/${id}`)).body).toMatchObject({ statusDetails: { state: "Open" } });
    clock.advance(1);
    expect((await pay("GET", `checkoutSessions/${id}`)).body).toMatchObject({ statusDetails: { state: "Canceled", reasonCode: want.reason } });
  });
});

describe("an Authorized charge expires after 30 days (reference B8, third-party: a setting)", () => {
  it.each<[string, { given: number; want: { capture: number; state: string } }]>([
    ["captured after 29 days: Captured", { given: 29 * DAY, want: { capture: 200, state: "Captured" } }],
    ["captured after 30 days and 1 ms: InvalidChargeStatus, the charge Canceled", { given: 30 * DAY + 1, want: { capture: 422, state: "Canceled" } }],
  ])("%s", async (_, { given, want }) => {
    const { chargeId } = await completedSession();
    clock.advance(given);
    const captured = await pay("POST", `charges/${chargeId}/capture`, { body: { captureAmount: TEN } });
    expect(captured.status, captured.text).toBe(want.capture);
    if (want.capture !== 200) expectPayError(captured, { status: 422, reasonCode: "InvalidChargeStatus" });
    expect((await pay("GET", `charges/${chargeId}`)).body).toMatchObject({ statusDetails: { state: want.state, ...(want.state === "Canceled" ? { reasonCode: "ExpiredUnused" } : {}) } });
  });
});

describe("the AuthorizationInitiated simulation authorizes after 30 s (reference B7 [DOC], for the sandbox card …0701)", () => {
  it.each<[string, { given: number; want: string }]>([
    ["29 s later the charge is still AuthorizationInitiated", { given: 29 * SECOND, want: "AuthorizationInitiated" }],
    ["30 s later it is Authorized", { given: 30 * SECOND, want: "Authorized" }],
  ])("%s", async (_, { given, want }) => {
    const id = await openSession();
    const completed = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN }, headers: { "x-amz-pay-simulation-code": "AuthorizationInitiated" } });
    const chargeId = String(completed.body.chargeId);
    clock.advance(given);
    expect((await pay("GET", `charges/${chargeId}`)).body).toMatchObject({ statusDetails: { state: want } });
  });
});

describe("pending charges settle where the request led them", () => {
  it("the CaptureInitiated simulation of Create Charge: CaptureInitiated, Captured after `expiry.pendingCaptureMs` (UNVERIFIED, 30 s)", async () => {
    const { chargePermissionId } = await completedSession();
    const created = await pay("POST", "charges", { body: { chargePermissionId, chargeAmount: TEN, captureNow: true }, headers: { "x-amz-pay-simulation-code": "CaptureInitiated" } });
    expect(created.body).toMatchObject({ statusDetails: { state: "CaptureInitiated" }, captureAmount: null });
    clock.advance(30 * SECOND);
    expect((await pay("GET", `charges/${String(created.body.chargeId)}`)).body).toMatchObject({ statusDetails: { state: "Captured" }, captureAmount: TEN });
  });

  it("a pending authorization of an AuthorizeWithCapture session settles Captured, not merely Authorized", async () => {
    const id = await openSession();
    expect((await pay("PATCH", `checkoutSessions/${id}`, { body: { paymentDetails: { paymentIntent: "AuthorizeWithCapture" } } })).status).toBe(200);
    const completed = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN }, headers: { "x-amz-pay-simulation-code": "AuthorizationInitiated" } });
    clock.advance(30 * SECOND);
    expect((await pay("GET", `charges/${String(completed.body.chargeId)}`)).body).toMatchObject({ statusDetails: { state: "Captured" }, captureAmount: TEN });
  });
});
