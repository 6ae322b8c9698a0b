import { describe, expect, it } from "vitest";
import { createManualClock } from "../../clock/clock.js";
import type { Fault } from "../faults.js";
import { completedSession, expectPayError, openSession, pay, TEN } from "../test-support/pay-requests.js";
import { sandboxUnderTest } from "../test-support/sandbox-under-test.js";

/*
 * The state fault: the request takes effect, its object is left in a state
 * and settles later on the sandbox's clock — a pending authorization
 * (AuthorizationInitiated → Authorized | Declined, [DOC] asynchronous-processing
 * page), a pending capture (CaptureInitiated → Captured | Declined, [DOC-ja]),
 * a refund (RefundInitiated → Refunded | Declined, [DOC-ja]); issue 16 facts §2.
 */

const clock = createManualClock();
const { sandbox } = sandboxUnderTest({ clock });
const SECOND = 1000;

type StateFault = Extract<Fault, { kind: "state" }>;
const pending = (state: string, settles: { state: string; reasonCode?: string }, afterMs = 30 * SECOND): StateFault => ({ kind: "state", state, settles: { ...settles, afterMs } });

async function readState(path: string): Promise<unknown> {
  return (await pay("GET", path)).body.statusDetails;
}

describe("CreateCharge and CompleteCheckoutSession leave the Charge pending, then settled", () => {
  it.each<[string, { given: StateFault; want: { first: object; settled: object } }]>([
    ["AuthorizationInitiated, Authorized 30 s later", { given: pending("AuthorizationInitiated", { state: "Authorized" }), want: { first: { state: "AuthorizationInitiated", reasonCode: null }, settled: { state: "Authorized", reasonCode: null } } }],
    ["AuthorizationInitiated, Declined as HardDeclined 30 s later", { given: pending("AuthorizationInitiated", { state: "Declined", reasonCode: "HardDeclined" }), want: { first: { state: "AuthorizationInitiated" }, settled: { state: "Declined", reasonCode: "HardDeclined" } } }],
    ["AuthorizationInitiated, Declined as SoftDeclined 30 s later", { given: pending("AuthorizationInitiated", { state: "Declined", reasonCode: "SoftDeclined" }), want: { first: { state: "AuthorizationInitiated" }, settled: { state: "Declined", reasonCode: "SoftDeclined" } } }],
    ["Declined at once, with no settling", { given: { kind: "state", state: "Declined", reasonCode: "SoftDeclined" }, want: { first: { state: "Declined", reasonCode: "SoftDeclined" }, settled: { state: "Declined", reasonCode: "SoftDeclined" } } }],
  ])("CreateCharge: %s", async (_, { given, want }) => {
    const { chargePermissionId } = await completedSession();
    sandbox.enqueue("CreateCharge", given);
    const created = await pay("POST", "charges", { body: { chargePermissionId, chargeAmount: TEN } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.statusDetails).toMatchObject(want.first);
    const chargeId = String(created.body.chargeId);
    const changed = clock.now() + (given.settles?.afterMs ?? 0);
    clock.advance(30 * SECOND - 1);
    expect(await readState(`charges/${chargeId}`)).toMatchObject(want.first);
    clock.advance(1);
    expect(await readState(`charges/${chargeId}`)).toMatchObject({ ...want.settled, lastUpdatedTimestamp: new Date(changed).toISOString() });
    // The journal says the answer came of a fault, and which state it showed (what the oracles judge).
    expect(sandbox.journal.of("CreateCharge").at(-1)?.response).toMatchObject({ status: 201, by: "fault", fault: "state", state: (want.first as { state: string }).state });
  });

  it("CompleteCheckoutSession: the session is Completed, its Charge AuthorizationInitiated, then Declined", async () => {
    const id = await openSession();
    sandbox.enqueue("CompleteCheckoutSession", pending("AuthorizationInitiated", { state: "Declined", reasonCode: "HardDeclined" }, 5 * SECOND));
    const completed = await pay("POST", `checkoutSessions/${id}/complete`, { body: { chargeAmount: TEN } });
    expect(completed.body).toMatchObject({ statusDetails: { state: "Completed" } });
    const chargeId = String(completed.body.chargeId);
    expect(await readState(`charges/${chargeId}`)).toMatchObject({ state: "AuthorizationInitiated" });
    clock.advance(5 * SECOND);
    expect(await readState(`charges/${chargeId}`)).toMatchObject({ state: "Declined", reasonCode: "HardDeclined" });
  });

  it("a Declined charge cannot be captured (InvalidChargeStatus)", async () => {
    const { chargePermissionId } = await completedSession();
    sandbox.enqueue("CreateCharge", pending("AuthorizationInitiated", { state: "Declined", reasonCode: "HardDeclined" }));
    const chargeId = String((await pay("POST", "charges", { body: { chargePermissionId, chargeAmount: TEN } })).body.chargeId);
    clock.advance(30 * SECOND);
    expectPayError(await pay("POST", `charges/${chargeId}/capture`, { body: { captureAmount: TEN } }), { status: 422, reasonCode: "InvalidChargeStatus" });
  });

  it("a refused request leaves nothing and stays the sandbox's answer in the journal", async () => {
    sandbox.enqueue("CreateCharge", pending("AuthorizationInitiated", { state: "Authorized" }));
    expectPayError(await pay("POST", "charges", { body: { chargePermissionId: "P01-0000000-0000000", chargeAmount: TEN } }), { status: 404, reasonCode: "ResourceNotFound" });
    expect(sandbox.amazonPay.resources.charges.size).toBe(0);
    expect(sandbox.journal.of("CreateCharge").at(-1)?.response.by).toBe("sandbox");
  });
});

describe("CaptureCharge leaves the Charge CaptureInitiated, then Captured or Declined", () => {
  it.each<[string, { given: StateFault; want: { settled: object; captureAmount: unknown; refund: number } }]>([
    ["Captured: refundable", { given: pending("CaptureInitiated", { state: "Captured" }), want: { settled: { state: "Captured" }, captureAmount: TEN, refund: 201 } }],
    ["Declined: nothing captured, nothing to refund", { given: pending("CaptureInitiated", { state: "Declined", reasonCode: "ProcessingFailure" }), want: { settled: { state: "Declined", reasonCode: "ProcessingFailure" }, captureAmount: null, refund: 422 } }],
  ])("%s", async (_, { given, want }) => {
    const { chargeId } = await completedSession();
    sandbox.enqueue("CaptureCharge", given);
    const captured = await pay("POST", `charges/${chargeId}/capture`, { body: { captureAmount: TEN } });
    expect(captured.status, captured.text).toBe(200);
    expect(captured.body).toMatchObject({ statusDetails: { state: "CaptureInitiated" }, captureAmount: TEN });
    // Refunding a capture that is still pending is refused: nothing has been captured yet.
    expectPayError(await pay("POST", "refunds", { body: { chargeId, refundAmount: TEN } }), { status: 422, reasonCode: "InvalidChargeStatus" });
    clock.advance(30 * SECOND);
    const read = await pay("GET", `charges/${chargeId}`);
    expect(read.body).toMatchObject({ statusDetails: want.settled, captureAmount: want.captureAmount });
    expect((await pay("POST", "refunds", { body: { chargeId, refundAmount: TEN } })).status).toBe(want.refund);
  });
});

describe("what a state fault may be queued for is checked when it is queued", () => {
  it.each<[string, { given: { operation: string; fault: StateFault }; want: RegExp }]>([
    ["an operation with no object to leave", { given: { operation: "GetCharge", fault: { kind: "state", state: "Authorized" } }, want: /applies to CreateCharge, CompleteCheckoutSession, CaptureCharge, CreateRefund, not GetCharge/ }],
    ["an Incentives operation", { given: { operation: "CreateGiftCard", fault: { kind: "state", state: "Authorized" } }, want: /for Amazon Pay operations, not CreateGiftCard/ }],
    ["a state the object does not start in", { given: { operation: "CaptureCharge", fault: { kind: "state", state: "AuthorizationInitiated" } }, want: /CaptureCharge can leave its Charge in CaptureInitiated, Captured, Declined, not AuthorizationInitiated/ }],
    ["a Refund state for a Charge", { given: { operation: "CreateCharge", fault: pending("AuthorizationInitiated", { state: "Refunded" }) }, want: /can settle to Authorized, Captured, Declined, Canceled, not Refunded/ }],
    ["a negative delay", { given: { operation: "CreateRefund", fault: pending("RefundInitiated", { state: "Refunded" }, -1) }, want: /afterMs must be a duration/ }],
  ])("%s is refused", (_, { given, want }) => {
    expect(() => sandbox.enqueue(given.operation, given.fault)).toThrow(want);
    expect(sandbox.amazonPay.resources.charges.size).toBe(0);
  });
});
