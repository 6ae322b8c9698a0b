import { describe, expect, it } from "vitest";
import { createManualClock } from "../../clock/clock.js";
import { completedSession, expectPayError, pay, TEN } from "../test-support/pay-requests.js";
import { sandboxUnderTest } from "../test-support/sandbox-under-test.js";
import { ipnDelivery, type IpnMessage } from "./ipn.js";

/*
 * Every state change the clock makes is announced by an IPN v2 (reference
 * B9; issue 16 item 2): a pending charge or refund that settles, an
 * authorization that expires, a charge permission the buyer closes.
 * `sandbox.amazonPay.advance()` brings every object up to the clock and
 * hands out the IPNs not handed out before, in the order they were due.
 */

const clock = createManualClock();
const { sandbox } = sandboxUnderTest({ clock });
const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;

const brief = (n: { at: number; message: IpnMessage; state: string; reasonCode: string | null }) => ({ at: n.at, type: n.message.ObjectType, id: n.message.ObjectId, state: n.state, reasonCode: n.reasonCode });

async function capturedCharge(): Promise<{ chargeId: string; chargePermissionId: string }> {
  const { chargeId, chargePermissionId } = await completedSession();
  expect((await pay("POST", `charges/${chargeId}/capture`, { body: { captureAmount: TEN } })).status).toBe(200);
  return { chargeId, chargePermissionId };
}

describe("advance() brings every object up to the clock and hands out the IPNs made, in the order they were due", () => {
  it("a pending charge due at 30 s and a refund due at 10 s: the refund's IPN first, each with its time", async () => {
    const start = clock.now();
    const pending = await completedSession({ "x-amz-pay-simulation-code": "AuthorizationInitiated" });
    const { chargeId, chargePermissionId } = await capturedCharge();
    sandbox.enqueue("CreateRefund", { kind: "state", state: "RefundInitiated", settles: { state: "Declined", reasonCode: "ProcessingFailure", afterMs: 10 * SECOND } });
    const refundId = String((await pay("POST", "refunds", { body: { chargeId, refundAmount: TEN } })).body.refundId);

    expect(sandbox.amazonPay.advance()).toEqual([]);
    clock.advance(DAY);
    const made = sandbox.amazonPay.advance();
    expect(made.map(brief)).toEqual([
      { at: start + 10 * SECOND, type: "REFUND", id: refundId, state: "Declined", reasonCode: "ProcessingFailure" },
      { at: start + 30 * SECOND, type: "CHARGE", id: pending.chargeId, state: "Authorized", reasonCode: null },
    ]);
    expect(made[0]!.message).toEqual({ MerchantID: "AFAKEMERCHANT01", ObjectType: "REFUND", ObjectId: refundId, ChargePermissionId: chargePermissionId, NotificationType: "STATE_CHANGE", NotificationId: made[0]!.message.NotificationId, NotificationVersion: "v2" });
    expect(made[1]!.message.ChargePermissionId).toBe(pending.chargePermissionId);
    // Handed out once.
    expect(sandbox.amazonPay.advance()).toEqual([]);
    expect(sandbox.amazonPay.notifications).toEqual(made);
  });

  it("a change a request settled first is still announced, once, by the next advance()", async () => {
    const { chargeId } = await completedSession({ "x-amz-pay-simulation-code": "AuthorizationInitiated" });
    clock.advance(30 * SECOND);
    expect((await pay("GET", `charges/${chargeId}`)).body).toMatchObject({ statusDetails: { state: "Authorized" } });
    expect(sandbox.amazonPay.advance().map(brief)).toEqual([{ at: clock.now(), type: "CHARGE", id: chargeId, state: "Authorized", reasonCode: null }]);
    expect(sandbox.amazonPay.advance()).toEqual([]);
  });

  it("a charge that settles and then expires is announced twice, in order: Authorized, then Canceled 30 days later", async () => {
    const start = clock.now();
    const { chargeId } = await completedSession({ "x-amz-pay-simulation-code": "AuthorizationInitiated" });
    clock.advance(31 * DAY);
    expect(sandbox.amazonPay.advance().map(brief)).toEqual([
      { at: start + 30 * SECOND, type: "CHARGE", id: chargeId, state: "Authorized", reasonCode: null },
      { at: start + 30 * SECOND + 30 * DAY, type: "CHARGE", id: chargeId, state: "Canceled", reasonCode: "ExpiredUnused" },
    ]);
  });

  it("a normal refund is announced Refunded after refundMs", async () => {
    const { chargeId } = await capturedCharge();
    const refundId = String((await pay("POST", "refunds", { body: { chargeId, refundAmount: TEN } })).body.refundId);
    clock.advance(30 * SECOND);
    expect(sandbox.amazonPay.advance().map(brief)).toEqual([{ at: clock.now(), type: "REFUND", id: refundId, state: "Refunded", reasonCode: null }]);
  });

  it("reset() forgets the IPNs made; their ids are never made again", async () => {
    await completedSession({ "x-amz-pay-simulation-code": "AuthorizationInitiated" });
    clock.advance(30 * SECOND);
    const [first] = sandbox.amazonPay.advance();
    sandbox.reset();
    expect(sandbox.amazonPay.notifications).toEqual([]);
    // The same objects again after the reset (ids restart): a new notification, under a new id.
    await completedSession({ "x-amz-pay-simulation-code": "AuthorizationInitiated" });
    clock.advance(30 * SECOND);
    const [second] = sandbox.amazonPay.advance();
    expect(second!.message.ObjectId).toBe(first!.message.ObjectId);
    expect(second!.message.NotificationId).not.toBe(first!.message.NotificationId);
  });
});

describe("closeChargePermissionAsBuyer: Closed with BuyerClosed (UNVERIFIED mapping), an IPN, no more charges", () => {
  it("closes, announces, and a later Create Charge is InvalidChargePermissionStatus", async () => {
    const { chargePermissionId } = await completedSession();
    clock.advance(SECOND);
    sandbox.amazonPay.closeChargePermissionAsBuyer(chargePermissionId);
    expect((await pay("GET", `chargePermissions/${chargePermissionId}`)).body).toMatchObject({ statusDetails: { state: "Closed", reasons: [{ reasonCode: "BuyerClosed" }], lastUpdatedTimestamp: new Date(clock.now()).toISOString() } });
    expect(sandbox.amazonPay.advance().map(brief)).toEqual([{ at: clock.now(), type: "CHARGE_PERMISSION", id: chargePermissionId, state: "Closed", reasonCode: "BuyerClosed" }]);
    expectPayError(await pay("POST", "charges", { body: { chargePermissionId, chargeAmount: TEN } }), { status: 422, reasonCode: "InvalidChargePermissionStatus" });
  });

  it.each<[string, { given: () => Promise<string>; want: RegExp }]>([
    ["an unknown charge permission", { given: () => Promise.resolve("P01-0000000-0000000"), want: /no charge permission P01-0000000-0000000/ }],
    [
      "a Closed one",
      {
        given: async () => {
          const { chargePermissionId } = await completedSession();
          sandbox.amazonPay.closeChargePermissionAsBuyer(chargePermissionId);
          return chargePermissionId;
        },
        want: /is already Closed/,
      },
    ],
  ])("%s is refused", async (_, { given, want }) => {
    const id = await given();
    expect(() => sandbox.amazonPay.closeChargePermissionAsBuyer(id)).toThrow(want);
  });
});

describe("a runner delivers each IPN to the adapter's handleIpn, plain or in a signed SNS envelope", () => {
  it.each<["plain" | "1" | "2"]>([["plain"], ["1"], ["2"]])("%s: the handler reads the IPN, GETs the object and finds the state announced", async (wrapping) => {
    const { chargeId } = await completedSession({ "x-amz-pay-simulation-code": "AuthorizationInitiated" });
    clock.advance(45 * SECOND);
    const [notification] = sandbox.amazonPay.advance();
    const delivery = ipnDelivery({ message: notification!.message, wrapping, at: clock.now() });
    const outer = JSON.parse(delivery.body) as Record<string, unknown>;
    const message = (wrapping === "plain" ? outer : JSON.parse(String(outer.Message))) as IpnMessage;
    if (wrapping !== "plain") expect(outer).toMatchObject({ Type: "Notification", MessageId: `sns-${message.NotificationId}`, SignatureVersion: wrapping, Timestamp: new Date(clock.now()).toISOString() });
    expect(message.ObjectId).toBe(chargeId);
    expect((await pay("GET", `charges/${message.ObjectId}`)).body).toMatchObject({ statusDetails: { state: notification!.state } });
  });
});
